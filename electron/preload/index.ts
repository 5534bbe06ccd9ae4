import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

// Kept in step with electron/main/app.ts; a sandboxed preload cannot import it.
const CALL_CHANNEL = 'hall:call';
const EVENT_CHANNEL = 'hall:event';
const PRINT_CHANNEL = 'hall:print';
const PRINTERS_CHANNEL = 'hall:printers';

/** The only thing a page gets: the contract's call, its events, and the printers. No ipcRenderer. */
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
  printer: {
    print: (pdfBase64: string, target: string) => ipcRenderer.invoke(PRINT_CHANNEL, String(pdfBase64), String(target)),
    list: () => ipcRenderer.invoke(PRINTERS_CHANNEL),
  },
});
