import { useCallback } from 'react';
import { contract, roleMayCall, type MethodInput, type MethodName, type ScopeTarget } from '../../../shared/contract';
import { isDocumentKind, officeWideDocument, type DocumentKind } from '../../../shared/documents/kinds';
import { useSession } from './session';

/**
 * What the logged-in account may do, read from the contract (no second table of permissions):
 * the method's `access` for its role, and, where the method names a leader's queue in its scope,
 * whether the account reaches that queue (a 接访领导 account reaches only its own leader's,
 * electron/core/infra/scope.ts), and no office-wide document for a 接访领导. The router refuses
 * the same calls; the screens only hide them.
 */
export type Can = <M extends MethodName>(method: M, input?: Partial<MethodInput<M>>) => boolean;

interface Me {
  role: Parameters<typeof roleMayCall>[1];
  leaderId: number | null;
}

/** The pure decision, for a given account (null: nobody logged in). */
export function canCall<M extends MethodName>(me: Me | null, method: M, input?: Partial<MethodInput<M>>): boolean {
  const spec = contract[method];
  if (!roleMayCall(spec.access, me?.role ?? null)) return false;
  if (me?.role !== 'leader' || !input || !Array.isArray(spec.scope)) return true;
  const fields = input as Record<string, unknown>;
  for (const target of spec.scope as readonly ScopeTarget[]) {
    // Another leader's queue (queue.call), or a list of the whole office's petitioners (documents.print).
    if ('leader' in target && fields[target.leader] !== undefined && fields[target.leader] !== me.leaderId)
      return false;
    if (
      'document' in target &&
      isDocumentKind(fields[target.document[0]]) &&
      officeWideDocument(fields[target.document[0]] as DocumentKind)
    )
      return false;
  }
  return true;
}

/** `can(method, input?)` for the session's account. */
export function useCan(): Can {
  const { session } = useSession();
  const account = session?.account ?? null;
  const role = account?.role ?? null;
  const leaderId = account?.leaderId ?? null;
  return useCallback<Can>(
    (method, input) => canCall(role === null ? null : { role, leaderId }, method, input),
    [role, leaderId],
  );
}
