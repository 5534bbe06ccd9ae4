import { HallError } from '../../../shared/contract';
import type { WorkCalendar } from '../../../shared/domain/calendar';
import { checkMove, type CaseStage } from '../../../shared/domain/case-machine';
import type { CaseStatus } from '../../../shared/domain/case-status';
import type { CaseMoveInput, ResponsibilityInput } from '../../../shared/domain/case-input';
import {
  caseDeadline,
  extendDeadline,
  requestWindow,
  type DeadlineRule,
  type RequestWindow,
  type RequestWindowKind,
} from '../../../shared/domain/deadlines';
import type { Role } from '../../../shared/domain/roles';
import type { Settings } from '../../../shared/domain/settings';
import type { AuditInput } from '../infra/audit-chain';
import type { Db } from '../infra/db/connection';
import { nextNumber } from '../infra/numbering';
import { one, value } from '../infra/db/sql';
import { requireRows } from '../infra/references';
import { checkAcceptance, finalCaseOf } from '../visits/acceptance';

/** Cases (信访事项): creation from a visit and every move of the state machine, in one transaction each. */
export interface CaseContext {
  today: string;
  nowIso: string;
  cal: WorkCalendar;
  settings: Settings;
  role: Role;
  actorId: number | null;
  audit: (entry: AuditInput) => void;
}

interface CaseRow {
  id: number;
  case_no: string;
  status: CaseStatus;
  stage: CaseStage;
  deadline_on: string;
  deadline_basis: string;
  /** The handling stage's deadline, kept by triggers on cases (migration 0013). */
  handling_deadline: string | null;
  version: number;
}

/** The visit a case is opened from; `accepted` is the stored 0/1. */
interface VisitToOpenRow {
  id: number;
  matter_key: string | null;
  demand: string;
  category_id: number | null;
  locality_id: number | null;
  leader_id: number | null;
  accepted: number;
}

/** The open case of the same matter, which a new visit may join. */
interface OpenCaseRow {
  id: number;
  case_no: string;
  deadline_on: string;
  deadline_basis: string;
}

export function createCase(
  db: Db,
  input: {
    visitId: number;
    title: string;
    owningLeaderId: number | null;
    deadlineRule: DeadlineRule;
    custom?: { amount: number; unit: 'calendar' | 'working' } | undefined;
    joinExisting: boolean;
    /** Why the acceptance is decided after its last day (required then). */
    delayReason?: string | undefined;
  },
  ctx: CaseContext,
): { caseId: number; caseNo: string; joined: boolean; deadline: string; deadlineLabel: string } {
  const visit = one<VisitToOpenRow>(
    db,
    'SELECT id, matter_key, demand, category_id, locality_id, leader_id, accepted FROM visits WHERE id = ?',
    input.visitId,
  );
  if (!visit) throw new HallError('NOT_FOUND', '没有这次来访。');
  if (visit.accepted === 0) throw new HallError('RULE_VIOLATION', '该来访已引导至法定途径，不予受理，不能立案。');
  if (db.prepare('SELECT 1 FROM case_visits WHERE visit_id = ?').get(visit.id))
    throw new HallError('CONFLICT', '这次来访已经立案。');
  // 三级终结 stays final: neither a new case nor joining one for a matter answered by 复核.
  const final = finalCaseOf(db, visit.matter_key);
  if (final)
    throw new HallError(
      'RULE_VIOLATION',
      `该事项已经复查、复核（案件${final.case_no}），属三级终结事项，不再受理，不能立案或并案；请作“不再受理”决定。`,
    );
  requireRows(db, [{ path: 'owningLeaderId', table: 'leaders', ids: input.owningLeaderId, active: true }]);
  // 受理 is the acceptance decision (信访工作条例 art 22): a late one needs its reason.
  const decide = checkAcceptance(db, visit.id, input.delayReason, {
    today: ctx.today,
    cal: ctx.cal,
    days: ctx.settings.acceptDecisionDays,
    actorId: ctx.actorId,
    audit: ctx.audit,
  });
  if (input.joinExisting && visit.matter_key) {
    const existing = one<OpenCaseRow>(
      db,
      "SELECT c.id, c.case_no, c.deadline_on, c.deadline_basis FROM case_visits cv JOIN cases c ON c.id = cv.case_id JOIN visits v ON v.id = cv.visit_id WHERE v.matter_key = ? AND c.status <> 'final' ORDER BY c.id DESC LIMIT 1",
      visit.matter_key,
    );
    if (existing) {
      db.prepare('INSERT INTO case_visits (case_id, visit_id) VALUES (?, ?)').run(existing.id, visit.id);
      ctx.audit({ action: 'case.join', entity: 'case', entityId: existing.id, detail: { visitId: visit.id } });
      decide(existing.id);
      return {
        caseId: existing.id,
        caseNo: existing.case_no,
        joined: true,
        deadline: existing.deadline_on,
        deadlineLabel: (JSON.parse(existing.deadline_basis) as { label: string }).label,
      };
    }
  }
  const petitionerId = value<number>(
    db,
    'SELECT petitioner_id FROM visit_petitioners WHERE visit_id = ? ORDER BY is_primary DESC LIMIT 1',
    visit.id,
  )!;
  const deadline = caseDeadline(input.deadlineRule, ctx.today, ctx.cal, ctx.settings, input.custom);
  const caseNo = nextNumber(db, { kind: 'case', day: ctx.today });
  const caseId = Number(
    db
      .prepare(
        `INSERT INTO cases (case_no, petitioner_id, title, demand, category_id, locality_id, owning_leader_id, accepted_on, deadline_rule, deadline_on, deadline_basis, stage, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'handling', 'accepted')`,
      )
      .run(
        caseNo,
        petitionerId,
        input.title,
        visit.demand,
        visit.category_id,
        visit.locality_id,
        input.owningLeaderId ?? visit.leader_id,
        ctx.today,
        input.deadlineRule,
        deadline.date,
        JSON.stringify(deadline),
      ).lastInsertRowid,
  );
  db.prepare('INSERT INTO case_visits (case_id, visit_id) VALUES (?, ?)').run(caseId, visit.id);
  ctx.audit({
    action: 'case.create',
    entity: 'case',
    entityId: caseId,
    after: { caseNo, deadline: deadline.date },
    detail: { visitId: visit.id },
  });
  decide(caseId);
  return { caseId, caseNo, joined: false, deadline: deadline.date, deadlineLabel: deadline.label };
}

/** Applies one move; a refused move throws before anything is written. */
export function moveCase(
  db: Db,
  input: CaseMoveInput,
  ctx: CaseContext,
): { status: CaseStatus; stage: CaseStage; deadline: string; recordId: number | null } {
  const c = one<CaseRow>(
    db,
    'SELECT id, case_no, status, stage, deadline_on, deadline_basis, handling_deadline, version FROM cases WHERE id = ?',
    input.caseId,
  );
  if (!c) throw new HallError('NOT_FOUND', '没有这个案件。');
  const extensions = value<number>(db, 'SELECT count(*) AS n FROM extensions WHERE case_id = ?', c.id)!;
  const check = checkMove(input.move, c.status, c.stage, ctx.role, extensions);
  if (!check.ok) throw new HallError(check.code, check.message);
  const lastAssignment = () =>
    value<number>(db, 'SELECT id FROM assignments WHERE case_id = ? ORDER BY id DESC LIMIT 1', c.id);
  let deadline = c.deadline_on;
  let basis = c.deadline_basis;
  /** The row the move wrote (交办, 督办, 延期, 办结 …), so its slip can be printed straight away. */
  let recordId: number | null = null;
  const rowId = (r: { lastInsertRowid: number | bigint }) => (recordId = Number(r.lastInsertRowid));

  switch (input.move) {
    case 'assign': {
      const due = caseDeadline(input.deadlineRule, ctx.today, ctx.cal, ctx.settings, input.custom);
      requireRows(db, [
        { path: 'leadUnitId', table: 'units', ids: input.leadUnitId, active: true },
        { path: 'assistUnitIds', table: 'units', ids: input.assistUnitIds, active: true },
      ]);
      const id = Number(
        db
          .prepare(
            'INSERT INTO assignments (case_id, assignment_no, stage, instruction, report_requirements, deadline_on, assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            c.id,
            nextNumber(db, { kind: 'assignment', day: ctx.today }),
            c.stage,
            input.instruction,
            input.reportRequirements,
            due.date,
            ctx.nowIso,
            ctx.actorId,
          ).lastInsertRowid,
      );
      recordId = id;
      const unit = db.prepare('INSERT INTO assignment_units (assignment_id, unit_id, role) VALUES (?, ?, ?)');
      unit.run(id, input.leadUnitId, 'lead');
      for (const u of new Set(input.assistUnitIds)) if (u !== input.leadUnitId) unit.run(id, u, 'assist');
      break;
    }
    case 'receive': {
      const assignmentId = lastAssignment()!;
      const leadUnitId = value<number>(
        db,
        "SELECT unit_id FROM assignment_units WHERE assignment_id = ? AND role = 'lead'",
        assignmentId,
      )!;
      db.prepare('INSERT INTO receipts (assignment_id, unit_id, signed_by, signed_at) VALUES (?, ?, ?, ?)').run(
        assignmentId,
        leadUnitId,
        input.signedBy,
        ctx.nowIso,
      );
      recordId = assignmentId;
      break;
    }
    case 'supervise':
      if (input.answerBy < ctx.today)
        throw new HallError('BAD_INPUT', '答复期限不能早于今天。', [{ path: 'answerBy', message: '不能早于今天' }]);
      rowId(
        db
          .prepare(
            'INSERT INTO supervisions (case_id, assignment_id, supervision_no, reason, level, requirements, answer_by, issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            c.id,
            lastAssignment() ?? null,
            nextNumber(db, { kind: 'supervision', day: ctx.today }),
            input.reason,
            input.level,
            input.requirements,
            input.answerBy,
            ctx.nowIso,
            ctx.actorId,
          ),
      );
      break;
    case 'extend': {
      if (input.days > ctx.settings.extensionMaxDays)
        throw new HallError('RULE_VIOLATION', `延长天数最多${ctx.settings.extensionMaxDays}日。`, [
          { path: 'days', message: `延长天数最多${ctx.settings.extensionMaxDays}日（设置中的延期最长天数）` },
        ]);
      const d = extendDeadline(c.deadline_on, input.days, ctx.settings.extensionMaxDays, ctx.cal);
      rowId(
        db
          .prepare(
            'INSERT INTO extensions (case_id, days, reason, approver, approved_on, previous_deadline_on, new_deadline_on) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(c.id, input.days, input.reason, input.approver, ctx.today, c.deadline_on, d.date),
      );
      deadline = d.date;
      basis = JSON.stringify({ ...(JSON.parse(c.deadline_basis) as object), extended: d });
      break;
    }
    case 'close':
      if (input.deliveredOn !== null) {
        notAfterToday(input.deliveredOn, 'deliveredOn', '送达日期', ctx.today);
        if (input.deliveredOn < input.answerDate)
          throw new HallError('BAD_INPUT', '送达日期不能早于答复日期。', [
            { path: 'deliveredOn', message: '不能早于答复日期' },
          ]);
      }
      rowId(
        db
          .prepare(
            "INSERT INTO closures (case_id, stage, unit_id, findings, outcome, basis, answer_date, delivered_on, answer_way, satisfaction, stopped, office_review, closed_at, closed_by) VALUES (?, ?, (SELECT au.unit_id FROM assignments a JOIN assignment_units au ON au.assignment_id = a.id AND au.role = 'lead' WHERE a.case_id = ? ORDER BY a.id DESC LIMIT 1), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          )
          .run(
            c.id,
            c.stage,
            c.id,
            input.findings,
            input.outcome,
            input.basis,
            input.answerDate,
            input.deliveredOn,
            input.answerWay,
            input.satisfaction,
            input.stopped ? 1 : 0,
            input.officeReview,
            ctx.nowIso,
            ctx.actorId,
          ),
      );
      break;
    case 'followUp':
      rowId(
        db
          .prepare('INSERT INTO follow_ups (case_id, at, way, by_name, result, satisfaction) VALUES (?, ?, ?, ?, ?, ?)')
          .run(c.id, ctx.nowIso, input.way, input.byName, input.result, input.satisfaction),
      );
      break;
    case 'requestReview':
    case 'requestRereview': {
      if (input.requestedOn > ctx.today)
        throw new HallError('BAD_INPUT', '申请日期不能晚于今天。', [{ path: 'requestedOn', message: '不能晚于今天' }]);
      const window = requestWindowOf(db, c.id, input.move === 'requestReview' ? 'review' : 'rereview', ctx);
      if (window && input.requestedOn < window.from)
        throw new HallError('BAD_INPUT', `申请日期不能早于收到${window.paper}之日（${window.from}）。`, [
          { path: 'requestedOn', message: `早于收到${window.paper}之日` },
        ]);
      if (window && input.requestedOn > window.last)
        throw new HallError('RULE_VIOLATION', `${window.label}，已超过期限。`, [
          { path: 'requestedOn', message: '超过申请期限' },
        ]);
      // The answer period counts from this request (条例 art 35–36), whatever paper it contests.
      const due = ctx.cal.addCalendarDays(input.requestedOn, ctx.settings.reviewAnswerDays, true);
      rowId(
        db
          .prepare('INSERT INTO reviews (case_id, kind, requested_on, body, deadline_on) VALUES (?, ?, ?, ?, ?)')
          .run(c.id, input.move === 'requestReview' ? 'review' : 'rereview', input.requestedOn, input.body, due.date),
      );
      deadline = due.date;
      // The handling stage's deadline is kept: whether the case was answered on time is counted against it (stats).
      const handlingDeadline = c.handling_deadline ?? c.deadline_on;
      basis = JSON.stringify({
        unit: 'calendar',
        amount: ctx.settings.reviewAnswerDays,
        rolled: due.rolled,
        unknownYears: due.unknownYears,
        label: `自申请之日起${ctx.settings.reviewAnswerDays}日内答复`,
        handlingDeadline,
      });
      break;
    }
    case 'decideReview':
    case 'decideRereview': {
      const kind = input.move === 'decideReview' ? 'review' : 'rereview';
      const review = one<{ id: number; requested_on: string }>(
        db,
        'SELECT id, requested_on FROM reviews WHERE case_id = ? AND kind = ? ORDER BY id DESC LIMIT 1',
        c.id,
        kind,
      )!;
      const deliveredOn = input.deliveredOn ?? input.decidedOn;
      notAfterToday(input.decidedOn, 'decidedOn', '答复日期', ctx.today);
      if (input.decidedOn < review.requested_on)
        throw new HallError('BAD_INPUT', `答复日期不能早于申请日期（${review.requested_on}）。`, [
          { path: 'decidedOn', message: '早于申请日期' },
        ]);
      notAfterToday(deliveredOn, 'deliveredOn', '送达日期', ctx.today);
      if (deliveredOn < input.decidedOn)
        throw new HallError('BAD_INPUT', '送达日期不能早于答复日期。', [
          { path: 'deliveredOn', message: '不能早于答复日期' },
        ]);
      db.prepare('UPDATE reviews SET result = ?, decided_on = ?, delivered_on = ? WHERE id = ?').run(
        input.result,
        input.decidedOn,
        deliveredOn,
        review.id,
      );
      recordId = review.id;
      break;
    }
  }

  db.prepare(
    'UPDATE cases SET status = ?, stage = ?, deadline_on = ?, deadline_basis = ?, final = ?, version = version + 1, updated_at = ? WHERE id = ?',
  ).run(check.to, check.toStage, deadline, basis, check.to === 'final' ? 1 : 0, ctx.nowIso, c.id);
  ctx.audit({
    action: `case.${input.move}`,
    entity: 'case',
    entityId: c.id,
    before: c,
    after: { status: check.to, stage: check.toStage, deadline },
    detail: { from: c.status, to: check.to },
  });
  return { status: check.to, stage: check.toStage, deadline, recordId };
}

function notAfterToday(day: string, path: string, what: string, today: string): void {
  if (day > today) throw new HallError('BAD_INPUT', `${what}不能晚于今天。`, [{ path, message: '不能晚于今天' }]);
}

/**
 * The petitioner's window to ask for 复查 (kind review: from receiving the written answer) or
 * 复核 (kind rereview: from receiving the 复查 opinion), rolled past a holiday; null when there
 * is no such paper yet. The one place both the move and the case screen read it from.
 */
export function requestWindowOf(
  db: Db,
  caseId: number,
  kind: RequestWindowKind,
  ctx: Pick<CaseContext, 'cal' | 'settings'>,
): RequestWindow | null {
  const received =
    kind === 'review'
      ? value<string>(
          db,
          'SELECT coalesce(delivered_on, answer_date) FROM closures WHERE case_id = ? ORDER BY id DESC LIMIT 1',
          caseId,
        )
      : value<string>(
          db,
          "SELECT coalesce(delivered_on, decided_on) FROM reviews WHERE case_id = ? AND kind = 'review' AND decided_on IS NOT NULL ORDER BY id DESC LIMIT 1",
          caseId,
        );
  return received === undefined ? null : requestWindow(kind, received, ctx.settings.reviewRequestDays, ctx.cal);
}

interface CaseOwnerRow {
  id: number;
  status: CaseStatus;
  accepted_on: string;
  owning_leader_id: number | null;
}

/**
 * 包案领导责任书: the owning leader commits to a goal, measures and a deadline with a unit and a
 * responsible person. Not a move: the case keeps its state. Refused for a case without an
 * owning leader or one that is final.
 */
export function addResponsibility(db: Db, input: ResponsibilityInput, ctx: CaseContext): { id: number } {
  const c = one<CaseOwnerRow>(
    db,
    'SELECT id, status, accepted_on, owning_leader_id FROM cases WHERE id = ?',
    input.caseId,
  );
  if (!c) throw new HallError('NOT_FOUND', '没有这个案件。');
  if (c.owning_leader_id === null) throw new HallError('RULE_VIOLATION', '该案件尚未确定包案领导，不能签订责任书。');
  if (c.status === 'final') throw new HallError('RULE_VIOLATION', '该事项已三级终结，不再签订责任书。');
  requireRows(db, [{ path: 'unitId', table: 'units', ids: input.unitId, active: true }]);
  if (input.deadlineOn < c.accepted_on)
    throw new HallError('BAD_INPUT', '化解时限不能早于受理日期。', [
      { path: 'deadlineOn', message: `不能早于受理日期 ${c.accepted_on}` },
    ]);
  const id = Number(
    db
      .prepare(
        'INSERT INTO responsibilities (case_id, leader_id, unit_id, responsible_person, goal, measures, deadline_on, signed_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        c.id,
        c.owning_leader_id,
        input.unitId,
        input.responsiblePerson,
        input.goal,
        input.measures,
        input.deadlineOn,
        input.signedOn,
      ).lastInsertRowid,
  );
  ctx.audit({ action: 'case.responsibility', entity: 'case', entityId: c.id, detail: { responsibilityId: id } });
  return { id };
}
