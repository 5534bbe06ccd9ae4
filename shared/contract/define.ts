import { z } from 'zod';
import { ROLES, type Role } from '../domain/roles';

/**
 * Who may call a method: anyone (before login, e.g. the first-run check), any logged-in
 * account, or only the listed roles. The router enforces it; the UI merely hides.
 */
export type Access = 'public' | 'session' | readonly Role[];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  access: Access;
  input: I;
  output: O;
  /**
   * Answers a poll or a pushed event (the session check every 30 s, the queue board refreshed
   * on every queue event): the call is not the user's doing, so it does not hold off the idle lock.
   */
  background?: true;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

/** `area.verb`: lower-case area, camel-case verb. */
export const METHOD_NAME = /^[a-z]+\.[a-z][A-Za-z]*$/;

/** An input with no fields. Strict so a typo in a field name is an error, not silence. */
export const noInput = z.object({}).strict();

/**
 * The role sets the contract grants, named once. `casework` is everyone who works a visit or a
 * case (not the archivist, who reads and prints); `counter` is the desk that registers visitors.
 */
export const ROLE_SETS = {
  admin: ['admin'],
  casework: ['operator', 'leader', 'admin'],
  counter: ['operator', 'admin'],
  everyone: ROLES,
} as const satisfies Record<string, readonly Role[]>;
