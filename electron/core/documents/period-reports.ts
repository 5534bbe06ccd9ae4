import { HallError } from '../../../shared/contract';
import { cnDate, cnWeekday } from '../../../shared/documents/layout';
import {
  DAILY_FIGURES,
  MONTHLY_LEADER_HEAD,
  type KeyFigure,
  type PeriodReportData,
  type PeriodReportKind,
  type ReportTable,
} from '../../../shared/documents/period-report';
import { isIsoDate, isoWeekOf, type WorkCalendar } from '../../../shared/domain/calendar';
import { rolledSuffix } from '../../../shared/domain/deadlines';
import { OUTCOMES, SATISFACTIONS } from '../../../shared/domain/closure';
import { OUTCOME, SATISFACTION } from '../../../shared/domain/labels';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/domain/settings';
import {
  DAILY_REPORT_DUE_TIME,
  isZeroReport,
  monthlyDue,
  monthRange,
  percent,
  reportPeriod,
  weeklyDue,
  weekStart,
  type StatsFigures,
} from '../../../shared/domain/stats';
import type { Db } from '../infra/db/connection';
import { all } from '../infra/db/sql';
import { calendarOf } from '../calendar/handlers';
import { computeStats, type StatsContext } from '../stats/figures';

/**
 * The daily (zero), weekly and monthly reports' data, from the figures engine. Printing
 * (documents.print), the Excel copy (stats.report) and the CLI (hall report) all read this, so
 * the numbers on paper, in the sheet and in `hall stats` are the same.
 */

/** A setting as stored: its value is JSON text. */
interface SettingRow {
  key: string;
  value: string;
}

function settingsOf(db: Db): Settings {
  const raw: Record<string, unknown> = {};
  for (const r of all<SettingRow>(db, 'SELECT key, value FROM settings')) raw[r.key] = JSON.parse(r.value) as unknown;
  return settingsSchema.parse({ ...DEFAULT_SETTINGS, officeName: '——', ...raw });
}

export function statsContextOf(settings: Settings, today: string): StatsContext {
  return {
    today,
    groupSize: settings.maxRepresentatives,
    monthlyReceptions: settings.monthlyReceptions,
    quarterlyOutsideVisits: settings.quarterlyOutsideVisits,
    acceptDays: settings.acceptDecisionDays,
  };
}

/** The record number of a report: YYYYMM for a month, the Monday's YYYYMMDD for a week, the day's YYYYMMDD. */
export function reportRecord(report: PeriodReportKind, date: string): number {
  if (report === 'monthly') return Number(date.slice(0, 7).replace('-', ''));
  return Number((report === 'weekly' ? weekStart(date) : date).replace(/-/g, ''));
}

/** The day a record number stands for (the first of the month for a monthly report). */
export function recordDate(report: PeriodReportKind, record: number): string {
  const s = String(record);
  if (report === 'monthly') {
    const month = `${s.slice(0, 4)}-${s.slice(4, 6)}`;
    if (s.length !== 6 || !monthRange(month))
      throw new HallError('BAD_INPUT', '月报的编号应写成 YYYYMM，例如 202611。');
    return `${month}-01`;
  }
  const date = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  if (s.length !== 8 || !isIsoDate(date))
    throw new HallError('BAD_INPUT', `${report === 'weekly' ? '周报' : '日报'}的编号应写成 YYYYMMDD，例如 20261123。`);
  if (report === 'weekly' && weekStart(date) !== date)
    throw new HallError('BAD_INPUT', `周报的编号是该周星期一的日期：${weekStart(date).replace(/-/g, '')}。`);
  return date;
}

const md = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
const quarterStart = (date: string) =>
  `${date.slice(0, 4)}-${String(Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;

function keyFigures(t: StatsFigures['totals'], asOf: string, report: PeriodReportKind): KeyFigure[] {
  const s = t.supervised;
  const all: KeyFigure[] = [
    { label: '来访批次', value: t.visits },
    { label: '来访人次', value: t.people },
    { label: '集体访批次', value: t.groupVisits },
    {
      label: '重复访批次',
      value: t.repeatVisits,
      note: t.visits ? `占${percent(t.repeatVisits, t.visits)}` : undefined,
    },
    { label: '首次来访批次', value: t.firstVisits },
    { label: '受理信访事项', value: t.casesAccepted },
    {
      label: '转送、交办',
      value: t.decisions.transferred,
      note: `受理告知${t.decisions.accepted + t.decisions.refused + t.decisions.transferred + t.decisions.final}件：受理${t.decisions.accepted}、不予受理${t.decisions.refused}、不再受理${t.decisions.final}；逾期告知${t.decisions.late}件`,
    },
    { label: '办结信访事项', value: t.casesClosed },
    {
      label: '按期办结',
      value: t.closedOnTime,
      note: t.casesClosed ? `按期办结率${percent(t.closedOnTime, t.casesClosed)}` : undefined,
    },
    { label: '超期未办结', value: t.overdue, note: `截至${md(asOf)}` },
    { label: '延期办理', value: t.extended },
    { label: '督办', value: s.total, note: s.total ? `一般${s.ordinary}、黄牌${s.yellow}、红牌${s.red}` : undefined },
    { label: '回访', value: t.followUps },
    { label: '息诉罢访', value: t.stopped },
    {
      label: '满意及基本满意',
      value: t.satisfaction.satisfied + t.satisfaction.basically_satisfied,
      note: t.casesClosed
        ? `满意率${percent(t.satisfaction.satisfied + t.satisfaction.basically_satisfied, t.casesClosed)}`
        : undefined,
    },
  ];
  if (report === 'daily') return all.filter((f) => DAILY_FIGURES.includes(f.label));
  return all;
}

/** 报送时限：2026年10月8日（原10月4日为节假日，顺延）前, or 报送时限：2026年11月4日（次月4日）前. */
function dueLine(due: { raw: string; date: string; rolled: boolean }, rule: string, cal: WorkCalendar): string {
  return `报送时限：${cnDate(due.date)}${due.rolled ? rolledSuffix(due, cal) : `（${rule}）`}前`;
}

/** Builds the report of `report` kind for the period holding `date`. */
export function periodReportData(
  db: Db,
  report: PeriodReportKind,
  date: string,
  today: string,
  preparedBy: string,
): PeriodReportData {
  const settings = settingsOf(db);
  const cal = calendarOf(db);
  const { from, to } = reportPeriod(report, date);
  const ctx = statsContextOf(settings, today);
  const f = computeStats(db, { from, to }, ctx);
  const t = f.totals;
  const asOf = today < to ? today : to;
  const zero = isZeroReport(t);
  const y = Number(from.slice(0, 4));
  const m = Number(from.slice(5, 7));
  const unit = report === 'daily' ? '今日' : report === 'weekly' ? '本周' : '本月';

  const tables: ReportTable[] = [];
  const count = (rows: { name: string; visits: number; people: number; casesAccepted: number }[]) =>
    rows.map((r) => [r.name, r.visits, r.people, r.casesAccepted]);
  tables.push({
    title: '按问题类别',
    head: ['问题类别', '来访批次', '来访人次', '受理件数'],
    rows: count(f.byCategory),
    widths: ['*', 64, 64, 64],
    empty: `${unit}无来访，无新受理信访事项。`,
  });
  if (report !== 'daily')
    tables.push({
      title: '按问题属地',
      head: ['属地', '来访批次', '来访人次', '受理件数'],
      rows: count(f.byLocality),
      widths: ['*', 64, 64, 64],
      empty: '无。',
    });
  if (report !== 'daily')
    tables.push({
      title: '按接访形式',
      head: ['接访形式', '来访批次', '来访人次'],
      rows: f.byForm.map((r) => [r.label, r.visits, r.people]),
      widths: ['*', 80, 80],
      empty: '无。',
    });

  if (report === 'monthly') {
    // Outside visits are a quarterly duty: the quarter so far (to the month's end) against the quarter's requirement.
    const q = computeStats(db, { from: quarterStart(from), to }, ctx);
    const quarterOutside = new Map(q.byLeader.map((l) => [l.id, l.outsideVisits]));
    tables.push({
      title: '领导接访下访情况',
      head: MONTHLY_LEADER_HEAD,
      rows: f.byLeader.map((l) => [
        l.name,
        l.visits,
        l.people,
        l.receptions,
        l.receptionQuota,
        quarterOutside.get(l.id) ?? 0,
        settings.quarterlyOutsideVisits,
        l.casesAccepted,
        l.casesClosed,
        l.overdue,
      ]),
      widths: [52, '*', '*', '*', '*', '*', '*', '*', '*', '*'],
      empty: '无。',
      note: `要求：每位领导每月到大厅接访${settings.monthlyReceptions}天以上、每季度下访${settings.quarterlyOutsideVisits}次以上（设置）；本季度下访自${cnDate(quarterStart(from))}起计。`,
    });
  } else if (report === 'weekly') {
    tables.push({
      title: '领导接访下访情况',
      head: ['领导', '接待批次', '接待人次', '接访天数', '下访次数', '包案受理', '包案办结', '超期未办结'],
      rows: f.byLeader
        .filter((l) => l.visits || l.receptions || l.outsideVisits || l.casesAccepted || l.casesClosed || l.overdue)
        .map((l) => [
          l.name,
          l.visits,
          l.people,
          l.receptions,
          l.outsideVisits,
          l.casesAccepted,
          l.casesClosed,
          l.overdue,
        ]),
      widths: [60, '*', '*', '*', '*', '*', '*', '*'],
      empty: '本周无领导接访下访记录。',
    });
  } else {
    tables.push({
      title: '领导接访情况',
      head: ['接访领导', '接待批次', '接待人次'],
      rows: f.byLeader.filter((l) => l.visits).map((l) => [l.name, l.visits, l.people]),
      widths: ['*', 80, 80],
      empty: '今日无领导接待来访。',
    });
  }

  if (report !== 'daily') {
    const closed = t.casesClosed;
    const share = (v: number) => percent(v, closed);
    tables.push({
      title: '办结信访事项的办理结果和满意度',
      head: ['项目', '件数', '占办结件数'],
      rows: closed
        ? [
            ...OUTCOMES.map((k) => [`办理结果：${OUTCOME[k]}`, t.outcomes[k], share(t.outcomes[k])]),
            ...SATISFACTIONS.map((k) => [
              `信访人评价：${SATISFACTION[k]}`,
              t.satisfaction[k],
              share(t.satisfaction[k]),
            ]),
            ['息诉罢访', t.stopped, share(t.stopped)],
          ]
        : [],
      widths: ['*', 80, 90],
      empty: `${unit}无办结的信访事项。`,
    });
    tables.push({
      title: '责任单位办理情况',
      head: ['责任单位', '交办件数', '办结件数', '按期办结', '超期未办结', '被督办次数'],
      rows: f.byUnit.map((u) => [u.name, u.casesAssigned, u.casesClosed, u.closedOnTime, u.overdue, u.supervised]),
      widths: ['*', 50, 50, 50, 54, 54],
      empty: `${unit}无交办、办结或督办。`,
    });
  }
  if (report === 'monthly')
    tables.push({
      title: '逐周情况',
      head: ['周（自星期一）', '来访批次', '来访人次', '受理件数', '办结件数'],
      rows: f.byWeek.map((w) => [
        `${md(w.weekStart < from ? from : w.weekStart)}起`,
        w.visits,
        w.people,
        w.casesAccepted,
        w.casesClosed,
      ]),
      widths: ['*', 64, 64, 64, 64],
      empty: '无。',
    });

  const top = f.byCategory.slice(0, 3).map((c) => `${c.name}（${c.visits}批）`);
  const notes = zero
    ? `${unit}无群众来访，无新受理、办结和督办的信访事项；截至${md(asOf)}无超期未办结的信访事项。`
    : t.visits === 0
      ? `${unit}无群众来访，受理信访事项${t.casesAccepted}件，办结${t.casesClosed}件；截至${md(asOf)}超期未办结${t.overdue}件；发出督办单${t.supervised.total}份` +
        `${t.supervised.red ? `（红牌${t.supervised.red}份）` : ''}。`
      : `${unit}共接待群众来访${t.visits}批${t.people}人次，其中集体访${t.groupVisits}批、重复访${t.repeatVisits}批；受理信访事项${t.casesAccepted}件，办结${t.casesClosed}件` +
        `${t.casesClosed ? `，按期办结率${percent(t.closedOnTime, t.casesClosed)}` : ''}；截至${md(asOf)}超期未办结${t.overdue}件；发出督办单${t.supervised.total}份` +
        `${t.supervised.red ? `（红牌${t.supervised.red}份）` : ''}。${top.length ? `来访较多的问题类别为${top.join('、')}。` : ''}`;

  const titleText =
    report === 'daily'
      ? `${cnDate(from)}信访工作日报`
      : report === 'weekly'
        ? `${isoWeekOf(from).year}年第${isoWeekOf(from).week}周信访工作周报`
        : `${y}年${m}月信访工作情况报告`;
  // A week or month still running is counted to today: the period says so, as the 超期 figure does.
  const period =
    report === 'daily'
      ? `统计日期：${cnDate(from)}（${cnWeekday(from)}）`
      : `统计时段：${cnDate(from)}至${md(to)}${asOf < to ? `（截至${md(asOf)}）` : ''}`;
  const due =
    report === 'daily'
      ? `报送时限：当日${DAILY_REPORT_DUE_TIME}前`
      : report === 'weekly'
        ? dueLine(weeklyDue(from, cal), '本周五', cal)
        : dueLine(
            monthlyDue(from.slice(0, 7), settings.monthlyReportDueDay, cal),
            `次月${settings.monthlyReportDueDay}日`,
            cal,
          );
  return {
    title: titleText,
    from,
    to,
    period,
    due,
    zero,
    figures: keyFigures(t, asOf, report),
    tables,
    notes,
    preparedBy,
    preparedOn: today,
    addressee: settings.reportAddressee,
    report,
  };
}
