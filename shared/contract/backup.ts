import { z } from 'zod';
import { usernameSchema } from '../domain/settings';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';
import { backupView } from './schemas';
import { events } from './events';

/** Free space against what the next backup needs (its size and a margin); `short` when it does not fit. */
const backupSpace = z.object({ free: z.number().nullable(), needed: z.number(), short: z.boolean() });

export const backupStatusView = z.object({
  /** The backup in progress, or null. */
  running: events['backup.progress'].nullable(),
  local: backupSpace,
  place: z.object({
    /** The folder from the settings ('' when none is chosen). */
    dir: z.string(),
    /** Why a copy cannot go there now (missing, not writable), or null. */
    problem: z.string().nullable(),
    space: backupSpace.nullable(),
    /** Checked backups kept there. */
    copies: z.number().int(),
    /** The last copy this app made there since it started: when, which, and how it went. */
    last: z.object({ at: z.string(), name: z.string(), ok: z.boolean(), message: z.string().nullable() }).nullable(),
  }),
  /** What the staff must know now, in Chinese: the place missing or failing, space running short. */
  warnings: z.array(z.string()),
});
export type BackupStatusView = z.infer<typeof backupStatusView>;

const backupName = z
  .string()
  .max(200)
  .regex(/^hall-[\w-]+\.db$/, '备份名称不正确');

export const backupMethods = {
  'backup.list': method({
    summary: '备份列表',
    access: ROLE_SETS.admin,
    scope: 'everything',
    input: noInput,
    output: z.array(backupView),
  }),

  'backup.status': method({
    summary: '备份状态：进行中的备份、本地与第二备份位置的剩余空间、最近一次复制的结果',
    access: ROLE_SETS.admin,
    scope: 'everything',
    input: noInput,
    output: backupStatusView,
  }),

  'backup.create': method({
    summary: '立即备份',
    access: ROLE_SETS.admin,
    scope: 'everything',
    input: noInput,
    output: backupView,
  }),

  'backup.reencrypt': method({
    summary: '用当前的密码和恢复码重新加密备份（不写名称则处理所有含已撤销密码的备份）',
    access: ROLE_SETS.admin,
    scope: 'everything',
    input: z.object({ name: backupName.optional() }).strict(),
    output: z.object({
      reencrypted: z.array(z.string()),
      failed: z.array(z.object({ name: z.string(), message: z.string() })),
    }),
  }),

  'backup.restore': method({
    summary: '从备份恢复（当前数据库另存，不删除）',
    access: ROLE_SETS.admin,
    scope: 'everything',
    input: z
      .object({
        name: backupName,
        password: z.string().min(1, '请输入密码确认').max(256),
      })
      .strict(),
    output: z.object({ restored: z.string(), keptAside: z.string().nullable() }),
  }),

  'backup.restoreLatest': method({
    summary: '数据库无法打开时，由管理员用密码从最近的完好备份恢复',
    access: 'public',
    scope: 'everything',
    input: z.object({ username: usernameSchema, password: z.string().min(1, '请输入密码').max(256) }).strict(),
    output: z.object({ restored: z.string(), keptAside: z.string().nullable() }),
  }),
} as const satisfies Record<string, MethodSpec>;
