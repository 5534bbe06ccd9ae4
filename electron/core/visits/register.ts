import { randomBytes } from 'node:crypto';
import { HallError } from '../../../shared/contract';
import { maskIdNumber, maskPhone } from '../../../shared/domain/mask';
import { ID_BIRTH_DATE_WRONG } from '../../../shared/domain/id-number';
import { checkVisitRules, type RuleSettings, type VisitInput } from '../../../shared/domain/registration';
import type { Db } from '../infra/db/connection';
import { nextNumber } from '../infra/numbering';
import { all, inList, value } from '../infra/db/sql';
import { reachFilter, visitReachableSql } from '../infra/scope';
import { requireRows } from '../infra/references';
import { FINAL_MATTER_REFUSED, finalCaseOf } from './acceptance';
import { receivingRoom } from '../roster/rooms';

/**
 * Registration at the counter: earlier visits of a person, the leader to propose, and the
 * visit with its queue ticket. Pure database work; the service adds the session and audit.
 */
export interface EarlierVisit {
  visitId: number;
  visitNo: string;
  date: string;
  petitionerId: number;
  name: string;
  idNumber: string;
  phone: string;
  category: string | null;
  demand: string;
  leader: string | null;
  matterVisits: number;
  caseNo: string | null;
  caseStatus: string | null;
  matchedBy: 'idNumber' | 'phone' | 'name';
}

/** An earlier visit as read: ID number and phone still in full. */
interface EarlierVisitRow extends Omit<EarlierVisit, 'idNumber' | 'phone' | 'matchedBy'> {
  id_number: string | null;
  phone: string | null;
}

export function lookupVisits(
  db: Db,
  q: { idNumber?: string | undefined; phone?: string | undefined; namePrefix?: string | undefined },
  leader: number | null,
  limit = 20,
): EarlierVisit[] {
  // The people first (by index, at most `limit` of them), then their visits: a common name
  // prefix matches thousands of people, and sorting all their visits would not answer as one types.
  let people: string;
  let params: unknown[];
  const matchedBy = q.idNumber ? 'idNumber' : q.phone ? 'phone' : 'name';
  if (q.idNumber) [people, params] = ['SELECT id FROM petitioners WHERE id_number = ?', [q.idNumber.toUpperCase()]];
  else if (q.phone) [people, params] = ['SELECT id FROM petitioners WHERE phone = ?', [q.phone.replace(/[\s-]/g, '')]];
  else if (q.namePrefix)
    [people, params] = [
      'SELECT id FROM petitioners WHERE name >= ? AND name < ? ORDER BY name LIMIT ?',
      [q.namePrefix, `${q.namePrefix}\u{10FFFF}`, limit],
    ];
  else return [];
  // A leader finds only the visits they reach (infra/scope.ts).
  const reach = reachFilter(leader, visitReachableSql('v'));
  const rows = all<EarlierVisitRow>(
    db,
    `SELECT v.id AS visitId, v.visit_no AS visitNo, v.date, p.id AS petitionerId, p.name, p.id_number, p.phone, c.name AS category, v.demand, l.name AS leader,
         (SELECT count(*) FROM visits m WHERE m.matter_key = v.matter_key) AS matterVisits,
         (SELECT cs.case_no FROM case_visits cv JOIN cases cs ON cs.id = cv.case_id WHERE cv.visit_id = v.id LIMIT 1) AS caseNo,
         (SELECT cs.status FROM case_visits cv JOIN cases cs ON cs.id = cv.case_id WHERE cv.visit_id = v.id LIMIT 1) AS caseStatus
       FROM (${people}) AS who JOIN petitioners p ON p.id = who.id JOIN visit_petitioners vp ON vp.petitioner_id = p.id JOIN visits v ON v.id = vp.visit_id
       LEFT JOIN categories c ON c.id = v.category_id LEFT JOIN leaders l ON l.id = v.leader_id
       WHERE ${reach.sql}
       ORDER BY v.date DESC, v.id DESC LIMIT ?`,
    ...params,
    limit,
    ...reach.params,
  );
  // Lists show masked values; the full ones are for petitioners.reveal, which is audited.
  return rows.map(({ id_number, phone, ...r }) => ({
    ...r,
    idNumber: maskIdNumber(id_number),
    phone: maskPhone(phone),
    matchedBy,
  }));
}

interface Proposal {
  leaderId: number | null;
  reason: string;
}

/** A leader on duty today and how well their portfolio covers the visit. */
interface DutyLeaderRow {
  id: number;
  score: number;
}

/**
 * The leader to propose: a visitor booked (约访) for today goes to that leader; a visit that
 * needs the principal leader goes there; otherwise the leader on duty today, present (not on
 * leave), whose portfolio covers the category (and then the locality) best.
 */
export function proposeLeader(
  db: Db,
  date: string,
  petitionerIds: number[],
  categoryId: number | null,
  localityId: number | null,
  needsPrincipal: boolean,
): Proposal {
  if (petitionerIds.length > 0) {
    const people = inList(petitionerIds);
    const booked = value<number>(
      db,
      `SELECT leader_id FROM appointments WHERE status = 'booked' AND substr(at, 1, 10) = ? AND petitioner_id IN ${people.sql} LIMIT 1`,
      date,
      ...people.params,
    );
    if (booked !== undefined) return { leaderId: booked, reason: '今日已约访' };
  }
  if (needsPrincipal) {
    const principal = value<number>(
      db,
      'SELECT id FROM leaders WHERE is_principal = 1 AND active = 1 ORDER BY sort, id LIMIT 1',
    );
    if (principal !== undefined) return { leaderId: principal, reason: '须主要领导接待' };
  }
  const onDuty = all<DutyLeaderRow>(
    db,
    `SELECT dl.leader_id AS id,
         (SELECT count(*) FROM leader_scopes s WHERE s.leader_id = dl.leader_id AND s.category_id = ?) * 2 +
         (SELECT count(*) FROM leader_scopes s WHERE s.leader_id = dl.leader_id AND s.locality_id = ?) AS score
       FROM duty_slots ds JOIN duty_slot_leaders dl ON dl.slot_id = ds.id
       WHERE ds.date = ? AND ds.cancelled = 0 AND ds.form <> 'outside'
         AND NOT EXISTS (SELECT 1 FROM absences a WHERE a.slot_id = ds.id AND a.leader_id = dl.leader_id)
       ORDER BY score DESC, ds.start_time, dl.id`,
    categoryId,
    localityId,
    date,
  );
  const best = onDuty[0];
  if (!best) return { leaderId: null, reason: '今日无领导值班' };
  return { leaderId: best.id, reason: best.score > 0 ? '分管该类问题' : '今日值班领导' };
}

export interface Registered {
  visitId: number;
  visitNo: string;
  leaderId: number | null;
  reason: string;
  alerts: string[];
  guided: boolean;
  /** The matter is final (三级终结): registered without a ticket, waiting for 不再受理. */
  finalMatter: boolean;
  /** The operator's reason that a visit linked to a final matter is a new matter (audited). */
  newMatterReason: string | null;
  ticket: { id: number; code: string; ahead: number; waitMinutes: number } | null;
}

/** Runs inside the caller's transaction. */
export function registerVisit(
  db: Db,
  input: VisitInput,
  ctx: { date: string; now: Date; registrarId: number | null; rules: RuleSettings; minutesPerVisit: number },
): Registered {
  requireRows(db, [
    { path: 'continuesVisitId', table: 'visits', ids: input.continuesVisitId },
    { path: 'leaderId', table: 'leaders', ids: input.leaderId, active: true },
    // A retired category or locality stays on old records but is not given to a new visit.
    { path: 'categoryId', table: 'categories', ids: input.categoryId, active: true },
    { path: 'localityId', table: 'localities', ids: input.localityId, active: true },
  ]);
  // The contract's schema has no clock: a birth date after today is refused here, on the hall's day.
  input.petitioners.forEach((p, i) => {
    if (p.birthDate && p.birthDate > ctx.date)
      throw new HallError('BAD_INPUT', ID_BIRTH_DATE_WRONG, [
        { path: `petitioners.${i}.idNumber`, message: ID_BIRTH_DATE_WRONG },
      ]);
  });
  let matterKey = `m-${randomBytes(8).toString('hex')}`;
  let repeatCount = 0;
  if (input.continuesVisitId) {
    // null: a visit without a matter key.
    const earlierKey = value<string | null>(db, 'SELECT matter_key FROM visits WHERE id = ?', input.continuesVisitId);
    if (earlierKey) {
      matterKey = earlierKey;
      repeatCount = value<number>(db, 'SELECT count(*) AS n FROM visits WHERE matter_key = ?', matterKey)!;
    }
  }
  // 三级终结 stays final: a visit on a final matter gets no ticket (不再受理) unless the operator
  // states it brings a new matter, which then starts a matter of its own.
  let finalAfterReview = input.continuesVisitId ? finalCaseOf(db, matterKey) !== undefined : false;
  const statedNew = finalAfterReview && input.newMatterReason !== undefined;
  if (statedNew) {
    matterKey = `m-${randomBytes(8).toString('hex')}`;
    repeatCount = 0;
    finalAfterReview = false;
  }
  const guided = input.legalChannel !== 'none';
  const rules = checkVisitRules(input, repeatCount, ctx.rules);
  if (rules.blocking.length > 0 && !guided)
    throw new HallError('RULE_VIOLATION', rules.blocking[0]!.message, rules.blocking);
  const alerts = [...rules.alerts];
  if (finalAfterReview)
    alerts.push(`${FINAL_MATTER_REFUSED}。未发排队号，请在“受理告知”中作“不再受理”决定，并做好解释`);
  if (statedNew) alerts.push(`原事项已三级终结，经说明按新的事项登记：${input.newMatterReason}`);

  // People come back: find them by ID number, else by name and phone.
  const petitionerIds = input.petitioners.map((p) => {
    const found = p.idNumber
      ? value<number>(db, 'SELECT id FROM petitioners WHERE id_number = ?', p.idNumber)
      : p.phone
        ? value<number>(db, 'SELECT id FROM petitioners WHERE phone = ? AND name = ?', p.phone, p.name)
        : undefined;
    if (found !== undefined) {
      db.prepare(
        'UPDATE petitioners SET name = ?, sex = ?, id_number = coalesce(?, id_number), birth_date = coalesce(?, birth_date), phone = coalesce(?, phone), address = coalesce(?, address), updated_at = hall_now() WHERE id = ?',
      ).run(p.name, p.sex, p.idNumber, p.birthDate, p.phone, p.address, found);
      return found;
    }
    return Number(
      db
        .prepare('INSERT INTO petitioners (name, sex, id_number, birth_date, phone, address) VALUES (?, ?, ?, ?, ?, ?)')
        .run(p.name, p.sex, p.idNumber, p.birthDate, p.phone, p.address).lastInsertRowid,
    );
  });

  const proposal = input.leaderId
    ? { leaderId: input.leaderId, reason: '指定接访领导' }
    : proposeLeader(db, ctx.date, petitionerIds, input.categoryId, input.localityId, rules.needsPrincipal);
  const slot = proposal.leaderId ? receivingRoom(db, ctx.date, proposal.leaderId) : undefined;

  const visitNo = nextNumber(db, { kind: 'visit', day: ctx.date });
  const visitId = Number(
    db
      .prepare(
        `INSERT INTO visits (visit_no, date, arrived_at, kind, head_count, category_id, locality_id, demand, facts, earlier_handling, legal_channel, accepted,
           matter_key, repeat_count, reports_on_person, final_after_review, leader_id, slot_id, status, registrar_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        visitNo,
        ctx.date,
        ctx.now.toISOString(),
        input.headCount >= ctx.rules.principalLeaderGroupSize ? 'immediate' : 'walk_in',
        input.headCount,
        input.categoryId,
        input.localityId,
        input.demand,
        input.facts,
        input.earlierHandling,
        input.legalChannel,
        guided ? 0 : 1,
        matterKey,
        repeatCount,
        input.reportsOnPerson ? 1 : 0,
        finalAfterReview ? 1 : 0,
        proposal.leaderId,
        slot?.slotId ?? null,
        guided ? 'guided' : finalAfterReview ? 'registered' : 'queued',
        ctx.registrarId,
      ).lastInsertRowid,
  );
  const link = db.prepare(
    'INSERT INTO visit_petitioners (visit_id, petitioner_id, is_representative, is_primary, identity_source) VALUES (?, ?, ?, ?, ?)',
  );
  petitionerIds.forEach((id, i) => {
    const p = input.petitioners[i]!;
    link.run(visitId, id, p.isRepresentative ? 1 : 0, i === 0 ? 1 : 0, p.identitySource);
  });

  let ticket: Registered['ticket'] = null;
  if (!guided && !finalAfterReview) {
    const prefix = slot?.queuePrefix || 'A';
    const code = nextNumber(db, { kind: 'queue', day: ctx.date, prefix });
    const position = value<number>(
      db,
      'SELECT coalesce(max(position), 0) + 1 AS p FROM tickets WHERE date = ? AND leader_id IS ?',
      ctx.date,
      proposal.leaderId,
    )!;
    const ahead = value<number>(
      db,
      "SELECT count(*) AS n FROM tickets WHERE date = ? AND leader_id IS ? AND status IN ('waiting', 'called')",
      ctx.date,
      proposal.leaderId,
    )!;
    const id = Number(
      db
        .prepare('INSERT INTO tickets (visit_id, date, code, leader_id, room_id, position) VALUES (?, ?, ?, ?, ?, ?)')
        .run(visitId, ctx.date, code, proposal.leaderId, slot?.roomId ?? null, position).lastInsertRowid,
    );
    ticket = { id, code, ahead, waitMinutes: ahead * ctx.minutesPerVisit };
  }
  return {
    visitId,
    visitNo,
    leaderId: proposal.leaderId,
    reason: proposal.reason,
    alerts,
    guided,
    finalMatter: finalAfterReview,
    newMatterReason: statedNew ? input.newMatterReason! : null,
    ticket,
  };
}
