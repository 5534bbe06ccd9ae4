import { App, Button, Card, Col, Empty, Form, Input, Modal, Row, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { hall } from '../api/bridge';
import { useHallNow } from '../api/clock';
import { useCan } from '../api/can';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';
import { InterviewRecord } from '../components/InterviewRecord';
import { EndOfDay } from './EndOfDay';
import { handler } from '../api/handler';
import { activeLeaderOptions } from '../components/leaderOptions';

type Ticket = MethodOutput<'queue.today'>[number];

const STATUS: Record<Ticket['status'], { label: string; color: string }> = {
  waiting: { label: '等候', color: 'default' },
  called: { label: '已叫号', color: 'orange' },
  in_reception: { label: '接待中', color: 'green' },
  done: { label: '已办结', color: 'blue' },
  skipped: { label: '过号', color: 'red' },
  transferred: { label: '已转交', color: 'purple' },
  gone: { label: '未到', color: 'red' },
};

type Summons = MethodOutput<'summons.today'>[number];

/** Units summoned for a visit, each with its countdown, and a button to record arrival. */
function Summoned({
  visitId,
  summons,
  units,
  reload,
}: {
  visitId: number;
  summons: Summons[];
  units: { id: number; name: string }[];
  reload: () => void;
}) {
  // The back end's clock, ticking: a countdown on a test clock counts from the test day's time.
  const now = useHallNow();
  const [picked, setPicked] = useState<number[]>([]);
  const { message } = App.useApp();
  const can = useCan();
  const mine = summons.filter((s) => s.visitId === visitId);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {mine.map((s) => {
        const left = Math.round((Date.parse(s.dueAt) - now) / 1000);
        return (
          <Space key={s.id}>
            <span>{s.unit}</span>
            {s.arrivedAt ? (
              <Tag color={s.late ? 'red' : 'green'}>{s.late ? '迟到' : '已到场'}</Tag>
            ) : (
              <>
                <Tag color={left < 0 ? 'red' : 'orange'} data-testid="countdown">
                  {left < 0
                    ? `已超时 ${Math.floor(-left / 60)} 分`
                    : `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`}
                </Tag>
                {can('summons.arrive') && (
                  <Button
                    size="small"
                    onClick={handler(async () => {
                      const r = await hall.call('summons.arrive', { summonsId: s.id });
                      if (!r.ok) message.error(r.error.message);
                      reload();
                    })}
                  >
                    到场
                  </Button>
                )}
              </>
            )}
          </Space>
        );
      })}
      {can('summons.create') && (
        <Space.Compact style={{ width: '100%' }}>
          <Select
            mode="multiple"
            placeholder="通知责任单位到场"
            value={picked}
            onChange={setPicked}
            style={{ width: '100%' }}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            aria-label="通知单位"
          />
          <Button
            disabled={picked.length === 0}
            onClick={handler(async () => {
              const r = await hall.call('summons.create', { visitId, unitIds: picked });
              if (!r.ok) return void message.error(r.error.message);
              setPicked([]);
              reload();
            })}
          >
            通知
          </Button>
        </Space.Compact>
      )}
    </Space>
  );
}

/** 今日接访: each leader's line for today, with call, recall, skip, transfer, start, finish. */
export function Today() {
  const queue = useCall('queue.today', {});
  const leaders = useCall('leaders.list', {});
  const summons = useCall('summons.today', {});
  const units = useCall('units.list', {});
  const { message } = App.useApp();
  // The desk acts on every line, a leader on their own (the queue shows them only theirs), the archivist watches.
  const can = useCan();
  const acts = can('queue.act');
  const [moving, setMoving] = useState<Ticket | null>(null);
  const [transferForm] = Form.useForm<{ leaderId: number; reason?: string }>();
  const [interviewing, setInterviewing] = useState<number | null>(null);

  const reloadQueue = queue.reload;
  useEffect(() => hall.on('queue.changed', () => reloadQueue()), [reloadQueue]);

  const act = async (ticket: Ticket, action: 'recall' | 'skip' | 'start' | 'finish') => {
    const r = await hall.call('queue.act', { action, ticketId: ticket.id });
    if (!r.ok) message.error(r.error.message);
    // Reception starts the interview record, beside the line.
    else if (action === 'start') setInterviewing(ticket.visitId);
    else if (action === 'skip')
      message.info(r.value.result === 'gone' ? `${ticket.code} 多次未到，已出列` : `${ticket.code} 过号，排到队尾`);
  };

  const byLeader = new Map<number | null, Ticket[]>();
  for (const t of queue.data ?? []) byLeader.set(t.leaderId, [...(byLeader.get(t.leaderId) ?? []), t]);
  const name = (id: number | null) => leaders.data?.find((l) => l.id === id)?.name ?? '未分配';

  return (
    <>
      {queue.data && queue.data.length === 0 && <Empty description="今天还没有登记排队的来访人" />}
      <Row gutter={[16, 16]}>
        {[...byLeader.entries()].map(([leaderId, tickets]) => {
          const current = tickets.find((t) => t.status === 'called' || t.status === 'in_reception');
          const waiting = tickets.filter((t) => t.status === 'waiting');
          return (
            <Col span={8} key={String(leaderId)}>
              <Card
                title={name(leaderId)}
                data-testid={`line-${name(leaderId)}`}
                extra={
                  leaderId !== null &&
                  can('queue.call', { leaderId }) && (
                    <Button
                      type="primary"
                      disabled={!!current || waiting.length === 0}
                      onClick={handler(async () => {
                        const r = await hall.call('queue.call', { leaderId });
                        if (!r.ok) message.error(r.error.message);
                      })}
                    >
                      叫下一位
                    </Button>
                  )
                }
              >
                {current ? (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Typography.Title level={2} style={{ margin: 0 }}>
                      {current.code} <Tag color={STATUS[current.status].color}>{STATUS[current.status].label}</Tag>
                    </Typography.Title>
                    <span>
                      {current.name}　{current.headCount} 人{current.room ? `　${current.room}` : ''}
                    </span>
                    <Summoned
                      visitId={current.visitId}
                      summons={summons.data ?? []}
                      units={(units.data ?? []).filter((u) => u.active)}
                      reload={summons.reload}
                    />
                    <Space wrap>
                      {acts && current.status === 'called' && (
                        <>
                          {can('interviews.open') && (
                            <Button onClick={() => void act(current, 'start')}>开始接待</Button>
                          )}
                          <Button onClick={() => void act(current, 'recall')}>重呼（第 {current.callCount} 次）</Button>
                          <Button danger onClick={() => void act(current, 'skip')}>
                            过号
                          </Button>
                          <Button onClick={() => (transferForm.resetFields(), setMoving(current))}>转交</Button>
                        </>
                      )}
                      {acts && current.status === 'in_reception' && (
                        <>
                          {can('interviews.open') && (
                            <Button onClick={() => setInterviewing(current.visitId)}>接谈记录</Button>
                          )}
                          <Button type="primary" onClick={() => void act(current, 'finish')}>
                            办结
                          </Button>
                        </>
                      )}
                    </Space>
                  </Space>
                ) : (
                  <Typography.Text type="secondary">当前无人接待</Typography.Text>
                )}
                <div style={{ marginTop: 12 }}>
                  等候 {waiting.length} 位：
                  {waiting.map((t) => (
                    <Tag key={t.id} style={{ marginBottom: 4 }}>
                      {t.code} {t.name}
                    </Tag>
                  ))}
                </div>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Modal
        title={moving ? `转交 ${moving.code}` : ''}
        open={moving !== null}
        okText="转交"
        cancelText="取消"
        onCancel={() => setMoving(null)}
        forceRender
        onOk={handler(async () => {
          if (!moving) return;
          // Every refusal at its field: the leader here, the reason from the back end's answer.
          const v = await transferForm.validateFields().catch(() => null);
          if (!v) return;
          const r = await submit(transferForm, 'queue.act', {
            action: 'transfer',
            ticketId: moving.id,
            leaderId: v.leaderId,
            reason: v.reason ?? '',
          });
          if (!r.ok) return void (r.error.fields?.length || message.error(r.error.message));
          setMoving(null);
        })}
      >
        <Form form={transferForm} layout="vertical">
          <Form.Item name="leaderId" label="转交给" rules={[{ required: true, message: '请选择转交给哪位领导' }]}>
            <Select aria-label="转交给" options={activeLeaderOptions(leaders.data, moving?.leaderId)} />
          </Form.Item>
          <Form.Item name="reason" label="转交原因" required>
            <Input.TextArea aria-label="转交原因" rows={2} />
          </Form.Item>
        </Form>
      </Modal>
      <InterviewRecord visitId={interviewing} onClose={() => setInterviewing(null)} />
      {(can('day.unreceived') || can('appointments.upcoming')) && <EndOfDay />}
    </>
  );
}
