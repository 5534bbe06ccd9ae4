import { z } from 'zod';
import {
  contract,
  type Area,
  type AreaMethod,
  HallError,
  isMethodName,
  namedMessage,
  type ErrorBody,
  type FieldIssue,
  type HostKind,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
  type Result,
  roleMayCall,
  type Scope,
} from '../../../shared/contract';
import { isStorableText } from '../../../shared/domain/text';
import { translateDriverError } from './db/connection';
import type { Session, SessionStore } from './sessions';
import type { Logger } from './log';

/** Who is calling: the host and its connection (a window, a browser cookie, the CLI process). */
export interface CallContext {
  host: HostKind;
  clientId: string;
}

export interface ServiceCall extends CallContext {
  session: Session | null;
}

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  call: ServiceCall,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** Every method of the contract must have a handler: a missing one is a type error. */
export type Handlers = { [M in MethodName]: Handler<M> };

/** The handlers of one contract area, exactly its methods: what `electron/core/<area>/handlers.ts` returns. */
export type AreaHandlers<A extends Area> = { [M in AreaMethod<A> & MethodName]: Handler<M> };

export interface Router {
  call(method: string, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: namedMessage(issue.path, issue.message),
  }));
}

function failure(code: ErrorBody['code'], message?: string, fields?: FieldIssue[]): Result<never> {
  return { ok: false, error: new HallError(code, message, fields).toBody() };
}

/**
 * The one router every host mounts. Order matters: the method must exist, the caller must be
 * allowed, the input must parse; only then does a service run. Bad input never reaches one.
 */
/** The access policy's check of the records a call names (infra/scope.ts); throws HallError. */
export type ScopeCheck = (session: Session | null, scope: Scope, input: Record<string, unknown>) => void;

export function createRouter(
  handlers: Handlers,
  sessions: SessionStore,
  log: Logger,
  checkScope: ScopeCheck = () => {},
): Router {
  async function call(method: string, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (!isMethodName(method)) return failure('UNKNOWN_METHOD');
    const spec = contract[method];

    let session: Session | null = null;
    if (spec.access !== 'public') {
      const admitted = sessions.admit(ctx.clientId, {
        activity: spec.background !== true,
        passwordChange: spec.beforePasswordChange === true,
      });
      if (!admitted.ok) return failure(admitted.code);
      session = admitted.session;
      if (!roleMayCall(spec.access, session.role)) return failure('FORBIDDEN');
    } else {
      session = sessions.peek(ctx.clientId);
    }

    // Before any schema: SQLite would store a lone surrogate as U+FFFD, and read text only up to
    // a NUL, so the stored or searched bytes would differ from the string a hash or a check saw.
    // No method takes either.
    const malformed = malformedStrings(rawInput);
    if (malformed.length > 0)
      return failure(
        'BAD_INPUT',
        undefined,
        malformed.map((path) => ({ path, message: MALFORMED_TEXT })),
      );

    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return failure('BAD_INPUT', undefined, fieldIssues(parsed.error));

    const started = performance.now();
    try {
      // Who may reach which records is decided once, here, before any handler reads them.
      checkScope(session, spec.scope, parsed.data as Record<string, unknown>);
      const handler = handlers[method] as (input: unknown, call: ServiceCall) => unknown;
      const value = await handler(parsed.data, { ...ctx, session });
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        // A service broke the contract: a bug, never the user's fault. Paths only, no values.
        log.error('output contract violated', { method, paths: fieldIssues(checked.error).map((f) => f.path) });
        return failure('INTERNAL');
      }
      return { ok: true, value: checked.data };
    } catch (thrown) {
      const error = translateDriverError(thrown);
      if (error instanceof HallError) return { ok: false, error: error.toBody() };
      if ((error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        // The last line of defence: a handler checks the rows an input names before it writes
        // (infra/references.ts), at the field. A foreign key that still fires is such a check
        // missed: the user gets a general answer, the log a line to find it by.
        log.warn('foreign key refused', { method });
        return failure('BAD_INPUT', FOREIGN_KEY_TEXT);
      }
      log.error('service failed', { method, error: describeError(error) });
      return failure('INTERNAL');
    } finally {
      const ms = performance.now() - started;
      if (ms > 40) log.warn('slow call', { method, ms: Math.round(ms) });
    }
  }
  return { call };
}

export const FOREIGN_KEY_TEXT = '所选的记录不存在，或仍被其他记录使用，请刷新后重试。';

export const MALFORMED_TEXT = '含有无法识别的字符（不完整的字或空字符），请重新输入';

/** Where a value sits in the input: its key and its parent's place, spelled out only when reported. */
interface Place {
  key: string;
  parent: Place | null;
}

function pathOf(place: Place | null): string {
  const keys: string[] = [];
  for (let p = place; p; p = p.parent) keys.push(p.key);
  return keys.reverse().join('.');
}

/**
 * Paths of every string (value or key) in a JSON value that is not storable text
 * (shared/domain/text.ts). Walks with a stack of its own and spells a path out only when it
 * reports one: a client may nest its input deeper than the call stack goes, and the answer must
 * still be an error, not a thrown RangeError or a path rebuilt at every level.
 */
export function malformedStrings(value: unknown): string[] {
  const found: string[] = [];
  // Last in, first out: children are pushed in reverse so the paths come out in document order.
  const stack: { value: unknown; place: Place | null; keyMalformed?: true }[] = [{ value, place: null }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value: v, place } = item;
    if (item.keyMalformed || (typeof v === 'string' && !isStorableText(v))) found.push(pathOf(place));
    else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ value: v[i] as unknown, place: { key: String(i), parent: place } });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const at = { key, parent: place };
        stack.push(isStorableText(key) ? { value: child, place: at } : { value: null, place: at, keyMalformed: true });
      }
    }
  }
  return found;
}

/** Error class and code only: messages of driver errors can quote the data that failed. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name}(${code})` : error.name;
  }
  return typeof error;
}
