import fs from 'node:fs';
import path from 'node:path';
import { DOCUMENT_KINDS, isDocumentKind, KINDS } from '../../shared/documents/kinds';
import { sampleData, sampleStamp } from '../../shared/documents/samples';
import { discoverFonts } from '../core/pdf/fonts';
import { pdfEngine } from '../core/pdf/engine';
import { CliError, EXIT, type Command } from './commands';
import { CREDENTIAL_OPTIONS, parse } from './context';

export const printCommand: Command = {
  name: 'print',
  summary: `打印文书为 PDF（${DOCUMENT_KINDS.join('、')}）`,
  usage: 'print <种类> (--record 编号 | --sample) --out 文件.pdf',
  async run(args, io) {
    const [kind, ...rest] = args;
    if (!isDocumentKind(kind)) throw new CliError(EXIT.usage, `请指定文书种类：${DOCUMENT_KINDS.join('、')}`);
    const { values } = parse(rest, { ...CREDENTIAL_OPTIONS, record: { type: 'string' }, sample: { type: 'boolean' }, out: { type: 'string' } });
    if (!values.out) throw new CliError(EXIT.usage, '请用 --out 指定输出的 PDF 文件。');
    if (!values.sample && !values.record) throw new CliError(EXIT.usage, '请用 --record 指定记录，或用 --sample 打印样例。');
    const out = path.resolve(values.out);
    if (values.sample) {
      const engine = pdfEngine(() => discoverFonts(io.env));
      const result = await engine.render(KINDS[kind].layout(sampleData(kind) as never, sampleStamp(kind)));
      fs.writeFileSync(out, result.buffer);
      io.out(`已生成样例 ${KINDS[kind].label}：${out}（${result.pages} 页）\n`);
      if (result.missing.length) io.err(`注意：以下字符没有可用字体：${result.missing.join(' ')}\n`);
      return EXIT.ok;
    }
    throw new CliError(EXIT.usage, '按记录打印尚未接入。');
  },
};
