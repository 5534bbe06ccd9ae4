import type { MethodOutput, MethodParsedInput } from '../../../shared/contract';
import { chinaDay } from '../../../shared/domain/calendar';
import { CASE_STATUS_LABELS } from '../../../shared/domain/case-status';
import { labelOr } from '../../../shared/domain/labels';
import { ASSIGNMENT_DEADLINE_LABEL, CASE_DEADLINE_LABEL, daysLeftLabel } from '../../../shared/domain/deadlines';
import { SUPERVISION_LEVEL_LABELS, SUPERVISION_REASON_LABELS } from '../../../shared/domain/supervision';
import { officeCalendar } from '../calendar/handlers';
import { actorOf } from '../infra/access';
import { reachableLeader } from '../infra/scope';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { Store } from '../infra/store';
import { tableFile, type TableFile } from '../infra/table-file';
import { supervisionList } from './list';

export interface SuperviseDeps {
  store: Store;
  now: () => Date;
}

/** 督办: the morning list of what is overdue, due soon or not signed for, and its export. */
export function superviseHandlers(deps: SuperviseDeps): AreaHandlers<'supervise'> {
  return {
    'supervise.list': (input, call) => listSupervision(deps, input, call),
    'supervise.export': (input, call) => exportSupervision(deps, input, call),
  };
}

// `on` lets a script ask for the list as it would be on another day (hall supervise list --on).
// A leader's list holds the cases they own (infra/scope.ts), on screen and in the export.
function listSupervision({ store, now }: SuperviseDeps, input: MethodParsedInput<'supervise.list'>, call: ServiceCall) {
  const on = input.on ?? chinaDay(now());
  return {
    on,
    items: supervisionList(
      store.database,
      on,
      officeCalendar(store),
      store.settings(),
      reachableLeader(store, call.session),
    ),
  };
}

async function exportSupervision(
  { store, now }: SuperviseDeps,
  input: MethodParsedInput<'supervise.export'>,
  call: ServiceCall,
) {
  const on = input.on ?? chinaDay(now());
  const items = supervisionList(
    store.database,
    on,
    officeCalendar(store),
    store.settings(),
    reachableLeader(store, call.session),
  );
  const buffer = await tableFile(supervisionTable(on, items), input.format);
  store.audit(actorOf(call.session), {
    action: 'supervise.export',
    entity: 'supervision',
    detail: { on, format: input.format, rows: items.length },
  });
  return { fileName: `督办提醒-${on}.${input.format}`, base64: buffer.toString('base64'), rows: items.length };
}

type SupervisionItem = MethodOutput<'supervise.list'>['items'][number];

/** The morning supervision list as a table: the columns of the 督办 screen, in words. */
export function supervisionTable(on: string, items: SupervisionItem[]): TableFile {
  return {
    sheet: '督办提醒',
    title: `督办提醒（${on}）`,
    subtitle: `已超期 ${items.filter((i) => i.reasons.includes('overdue')).length} 件；列出已超期、超过交办期限、即将到期和交办后未签收的事项，共 ${items.length} 件`,
    headers: [
      '序号',
      '案件编号',
      '事项',
      '状态',
      '责任单位',
      '包案领导',
      CASE_DEADLINE_LABEL,
      '剩余天数',
      ASSIGNMENT_DEADLINE_LABEL,
      '原因',
      '建议等级',
      '已督办次数',
      '最近督办',
      '交办日期',
      '签收日期',
      '建议答复期限',
    ],
    rows: items.map((i, n) => [
      n + 1,
      i.caseNo,
      i.title,
      labelOr(CASE_STATUS_LABELS, i.status),
      i.leadUnit ?? '',
      i.leader ?? '',
      i.deadlineOn,
      daysLeftLabel(i.daysLeft),
      i.assignmentDeadlineOn ?? '',
      i.reasons.map((r) => SUPERVISION_REASON_LABELS[r]).join('、'),
      SUPERVISION_LEVEL_LABELS[i.level],
      i.supervisedCount,
      i.lastSupervisedOn ?? '',
      i.assignedOn ?? '',
      i.receivedOn ?? '',
      i.answerBy,
    ]),
    widths: [6, 14, 30, 10, 20, 10, 12, 12, 12, 20, 10, 10, 12, 12, 12, 12],
  };
}
