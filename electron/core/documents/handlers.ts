import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { parseQuarterRecord } from '../../../shared/documents/quarterly';
import type { DocumentService } from './service';
import { printTargets } from './targets';
import type { Store } from '../infra/store';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import { actorOf } from '../infra/access';
import { reachableLeader } from '../infra/scope';

export interface DocumentsDeps {
  documents: DocumentService;
  store: Store;
}

/** Printing and verification through the contract; the PDF travels as base64. */
export function documentsHandlers(deps: DocumentsDeps): AreaHandlers<'documents'> {
  return {
    'documents.print': (input, call) => print(deps, input, call),
    'documents.verify': (input, call) => deps.documents.verify(input.code, actorOf(call.session)),
    'documents.targets': (input) => printTargets(deps.store.database, input.kind, input.query),
  };
}

async function print({ documents, store }: DocumentsDeps, input: MethodParsedInput<'documents.print'>, call: ServiceCall) {
  const session = call.session!;
  // The whole case folder is the archivist's (and the administrator's) to print.
  if (input.kind === 'folder' && session.role !== 'archivist' && session.role !== 'admin') throw new HallError('FORBIDDEN', '一案一卷由档案员打印。');
  // A leader accounts for their own cases only.
  const own = reachableLeader(store, session);
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
}
