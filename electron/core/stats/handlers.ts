import type { MethodParsedInput } from '../../../shared/contract';
import { chinaDay } from '../../../shared/domain/calendar';
import { periodReportData, statsContextOf } from '../documents/period-reports';
import { reportXlsx } from './report-xlsx';
import { computeStats } from './figures';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';

const REPORT_NAME = { daily: '信访工作日报', weekly: '信访工作周报', monthly: '信访工作月报' } as const;

export interface StatsDeps {
  store: Store;
  now: () => Date;
}

/** Figures (统计) and the reports' Excel copies through the contract: counts only, no petitioner's name. */
export function statsHandlers(deps: StatsDeps): AreaHandlers<'stats'> {
  return {
    'stats.figures': (input) => figures(deps, input),
    'stats.report': (input, call) => reportFile(deps, input, call),
  };
}

function figures({ store, now }: StatsDeps, input: MethodParsedInput<'stats.figures'>) {
  return computeStats(store.database, input, statsContextOf(store.settings(), chinaDay(now())));
}

async function reportFile({ store, now }: StatsDeps, input: MethodParsedInput<'stats.report'>, call: ServiceCall) {
  const session = call.session!;
  const data = periodReportData(store.database, input.report, input.date, chinaDay(now()), session.displayName);
  const buffer = await reportXlsx(data, store.settings().officeName, '');
  store.audit(actorOf(session), {
    action: 'stats.report',
    entity: 'report',
    detail: { report: input.report, from: data.from, to: data.to },
  });
  const period =
    input.report === 'monthly'
      ? data.from.slice(0, 7)
      : input.report === 'weekly'
        ? `${data.from}至${data.to}`
        : data.from;
  return { fileName: `${REPORT_NAME[input.report]}-${period}.xlsx`, base64: buffer.toString('base64') };
}
