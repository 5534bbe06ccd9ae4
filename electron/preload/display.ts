import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { DISPLAY_ONLY, isDisplayEvent, isDisplayMethod } from '../../shared/contract/display-screen';
import { HallError } from '../../shared/contract/errors';

// Kept in step with electron/main/app.ts; a sandboxed preload cannot import it.
const CALL_CHANNEL = 'hall:call';
const EVENT_CHANNEL = 'hall:event';

/**
 * The wall screen's bridge: the display methods and the queue's event; no printers. The main
 * process refuses everything else from this window anyway; here a page that is made to ask
 * for more does not even reach IPC.
 */
contextBridge.exposeInMainWorld('hall', {
  call: (method: string, input: unknown) =>
    isDisplayMethod(String(method))
      ? ipcRenderer.invoke(CALL_CHANNEL, String(method), input)
      : Promise.resolve({ ok: false, error: new HallError('FORBIDDEN', DISPLAY_ONLY).toBody() }),
  on: (event: string, listener: (payload: unknown) => void) => {
    if (!isDisplayEvent(event)) return () => {};
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
});
