import { Alert, App, Button, Card, Col, DatePicker, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { OUTCOME, SATISFACTION } from '../../../shared/domain/labels';
import { REPORT_KINDS, reportRecord, type ReportKind } from '../../../shared/domain/stats';
import { hall } from '../api/bridge';
import { downloadBase64, downloadDocument, XLSX } from '../api/files';
import { useCall } from '../api/useCall';
import { Chart, type ChartOption } from '../components/Chart';
import type { CaseFilter } from './Cases';

type Figures = MethodOutput<'stats.figures'>;
type Range = [Dayjs, Dayjs];

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const pct = (a: number, b: number) => (b === 0 ? '—' : `${((a / b) * 100).toFixed(1)}%`);
/** The usual periods, counted from today each time (the app stays open across days). */
function presets(): { label: string; value: Range }[] {
  const today = dayjs();
  return [
    { label: '本周', value: [today.subtract((today.day() + 6) % 7, 'day'), today] },
    { label: '本月', value: [today.startOf('month'), today] },
    { label: '上月', value: [today.subtract(1, 'month').startOf('month'), today.subtract(1, 'month').endOf('month')] },
    { label: '本季度', value: [today.month(Math.floor(today.month() / 3) * 3).startOf('month'), today] },
    { label: '本年', value: [today.startOf('year'), today] },
  ];
}

/**
 * 统计: the figures the office reports upward for any period, as cards, charts and tables; a
 * number in a table opens the cases behind it in 案件台账. The page prints as it is shown.
 */
export function Stats({ onShowCases }: { onShowCases: (filter: CaseFilter) => void }) {
  const [range, setRange] = useState<Range>(() => presets()[1]!.value);
  const from = day(range[0]);
  const to = day(range[1]);
  const stats = useCall('stats.figures', { from, to });
  const f = stats.data;
  /** A count that opens the cases it counts; the ledger filters by acceptance date. */
  const drill = (n: number, filter: CaseFilter): ReactNode =>
    n === 0 ? (
      0
    ) : (
      <Typography.Link onClick={() => onShowCases(filter)} title="查看这些案件">
        {n}
      </Typography.Link>
    );
  const accepted = { from, to };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} className="print-area">
      <Card size="small">
        <Space wrap>
          <Typography.Text strong>统计期间</Typography.Text>
          <DatePicker.RangePicker
            aria-label="统计期间"
            allowClear={false}
            value={range}
            presets={presets()}
            onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])}
          />
          <Button className="no-print" onClick={() => window.print()} disabled={!f}>
            打印
          </Button>
        </Space>
      </Card>
      <ReportCard />
      {stats.error && <Alert type="error" showIcon message={stats.error.message} />}
      {f && <Dashboard f={f} drill={drill} accepted={accepted} />}
    </Space>
  );
}

function Dashboard({
  f,
  drill,
  accepted,
}: {
  f: Figures;
  drill: (n: number, filter: CaseFilter) => ReactNode;
  accepted: CaseFilter;
}) {
  const t = f.totals;
  const cards: [string, ReactNode][] = [
    ['来访批次', t.visits],
    ['来访人次', t.people],
    ['集体访', t.groupVisits],
    ['初访 / 重复访', `${t.firstVisits} / ${t.repeatVisits}`],
    ['受理案件', t.casesAccepted],
    [
      '受理告知（受理/不予受理/转送/不再受理）',
      `${t.decisions.accepted} / ${t.decisions.refused} / ${t.decisions.transferred} / ${t.decisions.final}`,
    ],
    ['受理告知按期 / 逾期', `${t.decisions.onTime} / ${t.decisions.late}`],
    ['办结案件', t.casesClosed],
    ['按期办结率', pct(t.closedOnTime, t.casesClosed)],
    ['超期未办结', t.overdue],
    ['延期', t.extended],
    ['督办（一般/黄牌/红牌）', `${t.supervised.ordinary} / ${t.supervised.yellow} / ${t.supervised.red}`],
    ['满意率', pct(t.satisfaction.satisfied + t.satisfaction.basically_satisfied, t.casesClosed)],
    ['回访 / 息诉罢访', `${t.followUps} / ${t.stopped}`],
  ];
  const charts = useMemo(() => chartOptions(f), [f]);
  return (
    <>
      <Row gutter={[12, 12]}>
        {cards.map(([title, value]) => (
          <Col key={title} xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic title={title} value={value as number | string} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card size="small" title="按周走势">
            <Chart label="按周走势" option={charts.weekly} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="问题类别（来访批次）">
            <Chart label="问题类别" option={charts.categories} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title="责任单位办理情况">
            <Chart label="责任单位办理情况" option={charts.units} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title="办理结果与满意度">
            <Chart label="办理结果与满意度" option={charts.outcomes} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="领导接访与包案">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={f.byLeader}
          columns={[
            { title: '领导', dataIndex: 'name' },
            { title: '接待批次', dataIndex: 'visits' },
            { title: '人次', dataIndex: 'people' },
            { title: '包案受理', render: (_, r) => drill(r.casesAccepted, { ...accepted, leaderId: r.id }) },
            { title: '办结', dataIndex: 'casesClosed' },
            { title: '超期', render: (_, r) => drill(r.overdue, { leaderId: r.id, overdue: true }) },
            { title: '接访（次/定额）', render: (_, r) => <Quota done={r.receptions} quota={r.receptionQuota} /> },
            { title: '下访（次/定额）', render: (_, r) => <Quota done={r.outsideVisits} quota={r.outsideQuota} /> },
          ]}
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="责任单位">
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={f.byUnit}
              columns={[
                { title: '单位', dataIndex: 'name' },
                { title: '交办', render: (_, r) => drill(r.casesAssigned, { ...accepted, unitId: r.id }) },
                { title: '办结', dataIndex: 'casesClosed' },
                { title: '按期办结', dataIndex: 'closedOnTime' },
                { title: '超期', render: (_, r) => drill(r.overdue, { unitId: r.id, overdue: true }) },
                { title: '督办', dataIndex: 'supervised' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="接待形式">
            <Table
              size="small"
              rowKey="form"
              pagination={false}
              dataSource={f.byForm}
              columns={[
                { title: '形式', dataIndex: 'label' },
                { title: '来访批次', dataIndex: 'visits' },
                { title: '人次', dataIndex: 'people' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="问题类别">
            <Breakdown rows={f.byCategory} drill={(r) => drill(r.casesAccepted, { ...accepted, categoryId: r.id })} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="问题属地">
            <Breakdown rows={f.byLocality} drill={(r) => drill(r.casesAccepted, { ...accepted, localityId: r.id })} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

type BreakdownRow = Figures['byCategory'][number];

function Breakdown({ rows, drill }: { rows: BreakdownRow[]; drill: (r: BreakdownRow) => ReactNode }) {
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: '名称', dataIndex: 'name' },
        { title: '来访批次', dataIndex: 'visits' },
        { title: '人次', dataIndex: 'people' },
        { title: '受理案件', render: (_, r) => drill(r) },
      ]}
    />
  );
}

/** Done against the quota for the period, red when short. */
function Quota({ done, quota }: { done: number; quota: number }) {
  return <Typography.Text type={done < quota ? 'danger' : undefined}>{`${done} / ${quota}`}</Typography.Text>;
}

function chartOptions(f: Figures): Record<'weekly' | 'categories' | 'units' | 'outcomes', ChartOption> {
  const weeks = f.byWeek.map((w) => w.weekStart.slice(5));
  const line = (name: string, data: number[]) => ({ name, type: 'line', smooth: false, data });
  return {
    weekly: {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: weeks, name: '周' },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        line(
          '来访批次',
          f.byWeek.map((w) => w.visits),
        ),
        line(
          '来访人次',
          f.byWeek.map((w) => w.people),
        ),
        line(
          '受理',
          f.byWeek.map((w) => w.casesAccepted),
        ),
        line(
          '办结',
          f.byWeek.map((w) => w.casesClosed),
        ),
      ],
    },
    categories: {
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      series: [
        {
          type: 'pie',
          radius: ['28%', '52%'],
          data: f.byCategory.filter((c) => c.visits > 0).map((c) => ({ name: c.name, value: c.visits })),
          // Name and share on two lines, laid out to the card's edges and wrapped there: on one
          // line beside a wider ring, the longer names (政法（涉法涉诉）) were cut at 1366 px.
          label: { formatter: '{b}\n{d}%', alignTo: 'edge', edgeDistance: 4, lineHeight: 14, overflow: 'break' },
          labelLine: { length: 8, length2: 0, maxSurfaceAngle: 80 },
        },
      ],
    },
    units: {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 60 },
      xAxis: { type: 'category', data: f.byUnit.map((u) => u.name), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '交办', type: 'bar', data: f.byUnit.map((u) => u.casesAssigned) },
        { name: '办结', type: 'bar', data: f.byUnit.map((u) => u.casesClosed) },
        { name: '超期', type: 'bar', data: f.byUnit.map((u) => u.overdue), itemStyle: { color: '#b71c1c' } },
      ],
    },
    outcomes: {
      tooltip: { trigger: 'item', formatter: '{a}<br/>{b}：{c}（{d}%）' },
      legend: { bottom: 0 },
      series: [
        {
          name: '办理结果',
          type: 'pie',
          radius: [0, '38%'],
          center: ['50%', '45%'],
          label: { position: 'inner', formatter: '{b}' },
          data: (Object.keys(OUTCOME) as (keyof typeof OUTCOME)[]).map((k) => ({
            name: OUTCOME[k],
            value: f.totals.outcomes[k],
          })),
        },
        {
          name: '满意度',
          type: 'pie',
          radius: ['48%', '66%'],
          center: ['50%', '45%'],
          data: (Object.keys(SATISFACTION) as (keyof typeof SATISFACTION)[]).map((k) => ({
            name: SATISFACTION[k],
            value: f.totals.satisfaction[k],
          })),
        },
      ],
    },
  };
}

const REPORT_NAMES: Record<ReportKind, string> = { daily: '日报（零报告）', weekly: '周报', monthly: '月报' };

/** The reports sent upward (seed 003: daily by 15:30, weekly by Friday, monthly by the 4th), printed or as Excel. */
function ReportCard() {
  const { message } = App.useApp();
  const [report, setReport] = useState<ReportKind>('monthly');
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const picker = report === 'monthly' ? 'month' : report === 'weekly' ? 'week' : 'date';
  const print = async () => {
    const { kind, recordId } = reportRecord(report, day(date));
    setBusy('pdf');
    const r = await downloadDocument(kind, recordId, (doc) => `${REPORT_NAMES[report]}-${doc.docNo || recordId}.pdf`);
    setBusy(null);
    if (!r.ok) message.error(r.error.message);
  };
  const excel = async () => {
    setBusy('xlsx');
    const r = await hall.call('stats.report', { report, date: day(date) });
    setBusy(null);
    if (!r.ok) return void message.error(r.error.message);
    downloadBase64(r.value.base64, r.value.fileName, XLSX);
  };
  return (
    <Card size="small" title="上报报告" className="no-print">
      <Space wrap>
        <Select
          aria-label="报告"
          style={{ width: 150 }}
          value={report}
          onChange={setReport}
          options={REPORT_KINDS.map((k) => ({ value: k, label: REPORT_NAMES[k] }))}
        />
        <DatePicker
          aria-label="报告期间"
          picker={picker}
          allowClear={false}
          value={date}
          onChange={(d) => d && setDate(d)}
        />
        <Button loading={busy === 'pdf'} onClick={() => void print()}>
          打印报告
        </Button>
        <Button loading={busy === 'xlsx'} onClick={() => void excel()}>
          导出 Excel
        </Button>
      </Space>
    </Card>
  );
}
