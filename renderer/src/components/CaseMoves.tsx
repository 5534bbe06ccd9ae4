import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { wholeNumber, type MethodInput, type MethodOutput } from '../../../shared/contract';
import type { DocumentKind } from '../../../shared/documents/kinds';
import { carriesPersonalData, type PrintCopy } from '../../../shared/documents/copies';
import { availableMoves, MOVE_SPECS, type CaseMove, type CaseStage } from '../../../shared/domain/case-machine';
import type { CaseStatus } from '../../../shared/domain/case-status';
import type { Outcome } from '../../../shared/domain/closure';
import { ANSWER_WAY, FOLLOW_UP_WAY, OUTCOME, SATISFACTION } from '../../../shared/domain/labels';
import type { Role } from '../../../shared/domain/roles';
import {
  SUPERVISION_LEVEL_LABELS,
  SUPERVISION_LEVELS,
  SUPERVISION_REASON_LABELS,
  SUPERVISION_REASONS,
} from '../../../shared/domain/supervision';
import { browserMs } from '../api/clock';
import { downloadDocument } from '../api/files';
import { useSession } from '../api/session';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';
import { deadlineInput, DeadlineRuleFields } from './DeadlineRuleFields';
import { reasonOf, RevealReasonFields, RevealValue } from './RevealReason';
import { fieldRule } from '../api/rules';
import { useUnsaved } from '../api/unsaved';

type Detail = MethodOutput<'cases.get'>;
type MoveInput = MethodInput<'cases.move'>;
type Values = Record<string, unknown>;

const options = (map: Readonly<Record<string, string>>) =>
  Object.entries(map).map(([value, label]) => ({ value, label }));
const day = (v: unknown) => (v as Dayjs).format('YYYY-MM-DD');
const required = (message: string) => [{ required: true, message }];

/** The slip each move prints straight away, and the record it prints from. */
const SLIPS: Partial<Record<CaseMove, { kind: DocumentKind; name: string; record: 'row' | 'case' }>> = {
  assign: { kind: 'assignment', name: '交办单', record: 'row' },
  receive: { kind: 'assignment', name: '交办单（含签收回执）', record: 'row' },
  supervise: { kind: 'supervision', name: '督办单', record: 'row' },
  extend: { kind: 'extension', name: '延期办理告知书', record: 'row' },
  close: { kind: 'closure', name: '办结单', record: 'case' },
};

/** Each move's form: its fields, the values it starts with, and how the values become the move's input. */
interface MoveForm {
  fields: (ctx: { units: { value: number; label: string }[]; maxDays: number; custom: boolean }) => ReactNode;
  /** `today` is the hall's day (its clock, a test clock included), not the browser's. */
  initial: (c: Detail, today: Dayjs) => Values;
  input: (v: Values, caseId: number) => MoveInput;
}

const FORMS: Record<CaseMove, MoveForm> = {
  assign: {
    fields: ({ units, custom }) => (
      <>
        <Form.Item name="instruction" label="领导批示" rules={required('请填写领导批示')}>
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Form.Item name="leadUnitId" label="牵头单位" rules={required('请选择牵头单位')}>
          <Select showSearch optionFilterProp="label" options={units} />
        </Form.Item>
        <Form.Item name="assistUnitIds" label="协办单位">
          <Select mode="multiple" optionFilterProp="label" options={units} />
        </Form.Item>
        <Form.Item name="reportRequirements" label="报送要求">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <DeadlineRuleFields custom={custom} />
      </>
    ),
    // The leader's opinion from the latest interview that recorded one: 交办 carries it on as the instruction.
    initial: (c) => ({
      instruction: c.interviews.findLast((i) => i.opinion.trim() !== '')?.opinion ?? '',
      deadlineRule: 'visit_15_working_days',
      assistUnitIds: [],
      reportRequirements: '办结后5个工作日内书面报告办理结果，并附答复意见书。',
      customUnit: 'working',
    }),
    input: (v, caseId) => ({
      move: 'assign',
      caseId,
      instruction: v.instruction as string,
      leadUnitId: v.leadUnitId as number,
      assistUnitIds: (v.assistUnitIds as number[] | undefined) ?? [],
      reportRequirements: (v.reportRequirements as string | undefined) ?? '',
      ...deadlineInput(v),
    }),
  },
  receive: {
    fields: () => (
      <Form.Item name="signedBy" label="签收人" rules={required('请填写签收人')}>
        <Input placeholder="单位签收人姓名" />
      </Form.Item>
    ),
    initial: () => ({}),
    input: (v, caseId) => ({ move: 'receive', caseId, signedBy: v.signedBy as string }),
  },
  supervise: {
    fields: () => (
      <>
        <Form.Item name="reason" label="督办原因">
          <Select options={SUPERVISION_REASONS.map((r) => ({ value: r, label: SUPERVISION_REASON_LABELS[r] }))} />
        </Form.Item>
        <Form.Item name="level" label="督办级别">
          <Select options={SUPERVISION_LEVELS.map((l) => ({ value: l, label: SUPERVISION_LEVEL_LABELS[l] }))} />
        </Form.Item>
        <Form.Item name="requirements" label="督办要求">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="answerBy" label="答复期限" rules={required('请选择答复期限')}>
          <DatePicker />
        </Form.Item>
      </>
    ),
    initial: (c, today) => ({
      reason: c.daysLeft < 0 ? 'overdue' : 'due',
      level: 'ordinary',
      answerBy: today.add(3, 'day'),
      requirements: '请抓紧办理，按期书面答复信访人并报告办理情况。',
    }),
    input: (v, caseId) => ({
      move: 'supervise',
      caseId,
      reason: v.reason as (typeof SUPERVISION_REASONS)[number],
      level: v.level as (typeof SUPERVISION_LEVELS)[number],
      requirements: (v.requirements as string | undefined) ?? '',
      answerBy: day(v.answerBy),
    }),
  },
  extend: {
    fields: ({ maxDays }) => (
      <>
        <Form.Item
          name="days"
          label={`延长天数（最多${maxDays}日，只能延期一次）`}
          rules={[fieldRule('延长天数', wholeNumber(1, maxDays))]}
        >
          <InputNumber aria-label="延长天数" />
        </Form.Item>
        <Form.Item name="reason" label="延期理由（将告知信访人）" rules={required('请写明延期理由')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="approver" label="批准人" rules={required('请填写批准人')}>
          <Input />
        </Form.Item>
      </>
    ),
    initial: (c) => ({ days: 30, approver: c.leader ?? '' }),
    input: (v, caseId) => ({
      move: 'extend',
      caseId,
      days: v.days as number,
      reason: v.reason as string,
      approver: v.approver as string,
    }),
  },
  close: {
    fields: () => (
      <>
        <Form.Item name="findings" label="调查核实情况" rules={required('请填写调查核实情况')}>
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Form.Item name="outcome" label="处理意见" rules={required('请选择处理意见')}>
          <Select options={options(OUTCOME)} />
        </Form.Item>
        <Form.Item name="basis" label="处理依据" rules={required('请填写处理依据')}>
          <Input />
        </Form.Item>
        <Space>
          <Form.Item name="answerDate" label="答复日期" rules={required('请选择答复日期')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="deliveredOn" label="送达日期" tooltip="信访人收到书面答复之日；申请复查的期限自此日起算">
            <DatePicker placeholder="同答复日期" />
          </Form.Item>
          <Form.Item name="answerWay" label="答复方式">
            <Select style={{ width: 200 }} options={options(ANSWER_WAY)} />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="satisfaction" label="信访人满意度">
            <Select style={{ width: 140 }} options={options(SATISFACTION)} />
          </Form.Item>
          <Form.Item name="stopped" label="是否息诉罢访" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Space>
        <Form.Item name="officeReview" label="信访部门审核意见">
          <Input />
        </Form.Item>
      </>
    ),
    initial: (_c, today) => ({
      answerDate: today,
      answerWay: 'written_delivered',
      satisfaction: 'unknown',
      stopped: false,
    }),
    input: (v, caseId) => ({
      move: 'close',
      caseId,
      findings: v.findings as string,
      outcome: v.outcome as Outcome,
      basis: v.basis as string,
      answerDate: day(v.answerDate),
      deliveredOn: v.deliveredOn ? day(v.deliveredOn) : null,
      answerWay: v.answerWay as keyof typeof ANSWER_WAY,
      satisfaction: v.satisfaction as keyof typeof SATISFACTION,
      stopped: Boolean(v.stopped),
      officeReview: (v.officeReview as string | undefined) ?? '',
    }),
  },
  followUp: {
    fields: () => (
      <>
        <Space>
          <Form.Item name="way" label="回访方式">
            <Select style={{ width: 140 }} options={options(FOLLOW_UP_WAY)} />
          </Form.Item>
          <Form.Item name="byName" label="回访人" rules={required('请填写回访人')}>
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="result" label="回访情况" rules={required('请填写回访情况')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        {/* No default: the petitioner's answer is recorded as given, never assumed. */}
        <Form.Item name="satisfaction" label="信访人满意度" rules={required('请选择信访人满意度')}>
          <Select
            style={{ width: 140 }}
            placeholder="请选择"
            options={options(SATISFACTION)}
            aria-label="信访人满意度"
          />
        </Form.Item>
      </>
    ),
    initial: () => ({ way: 'phone' }),
    input: (v, caseId) => ({
      move: 'followUp',
      caseId,
      way: v.way as keyof typeof FOLLOW_UP_WAY,
      byName: v.byName as string,
      result: v.result as string,
      satisfaction: v.satisfaction as keyof typeof SATISFACTION,
    }),
  },
  requestReview: request('requestReview', '复查机关'),
  requestRereview: request('requestRereview', '复核机关'),
  decideReview: decide('decideReview', '复查意见'),
  decideRereview: decide('decideRereview', '复核意见'),
};

function request(move: 'requestReview' | 'requestRereview', body: string): MoveForm {
  return {
    fields: () => (
      <>
        <Form.Item name="requestedOn" label="申请日期" rules={required('请选择申请日期')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="body" label={body} rules={required(`请填写${body}`)}>
          <Input />
        </Form.Item>
      </>
    ),
    initial: (_c, today) => ({ requestedOn: today }),
    input: (v, caseId) => ({ move, caseId, requestedOn: day(v.requestedOn), body: v.body as string }),
  };
}

function decide(move: 'decideReview' | 'decideRereview', result: string): MoveForm {
  return {
    fields: () => (
      <>
        <Form.Item name="result" label={result} rules={required(`请填写${result}`)}>
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Space>
          <Form.Item name="decidedOn" label="答复日期" rules={required('请选择答复日期')}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="deliveredOn"
            label="送达日期"
            tooltip={`信访人收到${result}书之日；${move === 'decideReview' ? '申请复核的期限自此日起算' : '不填即为答复日期'}`}
          >
            <DatePicker placeholder="同答复日期" />
          </Form.Item>
        </Space>
      </>
    ),
    initial: (_c, today) => ({ decidedOn: today }),
    input: (v, caseId) => ({
      move,
      caseId,
      result: v.result as string,
      decidedOn: day(v.decidedOn),
      ...(v.deliveredOn ? { deliveredOn: day(v.deliveredOn) } : {}),
    }),
  };
}

/**
 * 办理: the moves this account may make on the case now, each a form that, once saved, prints
 * its slip (交办单, 督办单, 延期办理告知书, 办结单). Refusals come back at the field or as a message.
 */
export function CaseMoves({ detail, role, onMoved }: { detail: Detail; role: Role; onMoved: () => void }) {
  const [move, setMove] = useState<CaseMove | null>(null);
  const moves = availableMoves(detail.status as CaseStatus, detail.stage as CaseStage, role, detail.extensions.length);
  if (moves.length === 0) return null;
  return (
    <>
      <Space wrap aria-label="办理">
        {moves.map((m) => (
          <Button key={m} type={m === moves[0] ? 'primary' : 'default'} onClick={() => setMove(m)}>
            {MOVE_SPECS[m].label}
          </Button>
        ))}
      </Space>
      {/* One form per opening, so nothing typed for one move leaks into the next. */}
      {move && <MoveDialog key={move} move={move} detail={detail} onClose={() => setMove(null)} onMoved={onMoved} />}
    </>
  );
}

function MoveDialog({
  move,
  detail,
  onClose,
  onMoved,
}: {
  move: CaseMove;
  detail: Detail;
  onClose: () => void;
  onMoved: () => void;
}) {
  const { message } = App.useApp();
  const { clockOffset } = useSession();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  // The dialog holds typed input until it is saved or cancelled: closing the page asks first.
  useUnsaved(() => form.isFieldsTouched());
  const units = useCall('units.list', {});
  const settings = useCall('settings.get', {});
  const rule = Form.useWatch('deadlineRule', form) as string | undefined;
  const slip = SLIPS[move];
  // A slip with the petitioner's phone (交办单) prints masked, or full with a reason (a reveal).
  const choosesCopy = slip !== undefined && carriesPersonalData(slip.kind);
  const slipCopy = (Form.useWatch('slipCopy', form) as PrintCopy | undefined) ?? 'masked';

  const save = async (values: Values) => {
    setBusy(true);
    try {
      const r = await submit(form, 'cases.move', FORMS[move].input(values, detail.caseId));
      if (!r.ok) return void (r.error.fields?.length ? null : message.error(r.error.message));
      onClose();
      const record = slip?.record === 'case' ? detail.caseId : r.value.recordId;
      if (!slip || record === null) message.success(`已${MOVE_SPECS[move].label}`);
      else {
        const full = choosesCopy && values.slipCopy === 'full';
        const printed = await downloadDocument(
          slip.kind,
          record,
          (doc) => `${slip.name}-${doc.docNo || detail.caseNo}${choosesCopy && !full ? '-脱敏' : ''}.pdf`,
          full ? { copy: 'full', reason: reasonOf(values) } : { copy: 'masked' },
        );
        if (printed.ok) message.success(`已${MOVE_SPECS[move].label}，${slip.name} ${printed.value.docNo} 已生成`);
        else
          message.warning(
            `已${MOVE_SPECS[move].label}，但${slip.name}未能生成：${printed.error.message}，可在“档案”中补打`,
          );
      }
      // Reloaded after printing, so the new slip is among the case's documents.
      onMoved();
    } finally {
      setBusy(false);
    }
  };

  const unitOptions = (units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Modal
      title={`${MOVE_SPECS[move].label}：${detail.caseNo}`}
      open
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={
        slip ? `保存并打印${slip.name}${choosesCopy ? `（${slipCopy === 'full' ? '完整件' : '脱敏件'}）` : ''}` : '保存'
      }
      confirmLoading={busy}
      width={640}
    >
      {move === 'followUp' && (
        // 回访 is a call to the petitioner: the number, full after a recorded reason, is here.
        <Space style={{ marginBottom: 12 }} data-testid="follow-up-contact">
          <span>信访人：{detail.petitioner}</span>
          <span>联系电话：</span>
          <RevealValue
            key={`${detail.caseId}-phone`}
            petitionerId={detail.petitionerId}
            field="phone"
            masked={detail.phoneMasked}
          />
        </Space>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={FORMS[move].initial(detail, dayjs(browserMs() + clockOffset))}
        onFinish={(v: Values) => void save(v)}
      >
        {FORMS[move].fields({
          units: unitOptions,
          maxDays: settings.data?.extensionMaxDays ?? 30,
          custom: rule === 'custom',
        })}
        {choosesCopy && (
          <>
            <Form.Item name="slipCopy" label={`打印${slip.name}`} initialValue="masked">
              <Radio.Group
                options={[
                  { value: 'masked', label: '脱敏件（电话中间四位隐去）' },
                  { value: 'full', label: '完整件（须说明理由，记入审计）' },
                ]}
              />
            </Form.Item>
            {slipCopy === 'full' && <RevealReasonFields />}
          </>
        )}
      </Form>
    </Modal>
  );
}
