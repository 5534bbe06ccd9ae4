import { useCallback, useEffect, useState } from 'react';
import type { ErrorBody, MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { hall } from './bridge';

export interface CallState<T> {
  data: T | null;
  error: ErrorBody | null;
  loading: boolean;
  reload: () => void;
}

/** Calls a method when the component shows (and on reload), keeping data, error and progress. */
export function useCall<M extends MethodName>(method: M, input: MethodInput<M>): CallState<MethodOutput<M>> {
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(input);
  // Which call is wanted now; the state remembers which call its answer belongs to, so the
  // hook is loading exactly while they differ (the last answer stays shown meanwhile).
  const request = `${method} ${tick} ${key}`;
  const [state, setState] = useState<{ request: string | null; data: MethodOutput<M> | null; error: ErrorBody | null }>(
    {
      request: null,
      data: null,
      error: null,
    },
  );
  useEffect(() => {
    let live = true;
    void hall.call(method, JSON.parse(key) as MethodInput<M>).then((result) => {
      if (!live) return;
      setState(result.ok ? { request, data: result.value, error: null } : { request, data: null, error: result.error });
    });
    return () => {
      live = false;
    };
  }, [method, key, request]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.request !== request, reload };
}
