import { App, Button, Descriptions, Drawer, Flex, Space, Table, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { AccountView, MethodOutput } from '../../../shared/contract';
import { isDocumentKind, KINDS } from '../../../shared/documents/kinds';
import { chinaInstant } from '../../../shared/domain/calendar';
import { CASE_MOVES, MOVE_SPECS, type CaseMove } from '../../../shared/domain/case-machine';
import { CASE_STATUS_LABELS } from '../../../shared/domain/case-status';
import { daysLeftLabel } from '../../../shared/domain/deadlines';
import { FOLLOW_UP_WAY, labelOf, labelOr, OUTCOME, SATISFACTION } from '../../../shared/domain/labels';
import { SUPERVISION_LEVEL_LABELS, SUPERVISION_REASON_LABELS } from '../../../shared/domain/supervision';
import { hall } from '../api/bridge';
import { useCan } from '../api/can';
import { downloadBase64, downloadDocument, JSON_FILE } from '../api/files';
import { BookAppointment } from './BookAppointment';
import { CaseMaterials } from './CaseMaterials';
import { CaseMoves } from './CaseMoves';
import { ResponsibilityLetter } from './ResponsibilityLetter';
import { InvestigationReport } from './InvestigationReport';
import { PrintChoice } from './PrintChoice';
import { VisitDrawer } from './VisitDrawer';
import { RevealValue } from './RevealReason';
import type { PrintCopy } from '../../../shared/documents/copies';
import type { RevealReason } from '../../../shared/domain/reveal';

type Detail = MethodOutput<'cases.get'>;

const statusLabel = (s: string) => labelOr(CASE_STATUS_LABELS, s);
const at = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
const OPENING_LABELS: Record<string, string> = {
  create: '立案',
  join: '并案',
  responsibility: '包案责任书',
  report: '查办报告',
};
const actionLabel = (action: string) => {
  const name = action.replace(/^case\./, '');
  return (
    OPENING_LABELS[name] ??
    ((CASE_MOVES as readonly string[]).includes(name) ? MOVE_SPECS[name as CaseMove].label : action)
  );
};

/** What happened to a case, oldest first, one line per record. */
function history(c: Detail) {
  const items: { when: string; text: string; color?: string }[] = [
    ...c.visits.map((v) => ({ when: v.date, text: `来访 ${v.visitNo}：${v.demand}` })),
    ...c.interviews.map((i) => ({ when: i.startedAt, text: `接谈${i.endedAt ? '' : '（未结束）'}` })),
    ...c.assignments.flatMap((a) => [
      {
        when: a.assignedAt,
        text: `交办 ${a.assignmentNo} → ${a.leadUnit ?? '—'}，期限 ${a.deadlineOn}：${a.instruction}`,
      },
      ...(a.receivedAt ? [{ when: a.receivedAt, text: `签收：${a.receivedBy ?? ''}` }] : []),
    ]),
    ...c.supervisions.map((s) => ({
      when: s.issuedAt,
      color: s.level === 'red' ? 'red' : s.level === 'yellow' ? 'orange' : 'blue',
      text: `督办 ${s.supervisionNo}（${labelOr(SUPERVISION_LEVEL_LABELS, s.level)}，${labelOr(SUPERVISION_REASON_LABELS, s.reason)}），限 ${s.answerBy} 答复`,
    })),
    ...c.extensions.map((e) => ({
      when: e.at,
      text: `延期 ${e.days} 日至 ${e.newDeadlineOn}（${e.approver} 批准）：${e.reason}`,
    })),
    ...c.closures.map((x) => ({
      when: x.closedAt,
      color: 'green',
      text: `办结：${labelOf(OUTCOME, x.outcome)}，${x.answerDate} 答复${x.deliveredOn ? `，${x.deliveredOn} 送达` : ''}`,
    })),
    ...c.appointments.map((a) => ({
      when: a.at,
      text: `约访：${a.leader}，${a.place}${a.status === 'booked' ? '' : '（已到访）'}`,
    })),
    ...c.responsibilities.map((r) => ({
      when: r.at,
      text: `包案责任书：${r.leader}，责任单位 ${r.unit ?? '—'}，责任人 ${r.responsiblePerson}，化解时限 ${r.deadlineOn}：${r.goal}`,
    })),
    ...c.reports.map((r) => ({
      when: r.at,
      text: `查办报告：${r.leader}签字（${r.signedOn}）：${r.result}`,
    })),
    ...c.followUps.map((f) => ({
      when: f.at,
      text: `回访（${labelOf(FOLLOW_UP_WAY, f.way)}，${f.byName}，${labelOf(SATISFACTION, f.satisfaction)}）：${f.result}`,
    })),
    ...c.reviews.flatMap((r) => {
      const w = r.kind === 'review' ? '复查' : '复核';
      return [
        { when: r.requestedOn, text: `${w}申请，自申请之日起答复，期限 ${r.deadlineOn}` },
        ...(r.decidedOn
          ? [
              {
                when: r.decidedOn,
                color: 'green',
                text: `${w}意见（${r.decidedOn} 作出，${r.deliveredOn ?? r.decidedOn} 送达）：${r.result ?? ''}`,
              },
            ]
          : []),
      ];
    }),
  ];
  // Dates without a time are China days; instants are UTC. Both become instants to sort.
  const instant = (w: string) => Date.parse((w.length === 10 && chinaInstant(w)) || w);
  return items.sort((a, b) => instant(a.when) - instant(b.when));
}

/** The petitioner's ID number or phone, masked; in full with a reason for the roles that may reveal it. */
const contactValue = (c: Detail, field: 'idNumber' | 'phone') => (
  <RevealValue key={`${c.caseId}-${field}`} petitionerId={c.petitionerId} field={field} masked={c[`${field}Masked`]} />
);

/**
 * One case on one page: its facts, what happened in time order, the moves open to this account,
 * the documents printed and the audit trail; the archivist prints the whole folder from here.
 */
export function CaseDrawer({
  caseId,
  me,
  onClose,
  onChanged,
}: {
  caseId: number | null;
  me: AccountView;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const can = useCan();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [inviting, setInviting] = useState(false);
  // A visit's registration, read and (by the administrator or the owning leader, with a reason) corrected.
  const [viewingVisit, setViewingVisit] = useState<number | null>(null);

  // Another case (or none): forget the last one while rendering, not in an effect after it.
  const [detailFor, setDetailFor] = useState(caseId);
  if (detailFor !== caseId) {
    setDetailFor(caseId);
    setDetail(null);
  }

  // then() rather than await: react-hooks/set-state-in-effect takes setState after an await
  // for a synchronous one.
  const load = useCallback(
    (id: number) =>
      hall.call('cases.get', { caseId: id }).then((r) => {
        if (r.ok) setDetail(r.value);
        else message.error(r.error.message);
      }),
    [message],
  );
  useEffect(() => {
    if (caseId !== null) void load(caseId);
  }, [caseId, load]);

  // Masked unless the full copy is asked for with a reason; a refusal of that goes back to its dialog.
  const printFolder = async (c: Detail, copy: PrintCopy, reason?: RevealReason) => {
    const r = await downloadDocument('folder', c.caseId, `一案一卷-${c.caseNo}${copy === 'full' ? '' : '-脱敏'}.pdf`, {
      copy,
      reason,
    });
    if (!r.ok) {
      if (copy === 'masked') message.error(r.error.message);
      return r.error;
    }
    // The folder is now one of the case's documents.
    await load(c.caseId);
    return null;
  };

  // The exchange format for another system (docs/exports.md), masked as everywhere on screen.
  const exportJson = async (c: Detail) => {
    const r = await hall.call('export.cases', { caseId: c.caseId });
    if (!r.ok) return void message.error(r.error.message);
    downloadBase64(r.value.base64, r.value.fileName, JSON_FILE);
  };

  return (
    <Drawer
      title={detail ? `${detail.caseNo} ${detail.title}` : '案件'}
      open={caseId !== null}
      onClose={onClose}
      size="large"
      extra={detail && can('export.cases') && <Button onClick={() => void exportJson(detail)}>导出 JSON</Button>}
    >
      {detail && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="信访人">{detail.petitioner}</Descriptions.Item>
            <Descriptions.Item label="状态">
              {statusLabel(detail.status)}
              {detail.final ? '（三级终结）' : ''}
            </Descriptions.Item>
            <Descriptions.Item label="身份证号">{contactValue(detail, 'idNumber')}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{contactValue(detail, 'phone')}</Descriptions.Item>
            <Descriptions.Item label="包案领导">{detail.leader ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="受理日期">{detail.acceptedOn}</Descriptions.Item>
            <Descriptions.Item label="办理期限" span={2}>
              {detail.deadlineOn}　<Typography.Text type="secondary">{detail.deadlineLabel}</Typography.Text>
            </Descriptions.Item>
            {detail.requestWindow && (
              <Descriptions.Item
                label={detail.requestWindow.kind === 'review' ? '申请复查期限' : '申请复核期限'}
                span={2}
              >
                <Typography.Text type={detail.requestWindow.daysLeft < 0 ? 'secondary' : undefined}>
                  {detail.requestWindow.label}
                  {detail.requestWindow.daysLeft < 0 ? '，已届满' : `，${daysLeftLabel(detail.requestWindow.daysLeft)}`}
                </Typography.Text>
              </Descriptions.Item>
            )}
            <Descriptions.Item label="诉求" span={2}>
              {detail.demand}
            </Descriptions.Item>
          </Descriptions>
          {/* What can be done on the case now: its moves, the letter of responsibility, an invitation. */}
          <Space wrap>
            {can('cases.move') && (
              <CaseMoves detail={detail} role={me.role} onMoved={() => (void load(detail.caseId), onChanged())} />
            )}
            {detail.leader && !detail.final && can('cases.responsibility') && (
              <ResponsibilityLetter detail={detail} onSaved={() => void load(detail.caseId)} />
            )}
            {detail.leader && detail.closures.length > 0 && can('cases.report') && (
              <InvestigationReport detail={detail} onSaved={() => void load(detail.caseId)} />
            )}
            {!detail.final && can('appointments.book') && detail.visits.length > 0 && (
              <Button onClick={() => setInviting(true)}>约访</Button>
            )}
            {detail.visits.map((v) => (
              <Button key={v.id} onClick={() => setViewingVisit(v.id)}>
                来访登记 {v.visitNo}
              </Button>
            ))}
          </Space>
          <Typography.Title level={5}>办理经过</Typography.Title>
          <Timeline
            items={history(detail).map((h) => ({
              color: h.color,
              children: `${h.when.length > 10 ? at(h.when) : h.when}　${h.text}`,
            }))}
          />
          <CaseMaterials caseId={detail.caseId} />
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              已出文书
            </Typography.Title>
            {/* The folder: masked at a click, full after a reason (a reveal, audited and counted). */}
            {(me.role === 'admin' || me.role === 'archivist') && (
              <Space size={8}>
                <Typography.Text type="secondary">一案一卷</Typography.Text>
                <PrintChoice what="一案一卷" onPrint={(copy, reason) => printFolder(detail, copy, reason)} />
              </Space>
            )}
          </Flex>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={detail.documents}
            locale={{ emptyText: '尚未打印文书' }}
            columns={[
              { title: '文书', render: (_, d) => (isDocumentKind(d.kind) ? KINDS[d.kind].label : d.kind) },
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
      <VisitDrawer
        visitId={viewingVisit}
        onClose={() => {
          setViewingVisit(null);
          if (detail) void load(detail.caseId);
          onChanged();
        }}
      />
      <BookAppointment
        target={
          inviting && detail
            ? {
                visitId: detail.visits.at(-1)!.id,
                name: detail.petitioner,
                leaderId: detail.leaderId,
                purpose: detail.title,
              }
            : null
        }
        onClose={() => setInviting(false)}
        onBooked={async (id) => {
          setInviting(false);
          // The notice goes to the petitioner; it is filed with the case.
          const r = await downloadDocument('appointment', id, (doc) => `约访通知书-${doc.docNo || id}.pdf`);
          if (r.ok) message.success(`已约访，约访通知书 ${r.value.docNo} 已生成`);
          else message.warning(`已约访，但通知书未能生成：${r.error.message}`);
          if (detail) await load(detail.caseId);
        }}
      />
    </Drawer>
  );
}
