import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  type TableProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AccountView, MethodInput, MethodOutput } from '../../../shared/contract';
import { QUARTER_NAMES, quarterRecord } from '../../../shared/documents/quarterly';
import { CASE_STATUS_LABELS, CASE_STATUSES, type CaseStatus } from '../../../shared/domain/case-status';
import { labelOf, OUTCOME } from '../../../shared/domain/labels';
import {
  LEDGER_HEADERS,
  SEARCH_TOO_SHORT,
  searchWordsLongEnough,
  type LedgerColumn,
} from '../../../shared/domain/ledger';
import { hall } from '../api/bridge';
import { downloadDocument } from '../api/files';
import { useCall } from '../api/useCall';
import { CaseDrawer } from '../components/CaseDrawer';
import { ExportButtons } from '../components/ExportButtons';
import { DeadlineText } from '../components/DeadlineText';
import { referenceOptions } from '../components/referenceOptions';

type Row = MethodOutput<'ledger.query'>['rows'][number];
type Query = MethodInput<'ledger.query'>;
/** The ledger's filters: what 统计 hands over when a figure is opened. */
export type CaseFilter = Omit<Query, 'limit' | 'offset' | 'sort'>;
type Filters = CaseFilter;
type Sort = { column: LedgerColumn; order: 'asc' | 'desc' };

const PAGE = 50;
/**
 * The ledger's width: its columns' widths and 110 px for 事项, which takes what is left. At
 * 1366 px, beside the 200 px menu and a 17 px scroll bar, the card holds 1069 px.
 */
const LEDGER_WIDTH = 1066;
const DEFAULT_SORT: Sort = { column: 'acceptedOn', order: 'desc' };
const searchError = (text: string) => (searchWordsLongEnough(text) ? null : SEARCH_TOO_SHORT);

/**
 * 案件台账: every case as a row, filtered, sorted and searched in the database a page at a time
 * (hundreds of thousands of rows stay quick), exported to Excel or printed; a row opens the case.
 */
export function Cases({ me, initial }: { me: AccountView; initial?: CaseFilter }) {
  // A leader's account sees the cases its leader owns (包案); the server holds to that.
  const ownOnly = me.role === 'leader';
  const [filters, setFilters] = useState<Filters>(initial ?? {});
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [page, setPage] = useState(1);
  const [typed, setTyped] = useState('');
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useCall('ledger.query', { ...filters, sort, limit: PAGE, offset: (page - 1) * PAGE });
  const leaders = useCall('leaders.list', {});
  const units = useCall('units.list', {});
  const refs = useCall('reference.lists', {});
  const leaderId = ownOnly ? (me.leaderId ?? undefined) : filters.leaderId;
  const leaderName = leaders.data?.find((l) => l.id === leaderId)?.name;

  const filter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const typedError = searchError(typed);
  const search = () => !typedError && filter({ text: typed.trim() || undefined });

  const sorted = (column: LedgerColumn) => ({
    key: column,
    sorter: true,
    sortOrder: sort.column === column ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null,
  });
  const onChange: TableProps<Row>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const next: Sort =
      s?.order && s.columnKey
        ? { column: s.columnKey as LedgerColumn, order: s.order === 'ascend' ? 'asc' : 'desc' }
        : DEFAULT_SORT;
    if (next.column !== sort.column || next.order !== sort.order) {
      setSort(next);
      setPage(1);
    } else setPage(pagination.current ?? 1);
  };

  return (
    <Card
      size="small"
      title={ownOnly ? `我的包案${leaderName ? `（${leaderName}）` : ''}` : '案件台账'}
      extra={
        <Space>
          {leaderId !== undefined && <QuarterlyReport leaderId={leaderId} leaderName={leaderName ?? ''} />}
          <ExportButtons
            formats={['xlsx', 'csv', 'pdf']}
            labels={{ pdf: '打印台账' }}
            run={(format) => hall.call('ledger.export', { ...filters, sort, format })}
          />
        </Space>
      }
    >
      <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }} onFinish={search}>
        <Form.Item validateStatus={typedError ? 'error' : undefined} help={typedError}>
          <Input.Search
            aria-label="全文检索"
            allowClear
            placeholder="检索诉求、接谈、交办、办结内容（每词至少2字）"
            style={{ width: 340 }}
            value={typed}
            onChange={(e) => {
              setTyped(e.target.value);
              if (!e.target.value) filter({ text: undefined });
            }}
            onSearch={search}
          />
        </Form.Item>
        <Form.Item>
          <DatePicker.RangePicker
            aria-label="受理日期"
            placeholder={['受理日期从', '至']}
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(r: [Dayjs | null, Dayjs | null] | null) =>
              filter({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })
            }
          />
        </Form.Item>
        {!ownOnly && (
          <Form.Item>
            <Select
              aria-label="按包案领导筛选"
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="包案领导"
              style={{ width: 130 }}
              value={filters.leaderId}
              onChange={(v?: number) => filter({ leaderId: v })}
              options={(leaders.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
            />
          </Form.Item>
        )}
        <Form.Item>
          <Select
            aria-label="按责任单位筛选"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="责任单位"
            style={{ width: 170 }}
            value={filters.unitId}
            onChange={(v?: number) => filter({ unitId: v })}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item>
          <Select
            aria-label="按类别筛选"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="类别"
            style={{ width: 140 }}
            value={filters.categoryId}
            onChange={(v?: number) => filter({ categoryId: v })}
            options={referenceOptions(refs.data?.categories)}
          />
        </Form.Item>
        <Form.Item>
          <Select
            aria-label="按属地筛选"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder="属地"
            style={{ width: 130 }}
            value={filters.localityId}
            onChange={(v?: number) => filter({ localityId: v })}
            options={referenceOptions(refs.data?.localities)}
          />
        </Form.Item>
        <Form.Item>
          <Select
            aria-label="按状态筛选"
            mode="multiple"
            allowClear
            placeholder="状态"
            style={{ minWidth: 150 }}
            maxTagCount="responsive"
            value={filters.statuses ?? []}
            onChange={(v: CaseStatus[]) => filter({ statuses: v.length ? v : undefined })}
            options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item>
          <Checkbox
            aria-label="只看超期"
            checked={filters.overdue ?? false}
            onChange={(e) => filter({ overdue: e.target.checked || undefined })}
          >
            只看超期
          </Checkbox>
        </Form.Item>
      </Form>
      <Table<Row>
        rowKey="caseId"
        size="small"
        loading={list.loading}
        dataSource={list.data?.rows ?? []}
        locale={{ emptyText: <Empty description={list.error ? list.error.message : '没有符合条件的案件'} /> }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          // A search counts up to LEDGER_COUNT_CAP and says so, pages through those.
          showTotal: (n) => (list.data?.capped ? `超过 ${n} 件，可增加检索词缩小范围` : `共 ${n} 件`),
        }}
        onChange={onChange}
        onRow={(r) => ({ onClick: () => setOpenId(r.caseId), style: { cursor: 'pointer' } })}
        // Every column fits at 1366 px beside the menu; narrower, the table scrolls inside itself
        // with the case number held at the left (issue 16, item 6).
        scroll={{ x: LEDGER_WIDTH }}
        columns={[
          {
            title: LEDGER_HEADERS.caseNo,
            dataIndex: 'caseNo',
            width: 112,
            fixed: 'left',
            ...sorted('caseNo'),
          },
          { title: LEDGER_HEADERS.acceptedOn, dataIndex: 'acceptedOn', width: 104, ...sorted('acceptedOn') },
          { title: LEDGER_HEADERS.petitioner, dataIndex: 'petitioner', width: 80, ...sorted('petitioner') },
          { title: '事项', dataIndex: 'title', ellipsis: { showTitle: true } },
          {
            title: LEDGER_HEADERS.locality,
            width: 80,
            ellipsis: { showTitle: true },
            render: (_, r) => r.locality ?? '—',
            ...sorted('locality'),
          },
          {
            title: LEDGER_HEADERS.category,
            width: 88,
            ellipsis: { showTitle: true },
            render: (_, r) => r.category ?? '—',
            ...sorted('category'),
          },
          { title: LEDGER_HEADERS.leader, width: 92, render: (_, r) => r.leader ?? '—', ...sorted('leader') },
          {
            title: LEDGER_HEADERS.units,
            width: 112,
            ellipsis: { showTitle: true },
            render: (_, r) => r.units ?? '—',
            ...sorted('units'),
          },
          {
            title: LEDGER_HEADERS.status,
            width: 80,
            render: (_, r) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                <Tag>{CASE_STATUS_LABELS[r.status]}</Tag>
                {r.overdue && <Tag color="red">超期</Tag>}
              </span>
            ),
            ...sorted('status'),
          },
          {
            title: LEDGER_HEADERS.deadlineOn,
            width: 116,
            render: (_, r) => <DeadlineText on={r.deadlineOn} daysLeft={r.daysLeft} basis={r.deadlineLabel} stacked />,
            ...sorted('deadlineOn'),
          },
          {
            title: LEDGER_HEADERS.outcome,
            width: 92,
            render: (_, r) => labelOf(OUTCOME, r.outcome) || '—',
            ...sorted('outcome'),
          },
        ]}
      />
      <CaseDrawer caseId={openId} me={me} onClose={() => setOpenId(null)} onChanged={list.reload} />
    </Card>
  );
}

/** The quarters a report may be asked for: this one and the seven before, newest first. */
function recentQuarters(): { year: number; quarter: number }[] {
  const now = dayjs();
  let year = now.year();
  let quarter = Math.floor(now.month() / 3) + 1;
  const out = [];
  for (let i = 0; i < 8; i++) {
    out.push({ year, quarter });
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
  }
  return out;
}

/** 包案季度报告: the leader's unsettled cases, printed for the quarter chosen (seed 001). */
function QuarterlyReport({ leaderId, leaderName }: { leaderId: number; leaderName: string }) {
  const { message } = App.useApp();
  const quarters = recentQuarters();
  const [choice, setChoice] = useState(0);
  const [busy, setBusy] = useState(false);
  const print = async () => {
    const q = quarters[choice]!;
    setBusy(true);
    const r = await downloadDocument(
      'quarterly',
      quarterRecord(leaderId, q.year, q.quarter),
      `包案季度报告-${leaderName}-${q.year}Q${q.quarter}.pdf`,
    );
    setBusy(false);
    if (!r.ok) message.error(r.error.message);
  };
  return (
    <Space.Compact>
      <Select
        aria-label="报告季度"
        style={{ width: 160 }}
        value={choice}
        onChange={setChoice}
        options={quarters.map((q, i) => ({ value: i, label: `${q.year}年第${QUARTER_NAMES[q.quarter - 1]}季度` }))}
      />
      <Button loading={busy} onClick={() => void print()}>
        打印包案季度报告
      </Button>
    </Space.Compact>
  );
}
