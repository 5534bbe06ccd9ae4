import { isIsoDate } from '../../shared/domain/calendar';
import { ASSIGNMENT_DEADLINE_LABEL, CASE_DEADLINE_LABEL, daysLeftLabel } from '../../shared/domain/deadlines';
import { CASE_STATUSES, CASE_STATUS_LABELS, type CaseStatus } from '../../shared/domain/case-status';
import { labelOr } from '../../shared/domain/labels';
import { SUPERVISION_LEVEL_LABELS, SUPERVISION_REASON_LABELS } from '../../shared/domain/supervision';
import { CliError, EXIT, type Command } from './commands';
import { CREDENTIAL_OPTIONS, loggedIn, parse, printJson, using } from './context';

const USAGE = '用法：hall supervise list [--on YYYY-MM-DD] [--json]';

/** `hall supervise list`: the morning supervision list as it is (or would be) on a day. */
export const superviseCommand: Command = {
  name: 'supervise',
  summary: '督办提醒：已超期、超过交办期限、即将到期、交办后未签收的案件（--json 输出 JSON）',
  usage: 'supervise list [--on YYYY-MM-DD] [--json]',
  async run(args, io) {
    const [sub, ...rest] = args;
    const { values } = parse(rest, { ...CREDENTIAL_OPTIONS, on: { type: 'string' }, json: { type: 'boolean' } });
    if (sub !== 'list' || (values.on !== undefined && !isIsoDate(values.on))) throw new CliError(EXIT.usage, USAGE);
    const on = values.on;
    return using(await loggedIn(io, values), async (session) => {
      const list = await session.call('supervise.list', on ? { on } : {});
      if (values.json) printJson(io, list);
      else {
        const overdue = list.items.filter((i) => i.reasons.includes('overdue')).length;
        io.out(`${list.on} 督办提醒：${list.items.length} 件，其中已超期 ${overdue} 件\n`);
        for (const i of list.items) {
          const unit = i.assignmentDeadlineOn ? `  ${ASSIGNMENT_DEADLINE_LABEL}${i.assignmentDeadlineOn}` : '';
          io.out(
            `${i.caseNo}  ${CASE_DEADLINE_LABEL}${i.deadlineOn}（${daysLeftLabel(i.daysLeft)}）${unit}  ${i.reasons.map((r) => SUPERVISION_REASON_LABELS[r]).join('、')}  ${i.canSupervise ? `建议${SUPERVISION_LEVEL_LABELS[i.level]}` : labelOr(CASE_STATUS_LABELS, i.status)}  ${i.leadUnit ?? '未交办单位'}  ${i.title}\n`,
          );
        }
      }
      return EXIT.ok;
    });
  },
};

const CASE_USAGE = `用法：hall case list [--status ${CASE_STATUSES.join('|')}] [--leader 领导ID] [--json] | hall case show 案件ID [--json]`;

/** `hall case list|show`: cases for scripts (every page, names masked) and one case in full. */
export const caseCommand: Command = {
  name: 'case',
  summary: '案件列表（list）与单个案件的全部情况（show），--json 输出 JSON',
  usage: 'case list [--status 状态] [--leader 领导ID] [--json] | case show 案件ID [--json]',
  async run(args, io) {
    const [sub, ...rest] = args;
    const { values, positionals } = parse(
      rest,
      { ...CREDENTIAL_OPTIONS, status: { type: 'string' }, leader: { type: 'string' }, json: { type: 'boolean' } },
      true,
    );
    if (sub === 'list') {
      const status = values.status as CaseStatus | undefined;
      const leaderId = values.leader === undefined ? undefined : Number(values.leader);
      if (
        (status !== undefined && !CASE_STATUSES.includes(status)) ||
        (leaderId !== undefined && !(Number.isInteger(leaderId) && leaderId > 0)) ||
        positionals.length
      )
        throw new CliError(EXIT.usage, CASE_USAGE);
      return using(await loggedIn(io, values), async (session) => {
        const rows = [];
        for (let offset = 0, total = 1; offset < total;) {
          const page = await session.call('cases.list', { status, leaderId, limit: 500, offset });
          rows.push(...page.rows);
          total = page.total;
          offset += 500;
        }
        if (values.json) printJson(io, rows);
        else
          for (const r of rows)
            io.out(
              `${r.caseNo}  ${r.acceptedOn}  ${labelOr(CASE_STATUS_LABELS, r.status)}  期限${r.deadlineOn}  ${r.petitioner}  ${r.title}\n`,
            );
        return EXIT.ok;
      });
    }
    const caseId = Number(positionals[0]);
    if (sub !== 'show' || positionals.length !== 1 || !Number.isInteger(caseId) || caseId < 1)
      throw new CliError(EXIT.usage, CASE_USAGE);
    return using(await loggedIn(io, values), async (session) => {
      const c = await session.call('cases.get', { caseId });
      if (values.json) printJson(io, c);
      else {
        io.out(
          `${c.caseNo} ${c.title}（${labelOr(CASE_STATUS_LABELS, c.status)}）\n信访人：${c.petitioner}  受理：${c.acceptedOn}  期限：${c.deadlineOn}（${c.deadlineLabel}）\n`,
        );
        if (c.requestWindow)
          io.out(
            `${c.requestWindow.kind === 'review' ? '申请复查' : '申请复核'}：${c.requestWindow.label}${c.requestWindow.daysLeft < 0 ? '，已届满' : `，${daysLeftLabel(c.requestWindow.daysLeft)}`}\n`,
          );
        io.out(
          `来访${c.visits.length}次，交办${c.assignments.length}次，督办${c.supervisions.length}次，延期${c.extensions.length}次，办结${c.closures.length}次，已出文书${c.documents.length}份\n`,
        );
      }
      return EXIT.ok;
    });
  },
};
