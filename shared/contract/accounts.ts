import { z } from 'zod';
import { passwordSchema, usernameSchema } from '../domain/settings';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';
import { accountView, displayName, id, ok, role } from './schemas';

export const accountsMethods = {
  'accounts.list': method({
    summary: '账号列表',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: noInput,
    output: z.array(accountView),
  }),

  'accounts.create': method({
    summary: '新建账号',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z
      .object({
        username: usernameSchema,
        displayName,
        role,
        password: passwordSchema,
        leaderId: id.nullable().default(null),
      })
      .strict()
      .refine((v) => v.role !== 'leader' || v.leaderId !== null, {
        path: ['leaderId'],
        message: '接访领导账号须关联一位接访领导',
      })
      .refine((v) => v.role === 'leader' || v.leaderId === null, {
        path: ['leaderId'],
        message: '只有接访领导账号关联领导',
      }),
    output: accountView,
  }),

  'accounts.resetPassword': method({
    summary: '重置账号密码（新的密钥槽，登录后须修改）',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z.object({ accountId: id, newPassword: passwordSchema }).strict(),
    output: ok,
  }),

  'accounts.remove': method({
    summary: '停用账号并删除其密钥槽',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: z.object({ accountId: id }).strict(),
    output: ok,
  }),
} as const satisfies Record<string, MethodSpec>;
