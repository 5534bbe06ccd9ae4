import { HallError } from '../../../shared/contract';
import { parseQuarterRecord } from '../../../shared/documents/quarterly';
import type { DocumentService } from './service';
import { printTargets } from './targets';
import type { Store } from '../infra/store';
import type { AreaHandlers, Handler } from '../infra/router';
import { actorOf, ownCasesOnly } from '../infra/access';

/** Printing and verification through the contract; the PDF travels as base64. */
export function documentsHandlers({ documents, store }: { documents: DocumentService; store: Store }): AreaHandlers<'documents'> {
  const print: Handler<'documents.print'> = async (input, call) => {
    const session = call.session!;
    // The whole case folder is the archivist's (and the administrator's) to print.
    if (input.kind === 'folder' && session.role !== 'archivist' && session.role !== 'admin') throw new HallError('FORBIDDEN', '一案一卷由档案员打印。');
    // A leader accounts for their own cases only.
    const own = ownCasesOnly(store, session);
    if (input.kind === 'quarterly' && own !== null && parseQuarterRecord(input.recordId)?.leaderId !== own) throw new HallError('FORBIDDEN', '只能打印本人的包案季度报告。');
    const printed = await documents.print(input.kind, input.recordId, actorOf(session));
    return {
      documentId: printed.documentId,
      code: printed.code,
      docNo: printed.docNo,
      version: printed.version,
      pages: printed.pages,
      pdfBase64: printed.pdf.toString('base64'),
      missingGlyphs: printed.missingGlyphs,
    };
  };
  const verify: Handler<'documents.verify'> = (input, call) => documents.verify(input.code, actorOf(call.session));
  const targets: Handler<'documents.targets'> = (input) => printTargets(store.database, input.kind, input.query);
  return { 'documents.print': print, 'documents.verify': verify, 'documents.targets': targets };
}
