import { Alert, App, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { ACCEPT_DECISION_LABELS, type AcceptDecision } from '../../../shared/domain/acceptance';
import { daysLeftLabel, type DeadlineRule } from '../../../shared/domain/deadlines';
import { LEGAL_CHANNEL } from '../../../shared/domain/labels';
import type { DocumentKind } from '../../../shared/documents/kinds';
import { downloadDocument } from '../api/files';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';
import { handler } from '../api/handler';
import { deadlineInput } from '../components/DeadlineRuleFields';
import { CaseFields } from '../components/OpenCase';
import { VisitDrawer } from '../components/VisitDrawer';

type Pending = MethodOutput<'visits.pending'>;
type Item = Pending['items'][number];
type Decided = Pending['decided'][number];

interface Values {
  decision: AcceptDecision;
  title: string;
  owningLeaderId: number | null;
  deadlineRule: DeadlineRule;
  customAmount?: number;
  customUnit?: 'working' | 'calendar';
  joinExisting: boolean;
  legalChannel: 'litigation' | 'arbitration' | 'administrative_review' | 'other';
  guidance: string;
  organ: string;
  delayReason?: string;
}

const NOTICE_NAME: Record<AcceptDecision, string> = {
  accept: '受理告知书',
  refuse: '不予受理告知书',
  transfer: '转送告知书',
  final: '不再受理告知书',
};

const DECISION_COLOR: Record<AcceptDecision, string> = {
  accept: 'green',
  refuse: 'orange',
  transfer: 'blue',
  final: 'red',
};

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

/**
 * 受理告知 (信访工作条例 art 22–23): every visit still waiting for the decision whether to accept
 * it, with the days left of the 15; deciding prints the notice to the petitioner. The 已决定 tab
 * lists the decisions with their notices (the visit's documents), to print again.
 */
export function Acceptance() {
  const list = useCall('visits.pending', {});
  const { message } = App.useApp();
  const [deciding, setDeciding] = useState<Item | null>(null);
  // The registration opened from its number: read it, and correct it before 立案 (更正登记).
  const [viewing, setViewing] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const decision = Form.useWatch('decision', form);
  const rule = Form.useWatch('deadlineRule', form);

  const open = (i: Item) => {
    form.resetFields();
    form.setFieldsValue({
      decision: i.finalMatter ? 'final' : 'accept',
      title: i.demand
        .split(/[，。；,;\n]/)[0]!
        .trim()
        .slice(0, 30),
      owningLeaderId: null,
      deadlineRule: 'answer_60_days',
      customUnit: 'working',
      joinExisting: true,
      legalChannel: 'litigation',
      guidance: '',
      organ: '',
      delayReason: '',
    });
    setDeciding(i);
  };

  const print = async (kind: string, recordId: number, what: string) => {
    const doc = await downloadDocument(kind as DocumentKind, recordId, (d) => `${what}-${d.docNo}.pdf`);
    if (doc.ok) message.success(`${what} ${doc.value.docNo} 已生成`);
    else message.warning(`${what}未能生成：${doc.error.message}，可在“档案”中补打`);
  };

  const decide = async (v: Values) => {
    if (!deciding) return;
    setBusy(true);
    const delay = deciding.overdue ? { delayReason: v.delayReason ?? '' } : {};
    const visitId = deciding.visitId;
    const r =
      v.decision === 'accept'
        ? await submit(form, 'cases.create', {
            visitId,
            title: v.title,
            owningLeaderId: v.owningLeaderId ?? null,
            joinExisting: v.joinExisting,
            ...deadlineInput(v),
            ...delay,
          }).then((x) => (x.ok ? { ok: true as const, notice: { kind: 'acceptance', recordId: x.value.caseId } } : x))
        : await submit(
            form,
            'visits.decide',
            v.decision === 'refuse'
              ? { decision: 'refuse', visitId, legalChannel: v.legalChannel, guidance: v.guidance, ...delay }
              : v.decision === 'transfer'
                ? { decision: 'transfer', visitId, organ: v.organ, ...delay }
                : { decision: 'final', visitId, ...delay },
          ).then((x) => (x.ok ? { ok: true as const, notice: x.value.notice } : x));
    setBusy(false);
    if (!r.ok) return void (r.error.fields?.length ? null : message.error(r.error.message));
    setDeciding(null);
    list.reload();
    await print(r.notice.kind, r.notice.recordId, NOTICE_NAME[v.decision]);
  };

  const items = list.data?.items ?? [];
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <Card
      size="small"
      title={`受理告知${list.data ? `（${list.data.on}）：待决定 ${items.length} 件，其中已超期 ${overdue} 件` : ''}`}
      extra={
        <Button onClick={() => list.reload()} loading={list.loading}>
          刷新
        </Button>
      }
    >
      {list.error && <Alert type="error" showIcon message={list.error.message} style={{ marginBottom: 12 }} />}
      <Tabs
        items={[
          {
            key: 'pending',
            label: `待受理告知（${items.length}）`,
            children: (
              <>
                <Typography.Paragraph type="secondary">
                  来访登记后，未当场办结的事项应在{list.data?.days ?? 15}
                  日内决定是否受理并书面告知信访人（《信访工作条例》第二十二、二十三条；末日遇节假日顺延）。超过期限作出的决定须写明逾期原因，统计中计为逾期告知。
                </Typography.Paragraph>
                <Table<Item>
                  rowKey="visitId"
                  size="small"
                  loading={list.loading}
                  pagination={{ pageSize: 12, hideOnSinglePage: true }}
                  dataSource={items}
                  locale={{ emptyText: '没有待作受理决定的来访' }}
                  columns={[
                    {
                      title: '登记编号',
                      onCell: nowrap,
                      render: (_, i) => (
                        <Button type="link" size="small" onClick={() => setViewing(i.visitId)}>
                          {i.visitNo}
                        </Button>
                      ),
                    },
                    { title: '来访日期', dataIndex: 'date', onCell: nowrap },
                    { title: '信访人', dataIndex: 'petitioner', onCell: nowrap },
                    {
                      title: '诉求',
                      render: (_, i) => (
                        <Space size={4}>
                          {i.finalMatter && <Tag color="red">三级终结</Tag>}
                          <Typography.Text ellipsis style={{ maxWidth: 360 }}>
                            {i.demand}
                          </Typography.Text>
                        </Space>
                      ),
                    },
                    { title: '接访领导', render: (_, i) => i.leader ?? '—', onCell: nowrap },
                    {
                      title: '告知期限',
                      onCell: nowrap,
                      render: (_, i) => (
                        <Typography.Text type={i.overdue ? 'danger' : i.daysLeft <= 3 ? 'warning' : undefined}>
                          {i.dueOn}（{daysLeftLabel(i.daysLeft)}）
                        </Typography.Text>
                      ),
                    },
                    {
                      title: '操作',
                      render: (_, i) => (
                        <Button size="small" type="primary" danger={i.overdue} onClick={() => open(i)}>
                          作出决定
                        </Button>
                      ),
                    },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'decided',
            label: '已决定',
            children: (
              <Table<Decided>
                rowKey="decisionId"
                size="small"
                pagination={{ pageSize: 12, hideOnSinglePage: true }}
                dataSource={list.data?.decided ?? []}
                locale={{ emptyText: '还没有受理决定' }}
                columns={[
                  { title: '登记编号', dataIndex: 'visitNo', onCell: nowrap },
                  { title: '信访人', dataIndex: 'petitioner', onCell: nowrap },
                  {
                    title: '决定',
                    render: (_, d) => (
                      <Tag color={DECISION_COLOR[d.decision]}>{ACCEPT_DECISION_LABELS[d.decision]}</Tag>
                    ),
                  },
                  {
                    title: '去向',
                    render: (_, d) => d.organ ?? (d.caseNo ? `案件 ${d.caseNo}` : '—'),
                  },
                  { title: '决定日期', dataIndex: 'decidedOn', onCell: nowrap },
                  {
                    title: '按期',
                    render: (_, d) =>
                      d.late ? <Typography.Text type="danger">逾期：{d.delayReason}</Typography.Text> : '按期',
                  },
                  {
                    title: '告知书',
                    render: (_, d) =>
                      d.notice ? (
                        <Button
                          size="small"
                          onClick={() => void print(d.notice!.kind, d.notice!.recordId, NOTICE_NAME[d.decision])}
                        >
                          打印{NOTICE_NAME[d.decision]}
                        </Button>
                      ) : (
                        '—'
                      ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
      <VisitDrawer visitId={viewing} onClose={() => (setViewing(null), list.reload())} />
      <Modal
        title={deciding ? `受理决定 ${deciding.visitNo} ${deciding.petitioner}` : ''}
        open={deciding !== null}
        onCancel={() => setDeciding(null)}
        onOk={() => form.submit()}
        okText="决定并打印告知书"
        cancelText="取消"
        confirmLoading={busy}
        forceRender
        width={600}
      >
        {deciding?.finalMatter && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message="该事项已经复查、复核，属三级终结事项，不再受理，不能立案或转送。"
          />
        )}
        {deciding?.overdue && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={`已超过受理告知期限（${deciding.dueOn}），须写明逾期原因。`}
          />
        )}
        <Form<Values> form={form} layout="vertical" onFinish={handler(decide)}>
          <Form.Item name="decision" label="决定">
            <Radio.Group
              optionType="button"
              options={(Object.keys(ACCEPT_DECISION_LABELS) as AcceptDecision[]).map((d) => ({
                value: d,
                label: ACCEPT_DECISION_LABELS[d],
                disabled: deciding?.finalMatter ? d === 'accept' || d === 'transfer' : d === 'final',
              }))}
            />
          </Form.Item>
          {decision === 'accept' && (
            <>
              <CaseFields rule={rule} />
            </>
          )}
          {decision === 'refuse' && (
            <>
              <Form.Item name="legalChannel" label="法定途径">
                <Select
                  options={(['litigation', 'arbitration', 'administrative_review', 'other'] as const).map((c) => ({
                    value: c,
                    label: LEGAL_CHANNEL[c],
                  }))}
                />
              </Form.Item>
              <Form.Item name="guidance" label="告知的受理机关（可选）">
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
          {decision === 'transfer' && (
            <Form.Item
              name="organ"
              label="转送（交办）的有权处理机关或下级机关"
              rules={[{ required: true, whitespace: true, message: '请填写转送（交办）的机关或单位' }]}
            >
              <Input maxLength={60} placeholder="如：城关镇人民政府" />
            </Form.Item>
          )}
          {deciding?.overdue && (
            <Form.Item
              name="delayReason"
              label="逾期原因"
              rules={[{ required: true, whitespace: true, message: '请写明逾期原因' }]}
            >
              <Input.TextArea rows={2} maxLength={200} showCount />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
