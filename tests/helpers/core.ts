import { createCore, type Core, type CoreOptions } from '../../electron/core';
import { fillDemo } from '../../electron/core/operations/demo';
import { chinaDay } from '../../shared/domain/calendar';
import { silentLogger } from '../../electron/core/infra/log';
import { value } from '../../electron/core/infra/db/sql';
import { keyThroughSharedSlot, readKeyring } from '../../electron/core/infra/key-slots';
import type { MethodInput, MethodName, MethodOutput, Result } from '../../shared/contract';

/** A cheap key-slot cost for tests; the format is the same, only scrypt's N is lower. */
export const TEST_KDF = { N: 2 ** 10, r: 8, p: 1 };

export function testCore(dataDir: string, options: Partial<CoreOptions> = {}): Core {
  return createCore({ dataDir, host: 'cli', runtime: 'test', log: silentLogger, kdf: TEST_KDF, ...options });
}

/** Calls a method as a given connection and returns the raw result. */
export function caller(core: Core, clientId = 'test') {
  return <M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> =>
    core.router.call(method, input, { host: 'cli', clientId }) as Promise<Result<MethodOutput<M>>>;
}

/** Calls a method and returns its value, failing the test with the error otherwise. */
export function must(core: Core, clientId = 'test') {
  const call = caller(core, clientId);
  return async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const result = await call(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
}

/**
 * Calls a method with input outside the contract's types, as any client can send any JSON: for
 * the tests of what the router refuses (BAD_INPUT, FORBIDDEN).
 */
export function rawCaller(core: Core, clientId = 'test') {
  return (method: MethodName, input: unknown): Promise<Result<unknown>> =>
    core.router.call(method, input, { host: 'cli', clientId });
}

/** One case move as a test writes it: the move's input without the case it applies to. */
export type MoveInput =
  MethodInput<'cases.move'> extends infer I ? (I extends unknown ? Omit<I, 'caseId'> : never) : never;

export const ADMIN = {
  officeName: '某某县信访局',
  username: 'admin',
  displayName: '王管理',
  password: 'correct horse 1',
};

type Admin = ReturnType<typeof must>;

/** The operator and the archivist a suite adds when it needs a second role. */
export const OPERATOR = { username: 'op', displayName: '接待员', role: 'operator', password: 'operator pw 1' } as const;
export const ARCHIVIST = {
  username: 'arch',
  displayName: '钱档案',
  role: 'archivist',
  password: 'archivist pw 1',
} as const;

/**
 * Creates an account as the administrator and logs it in as connection `clientId`, its first
 * password replaced as the router requires (by `newPasswordOf(account)`).
 */
export async function createAndLogin(
  admin: Admin,
  core: Core,
  clientId: string,
  account: MethodInput<'accounts.create'>,
): Promise<MethodOutput<'accounts.create'>> {
  const created = await admin('accounts.create', account);
  await loginAsNew(core, clientId, account);
  return created;
}

/** The password `loginAsNew` gives an account in place of the one it was created with. */
export const newPasswordOf = (account: { password: string }) => `${account.password} mine`;

/** 10:00 China time (UTC+8) on a day. */
const tenAm = (iso: string) => Date.parse(`${iso}T02:00:00Z`);

/**
 * An office on a clock the test sets, at 10:00 China time on `firstDay`, with the first
 * administrator logged in as connection 'admin'. `day` moves the clock to 10:00 of another day;
 * days of idling lock the session, so it then unlocks as the user would.
 */
export async function officeOnClock(
  dataDir: string,
  firstDay: string,
): Promise<{ core: Core; admin: Admin; day: (iso: string) => Promise<void> }> {
  const clock = { t: tenAm(firstDay) };
  const core = testCore(dataDir, { now: () => new Date(clock.t) });
  const admin = must(core, 'admin');
  await admin('setup.init', ADMIN);
  await admin('settings.update', { idleLockMinutes: 240 });
  const day = async (iso: string) => {
    clock.t = tenAm(iso);
    await admin('auth.unlock', { password: ADMIN.password });
  };
  return { core, admin, day };
}

/**
 * Logs connection `clientId` in as an account an administrator created or reset, and replaces
 * the password it was given, as its user must before anything else (the router refuses the
 * rest until then); returns the connection's `must`. Log in again later with `newPassword`.
 */
export async function loginAsNew(
  core: Core,
  clientId: string,
  account: { username: string; password: string },
  newPassword = newPasswordOf(account),
): Promise<Admin> {
  const as = must(core, clientId);
  await as('auth.login', { username: account.username, password: account.password });
  await as('auth.changePassword', { currentPassword: account.password, newPassword });
  return as;
}

/**
 * Opens a case (立案) on a visit as a new case, not joined to an earlier one, its deadline 15
 * working days from the visit unless `more` says otherwise; returns the case's id.
 */
export async function createCase(
  admin: Admin,
  visitId: number,
  title: string,
  owningLeaderId: number | null,
  more: Partial<MethodInput<'cases.create'>> = {},
): Promise<number> {
  const input = { visitId, title, owningLeaderId, deadlineRule: 'visit_15_working_days', joinExisting: false } as const;
  return (await admin('cases.create', { ...input, ...more })).caseId;
}

/** Assigns (交办) a case to a lead unit with the usual instruction, 15 working days from the visit. */
export function assignCase(admin: Admin, caseId: number, leadUnitId: number) {
  return admin('cases.move', {
    move: 'assign',
    caseId,
    instruction: '请核实办理。',
    leadUnitId,
    deadlineRule: 'visit_15_working_days',
  });
}

/** Makes a move on a case, failing the test if it is refused. */
export function mover(admin: Admin) {
  return (caseId: number, input: MoveInput) => admin('cases.move', { caseId, ...input });
}

/**
 * A visit on a matter walked to final (三级终结) on one day: opened, assigned, received,
 * answered, reviewed and re-reviewed. Returns the visit and its case.
 */
export async function finalMatter(
  admin: Admin,
  name: string,
  demand: string,
  leadUnitId: number,
  day: string,
): Promise<{ visitId: number; caseId: number }> {
  const visitId = await registerVisit(admin, name, demand);
  const caseId = await createCase(admin, visitId, demand, null);
  const move = mover(admin);
  await assignCase(admin, caseId, leadUnitId);
  await move(caseId, { move: 'receive', signedBy: '王建军' });
  await move(caseId, {
    move: 'close',
    findings: '经核实，已依法处理。',
    outcome: 'explain',
    basis: '《信访工作条例》第三十二条',
    answerDate: day,
    answerWay: 'written_delivered',
    satisfaction: 'unsatisfied',
    stopped: false,
  });
  await move(caseId, { move: 'requestReview', requestedOn: day, body: '县人民政府' });
  await move(caseId, { move: 'decideReview', result: '维持原处理意见', decidedOn: day });
  await move(caseId, { move: 'requestRereview', requestedOn: day, body: '市人民政府' });
  await move(caseId, { move: 'decideRereview', result: '维持复查意见', decidedOn: day });
  return { visitId, caseId };
}

/** A leader as the form sends it: a 副县长 with no portfolio, categories or localities unless `more` gives them. */
export function leaderInput(
  name: string,
  more: Partial<MethodInput<'leaders.save'>> = {},
): MethodInput<'leaders.save'> {
  return {
    name,
    post: '副县长',
    portfolio: '',
    rank: '',
    phone: null,
    isPrincipal: false,
    active: true,
    categoryIds: [],
    localityIds: [],
    ...more,
  };
}

export function saveLeader(admin: Admin, name: string, more: Partial<MethodInput<'leaders.save'>> = {}) {
  return admin('leaders.save', leaderInput(name, more));
}

export function saveUnit(admin: Admin, name: string, contact: string | null = null) {
  return admin('units.save', { name, contact, phone: null, active: true, categoryIds: [], localityIds: [] });
}

/** A roster rule as the form sends it: every Monday morning in no room, for one leader, from `validFrom` on. */
export function mondayRuleInput(leaderId: number, validFrom: string): MethodInput<'roster.saveRule'> {
  return {
    name: '每周一',
    params: { kind: 'weekly', weekdays: [1] },
    shiftToWorkingDay: false,
    session: 'morning',
    startTime: '08:30',
    endTime: '12:00',
    form: 'regular',
    roomId: null,
    place: null,
    leaderIds: [leaderId],
    validFrom,
    validTo: null,
  };
}

/** Puts one leader on duty today (China day, real clock) in 第一接待室, queue prefix B, as the browser suites need. */
export async function dutyToday(admin: Admin, leaderId: number): Promise<void> {
  const today = chinaDay(new Date());
  const room = await admin('rooms.save', { name: '第一接待室', location: null, queuePrefix: 'B', active: true });
  const rule = await admin('roster.saveRule', {
    name: '今日',
    params: { kind: 'once', dates: [today] },
    shiftToWorkingDay: false,
    session: 'morning',
    startTime: '08:30',
    endTime: '17:30',
    form: 'regular',
    roomId: room.id,
    place: null,
    leaderIds: [leaderId],
    validFrom: today,
    validTo: null,
  });
  await admin('roster.generate', { ruleId: rule.id, from: today, to: today });
}

/** A walk-in visit as the registration form sends it: the petitioners and the demand, the rest empty. */
export function visitInput(
  petitioners: MethodInput<'visits.register'>['petitioners'],
  demand: string,
  more: Partial<MethodInput<'visits.register'>> = {},
): MethodInput<'visits.register'> {
  return {
    petitioners,
    headCount: 1,
    categoryId: null,
    localityId: null,
    demand,
    facts: '',
    earlierHandling: '',
    legalChannel: 'none',
    continuesVisitId: null,
    leaderId: null,
    reportsOnPerson: false,
    ...more,
  };
}

/** Registers one walk-in visitor with a demand; what a case test needs before 立案. */
export async function registerVisit(
  admin: Admin,
  name: string,
  demand: string,
  more: Partial<MethodInput<'visits.register'>> = {},
): Promise<number> {
  const person = { name, sex: 'unknown' as const, idNumber: '', phone: '', address: '', isRepresentative: false };
  return (await admin('visits.register', visitInput([person], demand, more))).visitId;
}

/** The key of a backup file, reached as the app reaches it: through a slot it shares with the live keyring. */
export function backupKey(core: Core, file: string): Buffer {
  const key = keyThroughSharedSlot(core.store.keyring(), core.store.currentKey(), readKeyring(`${file}.keyring.json`));
  if (!key) throw new Error(`no shared slot opens ${file}`);
  return key;
}

/**
 * The demo stores no acceptance decisions: decides its newest waiting visit as 转送, and a new
 * visit on a final (三级终结) matter as 不再受理; returns the two decisions, for the suites that
 * print every kind from the demo data.
 */
export async function decideDemoVisits(admin: Admin, db: Core['store']['database']) {
  const first = (sql: string) => value<number>(db, sql)!;
  const transfer = await admin('visits.decide', {
    decision: 'transfer',
    visitId: first(
      "SELECT v.id FROM visits v WHERE v.legal_channel = 'none' AND NOT EXISTS (SELECT 1 FROM case_visits cv WHERE cv.visit_id = v.id) ORDER BY v.id DESC LIMIT 1",
    ),
    organ: '城关镇人民政府',
    delayReason: '待核实问题属地',
  });
  const again = await admin('visits.register', {
    ...visitInput(
      [{ name: '再来人', sex: 'unknown', idNumber: '', phone: '', address: '', isRepresentative: false }],
      '同一事项再次来访',
    ),
    continuesVisitId: first(
      'SELECT cv.visit_id AS id FROM case_visits cv JOIN cases c ON c.id = cv.case_id WHERE c.final = 1 LIMIT 1',
    ),
  });
  const final = await admin('visits.decide', { decision: 'final', visitId: again.visitId });
  return { transfer: transfer.decisionId, final: final.decisionId };
}

/** A core at `today` on a store set up by ADMIN and filled with the demo office's data. */
export async function demoCore(dataDir: string, today: Date): Promise<Core> {
  const core = testCore(dataDir, { now: () => today });
  await must(core, 'demo')('setup.init', ADMIN);
  fillDemo(core.store, { id: 1, name: 'demo' }, today);
  return core;
}
