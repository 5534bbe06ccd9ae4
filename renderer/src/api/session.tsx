import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SessionView, SystemInfo } from '../../../shared/contract';
import { hall, onAuthLost } from './bridge';
import { offsetFrom } from './clock';

interface SessionState {
  info: SystemInfo | null;
  session: SessionView | null;
  /** Set when the back end cannot be reached or answers with an error. */
  problem: string | null;
  refresh: () => Promise<void>;
  /** Back-end clock minus browser clock, from the first system.info (api/clock.ts); 0 until then. */
  clockOffset: number;
  setSession: (s: SessionView) => void;
  /** The recovery code from first-run setup, held until the administrator confirms saving it. */
  recoveryCode: string | null;
  setRecoveryCode: (code: string | null) => void;
}

const SessionContext = createContext<SessionState | null>(null);

/** Who is logged in and what state the store is in; re-read on demand and every 30 s. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [session, setSession] = useState<SessionView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [clockOffset, setClockOffset] = useState<number | null>(null);

  // Written with then() rather than await: react-hooks/set-state-in-effect takes an async
  // function that sets state after an await for one that sets it synchronously in the effect.
  const refresh = useCallback(
    () =>
      Promise.all([hall.call('system.info', {}), hall.call('auth.session', {})]).then(([i, s]) => {
        if (!i.ok) return setProblem(i.error.message);
        if (!s.ok) return setProblem(s.error.message);
        setProblem(null);
        setInfo(i.value);
        // Measured once: re-measuring against a test clock that stands still would pull countdowns back.
        setClockOffset((o) => o ?? offsetFrom(i.value.now));
        setSession(s.value);
      }),
    [],
  );

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 30_000);
    const off = hall.on('system.stateChanged', () => void refresh());
    const offLost = onAuthLost(() => void refresh());
    return () => {
      clearInterval(timer);
      off();
      offLost();
    };
  }, [refresh]);

  return (
    <SessionContext.Provider
      value={{
        info,
        session,
        problem,
        refresh,
        clockOffset: clockOffset ?? 0,
        setSession,
        recoveryCode,
        setRecoveryCode,
      }}
    >
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
