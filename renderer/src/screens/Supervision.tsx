import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import {
  SUPERVISION_LEVEL_LABELS,
  SUPERVISION_REASON_LABELS,
  type SupervisionLevel,
  type SupervisionReason,
} from '../../../shared/domain/supervision';
import { CASE_STATUS_LABELS } from '../../../shared/domain/case-status';
import { ASSIGNMENT_DEADLINE_LABEL, CASE_DEADLINE_LABEL } from '../../../shared/domain/deadlines';
import { labelOr } from '../../../shared/domain/labels';
import { hall } from '../api/bridge';
import { downloadDocument } from '../api/files';
import { ExportButtons } from '../components/ExportButtons';
import { DeadlineText } from '../components/DeadlineText';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';
import { handler } from '../api/handler';

type Item = MethodOutput<'supervise.list'>['items'][number];

const LEVEL_COLOR: Record<SupervisionLevel, string> = { ordinary: 'blue', yellow: 'gold', red: 'red' };
const REASON_COLOR: Record<SupervisionReason, string> = {
  overdue: 'red',
  assignment_overdue: 'volcano',
  due: 'orange',
  no_receipt: 'purple',
  no_answer: 'magenta',
  shirking: 'geekblue',
};

/** Short cells kept on one line: a date or a status broken over lines reads as two values. */
const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

/** Why no 督办单 can be sent for a listed overdue case: no unit is working on it. */
const NOT_SUPERVISABLE: Record<string, string> = {
  accepted: '尚未交办，请先交办',
  in_review: '复查中，催办复查机关',
  in_rereview: '复核中，催办复核机关',
};

/** 督办: every morning, the cases to chase today, each with a proposed card and a one-step notice. */
export function Supervision() {
  const list = useCall('supervise.list', {});
  const { message } = App.useApp();
  const [issuing, setIssuing] = useState<Item | null>(null);
  const [form] = Form.useForm();

  const open = (i: Item) => {
    form.resetFields();
    form.setFieldsValue({
      reason: i.reasons[0],
      level: i.level,
      answerBy: dayjs(i.answerBy),
      requirements: i.reasons.includes('no_receipt')
        ? '请即签收交办单，并按期办理答复。'
        : i.reasons.includes('overdue')
          ? '该事项已超过办理期限，请立即办理并书面报告办理情况。'
          : i.reasons.includes('assignment_overdue')
            ? '已超过交办期限，尚未报送办理结果，请立即报送。'
            : '该事项即将到期，请抓紧办理，按期答复信访人。',
    });
    setIssuing(i);
  };

  const issue = async (v: {
    reason: SupervisionReason;
    level: SupervisionLevel;
    answerBy: Dayjs;
    requirements: string;
  }) => {
    if (!issuing) return;
    const r = await submit(form, 'cases.move', {
      move: 'supervise',
      caseId: issuing.caseId,
      reason: v.reason,
      level: v.level,
      requirements: v.requirements,
      answerBy: v.answerBy.format('YYYY-MM-DD'),
    });
    if (!r.ok) return void message.error(r.error.fields?.[0]?.message ?? r.error.message);
    setIssuing(null);
    list.reload();
    const slip = r.value.recordId
      ? await downloadDocument('supervision', r.value.recordId, (doc) => `督办单-${doc.docNo}.pdf`)
      : null;
    if (slip?.ok) {
      message.success(`已督办，督办单 ${slip.value.docNo} 已生成`);
    } else message.warning(`已督办，但督办单未能生成：${slip ? slip.error.message : '没有记录'}，可在“档案”中补打`);
  };

  const items = list.data?.items ?? [];
  const overdue = items.filter((i) => i.reasons.includes('overdue')).length;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        size="small"
        title={`督办提醒${list.data ? `（${list.data.on}）：共 ${items.length} 件，其中已超期 ${overdue} 件` : ''}`}
        extra={
          <Space>
            <ExportButtons
              formats={['xlsx', 'csv']}
              run={(format) => hall.call('supervise.export', { format, ...(list.data ? { on: list.data.on } : {}) })}
            />
            <Button onClick={() => list.reload()} loading={list.loading}>
              刷新
            </Button>
          </Space>
        }
      >
        {list.error && <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph type="secondary">
          “已超期”指超过案件办理期限（答复信访人的期限，与案件台账“只看超期”、统计和报表同一口径）；“超过交办期限”指责任单位超过交办单规定的期限仍未报送结果。即将到期按工作日计算（节假日不计）。等级为建议，可在发出督办单时修改；已督办过仍未办结的事项建议提高一级。
        </Typography.Paragraph>
        <Table<Item>
          rowKey="caseId"
          size="small"
          loading={list.loading}
          pagination={false}
          dataSource={items}
          locale={{ emptyText: '今天没有需要督办的事项' }}
          columns={[
            { title: '案件编号', dataIndex: 'caseNo', onCell: nowrap, onHeaderCell: nowrap },
            { title: '事项', dataIndex: 'title' },
            {
              title: '状态',
              render: (_, i) => labelOr(CASE_STATUS_LABELS, i.status),
              onCell: nowrap,
              onHeaderCell: nowrap,
            },
            { title: '责任单位', render: (_, i) => i.leadUnit ?? '—' },
            { title: '包案领导', render: (_, i) => i.leader ?? '—', onCell: nowrap, onHeaderCell: nowrap },
            {
              title: CASE_DEADLINE_LABEL,
              // The days left under the date: at 1366 px the matter and the unit need the room.
              render: (_, i) => <DeadlineText on={i.deadlineOn} daysLeft={i.daysLeft} stacked />,
            },
            {
              title: ASSIGNMENT_DEADLINE_LABEL,
              onCell: nowrap,
              onHeaderCell: nowrap,
              render: (_, i) =>
                i.assignmentDeadlineOn ? (
                  <Typography.Text type={i.reasons.includes('assignment_overdue') ? 'danger' : undefined}>
                    {i.assignmentDeadlineOn}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            {
              title: '原因',
              render: (_, i) =>
                i.reasons.map((r) => (
                  <Tag key={r} color={REASON_COLOR[r]}>
                    {SUPERVISION_REASON_LABELS[r]}
                  </Tag>
                )),
            },
            {
              title: '建议',
              render: (_, i) =>
                i.canSupervise ? <Tag color={LEVEL_COLOR[i.level]}>{SUPERVISION_LEVEL_LABELS[i.level]}</Tag> : '—',
            },
            {
              title: '已督办',
              onHeaderCell: nowrap,
              render: (_, i) =>
                i.supervisedCount ? `${i.supervisedCount}次${i.supervisedToday ? '（今日已发）' : ''}` : '—',
            },
            {
              title: '操作',
              render: (_, i) =>
                i.canSupervise ? (
                  <Button size="small" type={i.supervisedToday ? 'default' : 'primary'} onClick={() => open(i)}>
                    发督办单
                  </Button>
                ) : (
                  <Typography.Text type="secondary">{NOT_SUPERVISABLE[i.status] ?? '—'}</Typography.Text>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        title={issuing ? `督办 ${issuing.caseNo} ${issuing.title}` : ''}
        open={issuing !== null}
        onCancel={() => setIssuing(null)}
        onOk={() => form.submit()}
        okText="发出并生成督办单"
        cancelText="取消"
        forceRender
      >
        {issuing?.supervisedToday && (
          <Alert
            type="warning"
            showIcon
            message="该事项今天已经督办过，确认要再发一次吗？"
            style={{ marginBottom: 12 }}
          />
        )}
        <Form form={form} layout="vertical" onFinish={handler(issue)}>
          <Form.Item name="reason" label="督办原因" rules={[{ required: true, message: '请选择原因' }]}>
            <Select options={Object.entries(SUPERVISION_REASON_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="level" label="督办等级" rules={[{ required: true, message: '请选择等级' }]}>
            <Select options={Object.entries(SUPERVISION_LEVEL_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="answerBy" label="限期答复" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker format="YYYY-MM-DD" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item
            name="requirements"
            label="督办要求"
            rules={[{ required: true, whitespace: true, message: '请填写督办要求' }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
