import { App, Button, Card, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { hall } from '../api/bridge';
import { downloadDocument } from '../api/files';
import { useCan } from '../api/can';
import { useCall } from '../api/useCall';
import { AppointmentNotices } from '../components/AppointmentNotices';
import { BookAppointment } from '../components/BookAppointment';
import { CarryOverDialog } from '../components/CarryOver';
import { ExportButtons } from '../components/ExportButtons';
import { handler } from '../api/handler';

type Unreceived = MethodOutput<'day.unreceived'>[number];
type Appointment = MethodOutput<'appointments.upcoming'>['appointments'][number];

/** What an empty table says: its "none" only for a list that came back empty, the refusal for one that did not. */
function listEmptyText(list: { loading: boolean; error: { message: string } | null }, none: string): string {
  if (list.loading) return '正在读取…';
  return list.error ? `未能读取：${list.error.message}` : none;
}

/** 今日接访, lower half: appointments to remind, visitors not received today, the day's summary. */
export function EndOfDay() {
  const unreceived = useCall('day.unreceived', {});
  const upcoming = useCall('appointments.upcoming', {});
  const { message } = App.useApp();
  const can = useCan();
  const [booking, setBooking] = useState<Unreceived | null>(null);
  const [carrying, setCarrying] = useState(false);
  const reloadUnreceived = unreceived.reload;
  useEffect(() => hall.on('queue.changed', () => reloadUnreceived()), [reloadUnreceived]);

  const print = async (kind: 'appointment' | 'day-summary', recordId: number, name: string) => {
    const r = await downloadDocument(kind, recordId, name);
    if (!r.ok) message.error(r.error.message);
  };

  return (
    <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
      {can('appointments.upcoming') && (
        <Card
          size="small"
          title="约访提醒"
          extra={
            <Space>
              {can('day.export') && (
                <ExportButtons
                  formats={['xlsx', 'csv']}
                  run={(format) => hall.call('day.export', { list: 'appointments', format })}
                />
              )}
              {can('documents.print', { kind: 'day-summary' }) && (
                <Button
                  onClick={() =>
                    void print(
                      'day-summary',
                      Number(dayjs().format('YYYYMMDD')),
                      `来访接待日汇总-${dayjs().format('YYYYMMDD')}.pdf`,
                    )
                  }
                >
                  打印今日汇总
                </Button>
              )}
            </Space>
          }
        >
          <Table<Appointment>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={upcoming.data?.appointments ?? []}
            loading={upcoming.loading}
            // "None" only when the list came back empty: not while it loads, not when it was refused.
            locale={{ emptyText: listEmptyText(upcoming, '没有待办的约访') }}
            columns={[
              { title: '时间', render: (_, a) => dayjs(a.at).format('M月D日 HH:mm') },
              { title: '领导', dataIndex: 'leader' },
              { title: '信访人', dataIndex: 'petitioner' },
              { title: '事由', dataIndex: 'purpose' },
              {
                title: '提醒',
                render: (_, a) => (
                  <Space>
                    {a.tellLeader && can('appointments.notified') && (
                      <Button
                        size="small"
                        onClick={handler(async () =>
                          (await hall.call('appointments.notified', { id: a.id, who: 'leader' })).ok
                            ? upcoming.reload()
                            : undefined,
                        )}
                      >
                        已通知领导
                      </Button>
                    )}
                    {a.tellPetitioner && can('appointments.notified') && (
                      <Button
                        size="small"
                        onClick={handler(async () =>
                          (await hall.call('appointments.notified', { id: a.id, who: 'petitioner' })).ok
                            ? upcoming.reload()
                            : undefined,
                        )}
                      >
                        已通知信访人
                      </Button>
                    )}
                    {!a.tellLeader && !a.tellPetitioner && <Tag>无需提醒</Tag>}
                    {can('documents.print', { kind: 'appointment' }) && (
                      <Button size="small" onClick={() => void print('appointment', a.id, `约访通知书-${a.id}.pdf`)}>
                        通知书
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      {can('appointments.notices') && <AppointmentNotices onNotified={upcoming.reload} />}
      {can('day.unreceived') && (
        <Card
          size="small"
          title="今日未接待"
          extra={
            <Space>
              {can('day.carryOver') && (
                <Button type="primary" disabled={!unreceived.data?.length} onClick={() => setCarrying(true)}>
                  日终处理（全部改为约访或结束）
                </Button>
              )}
              {can('day.export') && (
                <ExportButtons
                  formats={['xlsx', 'csv']}
                  run={(format) => hall.call('day.export', { list: 'unreceived', format })}
                />
              )}
            </Space>
          }
        >
          <Table<Unreceived>
            rowKey="visitId"
            size="small"
            pagination={false}
            dataSource={unreceived.data ?? []}
            loading={unreceived.loading}
            locale={{ emptyText: listEmptyText(unreceived, '今日来访人都已接待') }}
            columns={[
              { title: '排队号', dataIndex: 'code' },
              { title: '信访人', dataIndex: 'name' },
              { title: '诉求', dataIndex: 'demand' },
              {
                title: '操作',
                render: (_, u) =>
                  can('appointments.book') && (
                    <Button size="small" onClick={() => setBooking(u)}>
                      改为约访
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
      )}
      <CarryOverDialog
        open={carrying}
        visitors={unreceived.data ?? []}
        onClose={() => setCarrying(false)}
        onChanged={() => {
          unreceived.reload();
          upcoming.reload();
        }}
      />
      <BookAppointment
        target={
          booking && {
            visitId: booking.visitId,
            name: booking.name,
            leaderId: booking.leaderId,
            purpose: booking.demand,
          }
        }
        onClose={() => setBooking(null)}
        onBooked={() => {
          setBooking(null);
          message.success('已约访，可打印约访通知书');
          unreceived.reload();
          upcoming.reload();
        }}
      />
    </Space>
  );
}
