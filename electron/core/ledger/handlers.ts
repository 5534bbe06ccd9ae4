import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { ledger as ledgerLayout } from '../../../shared/documents/reports';
import { chinaDay } from '../../../shared/domain/calendar';
import { LEDGER_EXPORT_MAX } from '../../../shared/domain/ledger';
import { countLedger, ledgerAll, ledgerWhere, queryLedger } from './query';
import { describeFilter, ledgerFile, ledgerPdfData } from './export';
import type { PdfEngine } from '../infra/pdf/engine';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';
import { reachableLeader } from '../infra/scope';

/**
 * The ledger (台账) through the contract. A 接访领导 account sees only the cases its leader
 * (accounts.leader_id) owns, in the list and in every export.
 */
const FORMAT_NAME = { pdf: 'PDF', xlsx: 'Excel', csv: 'CSV' } as const;

export interface LedgerDeps {
  store: Store;
  now: () => Date;
  engine: () => PdfEngine;
}

export function ledgerHandlers(deps: LedgerDeps): AreaHandlers<'ledger'> {
  return {
    'ledger.query': (input, call) => queryPage(deps, input, call),
    'ledger.export': (input, call) => exportLedger(deps, input, call),
  };
}

// The same rule as 案件: a 接访领导 account sees its leader's cases, one not linked to a leader none (-1).
function onlyLeaderId({ store }: LedgerDeps, call: ServiceCall): number | undefined {
  return reachableLeader(store, call.session) ?? undefined;
}

function queryPage(deps: LedgerDeps, input: MethodParsedInput<'ledger.query'>, call: ServiceCall) {
  return queryLedger(deps.store.database, input, chinaDay(deps.now()), { onlyLeaderId: onlyLeaderId(deps, call) });
}

async function exportLedger(deps: LedgerDeps, input: MethodParsedInput<'ledger.export'>, call: ServiceCall) {
  const { store, now, engine } = deps;
  const db = store.database;
  const today = chinaDay(now());
  const only = onlyLeaderId(deps, call);
  const count = countLedger(db, ledgerWhere(db, input, today, only));
  const max = LEDGER_EXPORT_MAX[input.format];
  if (count > max)
    throw new HallError(
      'RULE_VIOLATION',
      `符合条件的案件有 ${count} 件，${FORMAT_NAME[input.format]} 一次最多导出 ${max} 件，请缩小筛选范围（例如受理日期）后再导出。`,
    );
  const rows = ledgerAll(db, input, today, { onlyLeaderId: only });
  const title = `信访事项台账（${today}）`;
  const filter = describeFilter(db, input);
  let buffer: Buffer;
  if (input.format !== 'pdf') buffer = await ledgerFile(rows, title, filter, input.format);
  else {
    // A working list, not a registered document: no verification code (the yearly ledger printed from 打印 has one).
    const office = store.settings().officeName;
    buffer = (
      await engine().render(ledgerLayout(ledgerPdfData(rows, title, filter), { office, docNo: '', code: '', qr: '' }))
    ).buffer;
  }
  // The filter is audited, never the rows: no name or text of a case goes into the trail.
  // A search word may be a name, so only whether there was one is kept.
  const { text, sort, ...rest } = input;
  store.audit(actorOf(call.session), {
    action: 'ledger.export',
    entity: 'ledger',
    detail: {
      ...rest,
      sort: `${sort.column} ${sort.order}`,
      searched: Boolean(text?.trim()),
      rows: rows.length,
      onlyLeaderId: only ?? null,
    },
  });
  return { fileName: `信访事项台账-${today}.${input.format}`, base64: buffer.toString('base64'), rows: rows.length };
}
