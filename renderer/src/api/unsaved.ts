import { useEffect, useRef } from 'react';

/**
 * Nothing typed is lost without a warning: every form or record with input not yet saved
 * registers here. Leaving the page (a tab closed, a reload, the desktop window closed) first
 * starts each holder's save, then asks while any still holds unsaved input; the Electron host
 * turns the ask into a Chinese dialog (electron/main/app.ts, will-prevent-unload).
 */
interface Holder {
  unsaved: () => boolean;
  /** Starts writing what is pending at once (an autosave's flush), without waiting. */
  save?: () => void;
}

const holders = new Set<{ current: Holder }>();

const saveAll = () => {
  for (const h of holders) h.current.save?.();
};

window.addEventListener('beforeunload', (event) => {
  saveAll();
  if (![...holders].some((h) => h.current.unsaved())) return;
  event.preventDefault();
  // Older Chromium (and Electron's) ask only when returnValue is set as well.
  event.returnValue = true;
});
// A page being hidden may never come back (a phone-style discard, a crash after it): save now.
window.addEventListener('pagehide', saveAll);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') saveAll();
});

/** Whether the page holds unsaved input anywhere: for a test, and for the host's close. */
export const hasUnsavedInput = (): boolean => [...holders].some((h) => h.current.unsaved());

/** Registers a form or record with the page's warning while it is mounted; the latest callbacks are used. */
export function useUnsaved(unsaved: () => boolean, save?: () => void): void {
  const holder = useRef<Holder>({ unsaved, save });
  useEffect(() => {
    holder.current = { unsaved, save };
  });
  useEffect(() => {
    const h = holder;
    holders.add(h);
    return () => void holders.delete(h);
  }, []);
}
