import type { EventName } from './events';
import type { MethodName } from './methods';

/*
 * The hall's wall screen (/display) and the door screens of its rooms (/display/room/<id>). In the desktop app it is a window of its own, on a monitor
 * the public faces, and it may reach these methods and this event only: its preload offers
 * nothing else (electron/preload/display.ts) and the main process refuses anything else from
 * that window, whatever the page asks (electron/main/app.ts). Free of zod, so the sandboxed
 * preload can bundle it; tests/unit/contract.test.ts keeps the methods equal to the display area.
 */

export const DISPLAY_METHODS = [
  'display.notice',
  'display.queue',
  'display.room',
] as const satisfies readonly MethodName[];

export const DISPLAY_EVENTS = ['queue.changed'] as const satisfies readonly EventName[];

export const DISPLAY_ONLY = '大厅显示屏只能读取排班公示和叫号信息。';

export function isDisplayMethod(method: unknown): boolean {
  return (DISPLAY_METHODS as readonly unknown[]).includes(method);
}

export function isDisplayEvent(event: unknown): boolean {
  return (DISPLAY_EVENTS as readonly unknown[]).includes(event);
}
