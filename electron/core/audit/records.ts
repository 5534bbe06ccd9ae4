import { KINDS } from '../../../shared/documents/kinds';
import { type AuditRefs } from '../../../shared/domain/audit';
import { maskName } from '../../../shared/domain/mask';
import type { Db } from '../infra/db/connection';
import { inList, value, values } from '../infra/db/sql';

/**
 * The records an audit entry names, as people know them: a case by its 案件编号, a visit by its
 * 来访编号, a document by its 文号 — never by the row id the chain stores. Both ways: the label
 * of an (entity, id), and the (entity, ids) a typed number stands for.
 */

const KIND_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(KINDS).map(([kind, spec]) => [kind, spec.label]),
);

/** Names by id for the facts of an entry (shared/domain/audit.ts), one statement per kind. */
export function auditRefs(db: Db): AuditRefs {
  const sql = {
    visit: 'SELECT visit_no FROM visits WHERE id = ?',
    case: 'SELECT case_no FROM cases WHERE id = ?',
    leader: 'SELECT name FROM leaders WHERE id = ?',
    unit: 'SELECT name FROM units WHERE id = ?',
    category: 'SELECT name FROM categories WHERE id = ?',
    locality: 'SELECT name FROM localities WHERE id = ?',
    account: "SELECT display_name || '(' || username || ')' FROM accounts WHERE id = ?",
  } as const;
  return { name: (kind, id) => value<string>(db, sql[kind], id) ?? null, kindLabels: KIND_LABELS };
}

const visitNo = (db: Db, visitId: unknown) =>
  value<string>(db, 'SELECT visit_no FROM visits WHERE id = ?', visitId) ?? null;

/** Which record an entry is about, in words; null when the entry is about no one record. */
export function recordLabel(db: Db, entity: string, entityId: string | null): string | null {
  if (entityId === null) return null;
  const n = Number(entityId);
  const byId = (sql: string) => (Number.isInteger(n) ? (value<string>(db, sql, n) ?? null) : null);
  const gone = `已删除的记录（${entityId}）`;
  switch (entity) {
    case 'case':
      return byId('SELECT case_no FROM cases WHERE id = ?') ?? gone;
    case 'visit':
      return visitNo(db, n) ?? gone;
    case 'interview': {
      const v = visitNo(db, value(db, 'SELECT visit_id FROM interviews WHERE id = ?', n));
      return v ? `来访 ${v}` : gone;
    }
    case 'ticket': {
      const t = byId("SELECT code || '|' || visit_id FROM tickets WHERE id = ?");
      if (!t) return gone;
      const [code, visit] = t.split('|');
      return `${code}（来访 ${visitNo(db, Number(visit)) ?? ''}）`;
    }
    case 'appointment': {
      const a = byId(
        "SELECT replace(a.at, 'T', ' ') || coalesce('（案件 ' || c.case_no || '）', '') FROM appointments a LEFT JOIN cases c ON c.id = a.case_id WHERE a.id = ?",
      );
      return a ?? gone;
    }
    case 'summons': {
      const v = visitNo(db, value(db, 'SELECT visit_id FROM summons WHERE id = ?', n));
      return v ? `来访 ${v}` : gone;
    }
    case 'document': {
      const d = byId("SELECT kind || '|' || coalesce(doc_no, verify_code) FROM documents WHERE id = ?");
      if (!d) return gone;
      const [kind, no] = d.split('|') as [string, string];
      return `${KIND_LABELS[kind] ?? kind} ${no}`;
    }
    case 'account':
      return byId("SELECT display_name || '(' || username || ')' FROM accounts WHERE id = ?") ?? gone;
    case 'petitioner': {
      // The audit screen is the administrator's, yet a name is still shown masked, as in every list.
      const name = byId('SELECT name FROM petitioners WHERE id = ?');
      return name === null ? gone : maskName(name);
    }
    case 'duty_slot':
      return byId("SELECT date || ' ' || start_time || '–' || end_time FROM duty_slots WHERE id = ?") ?? gone;
    case 'roster_rule':
    case 'leader':
    case 'unit':
    case 'room':
    case 'participant':
    case 'category':
    case 'locality': {
      const plural: Record<string, string> = {
        roster_rule: 'roster_rules',
        category: 'categories',
        locality: 'localities',
      };
      const table = plural[entity] ?? `${entity}s`;
      return byId(`SELECT name FROM ${table} WHERE id = ?`) ?? gone;
    }
    default:
      // A date (节假日), a backup's file name, a unit's import: the stored words are the record.
      return entityId;
  }
}

/** (entity, entityId) pairs: the records an entry may name. */
export type RecordKeys = { entity: string; ids: string[] }[];

/**
 * The records a typed number stands for: a case number takes in the case, its visits and what
 * hangs on them (interviews, tickets, appointments, summons, its petitioners' reveals, its
 * documents); a visit number the same from the visit; a document number or verification code
 * that document; a username that account. Empty when nothing matches.
 */
export function recordKeys(db: Db, typed: string): RecordKeys {
  const t = typed.trim();
  const caseIds = values<number>(db, 'SELECT id FROM cases WHERE case_no = ?', t);
  const visitIds = [
    ...new Set([
      ...values<number>(db, 'SELECT id FROM visits WHERE visit_no = ?', t),
      ...(caseIds.length
        ? values<number>(db, `SELECT visit_id FROM case_visits WHERE case_id IN ${inList(caseIds).sql}`, ...caseIds)
        : []),
    ]),
  ];
  if (caseIds.length === 0 && visitIds.length > 0)
    caseIds.push(
      ...values<number>(db, `SELECT case_id FROM case_visits WHERE visit_id IN ${inList(visitIds).sql}`, ...visitIds),
    );
  const onVisits = (table: string) =>
    visitIds.length
      ? values<number>(db, `SELECT id FROM ${table} WHERE visit_id IN ${inList(visitIds).sql}`, ...visitIds)
      : [];
  const interviewIds = onVisits('interviews');
  const petitionerIds = visitIds.length
    ? values<number>(
        db,
        `SELECT DISTINCT petitioner_id FROM visit_petitioners WHERE visit_id IN ${inList(visitIds).sql}`,
        ...visitIds,
      )
    : [];
  const docsOf = (recordType: string, ids: number[]) =>
    ids.length
      ? values<number>(
          db,
          `SELECT id FROM documents WHERE record_type = ? AND record_id IN ${inList(ids).sql}`,
          recordType,
          ...ids,
        )
      : [];
  const documentIds = [
    ...values<number>(db, 'SELECT id FROM documents WHERE doc_no = ? OR verify_code = ?', t, t),
    ...docsOf(KINDS.registration.record, visitIds),
    ...docsOf(KINDS.interview.record, interviewIds),
    ...docsOf(KINDS.closure.record, caseIds),
  ];
  const accountIds = values<number>(db, 'SELECT id FROM accounts WHERE username = ?', t);
  const keys: RecordKeys = [
    { entity: 'case', ids: caseIds.map(String) },
    { entity: 'visit', ids: visitIds.map(String) },
    { entity: 'interview', ids: interviewIds.map(String) },
    { entity: 'ticket', ids: onVisits('tickets').map(String) },
    {
      entity: 'appointment',
      ids: (caseIds.length
        ? values<number>(db, `SELECT id FROM appointments WHERE case_id IN ${inList(caseIds).sql}`, ...caseIds)
        : []
      ).map(String),
    },
    { entity: 'summons', ids: onVisits('summons').map(String) },
    { entity: 'petitioner', ids: petitionerIds.map(String) },
    { entity: 'document', ids: [...new Set(documentIds)].map(String) },
    { entity: 'account', ids: accountIds.map(String) },
  ];
  return keys.filter((k) => k.ids.length > 0);
}
