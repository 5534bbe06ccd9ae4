import type { MethodParsedInput } from '../../../shared/contract';
import { exportSheet, planImport } from './sheets';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import { exportCasesFile, importHistory, importTemplate } from './exchange';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';

const NAMES = {
  leaders: '接访领导',
  units: '责任单位',
  roster: '值班安排',
  localities: '属地',
  categories: '问题类别',
  rooms: '接待室',
} as const;

export interface TransferDeps {
  store: Store;
  now: () => Date;
}

/** Excel for master data (leaders, units, roster); the case exchange JSON and the import of older records. */
export function transferHandlers(deps: TransferDeps): AreaHandlers<'transfer'> {
  return {
    'transfer.export': (input, call) => exportFile(deps, input, call),
    'transfer.import': (input, call) => importFile(deps, input, call),
    'export.cases': (input, call) => exportCasesFile(deps, input, call),
    'import.template': () => importTemplate(),
    'import.history': (input, call) => importHistory(deps, input, call),
  };
}

/** Excel in and out for leaders, units and the roster; every export and import is audited. */
async function exportFile({ store }: TransferDeps, input: MethodParsedInput<'transfer.export'>, call: ServiceCall) {
  const range = input.from && input.to ? { from: input.from, to: input.to } : undefined;
  const buffer = await exportSheet(store.database, input.what, range);
  store.audit(actorOf(call.session), {
    action: 'transfer.export',
    entity: input.what,
    detail: { from: input.from ?? null, to: input.to ?? null },
  });
  return {
    fileName: `${NAMES[input.what]}${range ? `-${range.from}至${range.to}` : ''}.xlsx`,
    base64: buffer.toString('base64'),
  };
}

async function importFile({ store }: TransferDeps, input: MethodParsedInput<'transfer.import'>, call: ServiceCall) {
  const plan = await planImport(store.database, input.what, Buffer.from(input.base64, 'base64'));
  if (plan.errors.length > 0 || input.dryRun) return { rows: plan.rows, imported: 0, errors: plan.errors };
  store.write(actorOf(call.session), (_db, audit) => {
    plan.apply();
    audit({ action: 'transfer.import', entity: input.what, detail: { rows: plan.rows } });
  });
  return { rows: plan.rows, imported: plan.rows, errors: [] };
}
