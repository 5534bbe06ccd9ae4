import { z } from 'zod';
import { ROLES, type Role } from '../domain/roles';

/**
 * Who may call a method: anyone (before login, e.g. the first-run check), any logged-in
 * account, or only the listed roles. The router enforces it; the UI merely hides.
 */
export type Access = 'public' | 'session' | readonly Role[];

/**
 * Whether an account of `role` (null: nobody logged in) may call a method of `access`. The one
 * reading of `access`: the router refuses by it, the renderer hides by it (renderer/src/api/can.ts).
 */
export function roleMayCall(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  return access === 'session' || access.includes(role);
}

/** A record the call names by an input field, which the access policy resolves to its cases. */
export type ScopeTarget =
  | { case: string }
  | { visit: string }
  | { interview: string }
  | { petitioner: string }
  | { ticket: string }
  | { summons: string }
  | { appointment: string }
  /** The queue of the leader named by the field. */
  | { leader: string }
  /** A signature's or an attachment's owner: the type field ('visit' | 'interview' | 'case') and the id field. */
  | { owner: readonly [string, string] }
  /** A printed document: the kind field and the record field. */
  | { document: readonly [string, string] };

/**
 * Which petitioners' data a call reaches, beside who may call it. One policy decides for every
 * method (electron/core/infra/scope.ts): a leader reaches only the cases they own and the visits
 * queued to them, with everything of those; the others reach the whole office.
 * - `none`: no petitioner's data (the caller's own session, public screens, the office's own data:
 *   settings, calendar, roster, leaders and units, aggregate figures);
 * - `filtered`: a list, search or export of visits, cases or petitioners; the handler narrows it
 *   through the policy, so a leader sees only what they reach;
 * - `everything`: every petitioner at once, unfiltered (backups, the audit trail, imports):
 *   the administrator only, which tests/unit/contract.test.ts checks;
 * - targets: the call names records by input fields; the router resolves each to its cases and
 *   refuses the call unless the caller reaches them all.
 */
export type Scope = 'none' | 'filtered' | 'everything' | readonly ScopeTarget[];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  access: Access;
  scope: Scope;
  input: I;
  output: O;
  /**
   * Answers a poll or a pushed event (the session check every 30 s, the queue board refreshed
   * on every queue event): the call is not the user's doing, so it does not hold off the idle lock.
   */
  background?: true;
  /**
   * Callable by a session whose account must still replace the password an administrator gave
   * it (a new account, a reset): the change itself. The router refuses every other method that
   * needs a session (PASSWORD_CHANGE_REQUIRED) until then; public methods serve it as they
   * serve anyone, so the first screen and the change-password form can render.
   */
  beforePasswordChange?: true;
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
