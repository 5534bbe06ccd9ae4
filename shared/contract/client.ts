import { HallError, type Result } from './errors';
import { events, type EventName, type EventPayload } from './events';
import { contract, type MethodInput, type MethodName, type MethodOutput } from './methods';

/**
 * What a host gives the renderer: one call and one subscription. The preload exposes this
 * object over IPC; in a browser the same shape is built on fetch and server-sent events.
 */
export interface HallBridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** Only in the desktop app: send a PDF to the ticket or the A4 printer, list printers. */
  printer?: HostPrinter;
}

export interface HostPrinter {
  print(pdfBase64: string, target: 'ticket' | 'a4'): Promise<Result<{ printed: true }>>;
  list(): Promise<Result<{ name: string; isDefault: boolean }[]>>;
}

/** The typed face of a bridge. Values are parsed again here, so a type is never just trusted. */
export interface HallClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function typedClient(bridge: HallBridge): HallClient {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
      const result = await bridge.call(method, input);
      if (!result.ok) return result;
      const parsed = contract[method].output.safeParse(result.value);
      if (!parsed.success) return { ok: false, error: new HallError('INTERNAL').toBody() };
      return { ok: true, value: parsed.data as MethodOutput<M> };
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return bridge.on(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<E>);
      });
    },
  };
}
