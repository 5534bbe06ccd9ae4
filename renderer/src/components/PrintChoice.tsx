import { Button, Space } from 'antd';
import { useState } from 'react';
import type { ErrorBody } from '../../../shared/contract';
import type { PrintCopy } from '../../../shared/documents/copies';
import type { RevealReason } from '../../../shared/domain/reveal';
import { RevealDialog } from './RevealReason';

/**
 * The two copies of a document that carries ID numbers or phones (shared/documents/copies.ts):
 * the masked one at a click, the full one after a reason (a reveal, audited and counted).
 * `onPrint` prints and returns the refusal, or null when done.
 */
export function PrintChoice({
  onPrint,
  labels = { masked: '打印脱敏件', full: '打印完整件' },
  disabled,
  what,
}: {
  onPrint: (copy: PrintCopy, reason?: RevealReason) => Promise<ErrorBody | null>;
  labels?: Record<PrintCopy, string>;
  disabled?: boolean;
  /** The document, for the dialog's title (一案一卷, 交办单…). */
  what?: string;
}) {
  const [busy, setBusy] = useState<PrintCopy | null>(null);
  const [asking, setAsking] = useState(false);
  const masked = async () => {
    setBusy('masked');
    await onPrint('masked');
    setBusy(null);
  };
  return (
    <Space size={8} wrap>
      <Button type="primary" disabled={disabled} loading={busy === 'masked'} onClick={() => void masked()}>
        {labels.masked}
      </Button>
      <Button disabled={disabled} loading={busy === 'full'} onClick={() => setAsking(true)}>
        {labels.full}…
      </Button>
      <RevealDialog
        open={asking}
        title={`${labels.full}${what ? `：${what}` : ''}`}
        okText={labels.full}
        onCancel={() => setAsking(false)}
        onConfirm={async (reason) => {
          setBusy('full');
          const refused = await onPrint('full', reason);
          setBusy(null);
          if (!refused) setAsking(false);
          return refused;
        }}
      />
    </Space>
  );
}
