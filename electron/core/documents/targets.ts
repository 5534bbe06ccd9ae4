import type { DocumentKind } from '../../../shared/documents/kinds';
import { QUARTER_NAMES, quarterRecord } from '../../../shared/documents/quarterly';
import { maskName } from '../../../shared/domain/mask';
import type { Db } from '../infra/db/connection';
import { all } from '../infra/db/sql';
import {
  appointmentReachableSql,
  caseReachableSql,
  interviewReachableSql,
  leaderReachableSql,
  officeWideDocument,
  reachFilter,
  reachParams,
  ticketReachableSql,
  visitReachableSql,
} from '../infra/scope';

export interface Target {
  id: number;
  label: string;
}

/** A record that can be printed: its number, the petitioner's name (if any) and its day. */
interface TargetRow {
  id: number;
  no: string;
  name: string | null;
  day: string;
}

/** A leader who owns cases accepted in quarter `q` of year `y`. */
interface QuarterRow {
  id: number;
  name: string;
  y: number;
  q: number;
}

/**
 * What can be printed for a kind, newest first, as "number · masked name · date" so the
 * archive screen can pick a record without showing personal data in full.
 */
export function printTargets(db: Db, kind: DocumentKind, query: string, leader: number | null, limit = 50): Target[] {
  // A leader is offered only what they may print: the records they reach, by the predicates the
  // print's own check uses (infra/scope.ts); nothing of the whole office's lists.
  if (leader !== null && officeWideDocument(kind)) return [];
  const within = (predicate: string) => reachFilter(leader, predicate).sql;
  const like = `%${query.replace(/[%_]/g, '')}%`;
  const rows = (sql: string, ...params: unknown[]) => all<TargetRow>(db, sql, ...params, ...reachParams(leader));
  const fmt = (r: TargetRow) => ({
    id: r.id,
    label: [r.no, r.name ? maskName(r.name) : '', r.day].filter(Boolean).join(' · '),
  });
  const primary = (visitExpr: string) =>
    `(SELECT p.name FROM visit_petitioners vp JOIN petitioners p ON p.id = vp.petitioner_id WHERE vp.visit_id = ${visitExpr} ORDER BY vp.is_primary DESC LIMIT 1)`;
  switch (kind) {
    case 'registration':
      return rows(
        `SELECT v.id, v.visit_no AS no, ${primary('v.id')} AS name, v.date AS day FROM visits v WHERE v.visit_no LIKE ? AND ${within(visitReachableSql('v'))} ORDER BY v.id DESC LIMIT ?`,
        like,
        limit,
      ).map(fmt);
    case 'guidance':
      return rows(
        `SELECT v.id, v.visit_no AS no, ${primary('v.id')} AS name, v.date AS day FROM visits v WHERE v.legal_channel <> 'none' AND v.visit_no LIKE ? AND ${within(visitReachableSql('v'))} ORDER BY v.id DESC LIMIT ?`,
        like,
        limit,
      ).map(fmt);
    case 'transfer-notice':
    case 'final-notice':
      return rows(
        `SELECT d.id, v.visit_no AS no, ${primary('v.id')} AS name, d.decided_on AS day FROM acceptance_decisions d JOIN visits v ON v.id = d.visit_id WHERE d.decision = ? AND v.visit_no LIKE ? AND ${within(visitReachableSql('v'))} ORDER BY d.id DESC LIMIT ?`,
        kind === 'transfer-notice' ? 'transfer' : 'final',
        like,
        limit,
      ).map(fmt);
    case 'interview':
      return rows(
        `SELECT i.id, v.visit_no AS no, ${primary('v.id')} AS name, substr(i.started_at, 1, 10) AS day FROM interviews i JOIN visits v ON v.id = i.visit_id WHERE v.visit_no LIKE ? AND ${within(interviewReachableSql('i', 'v'))} ORDER BY i.id DESC LIMIT ?`,
        like,
        limit,
      ).map(fmt);
    case 'assignment':
      return rows(
        `SELECT a.id, a.assignment_no AS no, p.name, substr(a.assigned_at, 1, 10) AS day FROM assignments a JOIN cases c ON c.id = a.case_id JOIN petitioners p ON p.id = c.petitioner_id WHERE (a.assignment_no LIKE ? OR c.case_no LIKE ?) AND ${within(caseReachableSql('c'))} ORDER BY a.id DESC LIMIT ?`,
        like,
        like,
        limit,
      ).map(fmt);
    case 'supervision':
      return rows(
        `SELECT s.id, s.supervision_no AS no, p.name, substr(s.issued_at, 1, 10) AS day FROM supervisions s JOIN cases c ON c.id = s.case_id JOIN petitioners p ON p.id = c.petitioner_id WHERE (s.supervision_no LIKE ? OR c.case_no LIKE ?) AND ${within(caseReachableSql('c'))} ORDER BY s.id DESC LIMIT ?`,
        like,
        like,
        limit,
      ).map(fmt);
    case 'extension':
      return rows(
        `SELECT e.id, c.case_no AS no, p.name, e.approved_on AS day FROM extensions e JOIN cases c ON c.id = e.case_id JOIN petitioners p ON p.id = c.petitioner_id WHERE c.case_no LIKE ? AND ${within(caseReachableSql('c'))} ORDER BY e.id DESC LIMIT ?`,
        like,
        limit,
      ).map(fmt);
    case 'closure':
      return rows(
        `SELECT c.id, c.case_no AS no, p.name, c.accepted_on AS day FROM cases c JOIN petitioners p ON p.id = c.petitioner_id WHERE EXISTS (SELECT 1 FROM closures cl WHERE cl.case_id = c.id) AND c.case_no LIKE ? AND ${within(caseReachableSql('c'))} ORDER BY c.id DESC LIMIT ?`,
        like,
        limit,
      ).map(fmt);
    case 'folder':
      return rows(
        `SELECT c.id, c.case_no AS no, p.name, c.accepted_on AS day FROM cases c JOIN petitioners p ON p.id = c.petitioner_id WHERE c.case_no LIKE ? AND ${within(caseReachableSql('c'))} ORDER BY c.id DESC LIMIT ?`,
        like,
        limit,
      ).map(fmt);
    case 'acceptance':
    case 'ledger-extract':
      return rows(
        `SELECT c.id, c.case_no AS no, p.name, c.accepted_on AS day FROM cases c JOIN petitioners p ON p.id = c.petitioner_id WHERE c.case_no LIKE ? AND ${within(caseReachableSql('c'))} ORDER BY c.id DESC LIMIT ?`,
        like,
        limit,
      ).map(fmt);
    case 'answer':
      return rows(
        `SELECT cl.id, c.case_no AS no, p.name, cl.answer_date AS day FROM closures cl JOIN cases c ON c.id = cl.case_id JOIN petitioners p ON p.id = c.petitioner_id WHERE c.case_no LIKE ? AND ${within(caseReachableSql('c'))} ORDER BY cl.id DESC LIMIT ?`,
        like,
        limit,
      ).map(fmt);
    case 'follow-up':
      return rows(
        `SELECT f.id, c.case_no AS no, p.name, substr(f.at, 1, 10) AS day FROM follow_ups f JOIN cases c ON c.id = f.case_id JOIN petitioners p ON p.id = c.petitioner_id WHERE c.case_no LIKE ? AND ${within(caseReachableSql('c'))} ORDER BY f.id DESC LIMIT ?`,
        like,
        limit,
      ).map(fmt);
    case 'review-request':
    case 'review-opinion':
      return rows(
        `SELECT r.id, c.case_no || CASE r.kind WHEN 'review' THEN ' 复查' ELSE ' 复核' END AS no, p.name, r.requested_on AS day FROM reviews r JOIN cases c ON c.id = r.case_id JOIN petitioners p ON p.id = c.petitioner_id WHERE ${kind === 'review-opinion' ? 'r.decided_on IS NOT NULL AND ' : ''}c.case_no LIKE ? AND ${within(caseReachableSql('c'))} ORDER BY r.id DESC LIMIT ?`,
        like,
        limit,
      ).map(fmt);
    case 'investigation':
      return rows(
        `SELECT r.id, c.case_no AS no, p.name, r.signed_on AS day FROM investigation_reports r JOIN cases c ON c.id = r.case_id JOIN petitioners p ON p.id = c.petitioner_id WHERE c.case_no LIKE ? AND ${within(caseReachableSql('c'))} ORDER BY r.id DESC LIMIT ?`,
        like,
        limit,
      ).map(fmt);
    case 'responsibility':
      return rows(
        `SELECT r.id, c.case_no AS no, p.name, r.signed_on AS day FROM responsibilities r JOIN cases c ON c.id = r.case_id JOIN petitioners p ON p.id = c.petitioner_id WHERE c.case_no LIKE ? AND ${within(caseReachableSql('c'))} ORDER BY r.id DESC LIMIT ?`,
        like,
        limit,
      ).map(fmt);
    case 'appointment':
      return rows(
        `SELECT a.id, substr(a.at, 1, 16) AS no, p.name, '' AS day FROM appointments a JOIN petitioners p ON p.id = a.petitioner_id WHERE a.at LIKE ? AND ${within(appointmentReachableSql('a'))} ORDER BY a.at DESC LIMIT ?`,
        like,
        limit,
      ).map(fmt);
    case 'notice':
      return rows(
        "SELECT min(s.id) AS id, s.date AS no, NULL AS name, '' AS day FROM duty_slots s WHERE s.date LIKE ? GROUP BY strftime('%Y-%W', s.date) ORDER BY s.date DESC LIMIT ?",
        like,
        limit,
      ).map((r) => ({ id: r.id, label: `${r.no} 所在的一周` }));
    case 'notice-month':
      return rows(
        "SELECT DISTINCT CAST(replace(substr(date, 1, 7), '-', '') AS INTEGER) AS id, substr(date, 1, 7) AS no, NULL AS name, '' AS day FROM duty_slots ORDER BY id DESC LIMIT ?",
        limit,
      ).map((r) => ({
        id: r.id,
        label: `${r.no.slice(0, 4)}年${Number(r.no.slice(5))}月`,
      }));
    case 'ticket':
      return rows(
        `SELECT t.id, t.code AS no, ${primary('t.visit_id')} AS name, t.date AS day FROM tickets t JOIN visits v ON v.id = t.visit_id WHERE (t.code LIKE ? OR t.date LIKE ?) AND ${within(ticketReachableSql('t', 'v'))} ORDER BY t.id DESC LIMIT ?`,
        like,
        like,
        limit,
      ).map(fmt);
    case 'day-summary':
      return rows(
        "SELECT DISTINCT CAST(replace(date, '-', '') AS INTEGER) AS id, date AS no, NULL AS name, '' AS day FROM visits ORDER BY id DESC LIMIT ?",
        limit,
      ).map((r) => ({ id: r.id, label: r.no }));
    case 'ledger':
      return rows(
        "SELECT DISTINCT CAST(substr(accepted_on, 1, 4) AS INTEGER) AS id, substr(accepted_on, 1, 4) AS no, NULL AS name, '' AS day FROM cases ORDER BY id DESC",
      ).map((r) => ({ id: r.id, label: `${r.no}年` }));
    case 'quarterly':
      // Each leader who owns cases, for each quarter in which cases were accepted, newest first.
      return all<QuarterRow>(
        db,
        `SELECT l.id, l.name, q.y, q.q FROM leaders l
             JOIN (SELECT DISTINCT owning_leader_id AS leader, CAST(substr(accepted_on, 1, 4) AS INTEGER) AS y, (CAST(substr(accepted_on, 6, 2) AS INTEGER) + 2) / 3 AS q FROM cases WHERE owning_leader_id IS NOT NULL) q ON q.leader = l.id
             WHERE l.name LIKE ? AND ${within(leaderReachableSql('l.id'))} ORDER BY q.y DESC, q.q DESC, l.sort, l.id LIMIT ?`,
        like,
        limit,
        ...reachParams(leader),
      ).map((r) => ({ id: quarterRecord(r.id, r.y, r.q), label: `${r.name} ${r.y}年第${QUARTER_NAMES[r.q - 1]}季度` }));
    case 'weekly-report':
      // The last 26 weeks, this one first, whether or not anyone came (a week with nothing is reported too).
      return rows(
        "WITH RECURSIVE w(d) AS (SELECT date(hall_now(), '+8 hours', 'weekday 0', '-6 days') UNION ALL SELECT date(d, '-7 days') FROM w LIMIT 26) SELECT CAST(replace(d, '-', '') AS INTEGER) AS id, d AS no, NULL AS name, date(d, '+6 days') AS day FROM w WHERE d LIKE ? LIMIT ?",
        like,
        limit,
      ).map((r) => ({ id: r.id, label: `${r.no} 至 ${r.day}` }));
    case 'daily-report':
      // The last 90 days, today first: the days nobody came are the zero reports.
      return rows(
        "WITH RECURSIVE d(d) AS (SELECT date(hall_now(), '+8 hours') UNION ALL SELECT date(d, '-1 days') FROM d LIMIT 90) SELECT CAST(replace(d, '-', '') AS INTEGER) AS id, d AS no, NULL AS name, '' AS day FROM d WHERE d LIKE ? LIMIT ?",
        like,
        limit,
      ).map((r) => ({ id: r.id, label: r.no }));
    case 'monthly-report':
      return rows(
        "SELECT DISTINCT CAST(replace(substr(date, 1, 7), '-', '') AS INTEGER) AS id, substr(date, 1, 7) AS no, NULL AS name, '' AS day FROM visits ORDER BY id DESC LIMIT ?",
        limit,
      ).map((r) => ({
        id: r.id,
        label: `${r.no.slice(0, 4)}年${Number(r.no.slice(5))}月`,
      }));
  }
}
