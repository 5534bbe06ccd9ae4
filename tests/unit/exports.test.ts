import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { fillDemo } from '../../electron/core/operations/demo';
import { cellText } from '../../electron/core/transfer/sheets';
import { csvField, tableCsv } from '../../electron/core/infra/table-file';
import { all, one, value } from '../../electron/core/infra/db/sql';
import { caseExportDocument, caseExportJsonSchema, type CaseExportDocument } from '../../shared/domain/case-export';
import { ADMIN, caller, loginAsNew, must, testCore } from '../helpers/core';
import { snapshot } from '../helpers/files';
import { validate } from '../helpers/json-schema';
import { tempDir } from '../helpers/tmp';

/** The files of a data folder, byte for byte, but for the WAL index (-shm): SQLite rewrites it on any read. */
const files = (dir: string) => Object.fromEntries(Object.entries(snapshot(dir)).filter(([f]) => !f.endsWith('-shm')));

const SCHEMA_FILE = path.resolve(__dirname, '../../docs/schemas/case-export.schema.json');

/** RFC 4180, written here independently of the app's writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += ch;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

async function xlsxRows(base64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((r) => out.push((r.values as ExcelJS.CellValue[]).slice(1).map(cellText)));
  return out;
}

/** A petitioner's values that a masked export must not contain. */
interface PetitionerContact {
  name: string;
  id_number: string | null;
  phone: string | null;
}

const decode = (base64: string) => JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as CaseExportDocument;

describe('exports others can read', () => {
  const tmp = tempDir();
  let core: Core;
  let admin: ReturnType<typeof must>;
  let operator: ReturnType<typeof must>;
  let archivist: ReturnType<typeof must>;
  const auditCount = () => value<number>(core.store.database, 'SELECT count(*) FROM audit_log')!;

  beforeAll(async () => {
    core = testCore(tmp.dir, { now: () => new Date('2026-11-23T02:00:00Z') });
    admin = must(core, 'admin');
    await admin('setup.init', ADMIN);
    fillDemo(core.store, { id: 1, name: 'demo' }, new Date('2026-11-23T02:00:00Z'));
    for (const [username, role] of [
      ['op', 'operator'],
      ['arch', 'archivist'],
    ] as const) {
      await admin('accounts.create', { username, displayName: username, role, password: 'another pass 1' });
      await loginAsNew(core, username, { username, password: 'another pass 1' });
    }
    operator = must(core, 'op');
    archivist = must(core, 'arch');
  });
  afterAll(() => {
    core.close();
    tmp.cleanup();
  });

  it('quotes CSV fields as RFC 4180 says, and never lets text pass for a formula', () => {
    expect(csvField('张三,李四')).toBe('"张三,李四"');
    expect(csvField('他说"不行"')).toBe('"他说""不行"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(-3)).toBe('-3');
    expect(csvField('-3')).toBe('-3');
    const csv = tableCsv({ sheet: 's', headers: ['列'], rows: [['a,"b"\r\nc'], ['𠮷']] });
    expect(parseCsv(csv.toString('utf8').slice(1))).toEqual([['列'], ['a,"b"\r\nc'], ['𠮷']]);
  });

  it('exports the ledger as CSV with a BOM, the same columns and rows as the Excel sheet, Chinese intact', async () => {
    const filter = { from: '2026-10-01', to: '2026-11-23', sort: { column: 'caseNo', order: 'asc' } } as const;
    const csv = await operator('ledger.export', { ...filter, format: 'csv' });
    const xlsx = await operator('ledger.export', { ...filter, format: 'xlsx' });
    expect(csv.fileName).toMatch(/^信访事项台账-2026-11-23\.csv$/);
    expect(csv.rows).toBeGreaterThan(10);
    const bytes = Buffer.from(csv.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual([
      '序号',
      '案件编号',
      '受理日期',
      '信访人',
      '属地',
      '类别',
      '包案领导',
      '责任单位',
      '状态',
      '办理期限',
      '剩余天数',
      '办理结果',
    ]);
    expect(rows).toHaveLength(csv.rows + 1);
    // The sheet has a title and the filter above its header; below that the rows are the same.
    const sheet = await xlsxRows(xlsx.base64);
    expect(sheet.slice(2).map((r) => r.concat(Array(12 - r.length).fill('')))).toEqual(rows);
    expect(rows.some((r) => /[\u4e00-\u9fff]\*/.test(r[3]!))).toBe(true);
    expect(
      rows
        .slice(1)
        .every((r) =>
          ['已受理', '已交办', '已签收', '已延期', '已办结', '已回访', '复查中', '复核中', '已终结'].includes(r[8]!),
        ),
    ).toBe(true);
  });

  it('exports the supervision list to Excel and CSV, and audits it', async () => {
    const list = await operator('supervise.list', {});
    const csv = await operator('supervise.export', { format: 'csv' });
    const rows = parseCsv(Buffer.from(csv.base64, 'base64').toString('utf8').slice(1));
    expect(rows[0]!.slice(0, 4)).toEqual(['序号', '案件编号', '事项', '状态']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(list.items.map((i) => i.caseNo));
    expect(csv.rows).toBe(list.items.length);
    const xlsx = await operator('supervise.export', { format: 'xlsx' });
    expect((await xlsxRows(xlsx.base64))[0]![0]).toBe('督办提醒（2026-11-23）');
    const entry = (await admin('audit.list', { limit: 5 })).entries.find((e) => e.action === 'supervise.export')!;
    expect(JSON.parse(entry.detail)).toEqual({ on: '2026-11-23', format: 'xlsx', rows: list.items.length });
  });

  it('checks in the JSON Schema generated from the zod format', () => {
    if (process.env.HALL_WRITE_SCHEMAS)
      fs.writeFileSync(SCHEMA_FILE, `${JSON.stringify(caseExportJsonSchema(), null, 2)}\n`);
    expect(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(caseExportJsonSchema());
  });

  it('exports a date range as JSON that validates against the checked-in schema, masked by default', async () => {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    const out = await operator('export.cases', { from: '2026-10-01', to: '2026-11-23' });
    expect(out.masked).toBe(true);
    const doc = decode(out.base64);
    expect(validate(schema, doc)).toEqual([]);
    expect(caseExportDocument.parse(doc)).toEqual(doc);
    expect(doc.cases).toHaveLength(out.cases);
    expect(out.cases).toBe(
      core.store.database
        .prepare("SELECT count(*) FROM cases WHERE accepted_on BETWEEN '2026-10-01' AND '2026-11-23'")
        .pluck()
        .get(),
    );
    // Every part of a case is there somewhere in a month of demo data.
    for (const part of ['visits', 'assignments', 'closures', 'petitioners'] as const)
      expect(
        doc.cases.some((c) => c[part].length > 0),
        part,
      ).toBe(true);
    expect(doc.cases.some((c) => c.assignments.some((a) => a.units.length > 0))).toBe(true);
    // No full ID number, phone or name of a petitioner anywhere in the file.
    const text = Buffer.from(out.base64, 'base64').toString('utf8');
    const people = all<PetitionerContact>(core.store.database, 'SELECT name, id_number, phone FROM petitioners');
    for (const p of people) {
      if (p.id_number) expect(text).not.toContain(p.id_number);
      if (p.phone) expect(text).not.toContain(p.phone);
    }
    const names = doc.cases.flatMap((c) => c.petitioners.map((p) => p.name));
    expect(names.every((n) => n.includes('*'))).toBe(true);
    expect(doc.cases.flatMap((c) => c.petitioners).every((p) => p.address === null && p.birthDate === null)).toBe(true);
    // The validator does catch a wrong document.
    expect(validate(schema, { ...doc, masked: 'yes' })).toEqual(['$.masked: expected boolean, got string']);
  });

  it('gives full values only to the administrator, and audits every full export without the data', async () => {
    const caseId = value<number>(
      core.store.database,
      'SELECT c.id FROM cases c JOIN petitioners p ON p.id = c.petitioner_id WHERE p.id_number IS NOT NULL ORDER BY c.id LIMIT 1',
    )!;
    const person = one<PetitionerContact>(
      core.store.database,
      'SELECT p.name, p.id_number, p.phone FROM cases c JOIN petitioners p ON p.id = c.petitioner_id WHERE c.id = ?',
      caseId,
    )!;
    const full = await admin('export.cases', { caseId, full: true });
    expect(full.masked).toBe(false);
    const doc = decode(full.base64);
    expect(validate(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>, doc)).toEqual([]);
    expect(doc.cases[0]!.petitioners[0]).toMatchObject({
      name: person.name,
      idNumber: person.id_number,
      phone: person.phone,
    });
    const entry = (await admin('audit.list', { limit: 3 })).entries.find((e) => e.action === 'export.cases.full')!;
    expect(entry).toBeDefined();
    expect(JSON.parse(entry.detail)).toEqual({
      caseNo: doc.cases[0]!.caseNo,
      full: true,
      cases: 1,
      onlyLeaderId: null,
    });
    const trail = JSON.stringify((await admin('audit.list', { limit: 50 })).entries);
    expect(trail).not.toContain(person.name);
    expect(trail).not.toContain(person.id_number);
  });

  it('refuses a full export to the operator and the archivist, and writes nothing', async () => {
    const caseId = value<number>(core.store.database, 'SELECT id FROM cases ORDER BY id LIMIT 1')!;
    core.store.database.pragma('wal_checkpoint(TRUNCATE)');
    const before = auditCount();
    const filesBefore = files(tmp.dir);
    for (const who of ['op', 'arch']) {
      expect(await caller(core, who)('export.cases', { caseId, full: true })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(
        await caller(core, who)('export.cases', { from: '2026-01-01', to: '2026-12-31', full: true }),
      ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(auditCount()).toBe(before);
    core.store.database.pragma('wal_checkpoint(TRUNCATE)');
    expect(files(tmp.dir)).toEqual(filesBefore);
    // The masked export stays open to them.
    expect((await archivist('export.cases', { caseId })).masked).toBe(true);
  });

  it('asks for one case or a whole range', async () => {
    const call = caller(core, 'admin');
    expect(await call('export.cases', {})).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await call('export.cases', { from: '2026-10-01' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'to' }] },
    });
    expect(await call('export.cases', { caseId: 1, from: '2026-10-01', to: '2026-10-02' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    expect(await call('export.cases', { from: '2026-10-02', to: '2026-10-01' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: [{ path: 'to' }] },
    });
    expect(await call('export.cases', { caseId: 999_999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
