import type { Role } from '../domain/roles';
import { isDocumentKind, officeWideDocument } from '../documents/kinds';
import { roleMayCall, type ScopeTarget } from './define';
import { contract, type MethodInput, type MethodName } from './methods';

/** The account a screen asks for: its role and, for a 接访领导, the leader it acts for. */
export interface CallerView {
  role: Role;
  leaderId: number | null;
}

/**
 * Whether an account may make a call, read from the contract (no second table of permissions):
 * the method's `access` for its role (the router's own check, `roleMayCall`), and the part of the
 * access scope an input decides without the database: a 接访领导 reaches only their own leader's
 * queue, and no office-wide document (electron/core/infra/scope.ts). Which visit or case a leader
 * reaches needs the database: the router decides that, and the lists a leader is given hold only those.
 * The renderer hides what this refuses (renderer/src/api/can.ts).
 */
export function canCall<M extends MethodName>(
  me: CallerView | null,
  method: M,
  input?: Partial<MethodInput<M>>,
): boolean {
  const spec = contract[method];
  if (!roleMayCall(spec.access, me?.role ?? null)) return false;
  if (me?.role !== 'leader' || !input || !Array.isArray(spec.scope)) return true;
  const fields = input as Record<string, unknown>;
  for (const target of spec.scope as readonly ScopeTarget[]) {
    if ('leader' in target && fields[target.leader] !== undefined && fields[target.leader] !== me.leaderId)
      return false;
    if ('document' in target) {
      const kind = fields[target.document[0]];
      if (isDocumentKind(kind) && officeWideDocument(kind)) return false;
    }
  }
  return true;
}
