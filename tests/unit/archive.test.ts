import { describe, expect, it } from 'vitest';
import {
  ARCHIVE_NO_PATTERN,
  archiveNoPatternSchema,
  DEFAULT_RETENTION_RULE,
  formatArchiveNo,
  retentionOf,
  type CaseFacts,
} from '../../shared/domain/archive';
import { settingsPatchSchema } from '../../shared/domain/settings';

const none: CaseFacts = { final: false, group: false, reviewed: false, backlog: false };

describe('保管期限 by the office rule and the 档号', () => {
  it('gives the longest period of the facts a case has, the same for the same facts', () => {
    expect(retentionOf(none, DEFAULT_RETENTION_RULE)).toBe('10年');
    expect(retentionOf({ ...none, reviewed: true }, DEFAULT_RETENTION_RULE)).toBe('30年');
    expect(retentionOf({ ...none, backlog: true }, DEFAULT_RETENTION_RULE)).toBe('30年');
    expect(retentionOf({ ...none, reviewed: true, final: true }, DEFAULT_RETENTION_RULE)).toBe('永久');
    expect(retentionOf({ ...none, group: true }, DEFAULT_RETENTION_RULE)).toBe('永久');
    // Adding a fact never shortens the period; a rule giving "other" more than a fact still wins.
    const rule = { ...DEFAULT_RETENTION_RULE, other: '30年', reviewed: '10年' } as const;
    expect(retentionOf({ ...none, reviewed: true }, rule)).toBe('30年');
  });

  it('formats the 档号 from the pattern, without a dangling dash when no 全宗号 is set', () => {
    expect(formatArchiveNo(ARCHIVE_NO_PATTERN, { fonds: 'X012', year: '2026', period: '30年', seq: 5 })).toBe(
      'X012-2026-D30-0005',
    );
    expect(formatArchiveNo(ARCHIVE_NO_PATTERN, { fonds: 'X012', year: '2026', period: '永久', seq: 12345 })).toBe(
      'X012-2026-Y-12345',
    );
    expect(formatArchiveNo(ARCHIVE_NO_PATTERN, { fonds: '', year: '2027', period: '10年', seq: 1 })).toBe(
      '2027-D10-0001',
    );
    expect(formatArchiveNo('{year}·{保管期限}·{seq}', { fonds: '', year: '2027', period: '永久', seq: 3 })).toBe(
      '2027·永久·0003',
    );
  });

  it('refuses a pattern without the serial, a bad 全宗号 and a period outside the three', () => {
    expect(archiveNoPatternSchema.safeParse('{全宗号}-{year}').success).toBe(false);
    expect(settingsPatchSchema.safeParse({ archiveNoPattern: '{year}-{保管期限代码}' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ fondsNo: 'X 012' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ retentionRule: { ...DEFAULT_RETENTION_RULE, other: '长期' } }).success).toBe(
      false,
    );
    expect(settingsPatchSchema.safeParse({ fondsNo: 'X012', retentionRule: DEFAULT_RETENTION_RULE }).success).toBe(
      true,
    );
  });
});
