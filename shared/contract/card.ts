import { z } from 'zod';
import { SEXES } from '../domain/registration';
import { method, type MethodSpec, noInput, ROLE_SETS } from './define';

/** A card as read from the chip and checked (shared/domain/id-card.ts): the full ID number, for the form. */
export const idCardView = z.object({
  name: z.string(),
  sex: z.enum(SEXES),
  nation: z.string(),
  birthDate: z.string(),
  address: z.string(),
  idNumber: z.string(),
  authority: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

/**
 * The ID card reader on this PC (electron/core/card/). Only the desk that registers visitors reads
 * cards. The scope is `none`: what it returns comes from the card on the reader, not from the
 * store, and nothing is kept until the operator registers the visit.
 */
export const cardMethods = {
  'card.read': method({
    summary: '读身份证：从身份证阅读器读取姓名、性别、民族、出生日期、住址、身份证号、签发机关和有效期限',
    access: ROLE_SETS.counter,
    scope: 'none',
    input: noInput,
    output: idCardView,
  }),

  'card.poll': method({
    summary: '登记表打开时每半秒查看阅读器上是否放了身份证：有则读取，无卡返回空',
    access: ROLE_SETS.counter,
    scope: 'none',
    input: noInput,
    output: idCardView.nullable(),
    // A poll is not the operator's doing: it must not hold off the idle lock.
    background: true,
  }),
} as const satisfies Record<string, MethodSpec>;
