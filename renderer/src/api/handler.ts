/**
 * An async function as an event handler (onClick, onFinish, a Modal's onOk): React and antd
 * drop what a handler returns, so the promise is let go here on purpose. The back end's
 * failures come back as values (hall.call never rejects), so a rejection is a bug in the
 * handler; it goes to the console like any uncaught error, only now on purpose.
 */
export function handler<A extends unknown[]>(run: (...args: A) => Promise<unknown>): (...args: A) => void {
  return (...args) => {
    run(...args).catch((error: unknown) => console.error(error));
  };
}
