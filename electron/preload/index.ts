import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

// Kept in step with electron/main/app.ts; a sandboxed preload cannot import it.
const CALL_CHANNEL = 'hall:call';
const EVENT_CHANNEL = 'hall:event';

/** The only thing a page gets: the contract's call and event subscription. No ipcRenderer. */
contextBridge.exposeInMainWorld('hall', {
  call: (method: string, input: unknown) => ipcRenderer.invoke(CALL_CHANNEL, String(method), input),
  on: (event: string, listener: (payload: unknown) => void) => {
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
});
