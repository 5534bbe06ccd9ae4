import { z } from 'zod';
import { method, type MethodSpec, noInput } from './define';

/** One room's part of the wall: its current number and who waits for it. */
const displayRoom = z.object({
  key: z.string(),
  roomId: z.number().int().nullable(),
  room: z.string(),
  leader: z.string().nullable(),
  current: z.string().nullable(),
  waiting: z.array(z.object({ code: z.string(), surname: z.string() })),
});

export const displayMethods = {
  'display.notice': method({
    summary: '大厅显示屏：本周领导接访安排（公开信息，无个人数据）',
    access: 'public',
    scope: 'none',
    input: noInput,
    output: z.object({
      office: z.string().nullable(),
      period: z.string(),
      today: z.string(),
      /** The test clock's instant (HALL_NOW), or null: the wall screen shows it as a red banner too. */
      testClock: z.string().nullable(),
      slots: z.array(
        z.object({
          date: z.string(),
          time: z.string(),
          leader: z.string(),
          post: z.string(),
          portfolio: z.string(),
          place: z.string(),
          form: z.string(),
          note: z.string(),
        }),
      ),
    }),
  }),

  'display.queue': method({
    summary: '大厅显示屏：正在呼叫的号和按接待室分组的等候号（只显示号码和姓氏）',
    access: 'public',
    scope: 'none',
    input: noInput,
    output: z.object({
      /** The hall's one clock (HALL_NOW when set), for the wall's time of day. */
      now: z.string(),
      calling: z.array(z.object({ code: z.string(), room: z.string().nullable(), leader: z.string().nullable() })),
      waiting: z.array(z.object({ code: z.string(), surname: z.string(), leader: z.string().nullable() })),
      /** The waiting list by room (by leader where a ticket has no room), with each room's current number. */
      rooms: z.array(displayRoom),
    }),
  }),

  'display.room': method({
    summary: '接待室门口屏：接待室、当天接访领导、当前号和下一个号（只显示号码和姓氏）',
    access: 'public',
    scope: 'none',
    input: z.object({ roomId: z.number().int().positive('接待室编号不正确') }).strict(),
    output: z.object({
      now: z.string(),
      testClock: z.string().nullable(),
      office: z.string().nullable(),
      /** Null when the store is locked (nobody has logged in yet today). */
      room: z.string().nullable(),
      /** Leaders on duty in this room today (substitutes included, the absent left out). */
      leaders: z.array(z.string()),
      current: z.object({ code: z.string(), status: z.enum(['called', 'in_reception']) }).nullable(),
      next: z.array(z.object({ code: z.string(), surname: z.string() })),
    }),
  }),
} as const satisfies Record<string, MethodSpec>;
