import { App, Button, Card, Descriptions, Drawer, Empty, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { AccountView, MethodOutput } from '../../../shared/contract';
import { KINDS } from '../../../shared/documents/kinds';
import { QUARTER_NAMES, quarterRecord } from '../../../shared/documents/quarterly';
import { MOVE_SPECS, type CaseMove } from '../../../shared/domain/case-machine';
import { CASE_STATUS_LABELS, CASE_STATUSES, type CaseStatus } from '../../../shared/domain/case-status';
import { SUPERVISION_LEVEL_LABELS, SUPERVISION_REASON_LABELS, type SupervisionLevel, type SupervisionReason } from '../../../shared/domain/supervision';
import { FOLLOW_UP_WAY, labelOf, OUTCOME, SATISFACTION } from '../../../shared/domain/labels';
import { hall } from '../api/bridge';
import { downloadDocument } from '../api/files';
import { CaseMoves } from '../components/CaseMoves';
import { DeadlineText } from '../components/DeadlineText';
import { useCall } from '../api/useCall';

type Row = MethodOutput<'cases.list'>['rows'][number];
type Detail = MethodOutput<'cases.get'>;

const PAGE = 50;
const statusLabel = (s: string) => CASE_STATUS_LABELS[s as CaseStatus] ?? s;
const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
const OPENING_LABELS: Record<string, string> = { create: '立案', join: '并案' };
const actionLabel = (action: string) => {
  const name = action.replace(/^case\./, '');
  return OPENING_LABELS[name] ?? MOVE_SPECS[name as CaseMove]?.label ?? action;
};

/** What happened to a case, oldest first, one line per record. */
function history(c: Detail) {
  const items: { when: string; text: string; color?: string }[] = [
    ...c.visits.map((v) => ({ when: v.date, text: `来访 ${v.visitNo}：${v.demand}` })),
    ...c.interviews.map((i) => ({ when: i.startedAt, text: `接谈${i.endedAt ? '' : '（未结束）'}` })),
    ...c.assignments.flatMap((a) => [
      { when: a.assignedAt, text: `交办 ${a.assignmentNo} → ${a.leadUnit ?? '—'}，期限 ${a.deadlineOn}：${a.instruction}` },
      ...(a.receivedAt ? [{ when: a.receivedAt, text: `签收：${a.receivedBy ?? ''}` }] : []),
    ]),
    ...c.supervisions.map((s) => ({ when: s.issuedAt, color: s.level === 'red' ? 'red' : s.level === 'yellow' ? 'orange' : 'blue', text: `督办 ${s.supervisionNo}（${SUPERVISION_LEVEL_LABELS[s.level as SupervisionLevel] ?? s.level}，${SUPERVISION_REASON_LABELS[s.reason as SupervisionReason] ?? s.reason}），限 ${s.answerBy} 答复` })),
    ...c.extensions.map((e) => ({ when: e.at, text: `延期 ${e.days} 日至 ${e.newDeadlineOn}（${e.approver} 批准）：${e.reason}` })),
    ...c.closures.map((x) => ({ when: x.closedAt, color: 'green', text: `办结：${labelOf(OUTCOME, x.outcome)}，${x.answerDate} 答复` })),
    ...c.followUps.map((f) => ({ when: f.at, text: `回访（${labelOf(FOLLOW_UP_WAY, f.way)}，${f.byName}，${labelOf(SATISFACTION, f.satisfaction)}）：${f.result}` })),
    ...c.reviews.map((r) => ({ when: r.requestedOn, text: `${r.kind === 'review' ? '复查' : '复核'}申请，期限 ${r.deadlineOn}${r.result ? `；结果：${r.result}` : ''}` })),
  ];
  // Dates without a time are China days; instants are UTC. Both become instants to sort.
  const instant = (w: string) => Date.parse(w.length === 10 ? `${w}T00:00:00+08:00` : w);
  return items.sort((a, b) => instant(a.when) - instant(b.when));
}

/** 案件: every case, paged in the database, and one case on one page. */
export function Cases({ me }: { me: AccountView }) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<CaseStatus | undefined>(undefined);
  // A leader's account sees the cases its leader owns (包案); others may pick a leader.
  const ownOnly = me.role === 'leader';
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const leaderId = ownOnly ? (me.leaderId ?? undefined) : picked;
  const [page, setPage] = useState(1);
  const list = useCall('cases.list', { status, leaderId, limit: PAGE, offset: (page - 1) * PAGE });
  const leaders = useCall('leaders.list', {});
  const leaderName = leaders.data?.find((l) => l.id === leaderId)?.name;
  const [openId, setOpenId] = useState<number | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);

  const load = useCallback(
    async (caseId: number) => {
      const r = await hall.call('cases.get', { caseId });
      if (r.ok) setDetail(r.value);
      else message.error(r.error.message);
    },
    [message],
  );
  useEffect(() => {
    setDetail(null);
    if (openId !== null) void load(openId);
  }, [openId, load]);

  const printFolder = async (c: Detail) => {
    const r = await downloadDocument('folder', c.caseId, `一案一卷-${c.caseNo}.pdf`);
    if (!r.ok) return void message.error(r.error.message);
    // The folder is now one of the case's documents.
    await load(c.caseId);
  };

  return (
    <Card
      size="small"
      title={ownOnly ? `我的包案${leaderName ? `（${leaderName}）` : ''}` : '案件'}
      extra={
        <Space>
          {!ownOnly && (
            <Select
              aria-label="按包案领导筛选"
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="全部包案领导"
              style={{ width: 160 }}
              value={picked}
              onChange={(v?: number) => (setPicked(v), setPage(1))}
              options={(leaders.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
            />
          )}
        <Select
          aria-label="按状态筛选"
          allowClear
          placeholder="全部状态"
          style={{ width: 160 }}
          value={status}
          onChange={(v?: CaseStatus) => (setStatus(v), setPage(1))}
          options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
        />
          {leaderId !== undefined && <QuarterlyReport leaderId={leaderId} leaderName={leaderName ?? ''} />}
        </Space>
      }
    >
      <Table<Row>
        rowKey="caseId"
        size="small"
        loading={list.loading}
        dataSource={list.data?.rows ?? []}
        locale={{ emptyText: <Empty description="没有案件" /> }}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${n} 件` }}
        onRow={(r) => ({ onClick: () => setOpenId(r.caseId), style: { cursor: 'pointer' } })}
        columns={[
          { title: '案件编号', dataIndex: 'caseNo' },
          { title: '受理日期', dataIndex: 'acceptedOn' },
          { title: '信访人', dataIndex: 'petitioner' },
          { title: '事项', dataIndex: 'title' },
          { title: '包案领导', render: (_, r) => r.leader ?? '—' },
          { title: '责任单位', render: (_, r) => r.leadUnit ?? '—' },
          { title: '状态', render: (_, r) => <Tag>{statusLabel(r.status)}</Tag> },
          { title: '办理期限', render: (_, r) => <DeadlineText on={r.deadlineOn} daysLeft={r.daysLeft} /> },
        ]}
      />
      <Drawer
        title={detail ? `${detail.caseNo} ${detail.title}` : '案件'}
        open={openId !== null}
        onClose={() => setOpenId(null)}
        size="large"
        extra={
          detail && (me.role === 'admin' || me.role === 'archivist') ? (
            <Button onClick={() => void printFolder(detail)}>打印一案一卷</Button>
          ) : null
        }
      >
        {detail && (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label="信访人">{detail.petitioner}</Descriptions.Item>
              <Descriptions.Item label="状态">
                {statusLabel(detail.status)}
                {detail.final ? '（三级终结）' : ''}
              </Descriptions.Item>
              <Descriptions.Item label="包案领导">{detail.leader ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="受理日期">{detail.acceptedOn}</Descriptions.Item>
              <Descriptions.Item label="办理期限" span={2}>
                {detail.deadlineOn}　<Typography.Text type="secondary">{detail.deadlineLabel}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="诉求" span={2}>
                {detail.demand}
              </Descriptions.Item>
            </Descriptions>
            <CaseMoves detail={detail} role={me.role} onMoved={() => (void load(detail.caseId), list.reload())} />
            <Typography.Title level={5}>办理经过</Typography.Title>
            <Timeline items={history(detail).map((h) => ({ color: h.color, children: `${h.when.length > 10 ? at(h.when) : h.when}　${h.text}` }))} />
            <Typography.Title level={5}>已出文书</Typography.Title>
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={detail.documents}
              locale={{ emptyText: '尚未打印文书' }}
              columns={[
                { title: '文书', render: (_, d) => KINDS[d.kind as keyof typeof KINDS]?.label ?? d.kind },
                { title: '文号', render: (_, d) => d.docNo ?? '—' },
                { title: '核验码', dataIndex: 'code' },
                { title: '版本', dataIndex: 'version' },
                { title: '页数', dataIndex: 'pages' },
                { title: '时间', render: (_, d) => at(d.createdAt) },
              ]}
            />
            <Typography.Title level={5}>操作记录</Typography.Title>
            <Table
              size="small"
              rowKey={(a) => `${a.at}-${a.action}`}
              pagination={false}
              dataSource={detail.audit}
              columns={[
                { title: '时间', render: (_, a) => at(a.at) },
                { title: '操作人', dataIndex: 'actor' },
                { title: '操作', render: (_, a) => actionLabel(a.action) },
              ]}
            />
          </Space>
        )}
      </Drawer>
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
    const r = await downloadDocument('quarterly', quarterRecord(leaderId, q.year, q.quarter), `包案季度报告-${leaderName}-${q.year}Q${q.quarter}.pdf`);
    setBusy(false);
    if (!r.ok) message.error(r.error.message);
  };
  return (
    <Space.Compact>
      <Select aria-label="报告季度" style={{ width: 150 }} value={choice} onChange={setChoice} options={quarters.map((q, i) => ({ value: i, label: `${q.year}年第${QUARTER_NAMES[q.quarter - 1]}季度` }))} />
      <Button loading={busy} onClick={() => void print()}>
        打印包案季度报告
      </Button>
    </Space.Compact>
  );
}
