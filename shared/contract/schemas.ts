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
