import { z } from 'zod';
import { isoDate } from '../domain/calendar';
import { HHMM, RECEPTION_FORMS, SLOT_SESSIONS } from '../domain/duty';
import { ROLES } from '../domain/roles';
import { ruleParams } from '../domain/roster';

export const databaseState = z.enum(['uninitialized', 'locked', 'open']);
export type DatabaseState = z.infer<typeof databaseState>;

export const DATABASE_STATE_LABELS: Record<DatabaseState, string> = {
  uninitialized: '未初始化',
  locked: '已加密，待登录解锁',
  open: '已解锁',
};

export const hostKind = z.enum(['electron', 'preview', 'cli']);
export type HostKind = z.infer<typeof hostKind>;

export const systemInfo = z.object({
  appName: z.string(),
  version: z.string(),
  host: hostKind,
  runtime: z.string(),
  dataDir: z.string(),
  database: z.object({
    state: databaseState,
    file: z.string(),
    cipher: z.string(),
    schemaVersion: z.number().int().nullable(),
  }),
  office: z.string().nullable(),
  now: z.string(),
  /** The instant HALL_NOW set (UTC ISO), or null on the real clock: every window shows it as a red banner. */
  testClock: z.string().nullable(),
});
export type SystemInfo = z.infer<typeof systemInfo>;

export const role = z.enum(ROLES);

export const accountView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role,
  /** The leader a 接访领导 account acts for: they see the cases they own. */
  leaderId: z.number().int().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type AccountView = z.infer<typeof accountView>;

/**
 * A database upgrade that a login started and waits for (electron/core/auth/upgrade.ts): the
 * upgrade screen shows it until the store opens, then the session begins.
 */
export const upgradeView = z.object({
  /** backup: the copy taken before any change; migrate: the migrations; failed: nothing changed, see message. */
  phase: z.enum(['backup', 'migrate', 'failed']),
  /** Step n of m: the backup is the first step, each pending migration one more. */
  step: z.number().int(),
  steps: z.number().int(),
  percent: z.number().min(0).max(100),
  /** Seconds the rest will take, as estimated now; null while there is no measure yet. */
  remainingSeconds: z.number().int().nullable(),
  /** When failed: what went wrong, and the name of the backup taken before the upgrade (if any). */
  message: z.string().nullable(),
  backup: z.string().nullable(),
});
export type UpgradeView = z.infer<typeof upgradeView>;

export const sessionView = z.object({
  account: accountView.nullable(),
  locked: z.boolean(),
  lockedUsername: z.string().nullable(),
  idleLockMinutes: z.number().int().nullable(),
  /** What the staff must know about the data now (damage found, today's backup failed), or null. */
  notice: z.string().nullable(),
  /** Set while this connection's login waits for a database upgrade; the account comes after. */
  upgrade: upgradeView.nullable(),
});
export type SessionView = z.infer<typeof sessionView>;

export const backupView = z.object({
  name: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  size: z.number().int(),
  /** Passwords or recovery codes in its keyring that have since been changed or removed. */
  revoked: z.number().int(),
  /** Written before backups had keys of their own: its keyring also opens the live database. */
  sharesLiveKey: z.boolean(),
});
export type BackupView = z.infer<typeof backupView>;

export const auditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  /** 显示名(用户名), as written when the entry was made. */
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /** The JSON the chain keeps; `text` is what a person reads. */
  detail: z.string(),
  /** The action in words (shared/domain/audit.ts). */
  actionLabel: z.string(),
  /** The kind of record and which one as people know it: 案件 2026-0012, not an id. */
  entityLabel: z.string(),
  record: z.string().nullable(),
  /** The detail in Chinese: 设置 as 旧值 → 新值, other facts by their labels. */
  text: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditVerdict = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  /** The first break, for a one-line answer. */
  brokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
  /** Every break found (a real edit after a first break is not hidden by it). */
  breaks: z.array(z.object({ seq: z.number().int(), reason: z.string() })),
});

export const hhmm = z.string().regex(HHMM, '时间应为“时:分”格式，如 09:30');
export const slotForm = z.enum(RECEPTION_FORMS);
export const slotSession = z.enum(SLOT_SESSIONS);
export type SlotForm = z.infer<typeof slotForm>;
export type SlotSession = z.infer<typeof slotSession>;

export const rosterRule = z.object({
  name: z.string().trim().min(1, '请填写规则名称').max(40),
  params: ruleParams,
  shiftToWorkingDay: z.boolean(),
  session: slotSession,
  startTime: hhmm,
  endTime: hhmm,
  form: slotForm,
  roomId: z.number().int().positive().nullable(),
  place: z.string().trim().max(100).nullable(),
  leaderIds: z.array(z.number().int().positive()).min(1, '至少指定一位接访领导'),
  validFrom: isoDate,
  validTo: isoDate.nullable(),
});

export const slotView = z.object({
  id: z.number().int(),
  ruleId: z.number().int().nullable(),
  date: z.string(),
  session: slotSession,
  startTime: z.string(),
  endTime: z.string(),
  form: slotForm,
  roomId: z.number().int().nullable(),
  room: z.string().nullable(),
  place: z.string().nullable(),
  note: z.string().nullable(),
  edited: z.boolean(),
  leaders: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      post: z.string(),
      absent: z.boolean(),
      reason: z.string().nullable(),
      substituteFor: z.string().nullable(),
    }),
  ),
});

export const coverageReport = z.object({
  month: z.string(),
  uncovered: z.array(z.string()),
  needsSubstitute: z.array(z.object({ date: z.string(), leaderIds: z.array(z.number().int()) })),
  shortfalls: z.array(
    z.object({
      leaderId: z.number().int(),
      name: z.string(),
      post: z.string(),
      monthReceptions: z.number().int(),
      monthRequired: z.number().int(),
      quarterOutside: z.number().int(),
      quarterRequired: z.number().int(),
    }),
  ),
  unknownYears: z.array(z.number().int()),
});

const ids = z.array(z.number().int().positive());
const phoneOrNull = z.string().trim().max(30).nullable();

export const leaderView = z.object({
  id: z.number().int(),
  name: z.string(),
  post: z.string(),
  portfolio: z.string(),
  rank: z.string(),
  phone: z.string().nullable(),
  isPrincipal: z.boolean(),
  active: z.boolean(),
  categoryIds: z.array(z.number().int()),
  localityIds: z.array(z.number().int()),
});

export const leaderInput = z
  .object({
    id: z.number().int().positive().optional(),
    name: z.string().trim().min(1, '请填写姓名').max(20),
    post: z.string().trim().min(1, '请填写职务').max(40),
    portfolio: z.string().trim().max(100),
    rank: z.string().trim().max(20),
    phone: phoneOrNull,
    isPrincipal: z.boolean(),
    active: z.boolean(),
    categoryIds: ids,
    localityIds: ids,
  })
  .strict();

export const unitView = z.object({
  id: z.number().int(),
  name: z.string(),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  categoryIds: z.array(z.number().int()),
  localityIds: z.array(z.number().int()),
});

export const unitInput = z
  .object({
    id: z.number().int().positive().optional(),
    name: z.string().trim().min(2, '请填写单位名称').max(60),
    contact: z.string().trim().max(20).nullable(),
    phone: phoneOrNull,
    active: z.boolean(),
    categoryIds: ids,
    localityIds: ids,
  })
  .strict();

export const participantView = z.object({
  id: z.number().int(),
  name: z.string().trim().min(1, '请填写姓名').max(20),
  kind: z.enum(['lawyer', 'deputy', 'cppcc', 'other']),
  organisation: z.string().trim().max(60).nullable(),
  phone: phoneOrNull,
  active: z.boolean(),
});

export const earlierVisit = z.object({
  visitId: z.number().int(),
  visitNo: z.string(),
  date: z.string(),
  petitionerId: z.number().int(),
  name: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  category: z.string().nullable(),
  demand: z.string(),
  leader: z.string().nullable(),
  matterVisits: z.number().int(),
  caseNo: z.string().nullable(),
  caseStatus: z.string().nullable(),
  /** What of the typed person matched this visit's: the ID number, the phone, or the name (its beginning). */
  matchedBy: z.enum(['idNumber', 'phone', 'name']),
});

export const ticketView = z.object({
  id: z.number().int(),
  code: z.string(),
  leaderId: z.number().int().nullable(),
  leader: z.string().nullable(),
  room: z.string().nullable(),
  status: z.enum(['waiting', 'called', 'in_reception', 'done', 'skipped', 'transferred', 'gone']),
  callCount: z.number().int(),
  position: z.number().int(),
  name: z.string(),
  headCount: z.number().int(),
  visitId: z.number().int(),
});

/** Small schemas every area uses. */
export const ok = z.object({ ok: z.literal(true) });
export const id = z.number().int().positive();
export const displayName = z.string().trim().min(1, '请填写姓名').max(40);
export { isoDate };
