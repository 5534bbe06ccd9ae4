import { Alert, App, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { ErrorBody } from '../../../shared/contract';
import {
  REVEAL_REASON_LABELS,
  REVEAL_REASONS,
  REVEAL_TEXT_MAX,
  type RevealReason,
  type RevealReasonKind,
} from '../../../shared/domain/reveal';
import { useCan } from '../api/can';
import { hall } from '../api/bridge';
import { useCall } from '../api/useCall';

interface ReasonValues {
  reason: { kind?: RevealReasonKind; text?: string };
}

/**
 * The reason fields (shared/domain/reveal.ts): a radio list, and words, required for 其他. Under
 * `reason` in the form, where the back end's field errors (reason.kind, reason.text) land.
 */
export function RevealReasonFields() {
  const kind = Form.useWatch(['reason', 'kind']) as RevealReasonKind | undefined;
  return (
    <>
      <Form.Item
        name={['reason', 'kind']}
        label="理由"
        rules={[{ required: true, message: '请选择查看理由' }]}
        style={{ marginBottom: 12 }}
      >
        <Radio.Group aria-label="查看理由">
          <Space direction="vertical" size={4}>
            {REVEAL_REASONS.map((r) => (
              <Radio key={r} value={r}>
                {REVEAL_REASON_LABELS[r]}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name={['reason', 'text']}
        label="说明"
        dependencies={[['reason', 'kind']]}
        rules={[
          { max: REVEAL_TEXT_MAX, message: `理由最多${REVEAL_TEXT_MAX}字` },
          ({ getFieldValue }) => ({
            validator: (_, v: string | undefined) =>
              getFieldValue(['reason', 'kind']) === 'other' && !v?.trim()
                ? Promise.reject(new Error('选择“其他”时请写明理由'))
                : Promise.resolve(),
          }),
        ]}
        style={{ marginBottom: 0 }}
      >
        <Input
          aria-label="查看理由说明"
          maxLength={REVEAL_TEXT_MAX}
          showCount
          placeholder={kind === 'other' ? '请写明理由（必填）' : '可补充说明（选填）'}
        />
      </Form.Item>
    </>
  );
}

/** The reason as the contract takes it, from the values of a form holding RevealReasonFields. */
export function reasonOf(values: { reason?: unknown }): RevealReason {
  const r = (values.reason ?? {}) as ReasonValues['reason'];
  return { kind: r.kind!, text: r.text?.trim() ?? '' };
}

/** Puts the back end's reason.* field errors on the fields; true when there were any. */
export function showReasonErrors(form: ReturnType<typeof Form.useForm<ReasonValues>>[0], error: ErrorBody): boolean {
  const fields = (error.fields ?? []).filter((f) => f.path === 'reason' || f.path.startsWith('reason.'));
  form.setFields(
    fields.map((f) => ({
      name: f.path === 'reason.text' ? (['reason', 'text'] as const) : (['reason', 'kind'] as const),
      errors: [f.message],
    })),
  );
  return fields.length > 0;
}

/**
 * Asks why a full ID number or phone is needed, before it is shown or printed. Enter confirms
 * (not while an input method is composing), Esc cancels; a refusal stays in the dialog, at the
 * field when it names one.
 */
export function RevealDialog({
  open,
  title,
  okText = '确定',
  onCancel,
  onConfirm,
}: {
  open: boolean;
  title: string;
  okText?: string;
  onCancel: () => void;
  /** Does the reveal; returns the refusal, or null when done (the dialog is then closed by the caller). */
  onConfirm: (reason: RevealReason) => Promise<ErrorBody | null>;
}) {
  const [form] = Form.useForm<ReasonValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const body = useRef<HTMLDivElement>(null);

  const confirm = async (values: ReasonValues) => {
    setBusy(true);
    setError(null);
    const refused = await onConfirm(reasonOf(values));
    setBusy(false);
    if (refused && !showReasonErrors(form, refused)) setError(refused.message);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || busy) return;
    e.preventDefault();
    form.submit();
  };

  return (
    <Modal
      title={title}
      open={open}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={okText}
      confirmLoading={busy}
      destroyOnHidden
      width={440}
      afterOpenChange={(visible) => {
        if (visible) body.current?.querySelector<HTMLInputElement>('input[type=radio]')?.focus();
      }}
      afterClose={() => setError(null)}
    >
      <div ref={body} onKeyDown={onKeyDown}>
        <LimitNote />
        <Form<ReasonValues>
          form={form}
          layout="horizontal"
          labelCol={{ flex: '48px' }}
          onFinish={(v) => void confirm(v)}
          preserve={false}
          data-testid="reveal-reason"
        >
          <RevealReasonFields />
        </Form>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="reveal-error" />}
      </div>
    </Modal>
  );
}

/** What a reveal costs, with the office's hourly limit (asked only once the dialog shows). */
function LimitNote() {
  const settings = useCall('settings.get', {});
  return (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
      完整的身份证号和电话只在确有需要时查看：每次都连同理由记入审计，每个账号每小时最多{' '}
      {settings.data?.revealsPerHour ?? '…'} 次。
    </Typography.Paragraph>
  );
}

const FIELD_LABELS = { idNumber: '身份证号', phone: '电话' } as const;

/**
 * A masked ID number or phone with 显示完整: the full value after a reason (petitioners.reveal),
 * for this view only. The one way every screen that shows a masked value offers the full one
 * (案件, 回访, 登记's earlier visits); the button shows when the account's role may reveal.
 */
export function RevealValue({
  petitionerId,
  field,
  masked,
}: {
  petitionerId: number;
  field: 'idNumber' | 'phone';
  masked: string;
}) {
  const { message } = App.useApp();
  const mayReveal = useCan()('petitioners.reveal');
  const [asking, setAsking] = useState(false);
  const [full, setFull] = useState<string | null>(null);
  if (!masked) return <Typography.Text type="secondary">未登记</Typography.Text>;
  return (
    <Space size={4}>
      <span data-testid={`${field}-value`}>{full ?? masked}</span>
      {mayReveal && full === null && (
        <Button size="small" type="link" onClick={() => setAsking(true)} aria-label={`显示完整${FIELD_LABELS[field]}`}>
          显示完整
        </Button>
      )}
      <RevealDialog
        open={asking}
        title={`查看完整${FIELD_LABELS[field]}`}
        okText="查看"
        onCancel={() => setAsking(false)}
        onConfirm={async (reason) => {
          const r = await hall.call('petitioners.reveal', { petitionerId, field, reason });
          if (!r.ok) return r.error;
          setAsking(false);
          setFull(r.value.value ?? '');
          message.info('已记入审计');
          return null;
        }}
      />
    </Space>
  );
}
