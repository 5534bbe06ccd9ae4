import { App, Button, Card, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { hall } from '../api/bridge';
import { useCan } from '../api/can';
import { CSV, downloadBase64, XLSX } from '../api/files';
import { handler } from '../api/handler';
import { useCall } from '../api/useCall';
import { RevealDialog, RevealValue } from './RevealReason';

type Notice = MethodOutput<'appointments.notices'>[number];

/**
 * 约访通知: the petitioners whose notice day has come, by name, with the phone masked until a
 * recorded reveal (显示完整, with a reason); the list exports with full phones only after a
 * reason, each phone recorded. 已通知 takes a row off once the call is made.
 */
export function AppointmentNotices({ onNotified }: { onNotified: () => void }) {
  // The export carries full phones: only for accounts that may reveal one.
  const canReveal = useCan()('petitioners.reveal');
  const notices = useCall('appointments.notices', {});
  const { message } = App.useApp();
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);
  return (
    <Card
      size="small"
      title="约访通知名单（今日应通知的信访人）"
      extra={
        canReveal && (
          <Space>
            {(['xlsx', 'csv'] as const).map((f) => (
              <Button key={f} onClick={() => setExporting(f)} disabled={!notices.data?.length}>
                导出{f === 'xlsx' ? ' Excel' : ' CSV'}（含完整电话）
              </Button>
            ))}
          </Space>
        )
      }
      data-testid="appointment-notices"
    >
      <Table<Notice>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={notices.data ?? []}
        locale={{ emptyText: '今日没有需要通知的信访人' }}
        columns={[
          { title: '约访时间', render: (_, n) => dayjs(n.at).format('M月D日 HH:mm'), width: 120 },
          { title: '信访人', dataIndex: 'name', width: 110 },
          {
            title: '电话',
            width: 220,
            render: (_, n) =>
              n.phone ? <RevealValue petitionerId={n.petitionerId} field="phone" masked={n.phone} /> : '未登记',
          },
          { title: '接访领导', dataIndex: 'leader', width: 100 },
          { title: '地点', dataIndex: 'place', ellipsis: true },
          {
            title: '操作',
            width: 120,
            render: (_, n) => (
              <Button
                size="small"
                onClick={handler(async () => {
                  const r = await hall.call('appointments.notified', { id: n.id, who: 'petitioner' });
                  if (!r.ok) return void message.error(r.error.message);
                  notices.reload();
                  onNotified();
                })}
              >
                已通知信访人
              </Button>
            ),
          },
        ]}
      />
      <RevealDialog
        open={exporting !== null}
        title="导出约访通知名单（含完整电话）"
        okText="导出"
        onCancel={() => setExporting(null)}
        onConfirm={async (reason) => {
          const format = exporting!;
          const r = await hall.call('day.export', { list: 'notices', format, reason });
          if (!r.ok) return r.error;
          setExporting(null);
          downloadBase64(r.value.base64, r.value.fileName, format === 'xlsx' ? XLSX : CSV);
          message.success(`已导出 ${r.value.rows} 人，查看记录已记入审计`);
          return null;
        }}
      />
    </Card>
  );
}
