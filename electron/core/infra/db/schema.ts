/**
 * The whole data model of the hall. Dates are ISO `YYYY-MM-DD` text, instants ISO-8601 UTC
 * text, so rows read the same in any tool and sort as text. Every table a later feature
 * fills is here already, so features add behaviour, not tables.
 */
import { sql } from 'drizzle-orm';
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import { ACCEPT_DECISIONS } from '../../../../shared/domain/acceptance';
import { CASE_STAGES } from '../../../../shared/domain/case-machine';
import { ANSWER_WAYS, FOLLOW_UP_WAYS, OUTCOMES, SATISFACTIONS } from '../../../../shared/domain/closure';
import { DEADLINE_RULES } from '../../../../shared/domain/deadlines';
import { DISPOSITIONS, PARTICIPANT_KINDS, SPEAKERS } from '../../../../shared/domain/interview';
import { RECEPTION_FORMS, SLOT_SESSIONS } from '../../../../shared/domain/duty';
import { LEGAL_CHANNELS, SEXES } from '../../../../shared/domain/registration';
import { ROLES } from '../../../../shared/domain/roles';
import { SUPERVISION_LEVELS, SUPERVISION_REASONS } from '../../../../shared/domain/supervision';
import { OUTCOME_RANK, STATUS_RANK } from './ranks';

/**
 * Row stamps come from the hall's one clock (hall_now(), electron/core/infra/db/connection.ts),
 * so a rehearsal on HALL_NOW stamps rows with the rehearsed time, not SQLite's 'now'. Migration
 * 0006 rewrote the defaults of tables made before.
 */
const created = () =>
  text('created_at')
    .notNull()
    .default(sql`(hall_now())`);
const updated = () =>
  text('updated_at')
    .notNull()
    .default(sql`(hall_now())`);
/**
 * The China day (UTC+8, no daylight saving) of a stored UTC instant, as a generated column:
 * date(x, '+8 hours') — 00:30 China time is the previous UTC day. Only a value that starts with a
 * year reaches date(): SQLite refuses date('now') in a generated column, and a stray value must
 * not stop an upgrade (it reads as no day, as date() reads any other text that is not a time).
 */
const chinaDayOf = (column: string) =>
  sql.raw(`CASE WHEN ${column} GLOB '[0-9][0-9][0-9][0-9]-*' THEN date(${column}, '+8 hours') END`);
const flag = (name: string) => integer(name, { mode: 'boolean' }).notNull().default(false);
const active = () => integer('active', { mode: 'boolean' }).notNull().default(true);

// ── Office and settings ─────────────────────────────────────────────────────────────────
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: updated(),
});

/** Running numbers: document numbers per kind and year, queue numbers per day and prefix. */
export const counters = sqliteTable('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull().default(0),
});

// ── Accounts ────────────────────────────────────────────────────────────────────────────
export const accounts = sqliteTable('accounts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  leaderId: integer('leader_id').references((): AnySQLiteColumn => leaders.id),
  active: active(),
  mustChangePassword: flag('must_change_password'),
  createdAt: created(),
  updatedAt: updated(),
  removedAt: text('removed_at'),
});

// ── Reference lists ─────────────────────────────────────────────────────────────────────
export const categories = sqliteTable('categories', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  parentId: integer('parent_id').references((): AnySQLiteColumn => categories.id),
  sort: integer('sort').notNull().default(0),
  active: active(),
});

export const localities = sqliteTable(
  'localities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => localities.id),
    /** The administrative division code (行政区划代码: 9 digits for a township, 12 for a village), if known. */
    code: text('code'),
    level: text('level', { enum: ['county', 'township', 'village', 'street', 'community', 'other'] })
      .notNull()
      .default('township'),
    sort: integer('sort').notNull().default(0),
    active: active(),
  },
  (t) => [uniqueIndex('localities_code').on(t.code)],
);

export const leaders = sqliteTable('leaders', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  post: text('post').notNull(),
  portfolio: text('portfolio').notNull().default(''),
  rank: text('rank').notNull().default(''),
  phone: text('phone'),
  isPrincipal: flag('is_principal'),
  sort: integer('sort').notNull().default(0),
  active: active(),
  createdAt: created(),
  updatedAt: updated(),
});

/** A leader's portfolio as sets of categories and localities (used for matching visitors). */
export const leaderScopes = sqliteTable(
  'leader_scopes',
  {
    leaderId: integer('leader_id')
      .notNull()
      .references(() => leaders.id, { onDelete: 'cascade' }),
    categoryId: integer('category_id').references(() => categories.id),
    localityId: integer('locality_id').references(() => localities.id),
  },
  (t) => [index('leader_scopes_leader').on(t.leaderId)],
);

export const units = sqliteTable('units', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  contact: text('contact'),
  phone: text('phone'),
  active: active(),
  createdAt: created(),
  updatedAt: updated(),
});

export const unitScopes = sqliteTable(
  'unit_scopes',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    categoryId: integer('category_id').references(() => categories.id),
    localityId: integer('locality_id').references(() => localities.id),
  },
  (t) => [index('unit_scopes_unit').on(t.unitId)],
);

export const rooms = sqliteTable('rooms', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  location: text('location'),
  queuePrefix: text('queue_prefix'),
  active: active(),
});

/** Lawyers, deputies (人大代表), CPPCC members and others who sit in on receptions. */
export const participants = sqliteTable('participants', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['lawyer', 'deputy', 'cppcc', 'other'] }).notNull(),
  organisation: text('organisation'),
  phone: text('phone'),
  active: active(),
});

// ── Calendar and roster ─────────────────────────────────────────────────────────────────
/** The administrator's calendar entries; they win over the packaged holiday data. */
export const calendarOverrides = sqliteTable('calendar_overrides', {
  date: text('date').primaryKey(),
  kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
  name: text('name').notNull().default(''),
  createdAt: created(),
});

export const rosterRules = sqliteTable('roster_rules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['every_working_day', 'weekly', 'monthly_day', 'monthly_nth_weekday', 'once'] }).notNull(),
  /** Weekdays, day of month, k-th weekday, or dates, depending on kind. */
  params: text('params', { mode: 'json' }).notNull(),
  shiftToWorkingDay: integer('shift_to_working_day', { mode: 'boolean' }).notNull().default(true),
  session: text('session', { enum: SLOT_SESSIONS }).notNull(),
  startTime: text('start_time').notNull(),
  endTime: text('end_time').notNull(),
  form: text('form', { enum: RECEPTION_FORMS }).notNull().default('regular'),
  roomId: integer('room_id').references(() => rooms.id),
  place: text('place'),
  validFrom: text('valid_from').notNull(),
  validTo: text('valid_to'),
  active: active(),
  createdAt: created(),
  updatedAt: updated(),
});

export const rosterRuleLeaders = sqliteTable(
  'roster_rule_leaders',
  {
    ruleId: integer('rule_id')
      .notNull()
      .references(() => rosterRules.id, { onDelete: 'cascade' }),
    leaderId: integer('leader_id')
      .notNull()
      .references(() => leaders.id),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.leaderId] })],
);

export const dutySlots = sqliteTable(
  'duty_slots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ruleId: integer('rule_id').references(() => rosterRules.id, { onDelete: 'set null' }),
    date: text('date').notNull(),
    session: text('session', { enum: SLOT_SESSIONS }).notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    form: text('form', { enum: RECEPTION_FORMS }).notNull(),
    roomId: integer('room_id').references(() => rooms.id),
    place: text('place'),
    note: text('note'),
    /** Edited by hand: regenerating the rule leaves it alone. */
    edited: flag('edited'),
    /** The date the rule gave this slot; it stays when the slot is moved by hand. */
    ruleDate: text('rule_date'),
    cancelled: flag('cancelled'),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index('duty_slots_date').on(t.date)],
);

export const dutySlotLeaders = sqliteTable(
  'duty_slot_leaders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slotId: integer('slot_id')
      .notNull()
      .references(() => dutySlots.id, { onDelete: 'cascade' }),
    leaderId: integer('leader_id')
      .notNull()
      .references(() => leaders.id),
    /** Set when this leader stands in for an absent one. */
    substituteForId: integer('substitute_for_id').references(() => leaders.id),
  },
  (t) => [index('duty_slot_leaders_slot').on(t.slotId), index('duty_slot_leaders_leader').on(t.leaderId)],
);

export const dutySlotParticipants = sqliteTable('duty_slot_participants', {
  slotId: integer('slot_id')
    .notNull()
    .references(() => dutySlots.id, { onDelete: 'cascade' }),
  participantId: integer('participant_id')
    .notNull()
    .references(() => participants.id),
});

export const absences = sqliteTable(
  'absences',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slotId: integer('slot_id')
      .notNull()
      .references(() => dutySlots.id, { onDelete: 'cascade' }),
    leaderId: integer('leader_id')
      .notNull()
      .references(() => leaders.id),
    reason: text('reason').notNull(),
    reportedAt: text('reported_at').notNull(),
    substituteLeaderId: integer('substitute_leader_id').references(() => leaders.id),
    createdBy: integer('created_by').references(() => accounts.id),
  },
  // A leader's duty days (统计) look for an absence per slot of the period.
  (t) => [index('absences_slot').on(t.slotId, t.leaderId)],
);

// ── Petitioners and visits ──────────────────────────────────────────────────────────────
/** A person who petitions; they come back, so visits link here and repeats are found. */
export const petitioners = sqliteTable(
  'petitioners',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    sex: text('sex', { enum: SEXES }).notNull().default('unknown'),
    idNumber: text('id_number'),
    birthDate: text('birth_date'),
    phone: text('phone'),
    address: text('address'),
    workplace: text('workplace'),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index('petitioners_id_number').on(t.idNumber),
    index('petitioners_phone').on(t.phone),
    index('petitioners_name').on(t.name),
  ],
);

export const visits = sqliteTable(
  'visits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitNo: text('visit_no').notNull().unique(),
    date: text('date').notNull(),
    arrivedAt: text('arrived_at').notNull(),
    kind: text('kind', { enum: ['walk_in', 'appointment', 'immediate'] })
      .notNull()
      .default('walk_in'),
    form: text('form', { enum: RECEPTION_FORMS }).notNull().default('regular'),
    headCount: integer('head_count').notNull().default(1),
    categoryId: integer('category_id').references(() => categories.id),
    localityId: integer('locality_id').references(() => localities.id),
    demand: text('demand').notNull(),
    facts: text('facts').notNull().default(''),
    earlierHandling: text('earlier_handling').notNull().default(''),
    /** Legal-channel screening: a matter for a court, arbitration or review is not accepted. */
    legalChannel: text('legal_channel', { enum: LEGAL_CHANNELS }).notNull().default('none'),
    accepted: integer('accepted', { mode: 'boolean' }).notNull().default(true),
    guidance: text('guidance'),
    /** Groups the visits of a person (or group) about one matter, to count repeat visits. */
    matterKey: text('matter_key'),
    repeatCount: integer('repeat_count').notNull().default(0),
    /** The petition reports on a named person: only roles that handle it may see it. */
    reportsOnPerson: flag('reports_on_person'),
    finalAfterReview: flag('final_after_review'),
    leaderId: integer('leader_id').references(() => leaders.id),
    slotId: integer('slot_id').references(() => dutySlots.id),
    status: text('status', { enum: ['registered', 'queued', 'in_reception', 'done', 'left', 'guided'] })
      .notNull()
      .default('registered'),
    registrarId: integer('registrar_id').references(() => accounts.id),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index('visits_date').on(t.date),
    index('visits_leader_date').on(t.leaderId, t.date),
    index('visits_matter').on(t.matterKey),
    // Everything the figures (统计) read of a visit, so a month's visits are read from the index
    // alone: no lookup of each row in a table that holds every visit since the start.
    index('visits_figures').on(
      t.date,
      t.headCount,
      t.repeatCount,
      t.leaderId,
      t.categoryId,
      t.localityId,
      t.slotId,
      t.form,
      t.legalChannel,
    ),
    // The visits guided to a legal channel (a 不予受理 the figures derive for an old visit): a few
    // of the period's visits, read without walking all of them (DECISIONS_IN_RANGE).
    index('visits_guided')
      .on(t.date, t.legalChannel)
      .where(sql`legal_channel <> 'none'`),
  ],
);

/**
 * The day roll-ups of visits for the figures (统计): how many visits and people each China day
 * had, split the ways the figures split them, so a range of years sums a few rows a day instead
 * of reading every visit. Kept by triggers on visits (migration 0014), whoever writes a visit;
 * a row whose count falls to 0 is removed. Keys are never NULL (0 = none) so each group has
 * exactly one row. The migration makes them WITHOUT ROWID (drizzle cannot say so), so a range
 * of days reads the primary key alone.
 */
export const visitDaySizes = sqliteTable(
  'visit_day_sizes',
  {
    date: text('date').notNull(),
    headCount: integer('head_count').notNull(),
    /** min(repeat_count, 1): 0 a first visit, 1 a repeat. */
    repeated: integer('repeated').notNull(),
    visits: integer('visits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.date, t.headCount, t.repeated] })],
);

export const visitDayKeys = sqliteTable(
  'visit_day_keys',
  {
    dimension: text('dimension', { enum: ['leader', 'category', 'locality'] }).notNull(),
    date: text('date').notNull(),
    /** The leader, category or locality id; 0 = none. */
    key: integer('key').notNull(),
    visits: integer('visits').notNull(),
    people: integer('people').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.date, t.key] })],
);

export const visitDayForms = sqliteTable(
  'visit_day_forms',
  {
    date: text('date').notNull(),
    /** The duty slot (its form wins over the visit's); 0 = none. */
    slotId: integer('slot_id').notNull(),
    form: text('form').notNull(),
    visits: integer('visits').notNull(),
    people: integer('people').notNull(),
  },
  (t) => [primaryKey({ columns: [t.date, t.slotId, t.form] })],
);

export const visitPetitioners = sqliteTable(
  'visit_petitioners',
  {
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    petitionerId: integer('petitioner_id')
      .notNull()
      .references(() => petitioners.id),
    isRepresentative: flag('is_representative'),
    isPrimary: flag('is_primary'),
    /** 身份证读取 (read from the chip at this visit) or 手工录入 (typed, or a read field edited by hand). */
    identitySource: text('identity_source', { enum: ['card', 'manual'] })
      .notNull()
      .default('manual'),
  },
  (t) => [
    primaryKey({ columns: [t.visitId, t.petitionerId] }),
    index('visit_petitioners_petitioner').on(t.petitionerId),
  ],
);

export const tickets = sqliteTable(
  'tickets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    code: text('code').notNull(),
    leaderId: integer('leader_id').references(() => leaders.id),
    roomId: integer('room_id').references(() => rooms.id),
    status: text('status', { enum: ['waiting', 'called', 'in_reception', 'done', 'skipped', 'transferred', 'gone'] })
      .notNull()
      .default('waiting'),
    callCount: integer('call_count').notNull().default(0),
    position: integer('position').notNull(),
    calledAt: text('called_at'),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
    transferredFromId: integer('transferred_from_id').references((): AnySQLiteColumn => tickets.id),
    transferReason: text('transfer_reason'),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex('tickets_date_code').on(t.date, t.code),
    index('tickets_leader_date').on(t.leaderId, t.date, t.status),
  ],
);

export const summons = sqliteTable('summons', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  visitId: integer('visit_id')
    .notNull()
    .references(() => visits.id, { onDelete: 'cascade' }),
  unitId: integer('unit_id')
    .notNull()
    .references(() => units.id),
  summonedAt: text('summoned_at').notNull(),
  dueAt: text('due_at').notNull(),
  arrivedAt: text('arrived_at'),
  late: flag('late'),
});

// ── Interviews ──────────────────────────────────────────────────────────────────────────
export const interviews = sqliteTable(
  'interviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    leaderId: integer('leader_id').references(() => leaders.id),
    clerkId: integer('clerk_id').references(() => accounts.id),
    place: text('place').notNull().default(''),
    startedAt: text('started_at').notNull(),
    endedAt: text('ended_at'),
    opinion: text('opinion').notNull().default(''),
    disposition: text('disposition', { enum: DISPOSITIONS }),
    petitionerResponse: text('petitioner_response').notNull().default(''),
    confirmation: text('confirmation', { enum: ['screen', 'paper'] }),
    signatureId: integer('signature_id').references((): AnySQLiteColumn => attachments.id),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index('interviews_visit').on(t.visitId)],
);

export const interviewParticipants = sqliteTable('interview_participants', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  interviewId: integer('interview_id')
    .notNull()
    .references(() => interviews.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: PARTICIPANT_KINDS }).notNull(),
  name: text('name').notNull(),
  unitId: integer('unit_id').references(() => units.id),
  participantId: integer('participant_id').references(() => participants.id),
});

export const interviewTurns = sqliteTable(
  'interview_turns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    interviewId: integer('interview_id')
      .notNull()
      .references(() => interviews.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    speaker: text('speaker', { enum: SPEAKERS }).notNull(),
    speakerName: text('speaker_name').notNull().default(''),
    text: text('text').notNull(),
    at: text('at'),
  },
  (t) => [uniqueIndex('interview_turns_seq').on(t.interviewId, t.seq)],
);

// ── Cases (信访事项) ─────────────────────────────────────────────────────────────────────
export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseNo: text('case_no').notNull().unique(),
    petitionerId: integer('petitioner_id')
      .notNull()
      .references(() => petitioners.id),
    title: text('title').notNull(),
    demand: text('demand').notNull(),
    categoryId: integer('category_id').references(() => categories.id),
    localityId: integer('locality_id').references(() => localities.id),
    owningLeaderId: integer('owning_leader_id').references(() => leaders.id),
    acceptedOn: text('accepted_on').notNull(),
    deadlineRule: text('deadline_rule', { enum: DEADLINE_RULES }).notNull(),
    deadlineOn: text('deadline_on').notNull(),
    /** How the deadline was reached: calendar or working days, rolled past a holiday or not. */
    deadlineBasis: text('deadline_basis', { mode: 'json' }).notNull(),
    stage: text('stage', { enum: CASE_STAGES }).notNull().default('handling'),
    status: text('status').notNull(),
    isBacklog: flag('is_backlog'),
    reportsOnPerson: flag('reports_on_person'),
    final: flag('final'),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: updated(),
    // Copies for the ledger (台账), so a filter or a sort on 1,000,000 cases walks one index
    // instead of a subquery per row. Triggers keep them (migration 0004_ledger_search): a move,
    // the demo generator or a renamed leader or unit all update them, whoever writes.
    /** The lead unit of the latest assignment. */
    leadUnitId: integer('lead_unit_id'),
    /** The latest assignment's units, lead unit first, then assisting units, joined with 、. */
    unitsLabel: text('units_label'),
    /** The outcome of the latest closure. */
    outcome: text('outcome', { enum: OUTCOMES }),
    leaderName: text('leader_name'),
    categoryName: text('category_name'),
    localityName: text('locality_name'),
    // What the figures (统计) read, so "overdue as of a day" is two index ranges instead of a
    // walk over every case since the start (electron/core/cases/deadline-sql.ts).
    /**
     * The handling stage's deadline, coalesce(json_extract(deadline_basis, '$.handlingDeadline'),
     * deadline_on) — a review request keeps it in deadline_basis; kept by triggers on cases
     * (migration 0013). A plain column, not a generated one: SQLite reads an index that holds a
     * virtual column from the table row by row, and the overdue count must come from the index.
     */
    handlingDeadline: text('handling_deadline'),
    /** The earliest answer date of a handling closure (办结), null while none; kept by triggers on closures (migration 0013). */
    handlingAnsweredOn: text('handling_answered_on'),
  },
  (t) => {
    // Every ledger index carries the filter columns, so a filter is checked in the index without
    // reading the row. Sort indexes are (key, id, filters…): key then id is exactly the ledger's
    // order (ties broken by id), so a page is read in order and the walk stops after it.
    const filters = [t.status, t.owningLeaderId, t.categoryId, t.localityId, t.acceptedOn, t.deadlineOn];
    type Column = Parameters<ReturnType<typeof index>['on']>[0];
    const filterIndex = (name: string, first: Column, ...then: (typeof filters)[number][]) =>
      index(name).on(first, ...then, ...filters.filter((c) => c !== first && !then.includes(c)));
    const sortIndex = (name: string, key: Column) => index(name).on(key, t.id, ...filters.filter((c) => c !== key));
    return [
      filterIndex('cases_status_deadline', t.status, t.deadlineOn),
      filterIndex('cases_leader', t.owningLeaderId, t.status, t.deadlineOn),
      filterIndex('cases_category', t.categoryId, t.status),
      filterIndex('cases_locality', t.localityId, t.status),
      sortIndex('cases_accepted', t.acceptedOn),
      sortIndex('cases_deadline', t.deadlineOn),
      sortIndex('cases_case_no', t.caseNo),
      sortIndex('cases_petitioner', t.petitionerId),
      sortIndex('cases_status_rank', sql.raw(STATUS_RANK)),
      sortIndex('cases_outcome_rank', sql.raw(OUTCOME_RANK)),
      sortIndex('cases_leader_name', t.leaderName),
      sortIndex('cases_category_name', t.categoryName),
      sortIndex('cases_locality_name', t.localityName),
      sortIndex('cases_units_label', t.unitsLabel),
      // Overdue as of a day D: unanswered (null) or answered after D, with the deadline before D.
      index('cases_handling_open').on(
        t.handlingAnsweredOn,
        t.handlingDeadline,
        t.acceptedOn,
        t.owningLeaderId,
        t.leadUnitId,
      ),
    ];
  },
);

/** Every unit a case was ever assigned to, lead or assisting (the ledger's unit filter); kept by triggers. */
export const caseUnits = sqliteTable(
  'case_units',
  {
    unitId: integer('unit_id').notNull(),
    caseId: integer('case_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.caseId] })],
);

/** How many cases each (status, owning leader) holds — 0 for none — so the ledger counts a status or leader filter at once; kept by triggers. */
export const ledgerCounts = sqliteTable(
  'ledger_counts',
  {
    status: text('status').notNull(),
    leaderId: integer('leader_id').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.status, t.leaderId] })],
);

export const caseVisits = sqliteTable(
  'case_visits',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.visitId] }), index('case_visits_visit').on(t.visitId)],
);

export const assignments = sqliteTable(
  'assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    assignmentNo: text('assignment_no').notNull().unique(),
    stage: text('stage', { enum: CASE_STAGES }).notNull().default('handling'),
    instruction: text('instruction').notNull(),
    reportRequirements: text('report_requirements').notNull().default(''),
    deadlineOn: text('deadline_on').notNull(),
    assignedAt: text('assigned_at').notNull(),
    assignedBy: integer('assigned_by').references(() => accounts.id),
    /** The China day of assigned_at (00:30 China time is the previous UTC day): the units' figures count by it. */
    assignedOn: text('assigned_on').generatedAlwaysAs(chinaDayOf('assigned_at'), { mode: 'virtual' }),
  },
  (t) => [index('assignments_case').on(t.caseId), index('assignments_assigned_on').on(t.assignedOn, t.caseId)],
);

export const assignmentUnits = sqliteTable(
  'assignment_units',
  {
    assignmentId: integer('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    role: text('role', { enum: ['lead', 'assist'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.unitId] }), index('assignment_units_unit').on(t.unitId)],
);

export const receipts = sqliteTable('receipts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  assignmentId: integer('assignment_id')
    .notNull()
    .references(() => assignments.id, { onDelete: 'cascade' }),
  unitId: integer('unit_id')
    .notNull()
    .references(() => units.id),
  signedBy: text('signed_by').notNull(),
  signedAt: text('signed_at').notNull(),
});

export const supervisions = sqliteTable(
  'supervisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    assignmentId: integer('assignment_id').references(() => assignments.id),
    supervisionNo: text('supervision_no').notNull().unique(),
    reason: text('reason', { enum: SUPERVISION_REASONS }).notNull(),
    level: text('level', { enum: SUPERVISION_LEVELS }).notNull(),
    requirements: text('requirements').notNull().default(''),
    answerBy: text('answer_by').notNull(),
    issuedAt: text('issued_at').notNull(),
    issuedBy: integer('issued_by').references(() => accounts.id),
    receiptSignedBy: text('receipt_signed_by'),
    receiptAt: text('receipt_at'),
    /** The China day of issued_at, for the figures. */
    issuedOn: text('issued_on').generatedAlwaysAs(chinaDayOf('issued_at'), { mode: 'virtual' }),
  },
  (t) => [index('supervisions_issued_on').on(t.issuedOn, t.level, t.assignmentId)],
);

export const extensions = sqliteTable(
  'extensions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    days: integer('days').notNull(),
    reason: text('reason').notNull(),
    approver: text('approver').notNull(),
    approvedOn: text('approved_on').notNull(),
    previousDeadlineOn: text('previous_deadline_on').notNull(),
    newDeadlineOn: text('new_deadline_on').notNull(),
    petitionerNotifiedOn: text('petitioner_notified_on'),
  },
  (t) => [index('extensions_approved_on').on(t.approvedOn)],
);

export const closures = sqliteTable(
  'closures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: CASE_STAGES }).notNull(),
    unitId: integer('unit_id').references(() => units.id),
    findings: text('findings').notNull(),
    outcome: text('outcome', { enum: OUTCOMES }).notNull(),
    basis: text('basis').notNull(),
    answerDate: text('answer_date').notNull(),
    /** The day the petitioner received the written answer, when recorded; the 复查 window counts from it (else from answer_date). */
    deliveredOn: text('delivered_on'),
    answerWay: text('answer_way', { enum: ANSWER_WAYS }).notNull(),
    satisfaction: text('satisfaction', { enum: SATISFACTIONS }).notNull(),
    stopped: flag('stopped'),
    officeReview: text('office_review').notNull().default(''),
    closedAt: text('closed_at').notNull(),
    closedBy: integer('closed_by').references(() => accounts.id),
  },
  (t) => [index('closures_case').on(t.caseId), index('closures_stage_answer').on(t.stage, t.answerDate, t.caseId)],
);

export const followUps = sqliteTable(
  'follow_ups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    way: text('way', { enum: FOLLOW_UP_WAYS }).notNull(),
    byName: text('by_name').notNull(),
    result: text('result').notNull(),
    satisfaction: text('satisfaction', { enum: SATISFACTIONS }).notNull(),
    /** The China day of `at`, for the figures. */
    doneOn: text('done_on').generatedAlwaysAs(chinaDayOf('at'), { mode: 'virtual' }),
  },
  (t) => [index('follow_ups_case').on(t.caseId), index('follow_ups_done_on').on(t.doneOn)],
);

export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['review', 'rereview'] }).notNull(),
    requestedOn: text('requested_on').notNull(),
    body: text('body').notNull(),
    deadlineOn: text('deadline_on').notNull(),
    result: text('result'),
    decidedOn: text('decided_on'),
    /** The day the petitioner received the opinion; the 复核 window counts from a 复查's (null: from decided_on). */
    deliveredOn: text('delivered_on'),
  },
  (t) => [index('reviews_pending').on(t.decidedOn, t.deadlineOn, t.requestedOn, t.caseId)],
);

/** 包案领导责任书: the owning leader's letter of responsibility. */
export const responsibilities = sqliteTable('responsibilities', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  caseId: integer('case_id')
    .notNull()
    .references(() => cases.id, { onDelete: 'cascade' }),
  leaderId: integer('leader_id')
    .notNull()
    .references(() => leaders.id),
  unitId: integer('unit_id').references(() => units.id),
  responsiblePerson: text('responsible_person').notNull(),
  goal: text('goal').notNull(),
  measures: text('measures').notNull(),
  deadlineOn: text('deadline_on').notNull(),
  signedOn: text('signed_on'),
});

/**
 * 查办报告: the owning leader's signed report on how the case was looked into and settled (the
 * "六有" of seed 004): what was found, the measures taken, the 稳控措施 in place and the result.
 */
export const investigationReports = sqliteTable(
  'investigation_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    leaderId: integer('leader_id')
      .notNull()
      .references(() => leaders.id),
    findings: text('findings').notNull(),
    measures: text('measures').notNull(),
    stabilityMeasures: text('stability_measures').notNull(),
    result: text('result').notNull(),
    /** The day the leader signed; the report is dated by it. */
    signedOn: text('signed_on').notNull(),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: created(),
  },
  (t) => [index('investigation_reports_case').on(t.caseId)],
);

/** 约访: a leader invites a petitioner for a given time. */
export const appointments = sqliteTable('appointments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  petitionerId: integer('petitioner_id')
    .notNull()
    .references(() => petitioners.id),
  caseId: integer('case_id').references(() => cases.id),
  leaderId: integer('leader_id')
    .notNull()
    .references(() => leaders.id),
  slotId: integer('slot_id').references(() => dutySlots.id),
  at: text('at').notNull(),
  place: text('place').notNull(),
  purpose: text('purpose').notNull().default(''),
  leaderNotifiedOn: text('leader_notified_on'),
  petitionerNotifiedOn: text('petitioner_notified_on'),
  /** When it was booked, by the hall clock: the day its 约访通知书 is issued until the petitioner is told. */
  bookedAt: text('booked_at'),
  status: text('status', { enum: ['booked', 'arrived', 'missed', 'cancelled'] })
    .notNull()
    .default('booked'),
});

// ── Documents, attachments, audit ───────────────────────────────────────────────────────
export const attachments = sqliteTable('attachments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  ownerType: text('owner_type').notNull(),
  ownerId: integer('owner_id').notNull(),
  kind: text('kind', { enum: ['scan', 'photo', 'signature', 'document', 'other'] }).notNull(),
  name: text('name').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  /** Small files live in the (encrypted) database; large ones as encrypted files beside it. */
  storage: text('storage', { enum: ['inline', 'file'] }).notNull(),
  data: blob('data', { mode: 'buffer' }),
  path: text('path'),
  createdBy: integer('created_by').references(() => accounts.id),
  createdAt: created(),
});

/**
 * A 材料 captured with the document camera (高拍仪): a title over pages. Each page is an
 * attachment (owner_type 'material', owner_id this id, JPEG), encrypted at rest like every
 * attachment; the row itself is what the case page and the case folder list.
 */
export const materials = sqliteTable(
  'materials',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ownerType: text('owner_type', { enum: ['visit', 'case'] }).notNull(),
    ownerId: integer('owner_id').notNull(),
    title: text('title').notNull(),
    pages: integer('pages').notNull(),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: created(),
  },
  (t) => [index('materials_owner').on(t.ownerType, t.ownerId)],
);

/** Every printed or exported file: what, of which record, which version, its hash. */
export const documents = sqliteTable(
  'documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    docNo: text('doc_no'),
    recordType: text('record_type').notNull(),
    recordId: integer('record_id').notNull(),
    recordVersion: integer('record_version').notNull(),
    contentHash: text('content_hash').notNull(),
    verifyCode: text('verify_code').notNull().unique(),
    pages: integer('pages').notNull().default(1),
    /**
     * The copy as printed (JSON: the data, before masking, and the master data it showed), so a
     * reprint reproduces it and verification can name what changed; null for copies printed
     * before snapshots were kept (migration 0005).
     */
    snapshot: text('snapshot'),
    createdBy: integer('created_by').references(() => accounts.id),
    createdAt: created(),
  },
  (t) => [index('documents_record').on(t.recordType, t.recordId)],
);

/**
 * Append-only and hash-chained: triggers (in the migration) refuse UPDATE and DELETE, and
 * each row's hash covers the previous row's hash, so an edit anywhere breaks the chain.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    beforeDigest: text('before_digest'),
    afterDigest: text('after_digest'),
    detail: text('detail').notNull().default('{}'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId), index('audit_at').on(t.at)],
);

// ── Acceptance decisions (受理告知) ─────────────────────────────────────────────────────
/**
 * The decision on a visit (信访工作条例 art 22–23): 受理, 不予受理, 转送/交办 or 不再受理, by
 * `due_on` (15 days after the visit, rolled past a holiday). One per visit. Visits decided
 * before this table existed are derived, not stored (electron/core/visits/acceptance.ts).
 */
export const acceptanceDecisions = sqliteTable(
  'acceptance_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitId: integer('visit_id')
      .notNull()
      .unique()
      .references(() => visits.id),
    decision: text('decision', { enum: ACCEPT_DECISIONS }).notNull(),
    decidedOn: text('decided_on').notNull(),
    dueOn: text('due_on').notNull(),
    /** Required when decided after `due_on`. */
    delayReason: text('delay_reason'),
    /** 受理: the case opened or joined. 不再受理: the final case of the matter. */
    caseId: integer('case_id').references(() => cases.id),
    /** 转送/交办: the competent organ or the lower level. */
    organ: text('organ'),
    decidedBy: integer('decided_by').references(() => accounts.id),
    createdAt: created(),
  },
  (t) => [index('acceptance_decided_on').on(t.decidedOn, t.decision)],
);

// ── Corrections of a registration (更正登记) ─────────────────────────────────────────────
/**
 * The earlier versions of a registration: each correction keeps the registration as it stood
 * before (its petitioners, demand, category, locality …, as JSON) under its version number (1
 * = as registered), with who corrected it, when, why and which fields changed. The visit and its
 * petitioners hold the current version; a visit never corrected has no rows here.
 */
export const visitVersions = sqliteTable(
  'visit_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitId: integer('visit_id')
      .notNull()
      .references(() => visits.id),
    version: integer('version').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
    /** The Chinese labels of the fields the correction changed. */
    changed: text('changed', { mode: 'json' }).notNull(),
    /** Required once a case is opened on the visit. */
    reason: text('reason'),
    correctedBy: integer('corrected_by').references(() => accounts.id),
    correctedAt: text('corrected_at').notNull(),
  },
  (t) => [uniqueIndex('visit_versions_visit').on(t.visitId, t.version)],
);
