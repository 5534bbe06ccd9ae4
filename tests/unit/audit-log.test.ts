import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core';
import { fillDemo } from '../../electron/core/operations/demo';
import { all, value } from '../../electron/core/infra/db/sql';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_QUIET_FACTS,
  AUDIT_SAID_FACTS,
  auditDetailText,
  isAuditAction,
  settingsChanges,
} from '../../shared/domain/audit';
import { CASE_MOVES } from '../../shared/domain/case-machine';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { ADMIN, caller, createCase, loginAsNew, must, registerVisit, saveLeader, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tmp';

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'migrations' ? [] : sources(p);
    return /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

/**
 * The audited actions as the code writes them: every `action:` of an audit call in electron/
 * and the test helpers. A literal is taken as is, a ternary gives both branches, a template is
 * expanded over the values it is built from.
 */
const TEMPLATES: Record<string, readonly string[]> = {
  'case.${input.move}': CASE_MOVES.map((m) => `case.${m}`),
  'queue.${input.action}': ['recall', 'skip', 'start', 'finish', 'transfer'].map((a) => `queue.${a}`),
};

function auditedActions(): { code: string; where: string }[] {
  const found: { code: string; where: string }[] = [];
  for (const file of [...sources(path.join(ROOT, 'electron')), ...sources(path.join(ROOT, 'tests/helpers'))]) {
    const src = fs.readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\baction:\s*(`[^`]*`|[^,\n}]+)/g)) {
      const expr = m[1]!.trim();
      const where = `${path.relative(ROOT, file)}: ${expr}`;
      const template = /^`([^`]*)`$/.exec(expr);
      if (template) {
        const body = template[1]!;
        if (!body.includes('${')) found.push({ code: body, where });
        else if (/^[a-z]+\./.test(body)) {
          expect(TEMPLATES[body], `${where}: a new template of audit actions, add it to TEMPLATES`).toBeDefined();
          for (const code of TEMPLATES[body]!) found.push({ code, where });
        }
        continue;
      }
      // Quoted codes (area.verb); words such as 'register' or 'call' are queue events, not audit actions.
      for (const q of expr.matchAll(/'([a-z]+(?:\.[a-zA-Z]+)+)'/g)) found.push({ code: q[1]!, where });
    }
  }
  return found;
}

describe('the audit log in words', () => {
  it('has Chinese words for every action the code audits', () => {
    const found = auditedActions();
    // The scan sees the known ones (a broken scan finding nothing must not pass).
    expect(found.map((f) => f.code)).toEqual(
      expect.arrayContaining(['settings.update', 'visit.register', 'case.assign', 'queue.skip', 'export.cases.full']),
    );
    const missing = found.filter((f) => !isAuditAction(f.code));
    expect(missing, 'audited actions without a Chinese label in shared/domain/audit.ts').toEqual([]);
    for (const [code, label] of Object.entries(AUDIT_ACTION_LABELS)) {
      expect(label, code).toMatch(/^[^A-Za-z]+$/);
      expect(label.length, code).toBeGreaterThan(1);
    }
  });

  it('keeps only the changed settings, old and new, named by their labels', () => {
    const before = { officeName: '某某县信访局', ...DEFAULT_SETTINGS };
    const after = {
      ...before,
      idleLockMinutes: 30,
      docKindChars: { ...before.docKindChars, registration: '记' },
      printFonts: ['/fonts/a.ttf'],
    };
    const changes = settingsChanges(before, after);
    expect(changes).toEqual([
      { key: 'docKindChars.registration', from: before.docKindChars.registration!, to: '记' },
      { key: 'idleLockMinutes', from: 10, to: 30 },
      { key: 'printFonts', from: [], to: ['/fonts/a.ttf'] },
    ]);
    expect(settingsChanges(before, { ...before })).toEqual([]);
    const refs = { name: () => null, kindLabels: { registration: '信访事项登记单' } };
    expect(auditDetailText('settings.update', JSON.stringify({ changes }), refs)).toBe(
      `文种代字·信访事项登记单：${before.docKindChars.registration} → 记；闲置自动锁定：10分钟 → 30分钟；打印字体：（空） → /fonts/a.ttf`,
    );
    expect(auditDetailText('settings.update', JSON.stringify({ changes: [] }), refs)).toBe('没有改动');
    // An entry written before the change list was kept: the keys sent, in words.
    expect(auditDetailText('settings.update', JSON.stringify({ keys: ['idleLockMinutes'] }), refs)).toBe(
      '提交的设置项：闲置自动锁定',
    );
    // The test clock's instant in Beijing time, never the stored UTC: 00:30 China time is the 23rd.
    expect(
      auditDetailText(
        'system.testClock',
        JSON.stringify({ instant: '2026-11-22T16:30:00.000Z', running: false }),
        refs,
      ),
    ).toBe('时间：2026-11-23 00:30（北京时间）；时钟停止');
  });

  describe('through the contract, on the demo data', () => {
    const tmp = tempDir();
    let core: Core;
    let admin: ReturnType<typeof must>;
    let opId = 0;
    // 00:30 China time on 23 November is 16:30 UTC on the 22nd: the entry belongs to the 23rd.
    const at = new Date('2026-11-22T16:30:00Z');

    beforeAll(async () => {
      core = testCore(tmp.dir, { now: () => at });
      admin = must(core, 'admin');
      await admin('setup.init', ADMIN);
      fillDemo(core.store, { id: 1, name: 'demo' }, new Date('2026-11-23T02:00:00Z'));
      await admin('settings.update', { idleLockMinutes: 240 });
      await admin('accounts.create', {
        username: 'op',
        displayName: '李接待',
        role: 'operator',
        password: 'another pass 1',
      });
      await loginAsNew(core, 'op', { username: 'op', password: 'another pass 1' });
      opId = value<number>(core.store.database, "SELECT id FROM accounts WHERE username = 'op'")!;
    });
    afterAll(() => {
      core.close();
      tmp.cleanup();
    });

    it('says every fact the code writes in words, or keeps it quiet on purpose', () => {
      const said = new Set(AUDIT_SAID_FACTS());
      const keys = new Set<string>();
      for (const { detail } of all<{ detail: string }>(core.store.database, 'SELECT detail FROM audit_log'))
        for (const k of Object.keys(JSON.parse(detail) as object)) keys.add(k);
      const unsaid = [...keys].filter((k) => !said.has(k) && !AUDIT_QUIET_FACTS.has(k) && k !== 'changes');
      expect(unsaid).toEqual([]);
    });

    it('records a settings change as the changed keys only, shown as 旧值 → 新值', async () => {
      const settings = await admin('settings.get', {});
      // The screen sends every setting back; two of them changed.
      const { officeName: _name, ...all30 } = settings;
      await admin('settings.update', { ...all30, backupKeep: 14, reportAddressee: '市人民政府信访局' });
      const [entry] = (await admin('audit.list', { action: 'settings.update', limit: 1 })).entries;
      expect(JSON.parse(entry!.detail)).toEqual({
        changes: [
          { key: 'backupKeep', from: 7, to: 14 },
          { key: 'reportAddressee', from: '市信访局', to: '市人民政府信访局' },
        ],
      });
      expect(entry!.actionLabel).toBe('修改设置');
      expect(entry!.text).toBe('每日备份保留最近：7天 → 14天；报告主送机关：市信访局 → 市人民政府信访局');
      expect(entry!.actorName).toBe('王管理(admin)');
    });

    it('names each record by its number, and filters by person, action, record and China day', async () => {
      const db = core.store.database;
      const leader = await saveLeader(admin, '吴晓喆');
      const visitId = await registerVisit(admin, '欧阳明', '安置房逾期交付', { leaderId: leader.id });
      const caseId = await createCase(admin, visitId, '安置房逾期交付', leader.id);
      const caseNo = value<string>(db, 'SELECT case_no FROM cases WHERE id = ?', caseId)!;
      const visitNo = value<string>(db, 'SELECT visit_no FROM visits WHERE id = ?', visitId)!;
      // The operator reads the petitioner's phone: an entry on the petitioner, found by the case number.
      const op = must(core, 'op');
      const petitionerId = value<number>(
        db,
        'SELECT petitioner_id FROM visit_petitioners WHERE visit_id = ?',
        visitId,
      )!;
      await op('petitioners.reveal', { petitionerId, field: 'phone', reason: { kind: 'contact', text: '回访' } });

      const byOp = await admin('audit.list', { actorId: opId, limit: 100 });
      expect(byOp.total).toBeGreaterThan(0);
      expect(byOp.entries.every((e) => e.actorName === '李接待(op)')).toBe(true);
      const reveal = byOp.entries.find((e) => e.action === 'petitioner.reveal')!;
      expect(reveal.actionLabel).toBe('查看完整个人信息');
      expect(reveal.text).toBe('查看：电话；理由：联系信访人：回访');
      expect(reveal.entityLabel).toBe('信访人');
      expect(reveal.record).toMatch(/^\p{Script=Han}\*+$/u);

      const onCase = await admin('audit.list', { record: caseNo, limit: 500 });
      expect(onCase.entries.map((e) => e.action)).toEqual(
        expect.arrayContaining(['petitioner.reveal', 'case.create', 'visit.register']),
      );
      const created = onCase.entries.find((e) => e.action === 'case.create')!;
      expect([created.actionLabel, created.entityLabel, created.record, created.text]).toEqual([
        '立案',
        '案件',
        caseNo,
        `来访：${visitNo}`,
      ]);
      expect(onCase.entries.some((e) => e.entity === 'case' && e.record === caseNo)).toBe(true);
      expect(onCase.entries.some((e) => e.entity === 'visit' && e.record === visitNo)).toBe(true);
      for (const e of onCase.entries) expect(e.record, e.action).not.toMatch(/^\d+$/);
      expect((await admin('audit.list', { record: visitNo, limit: 500 })).total).toBe(onCase.total);
      expect((await admin('audit.list', { record: '没有这个编号', limit: 10 })).total).toBe(0);

      const both = await admin('audit.list', { actorId: opId, action: 'petitioner.reveal', limit: 10 });
      expect(both.entries.map((e) => e.seq)).toEqual([reveal.seq]);

      // The 00:30 login of setup is on the 23rd in China, not on the 22nd (its UTC day).
      const setup = await admin('audit.list', { action: 'setup.init', from: '2026-11-23', to: '2026-11-23', limit: 5 });
      expect(setup.total).toBe(1);
      expect((await admin('audit.list', { action: 'setup.init', to: '2026-11-22', limit: 5 })).total).toBe(0);
    });

    it('refuses bad filters in Chinese at the field, and only the administrator reads or exports', async () => {
      const raw = caller(core, 'admin');
      const late = await raw('audit.list', { from: '2026-11-23', to: '2026-11-01', limit: 5 });
      expect(late.ok || late.error.fields).toEqual([{ path: 'to', message: '截止日期不能早于起始日期' }]);
      const unknown = await raw('audit.list', { action: 'drop.table' as never, limit: 5 });
      expect(unknown.ok || unknown.error.fields?.[0]).toEqual({ path: 'action', message: '没有这种操作' });
      for (const m of ['audit.list', 'audit.export'] as const) {
        const r = await caller(core, 'op')(m, { limit: 5, format: 'xlsx' } as never);
        expect(r.ok || r.error.code).toBe('FORBIDDEN');
      }
    });

    it('exports the filtered log to Excel in words, and the export is itself audited', async () => {
      const before = value<number>(core.store.database, 'SELECT count(*) FROM audit_log')!;
      const r = await admin('audit.export', { actorId: opId, format: 'xlsx' });
      const listed = await admin('audit.list', { actorId: opId, limit: 500 });
      expect(r.rows).toBe(listed.total);
      expect(r.fileName).toBe('审计日志-2026-11-23.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(r.base64, 'base64') as never);
      const ws = wb.getWorksheet('审计日志')!;
      expect(ws.getRow(2).getCell(1).text).toBe('操作人 李接待(op)　导出于 2026-11-23 00:30');
      expect(ws.getRow(3).values).toEqual([undefined, '序号', '时间', '操作人', '操作', '对象', '说明']);
      const rows = ws.getRows(4, r.rows)!.map((row) => row.getCell(4).text);
      expect(rows).toContain('查看完整个人信息');
      expect(rows).not.toContain('petitioner.reveal');
      const after = await admin('audit.list', { action: 'audit.export', limit: 1 });
      expect(after.total).toBe(1);
      expect(after.entries[0]!.text).toBe(`操作人：李接待(op)；格式：Excel；共${r.rows}行`);
      expect(value<number>(core.store.database, 'SELECT count(*) FROM audit_log')).toBe(before + 1);
    });
  });
});
