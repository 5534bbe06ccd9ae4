import path from 'node:path';
import { DOCUMENT_KINDS, isDocumentKind, KINDS } from '../../shared/documents/kinds';
import { carriesPersonalData, PRINT_COPIES, PRINT_COPY_LABELS, type PrintCopy } from '../../shared/documents/copies';
import { REVEAL_REASON_LABELS, REVEAL_REASONS, type RevealReason } from '../../shared/domain/reveal';
import { describeSampleFonts, renderSample, writeOwnerOnly } from '../core';
import { CliError, EXIT, type Command } from './commands';
import { CREDENTIAL_OPTIONS, loggedIn, parse, using } from './context';
import { VERIFY_STATUS_LABELS, VERIFY_STATUS_NOTES } from '../../shared/contract/documents';

const REASON_NAMES = REVEAL_REASONS.map((r) => REVEAL_REASON_LABELS[r]).join('、');

/** --reason as a label (联系信访人) or its code (contact); --reason-text is the words, required for 其他. */
function reasonOf(reason: string | undefined, text: string | undefined): RevealReason | undefined {
  if (reason === undefined) {
    if (text !== undefined) throw new CliError(EXIT.usage, '--reason-text 须与 --reason 一起使用。');
    return undefined;
  }
  const kind = REVEAL_REASONS.find((r) => r === reason || REVEAL_REASON_LABELS[r] === reason);
  if (!kind) throw new CliError(EXIT.usage, `--reason 应为以下之一：${REASON_NAMES}`);
  return { kind, text: text ?? '' };
}

export const printCommand: Command = {
  name: 'print',
  summary: `打印文书为 PDF（${DOCUMENT_KINDS.join('、')}）；默认脱敏件，完整件（--copy full）须 --reason 理由（${REASON_NAMES}），记入审计`,
  usage:
    'print <种类> (--record 编号 [--copy full --reason 理由 [--reason-text 说明]] [--draft] | --sample [--fonts]) --out 文件.pdf',
  async run(args, io) {
    const [kind, ...rest] = args;
    if (!isDocumentKind(kind)) throw new CliError(EXIT.usage, `请指定文书种类：${DOCUMENT_KINDS.join('、')}`);
    const { values } = parse(rest, {
      ...CREDENTIAL_OPTIONS,
      record: { type: 'string' },
      sample: { type: 'boolean' },
      out: { type: 'string' },
      copy: { type: 'string' },
      reason: { type: 'string' },
      'reason-text': { type: 'string' },
      draft: { type: 'boolean' },
      fonts: { type: 'boolean' },
    });
    if (!values.out) throw new CliError(EXIT.usage, '请用 --out 指定输出的 PDF 文件。');
    const out = path.resolve(values.out);
    if (values.sample) {
      const result = await renderSample(kind, io.env);
      writeOwnerOnly(out, result.buffer);
      io.out(`已生成样例 ${KINDS[kind].label}：${out}（${result.pages} 页）\n`);
      if (values.fonts) {
        io.out(
          `字体：\n${describeSampleFonts(io.env)
            .map((l) => `  ${l}\n`)
            .join('')}`,
        );
        io.out(`本文书用到的后备字体：${result.fallbacks.length ? result.fallbacks.join('、') : '无'}\n`);
      }
      if (result.missing.length) io.err(`注意：以下字符没有可用字体：${result.missing.join(' ')}\n`);
      return EXIT.ok;
    }
    const recordId = Number(values.record);
    if (!values.record || !Number.isInteger(recordId) || recordId <= 0)
      throw new CliError(EXIT.usage, `请用 --record 指定${KINDS[kind].record}的编号，或用 --sample 打印样例。`);
    const copy = (values.copy ?? 'masked') as PrintCopy;
    if (!PRINT_COPIES.includes(copy))
      throw new CliError(EXIT.usage, '--copy 应为 masked（脱敏件，默认）或 full（完整件，须 --reason）。');
    const reason = reasonOf(values.reason, values['reason-text']);
    return using(await loggedIn(io, values), async (session) => {
      // A full copy without a reason is refused at the field (reason), one over the hourly limit as a rule.
      // A character no print font has refuses an official copy with the characters named (exit 4); --draft prints a draft.
      const printed = await session.call('documents.print', {
        kind,
        recordId,
        copy,
        draft: values.draft === true,
        ...(reason ? { reason } : {}),
      });
      writeOwnerOnly(out, Buffer.from(printed.pdfBase64, 'base64'));
      io.out(
        `已生成 ${values.draft ? '草稿 ' : ''}${KINDS[kind].label}${printed.docNo ? ` ${printed.docNo}` : ''}${carriesPersonalData(kind) ? `（${PRINT_COPY_LABELS[copy]}）` : ''}：${out}（${printed.pages} 页，第 ${printed.version} 版，核验码 ${printed.code}）\n`,
      );
      if (printed.missingGlyphs.length)
        io.err(`注意：以下字符没有可用字体，草稿中显示为方框：${printed.missingGlyphs.join(' ')}\n`);
      return EXIT.ok;
    });
  },
};

export const verifyCommand: Command = {
  name: 'verify',
  summary: '核验纸质文书的核验码（或二维码内容）',
  usage: 'verify 核验码 --user 用户名 --password-file 文件',
  async run(args, io) {
    const { values, positionals } = parse(args, CREDENTIAL_OPTIONS, true);
    if (positionals.length !== 1)
      throw new CliError(EXIT.usage, '用法：hall verify 核验码 --user 用户名 --password-file 文件');
    return using(await loggedIn(io, values), async (session) => {
      const v = await session.call('documents.verify', { code: positionals[0]! });
      const what = v.label
        ? `${v.label}${v.docNo ? ` ${v.docNo}` : ''}（记录 ${v.recordId}，第 ${v.version} 版，打印于 ${v.printedAt}）`
        : v.code;
      io.out(`${what}：${VERIFY_STATUS_LABELS[v.status]}（${VERIFY_STATUS_NOTES[v.status]}）\n`);
      if (v.changes.length > 0) io.out(`改动：${v.changes.join('、')}\n`);
      // 0 only for a copy that matches: scripts can rely on it.
      return v.status === 'current' ? EXIT.ok : EXIT.data;
    });
  },
};
