import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { FORM, SESSION } from '../../../shared/domain/labels';
import { RECEPTION_FORMS } from '../../../shared/domain/duty';
import { hall } from '../api/bridge';
import { downloadDocument } from '../api/files';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';
import { ExcelTransfer } from '../components/ExcelTransfer';
import { handler } from '../api/handler';

type Slot = MethodOutput<'roster.slots'>[number];
const WEEK = ['日', '一', '二', '三', '四', '五', '六'];

/** 排班 › 值班表: a month of duty, its gaps, absences and substitutes, and the week's notice. */
export function DutyRoster({ admin }: { admin: boolean }) {
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const from = month.startOf('month').format('YYYY-MM-DD');
  const to = month.endOf('month').format('YYYY-MM-DD');
  const slots = useCall('roster.slots', { from, to });
  const check = useCall('roster.check', { month: month.format('YYYY-MM') });
  const leaders = useCall('leaders.list', {});
  const settings = useCall('settings.get', {});
  const { message, modal } = App.useApp();
  const [absence, setAbsence] = useState<{ slot: Slot; leaderId: number } | null>(null);
  const [editing, setEditing] = useState<Slot | null>(null);
  const rooms = useCall('rooms.list', {});
  const [slotForm] = Form.useForm();
  const [reason, setReason] = useState('');
  const reload = () => (slots.reload(), check.reload());
  const nameOf = (id: number) => leaders.data?.find((l) => l.id === id)?.name ?? String(id);

  const printNotice = async (slot: Slot) => {
    const monday = dayjs(slot.date).subtract((dayjs(slot.date).day() + 6) % 7, 'day');
    const lead = settings.data?.noticeLeadDays ?? 2;
    const firstUpcoming = (slots.data ?? [])
      .filter((s) => dayjs(s.date).isAfter(monday.subtract(1, 'day')) && dayjs(s.date).isBefore(monday.add(7, 'day')))
      .map((s) => s.date)
      .sort()[0];
    const daysAhead = firstUpcoming ? dayjs(firstUpcoming).diff(dayjs().startOf('day'), 'day') : lead;
    const go = async () => {
      const r = await downloadDocument('notice', slot.id, `领导接访公示-${monday.format('YYYYMMDD')}.pdf`);
      if (!r.ok) message.error(r.error.message);
    };
    if (daysAhead < lead)
      modal.confirm({
        title: '公示时间不足',
        content: `按规定接访安排应至少提前 ${lead} 天公示，本周第一次接访距今只有 ${Math.max(daysAhead, 0)} 天。仍要打印吗？`,
        okText: '仍然打印',
        cancelText: '取消',
        onOk: go,
      });
    else await go();
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space>
        <DatePicker
          picker="month"
          value={month}
          onChange={(m) => m && setMonth(m)}
          allowClear={false}
          aria-label="月份"
        />
        <Button onClick={reload}>刷新</Button>
        {admin && <ExcelTransfer what="roster" range={{ from, to }} onImported={reload} />}
      </Space>
      {check.data && (
        <Card size="small" title={`${month.format('YYYY年M月')} 值班检查`} data-testid="roster-check">
          {check.data.unknownYears.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={`${check.data.unknownYears.join('、')}年尚无官方节假日安排，工作日只按周末计算。`}
              style={{ marginBottom: 8 }}
            />
          )}
          {check.data.uncovered.length === 0 &&
          check.data.shortfalls.length === 0 &&
          check.data.needsSubstitute.length === 0 ? (
            <Tag color="green">本月每个工作日都有领导值班，领导接访、下访次数均达到要求</Tag>
          ) : (
            <Space direction="vertical">
              {check.data.uncovered.length > 0 && (
                <div>
                  无人值班的工作日：
                  {check.data.uncovered.map((d) => (
                    <Tag color="red" key={d}>
                      {d} 星期{WEEK[dayjs(d).day()]}
                    </Tag>
                  ))}
                </div>
              )}
              {check.data.needsSubstitute.map((n) => (
                <div key={n.date}>
                  <Tag color="orange">待安排替班</Tag>
                  {n.date}：{n.leaderIds.map(nameOf).join('、')} 请假
                </div>
              ))}
              {check.data.shortfalls.map((s) => (
                <div key={s.leaderId}>
                  <Tag color="volcano">未达要求</Tag>
                  {s.name}（{s.post}）：本月接访 {s.monthReceptions}/{s.monthRequired} 天，本季度下访 {s.quarterOutside}
                  /{s.quarterRequired} 次
                </div>
              ))}
            </Space>
          )}
        </Card>
      )}
      <Table<Slot>
        rowKey="id"
        size="small"
        loading={slots.loading}
        dataSource={slots.data ?? []}
        pagination={false}
        locale={{ emptyText: '本月没有值班安排。请在“排班规则”中生成。' }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 150, render: (d: string) => `${d} 星期${WEEK[dayjs(d).day()]}` },
          { title: '时间', width: 150, render: (_, s) => `${SESSION[s.session]} ${s.startTime}-${s.endTime}` },
          { title: '形式', dataIndex: 'form', width: 90, render: (f: Slot['form']) => FORM[f] },
          {
            title: '接访领导',
            render: (_, s) => (
              <Space wrap>
                {s.leaders.map((l) =>
                  l.absent ? (
                    <Tag key={l.id} color="red" title={l.reason ?? ''}>
                      {l.name} 请假
                    </Tag>
                  ) : (
                    <Tag key={l.id} color={l.substituteFor ? 'blue' : 'default'}>
                      {l.name}
                      {l.substituteFor ? `（代${l.substituteFor}）` : ''}
                    </Tag>
                  ),
                )}
              </Space>
            ),
          },
          { title: '地点', render: (_, s) => s.place ?? s.room ?? '' },
          { title: '备注', dataIndex: 'note', width: 140 },
          {
            title: '操作',
            width: 230,
            render: (_, s) => (
              <Space>
                {admin &&
                  s.leaders
                    .filter((l) => !l.absent && !l.substituteFor)
                    .map((l) => (
                      <Button
                        key={l.id}
                        size="small"
                        onClick={() => (setReason(''), setAbsence({ slot: s, leaderId: l.id }))}
                      >
                        {l.name}请假
                      </Button>
                    ))}
                {admin &&
                  s.leaders
                    .filter((l) => l.absent && !s.leaders.some((x) => x.substituteFor === l.name))
                    .map((l) => (
                      <Select
                        key={l.id}
                        size="small"
                        placeholder={`替${l.name}`}
                        style={{ width: 110 }}
                        aria-label={`替班-${s.date}`}
                        options={(leaders.data ?? [])
                          .filter((x) => x.active && !s.leaders.some((y) => y.id === x.id))
                          .map((x) => ({ value: x.id, label: x.name }))}
                        onChange={handler(async (id: number) => {
                          const r = await hall.call('roster.substitute', {
                            slotId: s.id,
                            absentLeaderId: l.id,
                            substituteLeaderId: id,
                          });
                          if (r.ok) message.success('已安排替班');
                          else message.error(r.error.message);
                          reload();
                        })}
                      />
                    ))}
                {admin && (
                  <Button
                    size="small"
                    onClick={() => {
                      slotForm.setFieldsValue({
                        date: dayjs(s.date),
                        time: [dayjs(s.startTime, 'HH:mm'), dayjs(s.endTime, 'HH:mm')],
                        form: s.form,
                        roomId: s.roomId,
                        place: s.place ?? '',
                        note: s.note ?? '',
                        cancelled: false,
                      });
                      setEditing(s);
                    }}
                  >
                    调整
                  </Button>
                )}
                <Button size="small" onClick={() => void printNotice(s)}>
                  本周公示
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={editing ? `调整 ${editing.date} 的值班` : ''}
        open={editing !== null}
        okText="保存"
        cancelText="取消"
        onCancel={() => setEditing(null)}
        onOk={() => slotForm.submit()}
        forceRender
      >
        <Typography.Paragraph type="secondary">调整只影响这一次值班，规则重新生成时不会覆盖。</Typography.Paragraph>
        <Form
          form={slotForm}
          layout="vertical"
          onFinish={handler(
            async (v: {
              date: Dayjs;
              time: [Dayjs, Dayjs];
              form: Slot['form'];
              roomId: number | null;
              place: string;
              note: string;
              cancelled: boolean;
            }) => {
              if (!editing) return;
              const r = await submit(slotForm, 'roster.updateSlot', {
                slotId: editing.id,
                date: v.date.format('YYYY-MM-DD'),
                startTime: v.time[0].format('HH:mm'),
                endTime: v.time[1].format('HH:mm'),
                form: v.form,
                roomId: v.roomId ?? null,
                place: v.place.trim() || null,
                note: v.note.trim() || null,
                cancelled: v.cancelled === true,
              });
              if (!r.ok) return void message.error(r.error.fields?.[0]?.message ?? r.error.message);
              setEditing(null);
              message.success('已调整');
              reload();
            },
          )}
        >
          <Space wrap>
            <Form.Item name="date" label="日期">
              <DatePicker allowClear={false} />
            </Form.Item>
            <Form.Item name="time" label="时间">
              <TimePicker.RangePicker format="HH:mm" minuteStep={5} allowClear={false} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="form" label="形式">
              <Select style={{ width: 120 }} options={RECEPTION_FORMS.map((f) => ({ value: f, label: FORM[f] }))} />
            </Form.Item>
            <Form.Item name="roomId" label="接待室">
              <Select
                allowClear
                style={{ width: 160 }}
                options={(rooms.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="place" label="地点（下访必填）">
            <Input />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input />
          </Form.Item>
          <Form.Item name="cancelled" valuePropName="checked">
            <Checkbox>取消这次值班</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={absence ? `${nameOf(absence.leaderId)} ${absence.slot.date} 请假` : ''}
        open={absence !== null}
        okText="登记请假"
        cancelText="取消"
        onCancel={() => setAbsence(null)}
        onOk={handler(async () => {
          if (!absence) return;
          const r = await hall.call('roster.markAbsent', {
            slotId: absence.slot.id,
            leaderId: absence.leaderId,
            reason,
          });
          if (!r.ok) return void message.error(r.error.fields?.[0]?.message ?? r.error.message);
          setAbsence(null);
          message.warning('已登记请假，请安排替班');
          reload();
        })}
      >
        <Typography.Paragraph type="secondary">请假须提前报告，并安排替班领导，当天才算有人值班。</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label="请假原因" required>
            <Input.TextArea
              autoFocus
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
              aria-label="请假原因"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
