import { createHash, randomBytes } from 'node:crypto';
import { HallError } from '../../../shared/contract';
import { KINDS, layoutOf, type DocumentKind, type KindData } from '../../../shared/documents/kinds';
import { carriesPersonalData, maskedData, type PrintCopy } from '../../../shared/documents/copies';
import { chinaDay } from '../../../shared/domain/calendar';
import { DOC_KIND_CHARS } from '../../../shared/domain/numbers';
import type { RevealReason } from '../../../shared/domain/reveal';
import type { FolderPart } from '../../../shared/documents/folder';
import type { Stamp } from '../../../shared/documents/layout';
import { canonical, type AuditActor } from '../infra/audit-chain';
import type { Db } from '../infra/db/connection';
import { nextNumber } from '../infra/numbering';
import { headFingerprint } from '../infra/audit-chain';
import { all, one, value } from '../infra/db/sql';
import type { PdfEngine } from '../infra/pdf/engine';
import type { Store } from '../infra/store';
import { checkRevealLimit, checkRevealReason, recordReveal } from '../infra/reveals';
import { folderContents, folderCover, loadRecord, VOLATILE } from './loaders';

type PartKind = Exclude<DocumentKind, 'folder'>;

export interface PrintedDocument {
  documentId: number;
  code: string;
  docNo: string;
  version: number;
  pages: number;
  pdf: Buffer;
  missingGlyphs: string[];
}

/** Which copy to print: masked (the default), or full with the reason the reveal is recorded with. */
export interface PrintRequest {
  copy: PrintCopy;
  reason?: RevealReason | undefined;
}

export type VerifyStatus = 'current' | 'outdated' | 'unknown';

export interface Verdict {
  status: VerifyStatus;
  code: string;
  kind: DocumentKind | null;
  label: string | null;
  recordId: number | null;
  docNo: string | null;
  printedAt: string | null;
  version: number | null;
  currentVersion: number | null;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const QR_PREFIX = 'HALL1:';

/** 8 random Crockford characters as XXXX-XXXX: short enough to type from paper. */
function newCode(): string {
  const chars = Array.from(randomBytes(8), (b) => CROCKFORD[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** Accepts a typed code (any case, O for 0, I/L for 1, with or without dash) or a scanned QR text. */
export function normalizeCode(input: string): string {
  let s = input.trim();
  if (s.toUpperCase().startsWith(QR_PREFIX)) s = s.slice(QR_PREFIX.length).split(':')[0] ?? '';
  const clean = s.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return clean.length === 8 ? `${clean.slice(0, 4)}-${clean.slice(4)}` : clean;
}

function contentHash(kind: DocumentKind, data: unknown): string {
  const volatile = new Set(VOLATILE[kind] ?? []);
  const stable = Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([k]) => !volatile.has(k)));
  return createHash('sha256')
    .update(canonical({ kind, data: stable }))
    .digest('hex');
}

interface DocRow {
  id: number;
  kind: DocumentKind;
  record_id: number;
  record_version: number;
  content_hash: string;
  doc_no: string | null;
  created_at: string;
}

/**
 * Printing and verifying. Every print renders from the database, records a document row
 * (kind, record, version, content hash, code) and an audit entry; the QR code and the short
 * code on the paper lead back to that row, and the record's current hash says whether the
 * paper still matches. The hash is of the record, so a masked and a full copy of the same
 * record are the same version: masking is how the paper shows it, not what it records. A full
 * copy of a kind with ID numbers or phones is a reveal (infra/reveals.ts).
 */
export class DocumentService {
  constructor(
    private readonly store: Store,
    private readonly engine: () => PdfEngine,
    private readonly now: () => Date,
  ) {}

  /**
   * The slip's number in the office's pattern: organ abbreviation, the kind's character, the
   * China year, one series per characters and year (formats: shared/domain/numbers.ts).
   */
  private docNumber(db: Db, kind: DocumentKind): string {
    const settings = this.store.settings();
    return nextNumber(db, {
      kind: 'document',
      day: chinaDay(this.now()),
      document: kind,
      pattern: settings.docNumberPattern,
      organ: settings.organAbbreviation,
      kindChar: settings.docKindChars[kind] ?? DOC_KIND_CHARS[kind] ?? '',
    });
  }

  private history(db: Db, kind: DocumentKind, recordId: number): DocRow[] {
    return all<DocRow>(db, 'SELECT * FROM documents WHERE kind = ? AND record_id = ? ORDER BY id', kind, recordId);
  }

  /** The data of one record as printed now, with its content hash. */
  private current<K extends PartKind>(
    kind: K,
    recordId: number,
    actorName: string,
  ): { data: KindData[K]; hash: string } {
    const sealed = this.store.sealedAuditHead();
    const data = loadRecord(this.store.database, kind, recordId, {
      today: chinaDay(this.now()),
      actorName,
      ...(sealed ? { auditHead: headFingerprint(sealed) } : {}),
    });
    return { data, hash: contentHash(kind, data) };
  }

  private folderState(caseId: number, actorName: string) {
    const db = this.store.database;
    const cover = folderCover(db, caseId);
    const parts = folderContents(db, caseId).map((p) => ({ ...p, ...this.current(p.kind, p.id, actorName) }));
    const hash = createHash('sha256')
      .update(canonical({ kind: 'folder', cover, parts: parts.map((p) => ({ kind: p.kind, id: p.id, hash: p.hash })) }))
      .digest('hex');
    return { cover, parts, hash };
  }

  /**
   * Reserves a row for a print: the version follows the content hash, the document number
   * is kept from the first print of the record. Runs inside the caller's transaction.
   */
  private reserve(
    db: Db,
    kind: DocumentKind,
    recordId: number,
    hash: string,
    reveal: RevealReason | null,
    actor: AuditActor,
  ): { code: string; docNo: string; version: number } {
    // Refused before anything is numbered or rendered; checked again when the print is recorded.
    if (reveal) checkRevealLimit(db, actor, this.now(), this.store.settings().revealsPerHour);
    const history = this.history(db, kind, recordId);
    const sameContent = history.find((h) => h.content_hash === hash);
    const version = sameContent?.record_version ?? Math.max(0, ...history.map((h) => h.record_version)) + 1;
    const docNo = history.find((h) => h.doc_no)?.doc_no ?? (KINDS[kind].numbered ? this.docNumber(db, kind) : '');
    return { code: newCode(), docNo, version };
  }

  /** The reason of a print that reveals (a full copy of a kind that carries personal data), or null. */
  private revealOf(kind: DocumentKind, request: PrintRequest): RevealReason | null {
    if (request.copy !== 'full' || !carriesPersonalData(kind)) return null;
    return checkRevealReason(request.reason);
  }

  async print(
    kind: DocumentKind,
    recordId: number,
    actor: AuditActor,
    request: PrintRequest = { copy: 'masked' },
  ): Promise<PrintedDocument> {
    const office = this.store.settings().officeName;
    const reveal = this.revealOf(kind, request);
    if (kind === 'folder') return this.printFolder(recordId, actor, office, reveal);
    const { data, hash } = this.current(kind, recordId, actor.name);
    const reserved = this.store.write(actor, (db) => this.reserve(db, kind, recordId, hash, reveal, actor));
    const stamp: Stamp = {
      office,
      docNo: reserved.docNo,
      code: reserved.code,
      qr: `${QR_PREFIX}${reserved.code}:${hash.slice(0, 16)}`,
    };
    const result = await this.engine().render(layoutOf(kind, reveal ? data : maskedData(kind, data), stamp));
    const documentId = this.record(actor, kind, recordId, hash, reserved, result.pages, reveal);
    return {
      documentId,
      code: reserved.code,
      docNo: reserved.docNo,
      version: reserved.version,
      pages: result.pages,
      pdf: result.buffer,
      missingGlyphs: result.missing,
    };
  }

  private record(
    actor: AuditActor,
    kind: DocumentKind,
    recordId: number,
    hash: string,
    reserved: { code: string; docNo: string; version: number },
    pages: number,
    reveal: RevealReason | null,
  ): number {
    return this.store.write(actor, (db, audit) => {
      const id = Number(
        db
          .prepare(
            'INSERT INTO documents (kind, doc_no, record_type, record_id, record_version, content_hash, verify_code, pages, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            kind,
            reserved.docNo || null,
            KINDS[kind].record,
            recordId,
            reserved.version,
            hash,
            reserved.code,
            pages,
            actor.id,
          ).lastInsertRowid,
      );
      // A full copy is a reveal, counted against the limit in this transaction: refused, nothing is recorded.
      if (reveal)
        recordReveal(
          db,
          audit,
          { actor, now: this.now(), limit: this.store.settings().revealsPerHour, reason: reveal },
          { entity: 'document', entityId: id, detail: { kind, recordId } },
        );
      audit({
        action: 'document.print',
        entity: 'document',
        entityId: id,
        detail: {
          kind,
          recordId,
          version: reserved.version,
          pages,
          code: reserved.code,
          ...(carriesPersonalData(kind) ? { copy: reveal ? 'full' : 'masked' } : {}),
        },
      });
      return id;
    });
  }

  private async printFolder(
    caseId: number,
    actor: AuditActor,
    office: string,
    reveal: RevealReason | null,
  ): Promise<PrintedDocument> {
    const state = this.folderState(caseId, actor.name);
    const reserved = this.store.write(actor, (db) => this.reserve(db, 'folder', caseId, state.hash, reveal, actor));
    const parts: FolderPart[] = state.parts.map((p, i) => {
      const own = value<string>(
        this.store.database,
        'SELECT doc_no FROM documents WHERE kind = ? AND record_id = ? AND doc_no IS NOT NULL ORDER BY id LIMIT 1',
        p.kind,
        p.id,
      );
      const stamp: Stamp = {
        office,
        docNo: own ?? '',
        code: reserved.code,
        qr: `${QR_PREFIX}${reserved.code}:${p.hash.slice(0, 16)}`,
      };
      return {
        id: `part-${i + 1}`,
        title: KINDS[p.kind].label,
        docNo: stamp.docNo,
        date: p.date,
        responsible: p.responsible,
        doc: layoutOf(p.kind, reveal ? p.data : maskedData(p.kind, p.data), stamp),
      };
    });
    const stamp: Stamp = {
      office,
      docNo: '',
      code: reserved.code,
      qr: `${QR_PREFIX}${reserved.code}:${state.hash.slice(0, 16)}`,
    };
    const data: KindData['folder'] = { ...state.cover, archivist: actor.name, archivedOn: chinaDay(this.now()), parts };
    const result = await this.engine().render(layoutOf('folder', data, stamp));
    const documentId = this.record(actor, 'folder', caseId, state.hash, reserved, result.pages, reveal);
    return {
      documentId,
      code: reserved.code,
      docNo: '',
      version: reserved.version,
      pages: result.pages,
      pdf: result.buffer,
      missingGlyphs: result.missing,
    };
  }

  /** Whether a printed copy (by its code or QR text) matches the record now, an older version, or nothing. */
  verify(input: string, actor: AuditActor): Verdict {
    const code = normalizeCode(input);
    const none: Verdict = {
      status: 'unknown',
      code,
      kind: null,
      label: null,
      recordId: null,
      docNo: null,
      printedAt: null,
      version: null,
      currentVersion: null,
    };
    const row = one<DocRow>(this.store.database, 'SELECT * FROM documents WHERE verify_code = ?', code);
    if (!row) return none;
    let currentHash: string | null = null;
    try {
      currentHash =
        row.kind === 'folder'
          ? this.folderState(row.record_id, actor.name).hash
          : this.current(row.kind, row.record_id, actor.name).hash;
    } catch (error) {
      if (!(error instanceof HallError && error.code === 'NOT_FOUND')) throw error;
    }
    const history = this.history(this.store.database, row.kind, row.record_id);
    const currentVersion =
      currentHash === null
        ? null
        : (history.find((h) => h.content_hash === currentHash)?.record_version ??
          Math.max(...history.map((h) => h.record_version)) + 1);
    this.store.audit(actor, {
      action: 'document.verify',
      entity: 'document',
      entityId: row.id,
      detail: { match: currentHash === row.content_hash },
    });
    return {
      status: currentHash === row.content_hash ? 'current' : 'outdated',
      code,
      kind: row.kind,
      label: KINDS[row.kind].label,
      recordId: row.record_id,
      docNo: row.doc_no,
      printedAt: row.created_at,
      version: row.record_version,
      currentVersion,
    };
  }
}
