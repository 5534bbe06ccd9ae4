import type { z } from 'zod';
import { systemMethods } from './system';
import { authMethods } from './auth';
import { accountsMethods } from './accounts';
import { settingsMethods } from './settings';
import { backupMethods } from './backup';
import { auditMethods } from './audit';
import { petitionersMethods } from './petitioners';
import { documentsMethods } from './documents';
import { signaturesMethods } from './signatures';
import { attachmentsMethods } from './attachments';
import { calendarMethods } from './calendar';
import { rosterMethods } from './roster';
import { peopleMethods } from './people';
import { transferMethods } from './transfer';
import { displayMethods } from './display';
import { visitsMethods } from './visits';
import { summonsMethods } from './summons';
import { appointmentsMethods } from './appointments';
import { dayMethods } from './day';
import { casesMethods } from './cases';
import { ledgerMethods } from './ledger';
import { superviseMethods } from './supervise';
import { statsMethods } from './stats';
import { printerMethods } from './printer';
import { cardMethods } from './card';

/**
 * The contract by area: `shared/contract/<area>.ts` declares the methods of one area, and
 * `electron/core/<area>/` handles exactly those (tests/unit/contract-areas.test.ts checks it).
 * An area is a method's prefix, or the one group the prefix belongs to: `people` holds leaders,
 * units, rooms, participants and reference lists; `visits` the queue; `cases` the interviews;
 * `auth` the first-run setup; `transfer` the exports and imports.
 */
export const CONTRACT_AREAS = {
  system: systemMethods,
  auth: authMethods,
  accounts: accountsMethods,
  settings: settingsMethods,
  backup: backupMethods,
  audit: auditMethods,
  petitioners: petitionersMethods,
  documents: documentsMethods,
  signatures: signaturesMethods,
  attachments: attachmentsMethods,
  calendar: calendarMethods,
  roster: rosterMethods,
  people: peopleMethods,
  transfer: transferMethods,
  display: displayMethods,
  visits: visitsMethods,
  summons: summonsMethods,
  appointments: appointmentsMethods,
  day: dayMethods,
  cases: casesMethods,
  ledger: ledgerMethods,
  supervise: superviseMethods,
  stats: statsMethods,
  printer: printerMethods,
  card: cardMethods,
} as const;

export type Area = keyof typeof CONTRACT_AREAS;
export type AreaMethod<A extends Area> = keyof (typeof CONTRACT_AREAS)[A];

/**
 * The whole API of the app. Every host (Electron IPC, the preview HTTP host, the CLI) serves
 * exactly this map through one router; the renderer calls nothing else.
 */
export const contract = {
  ...systemMethods,
  ...authMethods,
  ...accountsMethods,
  ...settingsMethods,
  ...backupMethods,
  ...auditMethods,
  ...petitionersMethods,
  ...documentsMethods,
  ...signaturesMethods,
  ...attachmentsMethods,
  ...calendarMethods,
  ...rosterMethods,
  ...peopleMethods,
  ...transferMethods,
  ...displayMethods,
  ...visitsMethods,
  ...summonsMethods,
  ...appointmentsMethods,
  ...dayMethods,
  ...casesMethods,
  ...ledgerMethods,
  ...superviseMethods,
  ...statsMethods,
  ...printerMethods,
  ...cardMethods,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
