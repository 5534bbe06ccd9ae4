import { HallError } from '../../../shared/contract';
import {
  CORRECTION_REASON_REQUIRED,
  correctedFields,
  correctionRight,
  MIN_CORRECTION_REASON,
  type CorrectionInput,
  type CorrectionRight,
  type RegistrationVersion,
} from '../../../shared/domain/correction';
import { ID_BIRTH_DATE_WRONG, parseIdNumber } from '../../../shared/domain/id-number';
import { maskIdNumber, maskPhone } from '../../../shared/domain/mask';
import { checkVisitRules, type IdentitySource, type RuleSettings, type Sex } from '../../../shared/domain/registration';
import type { Role } from '../../../shared/domain/roles';
import type { AuditInput } from '../infra/audit-chain';
import type { Db } from '../infra/db/connection';
import { all, one, value } from '../infra/db/sql';
import { requireRows } from '../infra/references';

/**
 * 更正登记: the registration of a visit as it stands, its earlier versions, and the correction
 * itself. The visit and its petitioners hold the current version; each correction first keeps
 * the registration as it stood in visit_versions. Printed copies are compared with the current
 * data (documents/snapshot.ts), so a 登记单 printed before a correction verifies as 记录已更新.
 */

interface VisitRow {
  id: number;
  visit_no: string;
  date: string;
  head_count: number;
  category_id: number | null;
  category: string | null;
  locality_id: number | null;
  locality: string | null;
  demand: string;
  facts: string;
  earlier_handling: string;
  legal_channel: string;
  leader: string | null;
  registrar: string | null;
}

interface PersonRow {
  petitionerId: number;
  name: string;
  sex: Sex;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  isRepresentative: number;
}

function visitRow(db: Db, visitId: number): VisitRow {
  const v = one<VisitRow>(
    db,
    `SELECT v.*, c.name AS category, lo.name AS locality, l.name AS leader, a.display_name AS registrar FROM visits v
     LEFT JOIN categories c ON c.id = v.category_id LEFT JOIN localities lo ON lo.id = v.locality_id
     LEFT JOIN leaders l ON l.id = v.leader_id LEFT JOIN accounts a ON a.id = v.registrar_id WHERE v.id = ?`,
    visitId,
  );
  if (!v) throw new HallError('NOT_FOUND', '没有找到这次来访的登记。');
  return v;
}

/** The registration as it stands now, in full (the version a correction keeps). */
function currentVersion(db: Db, v: VisitRow): RegistrationVersion {
  const people = all<PersonRow>(
    db,
    `SELECT p.id AS petitionerId, p.name, p.sex, p.id_number AS idNumber, p.phone, coalesce(p.address, p.workplace) AS address,
        vp.is_representative AS isRepresentative
     FROM visit_petitioners vp JOIN petitioners p ON p.id = vp.petitioner_id WHERE vp.visit_id = ? ORDER BY vp.is_primary DESC, p.id`,
    v.id,
  );
  return {
    petitioners: people.map((p) => ({ ...p, isRepresentative: p.isRepresentative === 1 })),
    headCount: v.head_count,
    categoryId: v.category_id,
    category: v.category,
    localityId: v.locality_id,
    locality: v.locality,
    demand: v.demand,
    facts: v.facts,
    earlierHandling: v.earlier_handling,
  };
}

/** A version as shown: ID numbers and phones masked. */
function masked(r: RegistrationVersion) {
  return {
    ...r,
    petitioners: r.petitioners.map((p) => ({
      ...p,
      idNumber: maskIdNumber(p.idNumber),
      phone: maskPhone(p.phone),
      address: p.address ?? '',
    })),
  };
}

/** The cases opened on the visit and whether the caller's leader owns one of them. */
function casesOf(db: Db, visitId: number) {
  return all<{ caseId: number; caseNo: string; owner: number | null }>(
    db,
    `SELECT c.id AS caseId, c.case_no AS caseNo, c.owning_leader_id AS owner FROM case_visits cv JOIN cases c ON c.id = cv.case_id
     WHERE cv.visit_id = ? ORDER BY c.id`,
    visitId,
  );
}

function rightOf(db: Db, visitId: number, who: { role: Role; leaderId: number | null }): CorrectionRight {
  const cases = casesOf(db, visitId);
  return correctionRight(who.role, {
    caseOpen: cases.length > 0,
    ownsCase: who.leaderId !== null && cases.some((c) => c.owner === who.leaderId),
  });
}

const versionCount = (db: Db, visitId: number) =>
  value<number>(db, 'SELECT count(*) FROM visit_versions WHERE visit_id = ?', visitId)!;

interface VersionRow {
  version: number;
  data: string;
  changed: string;
  reason: string | null;
  correctedAt: string;
  correctedBy: string | null;
}

/** Each petitioner of the current version with where the identity came from at this visit (身份证读取 / 手工录入). */
function withSources(db: Db, visitId: number, view: ReturnType<typeof masked>) {
  const sources = new Map(
    all<{ petitionerId: number; identitySource: IdentitySource }>(
      db,
      'SELECT petitioner_id AS petitionerId, identity_source AS identitySource FROM visit_petitioners WHERE visit_id = ?',
      visitId,
    ).map((r) => [r.petitionerId, r.identitySource]),
  );
  return {
    ...view,
    petitioners: view.petitioners.map((p) => ({ ...p, identitySource: sources.get(p.petitionerId) ?? 'manual' })),
  };
}

export function visitView(db: Db, visitId: number, who: { role: Role; leaderId: number | null }) {
  const v = visitRow(db, visitId);
  const right = rightOf(db, visitId, who);
  const versions = all<VersionRow>(
    db,
    `SELECT vv.version, vv.data, vv.changed, vv.reason, vv.corrected_at AS correctedAt, a.display_name AS correctedBy
     FROM visit_versions vv LEFT JOIN accounts a ON a.id = vv.corrected_by WHERE vv.visit_id = ? ORDER BY vv.version DESC`,
    visitId,
  );
  return {
    visitId: v.id,
    visitNo: v.visit_no,
    date: v.date,
    leader: v.leader,
    registrar: v.registrar,
    ...withSources(db, v.id, masked(currentVersion(db, v))),
    cases: casesOf(db, visitId).map(({ caseId, caseNo }) => ({ caseId, caseNo })),
    version: versions.length + 1,
    correction: right.may
      ? { may: true, reasonRequired: right.reasonRequired, why: null }
      : { may: false, reasonRequired: false, why: right.why },
    versions: versions.map((r) => ({
      version: r.version,
      data: masked(JSON.parse(r.data) as RegistrationVersion),
      correctedAt: r.correctedAt,
      correctedBy: r.correctedBy,
      reason: r.reason,
      changed: JSON.parse(r.changed) as string[],
    })),
  };
}

/** Runs inside the caller's transaction. */
export function correctVisit(
  db: Db,
  input: CorrectionInput,
  ctx: {
    who: { role: Role; leaderId: number | null; accountId: number | null };
    today: string;
    at: string;
    rules: RuleSettings;
    audit: (entry: AuditInput) => void;
  },
): { version: number; changed: string[] } {
  const v = visitRow(db, input.visitId);
  const right = rightOf(db, v.id, ctx.who);
  if (!right.may) throw new HallError('FORBIDDEN', `${right.why}。`);
  if (right.reasonRequired && input.reason.length < MIN_CORRECTION_REASON)
    throw new HallError('BAD_INPUT', `${CORRECTION_REASON_REQUIRED}。`, [
      { path: 'reason', message: CORRECTION_REASON_REQUIRED },
    ]);
  const current = versionCount(db, v.id) + 1;
  if (input.version !== current)
    throw new HallError('CONFLICT', `这次来访的登记已被更正为第${current}版，请重新打开后再更正。`);
  requireRows(db, [
    { path: 'categoryId', table: 'categories', ids: input.categoryId },
    { path: 'localityId', table: 'localities', ids: input.localityId },
  ]);

  const before = currentVersion(db, v);
  const known = new Set(before.petitioners.map((p) => p.petitionerId));
  if (input.petitioners.length !== known.size || input.petitioners.some((p) => !known.has(p.petitionerId)))
    throw new HallError('BAD_INPUT', '更正只改这次来访已登记的信访人，不能增减人员。', [
      { path: 'petitioners', message: '信访人与登记不符，请重新打开后再更正' },
    ]);
  const fields: { path: string; message: string }[] = [];
  input.petitioners.forEach((p, i) => {
    if (p.birthDate && p.birthDate > ctx.today)
      fields.push({ path: `petitioners.${i}.idNumber`, message: ID_BIRTH_DATE_WRONG });
    const holder =
      p.idNumber &&
      value<number>(db, 'SELECT id FROM petitioners WHERE id_number = ? AND id <> ?', p.idNumber, p.petitionerId);
    if (holder) fields.push({ path: `petitioners.${i}.idNumber`, message: '该身份证号已登记为另一位信访人，请核对' });
  });
  if (fields.length > 0) throw new HallError('BAD_INPUT', fields[0]!.message, fields);
  // The same rules as at registration; a visit guided to a legal channel was never queued.
  const rules = checkVisitRules(input, 0, ctx.rules);
  if (rules.blocking.length > 0 && v.legal_channel === 'none')
    throw new HallError('RULE_VIOLATION', rules.blocking[0]!.message, rules.blocking);

  const after: RegistrationVersion = {
    petitioners: input.petitioners.map((p) => {
      const was = before.petitioners.find((x) => x.petitionerId === p.petitionerId)!;
      const idNumber = p.idNumber ?? was.idNumber;
      // With an ID number the sex is the number's; the field is for a visitor without one.
      const id = idNumber ? parseIdNumber(idNumber) : null;
      return {
        petitionerId: p.petitionerId,
        name: p.name,
        sex: id?.ok ? id.sex : p.sex,
        idNumber,
        phone: p.phone ?? was.phone,
        address: p.address,
        isRepresentative: p.isRepresentative,
      };
    }),
    headCount: input.headCount,
    categoryId: input.categoryId,
    category:
      input.categoryId === null
        ? null
        : value<string>(db, 'SELECT name FROM categories WHERE id = ?', input.categoryId)!,
    localityId: input.localityId,
    locality:
      input.localityId === null
        ? null
        : value<string>(db, 'SELECT name FROM localities WHERE id = ?', input.localityId)!,
    demand: input.demand,
    facts: input.facts,
    earlierHandling: input.earlierHandling,
  };
  const changed = correctedFields(before, after);
  if (changed.length === 0) throw new HallError('BAD_INPUT', '没有需要更正的内容。');

  db.prepare(
    'INSERT INTO visit_versions (visit_id, version, data, changed, reason, corrected_by, corrected_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    v.id,
    current,
    JSON.stringify(before),
    JSON.stringify(changed),
    input.reason || null,
    ctx.who.accountId,
    ctx.at,
  );
  const person = db.prepare(
    `UPDATE petitioners SET name = ?, sex = ?, id_number = ?, birth_date = coalesce(?, birth_date), phone = ?,
       address = ?, updated_at = hall_now() WHERE id = ?`,
  );
  // A field the card gave, changed by hand, makes the identity 手工录入 for this visit.
  const link = db.prepare(
    `UPDATE visit_petitioners SET is_representative = ?,
       identity_source = CASE WHEN ? THEN 'manual' ELSE identity_source END WHERE visit_id = ? AND petitioner_id = ?`,
  );
  after.petitioners.forEach((p, i) => {
    person.run(p.name, p.sex, p.idNumber, input.petitioners[i]!.birthDate, p.phone, p.address, p.petitionerId);
    const was = before.petitioners.find((b) => b.petitionerId === p.petitionerId);
    const retyped =
      !was || was.name !== p.name || was.sex !== p.sex || was.idNumber !== p.idNumber || was.address !== p.address;
    link.run(p.isRepresentative ? 1 : 0, retyped ? 1 : 0, v.id, p.petitionerId);
  });
  db.prepare(
    `UPDATE visits SET head_count = ?, category_id = ?, locality_id = ?, demand = ?, facts = ?, earlier_handling = ?,
       updated_at = hall_now() WHERE id = ?`,
  ).run(after.headCount, after.categoryId, after.localityId, after.demand, after.facts, after.earlierHandling, v.id);
  // A case opened on the visit took its demand, category and locality from the registration:
  // what it still holds as registered follows the correction; what the case changed since stays.
  for (const [column, was, now] of [
    ['demand', before.demand, after.demand],
    ['category_id', before.categoryId, after.categoryId],
    ['locality_id', before.localityId, after.localityId],
  ] as const)
    if (was !== now)
      db.prepare(
        `UPDATE cases SET ${column} = ?, updated_at = hall_now() WHERE ${column} IS ? AND id IN (SELECT case_id FROM case_visits WHERE visit_id = ?)`,
      ).run(now, was, v.id);

  ctx.audit({
    action: 'visit.correct',
    entity: 'visit',
    entityId: v.id,
    before,
    after,
    detail: {
      version: current + 1,
      changed,
      ...(input.reason ? { reason: input.reason } : {}),
      caseOpen: right.reasonRequired,
    },
  });
  return { version: current + 1, changed };
}
