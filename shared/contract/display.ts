import { z } from 'zod';
import { method, type MethodSpec, noInput } from './define';

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
    summary: '大厅显示屏：正在呼叫的号和等候的号（只显示号码和姓氏）',
    access: 'public',
    scope: 'none',
    input: noInput,
    output: z.object({
      calling: z.array(z.object({ code: z.string(), room: z.string().nullable(), leader: z.string().nullable() })),
      waiting: z.array(z.object({ code: z.string(), surname: z.string(), leader: z.string().nullable() })),
    }),
  }),
} as const satisfies Record<string, MethodSpec>;
