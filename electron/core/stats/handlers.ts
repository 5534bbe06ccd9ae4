import { chinaDay } from '../../../shared/domain/calendar';
import { periodReportData, statsContextOf } from '../documents/period-reports';
import { reportXlsx } from './report-xlsx';
import { computeStats } from './figures';
import type { AreaHandlers, Handler } from '../infra/router';
import type { Store } from '../infra/store';
import { actorOf } from '../infra/access';

const REPORT_NAME = { daily: '信访工作日报', weekly: '信访工作周报', monthly: '信访工作月报' } as const;

/** Figures (统计) and the reports' Excel copies through the contract: counts only, no petitioner's name. */
export function statsHandlers({ store, now }: { store: Store; now: () => Date }): AreaHandlers<'stats'> {
  const figures: Handler<'stats.figures'> = (input) => computeStats(store.database, input, statsContextOf(store.settings(), chinaDay(now())));

  const report: Handler<'stats.report'> = async (input, call) => {
    const session = call.session!;
    const data = periodReportData(store.database, input.report, input.date, chinaDay(now()), session.displayName);
    const buffer = await reportXlsx(data, store.settings().officeName, '');
    store.audit(actorOf(session), { action: 'stats.report', entity: 'report', detail: { report: input.report, from: data.from, to: data.to } });
    const period = input.report === 'monthly' ? data.from.slice(0, 7) : input.report === 'weekly' ? `${data.from}至${data.to}` : data.from;
    return { fileName: `${REPORT_NAME[input.report]}-${period}.xlsx`, base64: buffer.toString('base64') };
  };

  return { 'stats.figures': figures, 'stats.report': report };
}
