import { z } from 'zod';

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
});
export type SystemInfo = z.infer<typeof systemInfo>;

export const role = z.enum(['operator', 'leader', 'archivist', 'admin']);

export const accountView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role,
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
});
export type AccountView = z.infer<typeof accountView>;

export const sessionView = z.object({
  account: accountView.nullable(),
  locked: z.boolean(),
  lockedUsername: z.string().nullable(),
  idleLockMinutes: z.number().int().nullable(),
});
export type SessionView = z.infer<typeof sessionView>;

export const backupView = z.object({
  name: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  size: z.number().int(),
});
export type BackupView = z.infer<typeof backupView>;

export const auditEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  detail: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditVerdict = z.object({
  ok: z.boolean(),
  count: z.number().int(),
  brokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
