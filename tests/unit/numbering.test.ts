import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { run, value, values } from '../../electron/core/infra/db/sql';
import { countPast, nextNumber, type NumberRequest } from '../../electron/core/infra/numbering';
import {
  DOC_NUMBER_PATTERN,
  formatDocNumber,
  formatNumber,
  formatTicket,
  LEGACY_DOC_NUMBER_PATTERN,
} from '../../shared/domain/numbers';
import { ADMIN, must, registerVisit, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

describe('the numbering service', () => {
  const tmp = tempDir();
  // 01:30 on New Year's Day in the hall, still 31 December in UTC.
  const clock = { t: Date.parse('2026-12-31T17:30:00Z') };
  let core: Core;
  let admin: ReturnType<typeof must>;
  const next = (request: NumberRequest) =>
    core.store.database.transaction(() => nextNumber(core.store.database, request))();
  const counter = (name: string) =>
    value<number>(core.store.database, 'SELECT value FROM counters WHERE name = ?', name);

  beforeAll(async () => {
    core = testCore(tmp.dir, { now: () => new Date(clock.t) });
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('keeps the visible formats', () => {
    expect(formatNumber('case', '2026-11-23', 17)).toBe('XF20260017');
    expect(formatNumber('assignment', '2026-11-23', 17)).toBe('JB20260017');
    expect(formatNumber('supervision', '2026-11-23', 17)).toBe('DB20260017');
    expect(formatNumber('visit', '2026-11-23', 17)).toBe('DJ20261123017');
    expect(formatTicket('A', 17)).toBe('A017');
    expect(formatDocNumber(DOC_NUMBER_PATTERN, { organ: '清信访', kindChar: '登', year: 2026 }, 12)).toBe(
      '清信访登〔2026〕12号',
    );
    // A kind the office numbers without a character, an office without an abbreviation.
    expect(formatDocNumber(DOC_NUMBER_PATTERN, { organ: '清信访', kindChar: '', year: 2026 }, 17)).toBe(
      '清信访〔2026〕17号',
    );
    expect(formatDocNumber(DOC_NUMBER_PATTERN, { organ: '', kindChar: '交', year: 2026 }, 3)).toBe('交〔2026〕3号');
    // An office's own pattern from before keeps its 4 digits once migration 0005 wrote {seq:4}.
    expect(formatDocNumber('〔{year}〕第{seq:4}号', { organ: '', kindChar: '', year: 2026 }, 17)).toBe(
      '〔2026〕第0017号',
    );
  });

  it('counts each series on its own, by year, day, prefix or slip kind', () => {
    expect([
      next({ kind: 'case', day: '2025-03-01' }),
      next({ kind: 'case', day: '2025-03-02' }),
      next({ kind: 'case', day: '2024-03-01' }),
    ]).toEqual(['XF20250001', 'XF20250002', 'XF20240001']);
    expect(next({ kind: 'assignment', day: '2025-03-01' })).toBe('JB20250001');
    expect(next({ kind: 'supervision', day: '2025-03-01' })).toBe('DB20250001');
    expect([
      next({ kind: 'visit', day: '2025-03-01' }),
      next({ kind: 'visit', day: '2025-03-01' }),
      next({ kind: 'visit', day: '2025-03-02' }),
    ]).toEqual(['DJ20250301001', 'DJ20250301002', 'DJ20250302001']);
    expect([
      next({ kind: 'queue', day: '2025-03-01', prefix: 'A' }),
      next({ kind: 'queue', day: '2025-03-01', prefix: 'B' }),
      next({ kind: 'queue', day: '2025-03-01', prefix: 'A' }),
    ]).toEqual(['A001', 'B001', 'A002']);
    const doc = (document: 'assignment' | 'closure', kindChar: string) =>
      next({ kind: 'document', day: '2025-03-01', document, pattern: DOC_NUMBER_PATTERN, organ: '清信访', kindChar });
    expect([doc('assignment', '交'), doc('assignment', '交'), doc('closure', '结')]).toEqual([
      '清信访交〔2025〕1号',
      '清信访交〔2025〕2号',
      '清信访结〔2025〕1号',
    ]);
    // The counters keep their names, so a database from before goes on where it was.
    expect([
      counter('XF:2025'),
      counter('JB:2025'),
      counter('DB:2025'),
      counter('visit:2025-03-01'),
      counter('queue:2025-03-01:A'),
      counter('doc:清信访交〔2025〕{seq}号'),
    ]).toEqual([2, 1, 1, 2, 2, 2]);
  });

  it('starts after the highest number already stored, whoever wrote it, and ignores numbers of another form', () => {
    const db = core.store.database;
    db.transaction(() => {
      const person = run(db, "INSERT INTO petitioners (name) VALUES ('欧阳娜娜')").lastInsertRowid;
      const visit = (no: string) =>
        run(
          db,
          "INSERT INTO visits (visit_no, date, arrived_at, demand) VALUES (?, '2023-05-08', '2023-05-08T01:00:00Z', '诉求')",
          no,
        ).lastInsertRowid;
      const kase = (no: string) =>
        run(
          db,
          `INSERT INTO cases (case_no, petitioner_id, title, demand, accepted_on, deadline_rule, deadline_on, deadline_basis, status)
           VALUES (?, ?, '标题', '诉求', '2023-05-08', 'answer_60_days', '2023-07-07', '{}', 'accepted')`,
          no,
          person,
        );
      for (const no of ['XF20230117', 'XF2023-0999', 'XF20230200A', 'XF2022999']) kase(no);
      run(
        db,
        "INSERT INTO tickets (visit_id, date, code, position) VALUES (?, '2023-05-08', 'C041', 1)",
        visit('DJ20230508041'),
      );
    })();
    expect(next({ kind: 'case', day: '2023-06-01' })).toBe('XF20230118');
    expect(next({ kind: 'visit', day: '2023-05-08' })).toBe('DJ20230508042');
    expect(next({ kind: 'queue', day: '2023-05-08', prefix: 'C' })).toBe('C042');
    expect(next({ kind: 'queue', day: '2023-05-09', prefix: 'C' })).toBe('C001');
  });

  it('never issues a number twice, even when its record is gone or another number is in the way', () => {
    const db = core.store.database;
    // A number issued in a write that was then undone is issued again; one that was stored is not.
    expect(() =>
      db.transaction(() => {
        nextNumber(db, { kind: 'case', day: '2021-01-04' });
        throw new Error('refused');
      })(),
    ).toThrow('refused');
    expect(next({ kind: 'case', day: '2021-01-04' })).toBe('XF20210001');
    expect(next({ kind: 'case', day: '2021-01-04' })).toBe('XF20210002');
    // A document number the office's pattern makes again (a pattern without the year) is skipped.
    // (Filed against a record no test prints, so the order of the tests does not matter.)
    const pattern = '信访第{seq}号';
    db.transaction(() =>
      run(
        db,
        "INSERT INTO documents (kind, doc_no, record_type, record_id, record_version, content_hash, verify_code) VALUES ('registration', ?, 'x', 999999, 1, 'h', 'AAAA-0000')",
        formatDocNumber(pattern, { organ: '', kindChar: '', year: 2021 }, 1),
      ),
    )();
    expect(
      next({ kind: 'document', day: '2021-01-04', document: 'registration', pattern, organ: '', kindChar: '' }),
    ).toBe('信访第2号');
  });

  it('refuses a document pattern without the serial instead of looking for a free number forever', () => {
    // Was: settings took '发文' as the pattern; the second slip of a kind met the first one's
    // number, and the loop stepping past taken numbers never ended (the app hung on printing).
    const db = core.store.database;
    const pattern = '县信访局发文';
    db.transaction(() =>
      run(
        db,
        "INSERT INTO documents (kind, doc_no, record_type, record_id, record_version, content_hash, verify_code) VALUES ('registration', ?, 'x', 999998, 1, 'h', 'AAAA-0001')",
        pattern,
      ),
    )();
    let refused: unknown;
    try {
      next({ kind: 'document', day: '2021-01-04', document: 'registration', pattern, organ: '', kindChar: '' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ code: 'RULE_VIOLATION', message: expect.stringContaining('{seq}') as string });
  });

  it('never reuses a document number across kinds, years, shared characters or a changed pattern', () => {
    const db = core.store.database;
    const doc = (
      document: 'registration' | 'guidance' | 'monthly-report' | 'quarterly',
      kindChar: string,
      day = '2023-05-01',
      pattern = DOC_NUMBER_PATTERN,
    ) => next({ kind: 'document', day, document, pattern, organ: '清信访', kindChar });
    const file = (kind: string, no: string, code: string) =>
      db.transaction(() =>
        run(
          db,
          "INSERT INTO documents (kind, doc_no, record_type, record_id, record_version, content_hash, verify_code) VALUES (?, ?, 'x', 999990, 1, 'h', ?)",
          kind,
          no,
          code,
        ),
      )();
    // Kinds with their own character count on their own; each year starts again.
    expect([doc('registration', '登'), doc('guidance', '告'), doc('registration', '登', '2024-01-02')]).toEqual([
      '清信访登〔2023〕1号',
      '清信访告〔2023〕1号',
      '清信访登〔2024〕1号',
    ]);
    // Every report prints 报: one series, so no two reports share a number.
    expect([doc('monthly-report', '报'), doc('quarterly', '报'), doc('monthly-report', '报')]).toEqual([
      '清信访报〔2023〕1号',
      '清信访报〔2023〕2号',
      '清信访报〔2023〕3号',
    ]);
    // The office gives 不予受理告知书 the character of 登记单: the two kinds share the series
    // and step past each other's numbers, stored or counted.
    file('registration', '清信访登〔2023〕2号', 'AAAA-0100');
    expect(doc('guidance', '登')).toBe('清信访登〔2023〕3号');
    expect(doc('registration', '登')).toBe('清信访登〔2023〕4号');
    // A number in the old 4-digit form of the same series (an office switching from {seq:4}) counts too.
    file('registration', '清信访登〔2023〕0009号', 'AAAA-0101');
    expect(doc('registration', '登')).toBe('清信访登〔2023〕10号');
    // Back to the legacy pattern: its numbers already printed by another kind are not issued again.
    file('interview', '〔2023〕第0001号', 'AAAA-0102');
    const legacy = LEGACY_DOC_NUMBER_PATTERN.replace('{seq}', '{seq:4}');
    expect(
      next({ kind: 'document', day: '2023-05-01', document: 'closure', pattern: legacy, organ: '', kindChar: '' }),
    ).toBe('〔2023〕第0002号');
    const all = values<string>(db, "SELECT doc_no FROM documents WHERE doc_no LIKE '%2023%'");
    expect(new Set(all).size).toBe(all.length);
  });

  it('moves a year counter past a number an import keeps, when it has the app form', () => {
    const db = core.store.database;
    db.transaction(() => {
      countPast(db, 'case', 'XF20190042');
      countPast(db, 'case', '旧2019-7');
    })();
    expect(counter('XF:2019')).toBe(42);
    expect(next({ kind: 'case', day: '2019-12-31' })).toBe('XF20190043');
  });

  it('numbers by the China day and year: a visit and its slip just after midnight on New Year in the hall', async () => {
    const visitId = await registerVisit(admin, '𠮷春燕', '安置房逾期未交付');
    expect(value<string>(core.store.database, 'SELECT visit_no FROM visits WHERE id = ?', visitId)).toBe(
      'DJ20270101001',
    );
    const slip = await admin('documents.print', { kind: 'registration', recordId: visitId });
    expect(slip.docNo).toBe('登〔2027〕1号');
  });
});
