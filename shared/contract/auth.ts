import { z } from 'zod';
import { passwordSchema, settingsSchema, usernameSchema } from '../domain/settings';
import { method, type MethodSpec, noInput } from './define';
import { accountView, displayName, ok, sessionView } from './schemas';

export const authMethods = {
  'setup.init': method({
    summary: '首次设置：单位名称、第一个管理员；返回只显示一次的恢复码',
    access: 'public',
    scope: 'none',
    input: z
      .object({
        officeName: settingsSchema.shape.officeName,
        username: usernameSchema,
        displayName,
        password: passwordSchema,
      })
      .strict(),
    output: z.object({ recoveryCode: z.string(), account: accountView }),
  }),

  'auth.session': method({
    summary: '当前连接的登录状态',
    access: 'public',
    scope: 'none',
    input: noInput,
    output: sessionView,
    background: true,
  }),

  'auth.login': method({
    summary: '用户名和密码登录（解锁数据库）',
    access: 'public',
    scope: 'none',
    input: z
      .object({
        username: z.string().trim().min(1, '请输入用户名').max(64),
        password: z.string().min(1, '请输入密码').max(256),
      })
      .strict(),
    output: sessionView,
  }),

  'auth.unlock': method({
    summary: '闲置锁定后重新输入密码',
    access: 'public',
    scope: 'none',
    input: z.object({ password: z.string().min(1, '请输入密码').max(256) }).strict(),
    output: sessionView,
  }),

  'auth.logout': method({
    summary: '退出登录',
    access: 'public',
    scope: 'none',
    input: noInput,
    output: ok,
  }),

  'auth.changePassword': method({
    summary: '修改自己的密码（只重新封装本人的密钥槽）',
    access: 'session',
    scope: 'none',
    beforePasswordChange: true,
    input: z
      .object({ currentPassword: z.string().min(1, '请输入当前密码').max(256), newPassword: passwordSchema })
      .strict(),
    output: ok,
  }),

  'auth.recover': method({
    summary: '用恢复码为管理员设置新密码',
    access: 'public',
    scope: 'none',
    input: z
      .object({
        recoveryCode: z.string().trim().min(10, '恢复码不完整').max(64),
        username: usernameSchema,
        newPassword: passwordSchema,
      })
      .strict(),
    output: ok,
  }),
} as const satisfies Record<string, MethodSpec>;
