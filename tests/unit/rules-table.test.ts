import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_SETTINGS, settingsSchema } from '../../shared/domain/settings';
import { ROOT } from '../helpers/preview';

/**
 * docs/rules.md and settingsSchema say the same: every number of the brief §5 is a setting in the
 * table with its default and a test file that exists, and every other number setting is named
 * below as not a rule of §5, so a new number setting must be placed on one side or the other.
 */
const NOT_SECTION_5 = [
  'idleLockMinutes',
  'backupKeep',
  'backupWeeks',
  'backupMonths',
  'backupBudgetGiB',
  'superviseDueWorkingDays',
  'superviseReceiptWorkingDays',
  'superviseYellowOverdueDays',
  'superviseRedOverdueDays',
  'monthlyReceptions',
  'quarterlyOutsideVisits',
  'queueMaxCalls',
  'minutesPerVisit',
  'revealsPerHour',
  // The ID card reader's port (docs/devices.md): a device setting, not a rule.
  'cardReaderPort',
];
/** Rules without an edge test yet, each with its reason in the table. */
const NO_TEST_YET = ['noticeLeadDays'];

interface Row {
  no: number;
  settings: string[];
  defaults: number[];
  tests: string[];
  testCell: string;
}

function tableRows(): Row[] {
  const text = fs.readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');
  return text
    .split('\n')
    .filter((l) => /^\|\s*\d+\s*\|/.test(l))
    .map((l) => {
      const cells = l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      const [no, , , setting, defaults, tests] = cells as [string, string, string, string, string, string];
      return {
        no: Number(no),
        settings: [...setting.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]!),
        defaults: defaults.split('/').map((d) => Number(d.trim())),
        tests: [...tests.matchAll(/`(tests\/[^`]+)`/g)].map((m) => m[1]!),
        testCell: tests,
      };
    });
}

const numberSettings = Object.entries(settingsSchema.shape)
  .filter(([, field]) => (field instanceof z.ZodDefault ? field.unwrap() : field) instanceof z.ZodNumber)
  .map(([key]) => key);

describe('docs/rules.md against the settings', () => {
  const rows = tableRows();

  it('numbers its rows 1, 2, 3 … with one default per setting', () => {
    expect(rows.map((r) => r.no)).toEqual(rows.map((_, i) => i + 1));
    for (const r of rows) {
      expect(r.settings.length, `row ${r.no}`).toBeGreaterThan(0);
      expect(r.defaults, `row ${r.no}`).toHaveLength(r.settings.length);
    }
  });

  it('gives each rule setting its default as settingsSchema has it', () => {
    for (const r of rows)
      r.settings.forEach((key, i) => {
        expect(numberSettings, `row ${r.no}: ${key}`).toContain(key);
        expect(DEFAULT_SETTINGS[key as keyof typeof DEFAULT_SETTINGS], `row ${r.no}: ${key}`).toBe(r.defaults[i]);
      });
  });

  it('places every number setting: in the table, or named as not a rule of §5', () => {
    const inTable = new Set(rows.flatMap((r) => r.settings));
    for (const key of numberSettings) expect(inTable.has(key) !== NOT_SECTION_5.includes(key), key).toBe(true);
  });

  it('names an existing test for each rule, or says why there is none', () => {
    for (const r of rows) {
      if (r.settings.some((k) => NO_TEST_YET.includes(k))) {
        expect(r.tests, `row ${r.no}`).toEqual([]);
        expect(r.testCell, `row ${r.no}`).toMatch(/^— \(.+\)$/);
        continue;
      }
      expect(r.tests.length, `row ${r.no}`).toBeGreaterThan(0);
      for (const t of r.tests) expect(fs.existsSync(path.join(ROOT, t)), t).toBe(true);
    }
  });
});
