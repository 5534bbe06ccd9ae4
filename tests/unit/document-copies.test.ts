import { describe, expect, it } from 'vitest';
import { changedFields, FIELD_LABELS } from '../../electron/core/documents/snapshot';
import { DOCUMENT_KINDS, KINDS } from '../../shared/documents/kinds';
import { sampleData } from '../../shared/documents/samples';
import { DOC_KIND_CHARS } from '../../shared/domain/numbers';

/** Every key of a value, at any depth. */
function keys(data: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(data)) for (const v of data) keys(v, into);
  else if (data && typeof data === 'object')
    for (const [k, v] of Object.entries(data)) {
      into.add(k);
      keys(v, into);
    }
  return into;
}

describe('what a printed copy is checked against', () => {
  it('gives every numbered kind a default character, and no other kind one', () => {
    const numbered = DOCUMENT_KINDS.filter((k) => KINDS[k].numbered);
    expect(numbered.filter((k) => !(k in DOC_KIND_CHARS))).toEqual([]);
    expect(Object.keys(DOC_KIND_CHARS).filter((k) => !numbered.includes(k as never))).toEqual([]);
  });

  it('names every field of every kind in Chinese, so 记录已更新 can say what changed', () => {
    for (const kind of DOCUMENT_KINDS) {
      if (kind === 'folder') continue; // its parts are the other kinds; its cover is checked below
      const unnamed = [...keys(sampleData(kind))].filter((k) => !(k in FIELD_LABELS) && !/^\d+$/.test(k));
      expect(unnamed, kind).toEqual([]);
    }
    const { parts: _parts, ...cover } = sampleData('folder');
    expect(Object.keys(cover).filter((k) => !(k in FIELD_LABELS))).toEqual([]);
  });

  it('names a changed field, a nested one with its part, a figure and a table by their own names', () => {
    const reg = sampleData('registration');
    expect(changedFields('registration', reg, { ...reg, demand: '新的诉求' })).toEqual(['诉求']);
    expect(changedFields('registration', reg, { ...reg, leader: { name: reg.leader!.name, post: '县长' } })).toEqual([
      '接访领导（职务）',
    ]);
    const report = sampleData('monthly-report');
    const figures = report.figures.map((f, i) => (i === 1 ? { ...f, value: f.value + 1 } : f));
    const tables = report.tables.map((t, i) => (i === 0 ? { ...t, rows: [...t.rows, ['新', 1]] } : t));
    expect(changedFields('monthly-report', report, { ...report, figures, tables })).toEqual([
      `统计数字：${report.figures[1]!.label}`,
      `统计表：${report.tables[0]!.title}`,
    ]);
    // A print-time field is not a change: the report's 填报日期.
    expect(changedFields('monthly-report', report, { ...report, preparedOn: '2030-01-01' })).toEqual([]);
  });
});
