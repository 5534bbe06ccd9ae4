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
  const [state, setState] = useState<{ data: MethodOutput<M> | null; error: ErrorBody | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(input);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void hall.call(method, JSON.parse(key) as MethodInput<M>).then((result) => {
      if (!live) return;
      setState(result.ok ? { data: result.value, error: null, loading: false } : { data: null, error: result.error, loading: false });
    });
    return () => {
      live = false;
    };
  }, [method, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
