import { randomBytes } from 'node:crypto';
import { HallError } from '../../../shared/contract';
import { KINDS, layoutOf, type DocumentKind, type KindData } from '../../../shared/documents/kinds';
import { carriesPersonalData, maskedData, type PrintCopy } from '../../../shared/documents/copies';
import { chinaDay, chinaMinute } from '../../../shared/domain/calendar';
import { DOC_KIND_CHARS } from '../../../shared/domain/numbers';
import type { RevealReason } from '../../../shared/domain/reveal';
import type { FolderPart } from '../../../shared/documents/folder';
import type { Stamp } from '../../../shared/documents/layout';
import { asDraft, missingGlyphsMessage } from '../../../shared/documents/draft';
import type { DocDefinition } from '../../../shared/documents/types';
import type { AuditActor } from '../infra/audit-chain';
import type { Db } from '../infra/db/connection';
import { nextNumber } from '../infra/numbering';
import { headFingerprint } from '../infra/audit-chain';
import { all, one, value } from '../infra/db/sql';
import type { PdfEngine } from '../infra/pdf/engine';
import type { Store } from '../infra/store';
import { checkRevealLimit, checkRevealReason, recordReveal } from '../infra/reveals';
import { folderCover, loadRecord } from './loaders';
import { archiveNumber, caseRetention, folderContents, folderNotes, retentionBasis } from './folder';
import {
  asPrinted,
  changedFields,
  contentHash,
  folderChanges,
  folderHash,
  mastersShown,
  printTime,
  type FolderState,
  type Snapshot,
} from './snapshot';

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
  /** The operator confirmed a draft of a document with a character no font has. */
  draft?: boolean | undefined;
}

/**
 * current: the paper is the record as it stands (一致); outdated: the record changed after
 * printing (记录已更新, `changes` names what); unknown: no such code (查无此码); rejected: the
 * code exists but the QR's hash is not the one printed with it (a forged or altered code).
 */
export type VerifyStatus = 'current' | 'outdated' | 'unknown' | 'rejected';

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
  /** What changed since the copy was printed, as the paper names it (诉求, 统计数字：办结). */
  changes: string[];
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

interface DocRow {
  id: number;
  kind: DocumentKind;
  record_id: number;
  record_version: number;
  content_hash: string;
  doc_no: string | null;
  snapshot: string | null;
  created_at: string;
}

/** The data a folder copy froze: the case as filed, who filed it and when. */
interface FolderCopy extends FolderState {
  archivist: string;
  archivedOn: string;
}

/** What a print renders and records: reused from a copy of the same content, or new. */
interface Copy<T> {
  data: T;
  hash: string;
  snapshot: string;
  /** The version of the copy it reproduces, or null for a new version. */
  version: number | null;
}

/** The hash prefix a scanned QR text carries (HALL1:code:hash), or undefined for a typed code. */
function qrHash(input: string): string | undefined {
  const s = input.trim();
  if (!s.toUpperCase().startsWith(QR_PREFIX)) return undefined;
  return s.slice(QR_PREFIX.length).split(':')[1] ?? '';
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

  /** The account's display name as papers print it (填报人, 立卷人): 李接待, never 李接待(lijd). */
  private displayName(actor: AuditActor): string {
    if (actor.id === null) return actor.name;
    return value<string>(this.store.database, 'SELECT display_name FROM accounts WHERE id = ?', actor.id) ?? actor.name;
  }

  /** The data of one record as it would print now. */
  private load<K extends PartKind>(kind: K, recordId: number, actorName: string): KindData[K] {
    const sealed = this.store.sealedAuditHead();
    return loadRecord(this.store.database, kind, recordId, {
      today: chinaDay(this.now()),
      actorName,
      ...(sealed ? { auditHead: headFingerprint(sealed) } : {}),
    });
  }

  /** The case's folder as it would be filed now: its cover and every document with its data. */
  private folderState(caseId: number, actorName: string): FolderState {
    const db = this.store.database;
    return {
      cover: folderCover(db, caseId),
      parts: folderContents(db, caseId).map((p) => ({ ...p, data: this.load(p.kind, p.id, actorName) })),
    };
  }

  private hashOf(kind: DocumentKind, data: unknown): string {
    return kind === 'folder' ? folderHash(data as FolderState) : contentHash(kind, data);
  }

  private frozen(row: DocRow): Snapshot | null {
    return row.snapshot ? (JSON.parse(row.snapshot) as Snapshot) : null;
  }

  /**
   * Whether the record now is what `row` printed: its current data, with the master data the
   * copy showed put back as printed, has the copy's hash. A copy from before snapshots compares
   * by hash alone.
   */
  private sameAs(row: DocRow, data: unknown): boolean {
    const snap = this.frozen(row);
    const compared = snap ? asPrinted(this.store.database, data, snap.masters) : data;
    return this.hashOf(row.kind, compared) === row.content_hash;
  }

  /** The newest copy of the record that the current data still is, if any. */
  private copyOf(kind: DocumentKind, recordId: number, data: unknown): DocRow | undefined {
    return this.history(this.store.database, kind, recordId)
      .reverse()
      .find((h) => this.sameAs(h, data));
  }

  /**
   * What to print for a record: an unchanged record reproduces its copy (data and master data as
   * printed, the same 版; only live fields such as a ticket's queue position new); a changed one
   * prints as it is now, a new 版, and freezes that.
   */
  private copy<T>(kind: DocumentKind, recordId: number, data: T, overlay: (frozen: T) => T): Copy<T> {
    const same = this.copyOf(kind, recordId, data);
    const snap = same && this.frozen(same);
    if (same && snap)
      return {
        data: overlay(snap.data as T),
        hash: same.content_hash,
        snapshot: same.snapshot!,
        version: same.record_version,
      };
    const snapshot = JSON.stringify({ data, masters: mastersShown(this.store.database, data) } satisfies Snapshot);
    return {
      data,
      hash: same?.content_hash ?? this.hashOf(kind, data),
      snapshot,
      version: same?.record_version ?? null,
    };
  }

  /**
   * Reserves a row for a print: the version is the reproduced copy's or the next, the document
   * number is kept from the first print of the record. Runs inside the caller's transaction.
   */
  private reserve(
    db: Db,
    kind: DocumentKind,
    recordId: number,
    version: number | null,
    reveal: RevealReason | null,
    actor: AuditActor,
    draft: boolean,
  ): { code: string; docNo: string; version: number } {
    // Refused before anything is numbered or rendered; checked again when the print is recorded.
    if (reveal) checkRevealLimit(db, actor, this.now(), this.store.settings().revealsPerHour);
    const history = this.history(db, kind, recordId);
    const next = version ?? Math.max(0, ...history.map((h) => h.record_version)) + 1;
    // A draft is never numbered; an official copy keeps the number of the record's first one.
    const docNo = draft
      ? ''
      : (history.find((h) => h.doc_no)?.doc_no ?? (KINDS[kind].numbered ? this.docNumber(db, kind) : ''));
    return { code: newCode(), docNo, version: next };
  }

  /** The reason of a print that reveals (a full copy of a kind that carries personal data), or null. */
  private revealOf(kind: DocumentKind, request: PrintRequest): RevealReason | null {
    if (request.copy !== 'full' || !carriesPersonalData(kind)) return null;
    return checkRevealReason(request.reason);
  }

  /**
   * Refuses an official copy (numbered; the folder PDF/A) of a document with characters no font
   * draws, before anything is numbered: they would print as boxes and PDF/A forbids .notdef. The
   * layout is built with a provisional stamp, which holds no such character itself.
   */
  private checkGlyphs(layout: (stamp: Stamp) => DocDefinition, office: string, draft: boolean): void {
    if (draft) return;
    const missing = this.engine().missingIn(layout({ office, docNo: '', code: 'XXXX-XXXX', qr: QR_PREFIX }));
    if (missing.length) throw new HallError('RULE_VIOLATION', missingGlyphsMessage(missing));
  }

  /** The characters of a text no print font has (registration warns with them as the operator types). */
  glyphCheck(text: string): string[] {
    return this.engine().missingGlyphs(text);
  }

  async print(
    kind: DocumentKind,
    recordId: number,
    actor: AuditActor,
    request: PrintRequest = { copy: 'masked' },
  ): Promise<PrintedDocument> {
    if (kind === 'folder') {
      const office = this.store.settings().officeName;
      return this.printFolder(recordId, actor, office, this.revealOf(kind, request), request.draft === true);
    }
    const { out, ...printed } = await this.issue(kind, recordId, actor, request, async (layout) => {
      const result = await this.engine().render(layout);
      return { pages: result.pages, missing: result.missing, out: result.buffer };
    });
    return { ...printed, pdf: out };
  }

  /**
   * A queue ticket put on paper by `send` (the ticket printer's ESC/POS, electron/core/printer)
   * rather than as a PDF: the same copy, code, QR text and record as documents.print makes, so
   * the paper verifies alike. The record is written only once `send` has delivered the bytes.
   */
  async printTicket(
    ticketId: number,
    actor: AuditActor,
    send: (data: KindData['ticket'], stamp: Stamp) => Promise<void>,
  ): Promise<{ code: string }> {
    const printed = await this.issue(
      'ticket',
      ticketId,
      actor,
      { copy: 'masked' },
      async (_layout, data, stamp) => {
        await send(data as KindData['ticket'], stamp);
        return { pages: 1, missing: [], out: null };
      },
      // The printer's own font prints the ticket: the PDF fonts' coverage says nothing about it.
      false,
    );
    return { code: printed.code };
  }

  /**
   * One print of a record that is not a folder: the copy to print (reproduced or new), the stamp
   * (code, QR text), `render` to put it on paper, then the document row and audit entry.
   */
  private async issue<T>(
    kind: PartKind,
    recordId: number,
    actor: AuditActor,
    request: PrintRequest,
    render: (
      layout: DocDefinition,
      printed: unknown,
      stamp: Stamp,
    ) => Promise<{ pages: number; missing: string[]; out: T }>,
    glyphCheck = true,
  ): Promise<Omit<PrintedDocument, 'pdf'> & { out: T }> {
    const office = this.store.settings().officeName;
    const reveal = this.revealOf(kind, request);
    const asked = request.draft === true;
    const current = this.load(kind, recordId, this.displayName(actor));
    const { data, hash, snapshot, version } = this.copy(kind, recordId, current, (frozen) => ({
      ...frozen,
      ...printTime(kind, current),
    }));
    // A draft prints to read, not to file: asked for (a character no font draws, confirmed by
    // the operator) or because the record is unfinished (an interview not yet ended). It takes
    // no number and shows no code or QR.
    const draft = asked || (data as { draft?: unknown }).draft === true;
    const printed = reveal ? data : maskedData(kind, data);
    const layout = (stamp: Stamp) => {
      const doc = layoutOf(kind, printed, stamp);
      return draft ? asDraft(doc) : doc;
    };
    if (glyphCheck) this.checkGlyphs(layout, office, draft);
    const reserved = this.store.write(actor, (db) => this.reserve(db, kind, recordId, version, reveal, actor, draft));
    const stamp: Stamp = draft
      ? { office, docNo: '', code: '', qr: '' }
      : { office, docNo: reserved.docNo, code: reserved.code, qr: `${QR_PREFIX}${reserved.code}:${hash.slice(0, 16)}` };
    const result = await render(layout(stamp), printed, stamp);
    const documentId = this.record(actor, kind, recordId, { hash, snapshot }, reserved, result.pages, reveal, draft);
    return {
      documentId,
      code: stamp.code,
      docNo: stamp.docNo,
      version: reserved.version,
      pages: result.pages,
      out: result.out,
      missingGlyphs: result.missing,
    };
  }

  private record(
    actor: AuditActor,
    kind: DocumentKind,
    recordId: number,
    { hash, snapshot }: { hash: string; snapshot: string },
    reserved: { code: string; docNo: string; version: number },
    pages: number,
    reveal: RevealReason | null,
    draft: boolean,
  ): number {
    return this.store.write(actor, (db, audit) => {
      const id = Number(
        db
          .prepare(
            // Stamped by the hall's clock (hall_now), as every row: the printing time verification shows.
            'INSERT INTO documents (kind, doc_no, record_type, record_id, record_version, content_hash, snapshot, verify_code, pages, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, hall_now())',
          )
          .run(
            kind,
            reserved.docNo || null,
            KINDS[kind].record,
            recordId,
            reserved.version,
            hash,
            snapshot,
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
          ...(draft ? { draft: true } : {}),
        },
      });
      return id;
    });
  }

  /** The number a record's document was issued (its first numbered print), if it has one. */
  private issuedNumber(kind: DocumentKind, recordId: number): string | undefined {
    return value<string>(
      this.store.database,
      'SELECT doc_no FROM documents WHERE kind = ? AND record_id = ? AND doc_no IS NOT NULL ORDER BY id LIMIT 1',
      kind,
      recordId,
    );
  }

  private async printFolder(
    caseId: number,
    actor: AuditActor,
    office: string,
    reveal: RevealReason | null,
    draft: boolean,
  ): Promise<PrintedDocument> {
    // A paper filed without having been printed gets its number now, by printing it: the
    // contents list each document's real number. A draft folder numbers nothing.
    if (!draft)
      for (const p of folderContents(this.store.database, caseId))
        if (KINDS[p.kind].numbered && this.issuedNumber(p.kind, p.id) === undefined)
          await this.print(p.kind, p.id, actor);
    const name = this.displayName(actor);
    const now = this.folderState(caseId, name);
    // Who filed the folder and when belong to the copy: a reprint of an unchanged folder keeps them.
    const current: FolderCopy = { ...now, archivist: name, archivedOn: chinaDay(this.now()) };
    const {
      data: folder,
      hash,
      snapshot,
      version,
    } = this.copy('folder', caseId, current, (frozen) => ({
      ...frozen,
      parts: frozen.parts.map((p, i) => ({
        ...p,
        data: { ...(p.data as object), ...printTime(p.kind, now.parts[i]!.data) },
      })),
    }));
    // Each part's number and hash, read once: the parts are laid out twice (glyph check, render).
    const issued = folder.parts.map((p) => ({
      docNo: this.issuedNumber(p.kind, p.id) ?? '',
      hash: contentHash(p.kind, p.data),
    }));
    const parts = (code: string): FolderPart[] =>
      folder.parts.map((p, i) => {
        const stamp: Stamp = {
          office,
          docNo: issued[i]!.docNo,
          code,
          qr: `${QR_PREFIX}${code}:${issued[i]!.hash.slice(0, 16)}`,
        };
        const data = p.data as KindData[typeof p.kind];
        return {
          id: `part-${i + 1}`,
          title: p.title ?? KINDS[p.kind].label,
          docNo: stamp.docNo,
          date: p.date,
          responsible: p.responsible,
          doc: layoutOf(p.kind, reveal ? data : maskedData(p.kind, data), stamp),
        };
      });
    const db = this.store.database;
    const retention = caseRetention(db, caseId);
    const layout = (stamp: Stamp, archiveNo: string) => {
      const data: KindData['folder'] = {
        ...(folder.cover as Omit<
          KindData['folder'],
          'parts' | 'archivist' | 'archivedOn' | 'archiveNo' | 'retentionBasis' | 'notes'
        >),
        archiveNo,
        retentionBasis: retentionBasis(retention.facts, this.store.settings().retentionRule),
        archivist: folder.archivist,
        archivedOn: folder.archivedOn,
        notes: folderNotes(folder.parts, reveal !== null),
        parts: parts(stamp.code),
      };
      const doc = layoutOf('folder', data, stamp);
      return draft ? asDraft(doc) : doc;
    };
    // The folder is PDF/A: with a character no font draws it is refused, or printed as a draft that claims no PDF/A.
    this.checkGlyphs((stamp) => layout(stamp, ''), office, draft);
    // The folder's number is its 档号 (folder.ts), kept on reprints while its form still holds; a draft takes none.
    const reserved = this.store.write(actor, (w) => ({
      ...this.reserve(w, 'folder', caseId, version, reveal, actor, draft),
      docNo: draft ? '' : archiveNumber(w, caseId),
    }));
    const stamp: Stamp = {
      office,
      docNo: '',
      code: reserved.code,
      qr: `${QR_PREFIX}${reserved.code}:${hash.slice(0, 16)}`,
    };
    const result = await this.engine().render(layout(stamp, reserved.docNo));
    const documentId = this.record(actor, 'folder', caseId, { hash, snapshot }, reserved, result.pages, reveal, draft);
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

  /**
   * Whether the hash a scanned QR carries is one printed with the code: the copy's own, or for a
   * folder one of its documents' (each part's page carries the folder's code and the part's hash).
   * A folder printed before snapshots cannot tell its parts' hashes and is not held to it.
   */
  private genuineHash(row: DocRow, prefix: string): boolean {
    prefix = prefix.toLowerCase();
    if (!/^[0-9a-f]{16}$/.test(prefix)) return false;
    if (row.content_hash.startsWith(prefix)) return true;
    if (row.kind !== 'folder') return false;
    const snap = this.frozen(row);
    if (!snap) return true;
    return (snap.data as FolderState).parts.some((p) => contentHash(p.kind, p.data).startsWith(prefix));
  }

  /**
   * Whether a printed copy (by its code or QR text) is the record as it stands (一致), the record
   * changed since (记录已更新, naming what), a code the hall never printed (查无此码), or a QR
   * whose hash is not the copy's (rejected).
   */
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
      changes: [],
    };
    const row = one<DocRow>(this.store.database, 'SELECT * FROM documents WHERE verify_code = ?', code);
    if (!row) return none;
    const scanned = qrHash(input);
    if (scanned !== undefined && !this.genuineHash(row, scanned)) {
      this.store.audit(actor, {
        action: 'document.verify',
        entity: 'document',
        entityId: row.id,
        detail: { match: false, rejected: 'hash' },
      });
      // Nothing about the real document: whoever altered the code learns only that it is refused.
      return { ...none, status: 'rejected' };
    }
    const name = this.displayName(actor);
    let current: unknown = null;
    try {
      current =
        row.kind === 'folder' ? this.folderState(row.record_id, name) : this.load(row.kind, row.record_id, name);
    } catch (error) {
      if (!(error instanceof HallError && error.code === 'NOT_FOUND')) throw error;
    }
    const match = current !== null && this.sameAs(row, current);
    const history = this.history(this.store.database, row.kind, row.record_id);
    const currentVersion =
      current === null
        ? null
        : match
          ? row.record_version
          : (this.copyOf(row.kind, row.record_id, current)?.record_version ??
            Math.max(...history.map((h) => h.record_version)) + 1);
    const snap = this.frozen(row);
    const changes =
      match || !snap
        ? []
        : current === null
          ? ['记录已删除']
          : row.kind === 'folder'
            ? folderChanges(
                snap.data as FolderState,
                asPrinted(this.store.database, current, snap.masters) as FolderState,
              )
            : changedFields(row.kind, snap.data, asPrinted(this.store.database, current, snap.masters));
    this.store.audit(actor, {
      action: 'document.verify',
      entity: 'document',
      entityId: row.id,
      detail: { match },
    });
    return {
      status: match ? 'current' : 'outdated',
      code,
      kind: row.kind,
      label: KINDS[row.kind].label,
      recordId: row.record_id,
      docNo: row.doc_no,
      // China time, as every time a person reads.
      printedAt: chinaMinute(row.created_at),
      version: row.record_version,
      currentVersion,
      changes,
    };
  }
}
