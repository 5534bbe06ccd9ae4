import { events, type EventName, type EventPayload } from '../../../shared/contract';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Fan-out of back-end events to every host's listeners (windows, SSE streams). */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].parse(payload);
    for (const listener of this.listeners) listener(event, checked);
  }
}
