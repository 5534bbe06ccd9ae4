import { maskIdNumber, maskPhone } from '../domain/mask';
import type { DocumentKind, KindData } from './kinds';

/**
 * A printed copy is masked (ID numbers and phones as on screen, shared/domain/mask.ts) unless a
 * full copy is asked for; a full copy of a kind that carries them is a reveal (issue 13): it
 * takes a reason, is audited and counts toward the hourly limit (shared/domain/reveal.ts).
 */
export const PRINT_COPIES = ['masked', 'full'] as const;
export type PrintCopy = (typeof PRINT_COPIES)[number];

export const PRINT_COPY_LABELS = { masked: '脱敏件', full: '完整件' } as const satisfies Record<PrintCopy, string>;

/** The kinds whose paper carries a petitioner's ID number or phone (the folder through its parts). */
export const PERSONAL_KINDS = ['registration', 'assignment', 'folder'] as const satisfies readonly DocumentKind[];

export function carriesPersonalData(kind: DocumentKind): boolean {
  return (PERSONAL_KINDS as readonly DocumentKind[]).includes(kind);
}

/** A record's printed data with its ID numbers and phones masked; other kinds are returned as they are. */
export function maskedData<K extends Exclude<DocumentKind, 'folder'>>(kind: K, data: KindData[K]): KindData[K] {
  if (kind === 'registration') {
    const d = data as KindData['registration'];
    return {
      ...d,
      petitioners: d.petitioners.map((p) => ({ ...p, idNumber: maskIdNumber(p.idNumber), phone: maskPhone(p.phone) })),
    } satisfies KindData['registration'] as KindData[K];
  }
  if (kind === 'assignment') {
    const d = data as KindData['assignment'];
    return {
      ...d,
      petitioner: { ...d.petitioner, phone: maskPhone(d.petitioner.phone) },
    } satisfies KindData['assignment'] as KindData[K];
  }
  return data;
}
