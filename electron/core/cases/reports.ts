import { HallError } from '../../../shared/contract';
import type { InvestigationReportInput } from '../../../shared/domain/case-input';
import type { Db } from '../infra/db/connection';
import { one, value } from '../infra/db/sql';
import type { CaseContext } from './moves';

interface CaseForReportRow {
  id: number;
  accepted_on: string;
  owning_leader_id: number | null;
}

/**
 * 查办报告 (seed 004, the "六有"): the owning leader's signed account of what was found, the
 * measures taken, the 稳控措施 in place and the result. Not a move: the case keeps its state.
 * It reports on a handled case, so it is refused before the first 办结, without an owning leader,
 * or dated before 受理 or after today. The leader is the case's owning leader when it is written.
 */
export function addInvestigationReport(db: Db, input: InvestigationReportInput, ctx: CaseContext): { id: number } {
  const c = one<CaseForReportRow>(db, 'SELECT id, accepted_on, owning_leader_id FROM cases WHERE id = ?', input.caseId);
  if (!c) throw new HallError('NOT_FOUND', '没有这个案件。');
  if (c.owning_leader_id === null) throw new HallError('RULE_VIOLATION', '该案件尚未确定包案领导，不能形成查办报告。');
  if (value<number>(db, 'SELECT 1 FROM closures WHERE case_id = ? LIMIT 1', c.id) === undefined)
    throw new HallError('RULE_VIOLATION', '该事项尚未办结，办结后由包案领导形成查办报告。');
  if (input.signedOn < c.accepted_on)
    throw new HallError('BAD_INPUT', '签字日期不能早于受理日期。', [
      { path: 'signedOn', message: `不能早于受理日期 ${c.accepted_on}` },
    ]);
  if (input.signedOn > ctx.today)
    throw new HallError('BAD_INPUT', '签字日期不能晚于今天。', [{ path: 'signedOn', message: '不能晚于今天' }]);
  const id = Number(
    db
      .prepare(
        'INSERT INTO investigation_reports (case_id, leader_id, findings, measures, stability_measures, result, signed_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        c.id,
        c.owning_leader_id,
        input.findings,
        input.measures,
        input.stabilityMeasures,
        input.result,
        input.signedOn,
        ctx.actorId,
        ctx.nowIso,
      ).lastInsertRowid,
  );
  ctx.audit({ action: 'case.report', entity: 'case', entityId: c.id, detail: { reportId: id } });
  return { id };
}
