import { App, Button, Card, Col, Empty, Input, Modal, Row, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { hall } from '../api/bridge';
import { useCall } from '../api/useCall';

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

/** 今日接访: each leader's line for today, with call, recall, skip, transfer, start, finish. */
export function Today() {
  const queue = useCall('queue.today', {});
  const leaders = useCall('leaders.list', {});
  const { message } = App.useApp();
  const [moving, setMoving] = useState<Ticket | null>(null);
  const [target, setTarget] = useState<number | null>(null);
  const [reason, setReason] = useState('');

  useEffect(() => hall.on('queue.changed', () => queue.reload()), [queue.reload]);

  const act = async (ticket: Ticket, action: 'recall' | 'skip' | 'start' | 'finish') => {
    const r = await hall.call('queue.act', { action, ticketId: ticket.id });
    if (!r.ok) message.error(r.error.message);
    else if (action === 'skip') message.info(r.value.result === 'gone' ? `${ticket.code} 多次未到，已出列` : `${ticket.code} 过号，排到队尾`);
  };

  const byLeader = new Map<number | null, Ticket[]>();
  for (const t of queue.data ?? []) byLeader.set(t.leaderId, [...(byLeader.get(t.leaderId) ?? []), t]);
  const name = (id: number | null) => leaders.data?.find((l) => l.id === id)?.name ?? '未分配';

  if (queue.data && queue.data.length === 0) return <Empty description="今天还没有登记排队的来访人" />;
  return (
    <>
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
                  leaderId !== null && (
                    <Button
                      type="primary"
                      disabled={!!current || waiting.length === 0}
                      onClick={async () => {
                        const r = await hall.call('queue.call', { leaderId });
                        if (!r.ok) message.error(r.error.message);
                      }}
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
                    <Space wrap>
                      {current.status === 'called' && (
                        <>
                          <Button onClick={() => void act(current, 'start')}>开始接待</Button>
                          <Button onClick={() => void act(current, 'recall')}>重呼（第 {current.callCount} 次）</Button>
                          <Button danger onClick={() => void act(current, 'skip')}>
                            过号
                          </Button>
                          <Button onClick={() => (setMoving(current), setTarget(null), setReason(''))}>转交</Button>
                        </>
                      )}
                      {current.status === 'in_reception' && (
                        <Button type="primary" onClick={() => void act(current, 'finish')}>
                          办结
                        </Button>
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
        onOk={async () => {
          if (!moving || !target) return void message.warning('请选择转交给哪位领导');
          const r = await hall.call('queue.act', { action: 'transfer', ticketId: moving.id, leaderId: target, reason });
          if (!r.ok) return void message.error(r.error.fields?.[0]?.message ?? r.error.message);
          setMoving(null);
        }}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select
            placeholder="转交给"
            style={{ width: '100%' }}
            value={target}
            onChange={setTarget}
            options={(leaders.data ?? []).filter((l) => l.active && l.id !== moving?.leaderId).map((l) => ({ value: l.id, label: `${l.name}（${l.post}）` }))}
          />
          <Input.TextArea rows={2} placeholder="转交原因" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Space>
      </Modal>
    </>
  );
}
