import { calendarCommand } from './calendar-commands';
import { runCli, versionCommand } from './commands';
import { printCommand, verifyCommand } from './print-commands';
import { rosterCommand } from './roster-commands';
import { caseCommand, superviseCommand } from './case-commands';
import { reportCommand, statsCommand } from './stats-commands';
import { exportCommand, importCommand } from './export-commands';
import { visitCommand } from './visit-commands';
import { deviceCommand } from './device-commands';
import { auditCommand, backupCommand, demoCommand, initCommand, rekeyCommand, restoreCommand } from './store-commands';

export const COMMANDS = [
  versionCommand,
  initCommand,
  demoCommand,
  backupCommand,
  restoreCommand,
  auditCommand,
  rekeyCommand,
  printCommand,
  verifyCommand,
  calendarCommand,
  rosterCommand,
  visitCommand,
  caseCommand,
  superviseCommand,
  exportCommand,
  importCommand,
  statsCommand,
  reportCommand,
  deviceCommand,
];

void runCli(
  process.argv.slice(2),
  { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), env: process.env },
  COMMANDS,
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`内部错误：${error instanceof Error ? error.name : 'unknown'}\n`);
    process.exitCode = 1;
  },
);
