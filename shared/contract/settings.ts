import { settingsPatchSchema, settingsSchema } from '../domain/settings';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';

export const settingsMethods = {
  'settings.get': method({
    summary: '单位设置',
    access: 'session',
    scope: 'none',
    input: noInput,
    output: settingsSchema,
  }),

  'settings.update': method({
    summary: '修改单位设置',
    access: ROLE_SETS.admin,
    scope: 'none',
    input: settingsPatchSchema,
    output: settingsSchema,
  }),
} as const satisfies Record<string, MethodSpec>;
