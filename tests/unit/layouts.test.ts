import { matterHeading } from '../../shared/domain/text';
import { DOC_KIND_CHARS } from '../../shared/domain/numbers';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_KINDS, KINDS, layoutOf } from '../../shared/documents/kinds';
import { mm, PORTRAIT_MARGINS, signature } from '../../shared/documents/layout';
import { sampleData, sampleStamp } from '../../shared/documents/samples';
import type { Block, Content, DocDefinition } from '../../shared/documents/types';

/** Every text in a definition, flattened, so a test can ask what a page would say. */
function texts(node: Content | null | undefined): string[] {
  if (node === null || node === undefined) return [];
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(texts);
  const out: string[] = [];
  const t = node.text;
  if (typeof t === 'string') out.push(t);
  else if (Array.isArray(t))
    for (const r of t) out.push(typeof r === 'string' ? r : typeof r.text === 'string' ? r.text : '');
  for (const child of [node.stack, node.columns]) if (child) out.push(...texts(child));
  if (node.table) for (const row of node.table.body) for (const cell of row) out.push(...texts(cell));
  return out;
}

function find(node: Content, test: (b: Block) => boolean): Block[] {
  if (typeof node === 'string') return [];
  if (Array.isArray(node)) return node.flatMap((n) => find(n, test));
  const here = test(node) ? [node] : [];
  // Runs of a text are walked too: a page reference may sit inside a sentence.
  const runs = Array.isArray(node.text) ? node.text.filter((t) => typeof t !== 'string') : [];
  const kids = [...(node.stack ?? []), ...(node.columns ?? []), ...(node.table?.body.flat() ?? []), ...runs];
  return [...here, ...kids.flatMap((k) => find(k, test))];
}

const def = (kind: (typeof DOCUMENT_KINDS)[number]): DocDefinition =>
  layoutOf(kind, sampleData(kind), sampleStamp(kind));

describe('document layouts (pure, no fonts)', () => {
  it.each(
    DOCUMENT_KINDS.filter(
      (k) => k !== 'ticket' && k !== 'ledger' && k !== 'quarterly' && k !== 'notice' && k !== 'notice-month',
    ),
  )('%s is portrait A4 with the GB/T 9704-like margins', (kind) => {
    const d = def(kind);
    expect(d.pageSize).toBe('A4');
    expect(d.pageOrientation).toBe('portrait');
    expect(d.pageMargins[1]).toBeCloseTo(mm(37));
    expect(d.pageMargins[0]).toBeCloseTo(mm(28));
    expect(d.pageMargins).toEqual(PORTRAIT_MARGINS);
  });

  it.each(DOCUMENT_KINDS)('%s numbers its pages and carries the verification code and QR', (kind) => {
    const d = def(kind);
    const stamp = sampleStamp(kind);
    const foot = texts(d.footer?.(2, 5) ?? null).join(' ');
    if (kind !== 'ticket') expect(foot).toContain('第 2 页 共 5 页');
    const everything = [...(d.header ? [d.header(1, 5)] : []), ...d.content];
    expect(find(everything as Content, (b) => b.qr === stamp.qr)).not.toHaveLength(0);
    expect([...texts(everything as Content), foot].join(' ')).toContain(stamp.code);
  });

  it('puts the document number of a numbered kind on the page', () => {
    for (const kind of DOCUMENT_KINDS.filter((k) => KINDS[k].numbered))
      expect(texts(def(kind).content).join(' '), kind).toContain(`清信访${DOC_KIND_CHARS[kind]}〔2026〕17号`);
  });

  it('prints every petitioner with full ID on the registration slip, and the 𠮷 name', () => {
    const all = texts(def('registration').content).join(' ');
    expect(all).toContain('𠮷春燕');
    expect(all).toContain('330424198703150027');
    expect(all).toContain('刘䶮');
  });

  it('masks the name on the queue ticket and sizes it to an 80 mm roll', () => {
    const d = def('ticket');
    expect(d.pageSize).toEqual({ width: mm(80), height: 'auto' });
    const all = texts(d.content).join(' ');
    expect(all).toContain('𠮷**');
    expect(all).not.toContain('𠮷春燕');
  });

  it('lays the ledger out landscape with its header row repeated', () => {
    const d = def('ledger');
    expect(d.pageOrientation).toBe('landscape');
    const tables = find(d.content, (b) => b.table !== undefined);
    expect(tables[0]!.table!.headerRows).toBe(1);
    expect(tables[0]!.table!.body.length).toBe(sampleData('ledger').rows.length + 1);
  });

  it('lays the quarterly report out landscape, the overdue deadline in red with its days, the closing line counting them', () => {
    const d = def('quarterly');
    expect(d.pageOrientation).toBe('landscape');
    const all = texts(d.content).join(' ');
    expect(all).toContain('2026-12-07\n超期24日');
    expect(all).toContain('本人包案未办结信访事项2件，其中超过办理期限1件');
    const overdue = find(d.content, (b) => b.text === '2026-12-07\n超期24日');
    expect(overdue[0]).toMatchObject({ color: '#b00000' });
  });

  it('makes the folder PDF/A-2b with a contents row pointing at each part', () => {
    const d = def('folder');
    expect(d).toMatchObject({ version: '1.7', subset: 'PDF/A-2b' });
    const parts = sampleData('folder').parts;
    const refs = find(d.content, (b) => b.pageReference !== undefined).map((b) => b.pageReference);
    // The contents name each part's first and last page; the 备考表 the first part's start and the last one's end.
    const ids = parts.map((p) => p.id);
    expect(refs).toEqual([...ids.flatMap((id) => [id, `${id}-end`]), ids[0], `${ids.at(-1)}-end`]);
    const anchors = find(d.content, (b) => b.id !== undefined && b.pageBreak === 'before').map((b) => b.id);
    expect(anchors).toEqual([...ids, 'backnote']);
    // Each end mark is placed absolutely: it takes no room, so it never adds a page.
    const ends = find(d.content, (b) => typeof b.id === 'string' && b.id.endsWith('-end'));
    expect(ends.map((b) => b.id)).toEqual(ids.map((id) => `${id}-end`));
    for (const b of ends) expect(b.absolutePosition).toBeDefined();
  });

  it('lets every interview turn flow at line boundaries (whole turns left pages a third blank)', () => {
    const data = {
      ...sampleData('interview'),
      turns: [
        { speaker: '甲', text: '短' },
        { speaker: '乙', text: '长'.repeat(2000) },
      ],
    };
    const turns = find(
      layoutOf('interview', data, sampleStamp('interview')).content,
      (b) => Array.isArray(b.text) && b.margin !== undefined && b.lineHeight === 1.4,
    );
    expect(turns).toHaveLength(2);
    expect(turns.map((t) => t.unbreakable)).toEqual([undefined, undefined]);
  });

  it('draws a captured signature, or a blank rule for a wet one', () => {
    const withImage = signature('信访人签名', 'data:image/png;base64,iVBORw0KGgo=');
    const blank = signature('信访人签名', null);
    expect(find(withImage, (b) => b.image !== undefined)).toHaveLength(1);
    expect(find(blank, (b) => b.canvas !== undefined)).toHaveLength(1);
    expect(texts(blank).join('')).toContain('年');
  });
});

describe('typed text inside template sentences (issue 14: template text)', () => {
  const paragraphs = (d: DocDefinition) => texts(d.content).join('\n');

  it('drops the stop a typed extension reason ends with, so no "。，" reaches the notice', () => {
    const data = { ...sampleData('extension'), reason: '需要多部门联合调查。' };
    const text = paragraphs(layoutOf('extension', data, sampleStamp('extension')));
    expect(text).toContain('因需要多部门联合调查，经');
    expect(text).not.toMatch(/[。，；！？][，。]/u);
  });

  it('gives an appointment its purpose as a sentence of its own, whatever was typed', () => {
    const data = { ...sampleData('appointment'), purpose: '当面听取征地补偿款问题的意见。' };
    const text = paragraphs(layoutOf('appointment', data, sampleStamp('appointment')));
    expect(text).toContain('约见事由：当面听取征地补偿款问题的意见。请您按时到达');
    expect(text).not.toContain('您反映的“');
  });
});

describe('a case named on paper', () => {
  it('says 反映 once, whatever the operator typed as the title', () => {
    expect(matterHeading('𠮷春燕', '房屋征收补偿问题')).toBe('𠮷春燕反映房屋征收补偿问题');
    expect(matterHeading('𠮷春燕', '反映房屋征收补偿问题')).toBe('𠮷春燕反映房屋征收补偿问题');
    expect(matterHeading('𠮷春燕', '村民反映征地补偿问题')).toBe('村民反映征地补偿问题');
    expect(matterHeading('', '征地补偿问题')).toBe('征地补偿问题');
  });
});
