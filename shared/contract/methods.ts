import type { z } from 'zod';
import { method, noInput, type MethodSpec } from './define';
import { systemInfo } from './schemas';

/**
 * The whole API of the app. Every host (Electron IPC, the preview HTTP host, the CLI) serves
 * exactly this map through one router; the renderer calls nothing else.
 */
export const contract = {
  'system.info': method({
    summary: '应用版本、数据目录与数据库状态',
    access: 'public',
    input: noInput,
    output: systemInfo,
  }),
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
