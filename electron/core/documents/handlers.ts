import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { parseQuarterRecord } from '../../../shared/documents/quarterly';
import type { DocumentService } from './service';
import { printTargets } from './targets';
import type { Store } from '../infra/store';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import { actorOf } from '../infra/access';
import { leaderReachesDocument, reachableLeader } from '../infra/scope';

export interface DocumentsDeps {
  documents: DocumentService;
  store: Store;
}

/** Printing and verification through the contract; the PDF travels as base64. */
export function documentsHandlers(deps: DocumentsDeps): AreaHandlers<'documents'> {
  return {
    'documents.print': (input, call) => print(deps, input, call),
    'documents.verify': (input, call) => verify(deps, input, call),
    'documents.glyphCheck': (input) => ({ missing: deps.documents.glyphCheck(input.text) }),
    'documents.targets': (input, call) =>
      printTargets(deps.store.database, input.kind, input.query, reachableLeader(deps.store, call.session)),
  };
}

/**
 * Verifies a paper's code. A leader verifying a document printed from a record beyond their reach
 * still learns whether the paper is genuine and current (kind, number, printing time, versions):
 * a paper handed across the desk is worth checking whoever holds it, and the verdict names no
 * petitioner. What they do not get is the record's id, the handle to open it, which the policy
 * would refuse anyway (infra/scope.ts).
 */
function verify({ documents, store }: DocumentsDeps, input: MethodParsedInput<'documents.verify'>, call: ServiceCall) {
  const verdict = documents.verify(input.code, actorOf(call.session));
  const leader = reachableLeader(store, call.session);
  if (leader === null || verdict.kind === null || verdict.recordId === null) return verdict;
  return leaderReachesDocument(store.database, leader, verdict.kind, verdict.recordId)
    ? verdict
    : { ...verdict, recordId: null };
}

async function print(
  { documents, store }: DocumentsDeps,
  input: MethodParsedInput<'documents.print'>,
  call: ServiceCall,
) {
  const session = call.session!;
  // The whole case folder is the archivist's (and the administrator's) to print.
  if (input.kind === 'folder' && session.role !== 'archivist' && session.role !== 'admin')
    throw new HallError('FORBIDDEN', '一案一卷由档案员打印。');
  // A leader accounts for their own cases only.
  const own = reachableLeader(store, session);
  if (input.kind === 'quarterly' && own !== null && parseQuarterRecord(input.recordId)?.leaderId !== own)
    throw new HallError('FORBIDDEN', '只能打印本人的包案季度报告。');
  // A full copy of a kind with ID numbers or phones is a reveal: the service checks the reason
  // again (after the contract), audits it and counts it toward the hourly limit.
  const printed = await documents.print(input.kind, input.recordId, actorOf(session), {
    copy: input.copy,
    reason: input.reason,
    draft: input.draft,
  });
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
