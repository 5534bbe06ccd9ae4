import { App, Button, Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import type { DeadlineRule } from '../../../shared/domain/deadlines';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';
import { deadlineInput, DeadlineRuleFields } from './DeadlineRuleFields';
import { activeLeaderOptions } from './leaderOptions';

interface Values {
  title: string;
  owningLeaderId: number | null;
  deadlineRule: DeadlineRule;
  customAmount?: number;
  customUnit?: 'working' | 'calendar';
  joinExisting: boolean;
  delayReason?: string;
}

/** A short name for the matter from the demand: its first clause, at most 30 characters. */
const titleFrom = (demand: string) =>
  demand
    .split(/[，。；,;\n]/)[0]!
    .trim()
    .slice(0, 30);

/**
 * The fields of 立案, in the 立案 dialog and in the 受理 decision (受理告知): the matter's name,
 * the owning leader, the deadline rule, and whether to join the person's case on the same matter.
 * Inside a Form; `rule` is the form's deadlineRule as it stands.
 */
export function CaseFields({ rule }: { rule: DeadlineRule | undefined }) {
  const leaders = useCall('leaders.list', {});
  return (
    <>
      <Form.Item name="title" label="事项名称" rules={[{ required: true, message: '请填写事项名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="owningLeaderId" label="包案领导">
        <Select allowClear showSearch optionFilterProp="label" options={activeLeaderOptions(leaders.data)} />
      </Form.Item>
      <DeadlineRuleFields custom={rule === 'custom'} />
      <Form.Item name="joinExisting" label="同一人同一事项已有案件时并案" valuePropName="checked">
        <Switch checkedChildren="并案" unCheckedChildren="另立" />
      </Form.Item>
    </>
  );
}

/**
 * 立案: the visit becomes a case with an owning leader (包案) and a deadline from the rules, or
 * joins the case the same person already has on the same matter.
 */
export function OpenCase({
  visitId,
  demand,
  leaderId,
  onOpened,
}: {
  visitId: number;
  demand: string;
  leaderId: number | null;
  onOpened: (c: { caseId: number; caseNo: string }) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const rule = Form.useWatch('deadlineRule', form);

  const save = async (v: Values) => {
    setBusy(true);
    const r = await submit(form, 'cases.create', {
      visitId,
      title: v.title,
      owningLeaderId: v.owningLeaderId,
      joinExisting: v.joinExisting,
      ...deadlineInput(v),
      ...(v.delayReason?.trim() ? { delayReason: v.delayReason } : {}),
    });
    setBusy(false);
    if (!r.ok) return void (r.error.fields?.length ? null : message.error(r.error.message));
    setOpen(false);
    message.success(
      r.value.joined
        ? `已并入案件 ${r.value.caseNo}`
        : `已立案 ${r.value.caseNo}，办理期限 ${r.value.deadline}（${r.value.deadlineLabel}）`,
    );
    onOpened(r.value);
  };

  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        立案
      </Button>
      <Modal
        title="立案（信访事项）"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="立案"
        confirmLoading={busy}
        destroyOnHidden
        width={560}
      >
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            title: titleFrom(demand),
            owningLeaderId: leaderId,
            deadlineRule: 'visit_15_working_days',
            customUnit: 'working',
            joinExisting: true,
            delayReason: '',
          }}
          onFinish={(v) => void save(v)}
        >
          <CaseFields rule={rule} />
          <Form.Item name="delayReason" label="逾期原因（超过受理告知期限时必填）">
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
