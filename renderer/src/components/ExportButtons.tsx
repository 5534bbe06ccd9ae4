import { App, Button, Space } from 'antd';
import { useState } from 'react';
import type { Result } from '../../../shared/contract';
import { CSV, downloadBase64, PDF, XLSX } from '../api/files';

type Format = 'xlsx' | 'csv' | 'pdf';
const LABELS: Record<Format, string> = { xlsx: '导出 Excel', csv: '导出 CSV', pdf: '打印' };
const TYPES: Record<Format, string> = { xlsx: XLSX, csv: CSV, pdf: PDF };

/** The export buttons of a list: each asks the back end for the file in its format and saves it. */
export function ExportButtons<F extends Format>({
  formats,
  run,
  labels = {},
}: {
  formats: F[];
  run: (format: F) => Promise<Result<{ fileName: string; base64: string; rows: number }>>;
  labels?: Partial<Record<F, string>>;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<F | null>(null);
  const save = async (format: F) => {
    setBusy(format);
    const r = await run(format);
    setBusy(null);
    if (!r.ok) return void message.error(r.error.message);
    downloadBase64(r.value.base64, r.value.fileName, TYPES[format]);
    message.success(`已导出 ${r.value.rows} 条`);
  };
  return (
    <Space>
      {formats.map((f) => (
        <Button key={f} loading={busy === f} onClick={() => void save(f)}>
          {labels[f] ?? LABELS[f]}
        </Button>
      ))}
    </Space>
  );
}
