import type { MethodOutput, Result } from '../../../shared/contract';
import type { DocumentKind } from '../../../shared/documents/kinds';
import type { PrintCopy } from '../../../shared/documents/copies';
import type { RevealReason } from '../../../shared/domain/reveal';
import { hall } from './bridge';

/** Files that arrive from the back end as base64 (PDFs, spreadsheets), for previews and downloads. */
export function blobUrl(base64: string, type: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type }));
}

export function downloadUrl(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
}

export function downloadBase64(base64: string, name: string, type: string): void {
  downloadUrl(blobUrl(base64, type), name);
}

export const PDF = 'application/pdf';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV = 'text/csv;charset=utf-8';
export const JSON_FILE = 'application/json';

type Printed = MethodOutput<'documents.print'>;

/**
 * Generates a document from its record and saves the PDF; the result says what went wrong.
 * Masked unless a full copy is asked for with its reason (shared/documents/copies.ts).
 */
export async function downloadDocument(
  kind: DocumentKind,
  recordId: number,
  name: string | ((doc: Printed) => string),
  copy: { copy: PrintCopy; reason?: RevealReason | undefined } = { copy: 'masked' },
): Promise<Result<Printed>> {
  const r = await hall.call('documents.print', {
    kind,
    recordId,
    copy: copy.copy,
    ...(copy.reason ? { reason: copy.reason } : {}),
  });
  if (r.ok) downloadBase64(r.value.pdfBase64, typeof name === 'string' ? name : name(r.value), PDF);
  return r;
}
