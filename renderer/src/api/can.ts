import { useCallback } from 'react';
import { canCall, type MethodInput, type MethodName } from '../../../shared/contract';
import { useSession } from './session';

/** `can(method, input?)`: whether the logged-in account may make the call (shared/contract/can.ts). */
export type Can = <M extends MethodName>(method: M, input?: Partial<MethodInput<M>>) => boolean;

/**
 * What the session's account may do, for the screens: a button, tab or menu entry that makes a
 * call shows only when the call is allowed. The router refuses the same calls; screens only hide.
 */
export function useCan(): Can {
  const { session } = useSession();
  const role = session?.account?.role ?? null;
  const leaderId = session?.account?.leaderId ?? null;
  return useCallback<Can>(
    (method, input) => canCall(role === null ? null : { role, leaderId }, method, input),
    [role, leaderId],
  );
}
