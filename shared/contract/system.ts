import { method, type MethodSpec, noInput } from './define';
import { systemInfo } from './schemas';

export const systemMethods = {
  'system.info': method({
    summary: '应用版本、数据目录与数据库状态',
    access: 'public',
    scope: 'none',
    input: noInput,
    output: systemInfo,
  }),
} as const satisfies Record<string, MethodSpec>;
