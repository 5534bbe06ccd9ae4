import { Alert, App, Button, Drawer, Input, Radio, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import {
  DISPOSITION_LABELS,
  DISPOSITIONS,
  isDraftParticipant,
  PARTICIPANT_KINDS,
  PARTICIPANT_LABELS,
  PARTICIPANT_NAME_MISSING,
  SPEAKER_LABELS,
  SPEAKERS,
} from '../../../shared/domain/interview';
import { hall } from '../api/bridge';
import { downloadDocument } from '../api/files';
import { useUnsaved } from '../api/unsaved';
import { OpenCase } from './OpenCase';
import { SignaturePad } from './SignaturePad';

type InterviewView = MethodOutput<'interviews.open'>;
type Draft = Pick<InterviewView, 'place' | 'participants' | 'turns' | 'opinion' | 'disposition' | 'petitionerResponse'>;

/** Pause in typing after which the record is written to the database. */
const SAVE_AFTER_MS = 600;

/**
 * 接谈记录, opened beside the leader's line when reception starts. Every pause in typing saves
 * the whole record, and so does leaving a field, hiding or closing the page; a participant row
 * without a name is saved as a draft row, marked at its field, and never holds up the turns.
 * Closing the page while something is unsaved asks first (api/unsaved.ts).
 */
export function InterviewRecord({ visitId, onClose }: { visitId: number | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [record, setRecord] = useState<InterviewView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState<{ kind: 'saved' | 'saving' | 'error'; text: string } | null>(null);
  const [signing, setSigning] = useState(false);
  const version = useRef(0);
  const pending = useRef<Draft | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<boolean> | null>(null);

  // Another visit (or none): forget the last record while rendering, not in an effect after it.
  const [recordFor, setRecordFor] = useState(visitId);
  if (recordFor !== visitId) {
    setRecordFor(visitId);
    setRecord(null);
    setDraft(null);
    setStatus(null);
  }

  useEffect(() => {
    if (visitId === null) return;
    void hall.call('interviews.open', { visitId }).then((r) => {
      if (!r.ok) return void message.error(r.error.message);
      version.current = r.value.version;
      setRecord(r.value);
      setDraft({
        place: r.value.place,
        participants: r.value.participants,
        turns: r.value.turns.length ? r.value.turns : [{ speaker: 'petitioner', text: '' }],
        opinion: r.value.opinion,
        disposition: r.value.disposition,
        petitionerResponse: r.value.petitionerResponse,
      });
    });
  }, [visitId, message]);

  /**
   * Writes what is pending; saves never overlap, so versions stay in order. Leaving the page
   * sends at once, without waiting for a save on its way: the host answers in order, so that one
   * will have moved the version on by one.
   */
  const flush = useCallback(
    async (end = false, leaving = false): Promise<boolean> => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      if (saving.current && !leaving) await saving.current;
      const body = pending.current;
      if (!record || !body) return true;
      pending.current = null;
      const expected = saving.current ? version.current + 1 : version.current;
      setStatus({ kind: 'saving', text: '保存中…' });
      const run = (async () => {
        const r = await hall.call('interviews.save', {
          interviewId: record.interviewId,
          version: expected,
          end,
          ...body,
        });
        if (!r.ok) {
          pending.current = pending.current ?? body;
          setStatus({ kind: 'error', text: r.error.fields?.[0]?.message ?? r.error.message });
          return false;
        }
        version.current = r.value.version;
        setStatus({ kind: 'saved', text: `已自动保存 ${dayjs(r.value.savedAt).format('HH:mm:ss')}` });
        if (r.value.endedAt) setRecord((rec) => rec && { ...rec, endedAt: r.value.endedAt });
        return true;
      })();
      saving.current = run;
      const ok = await run;
      saving.current = null;
      return ok;
    },
    [record],
  );

  const ended = !!record?.endedAt;

  const change = (patch: Partial<Draft>) => {
    if (!draft || ended) return;
    const next = { ...draft, ...patch };
    setDraft(next);
    pending.current = next;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_AFTER_MS);
  };

  // Leaving the page (reload, tab or window closed, hidden) writes what is still pending, and
  // the page asks before closing while a save is pending, on its way or refused.
  useUnsaved(
    () => pending.current !== null || saving.current !== null || status?.kind === 'error',
    () => void flush(false, true),
  );

  const close = async () => {
    if (await flush()) onClose();
  };

  const print = async () => {
    if (!record || !(await flush())) return;
    const r = await downloadDocument('interview', record.interviewId, `接谈记录-${record.visitNo}.pdf`);
    if (!r.ok) message.error(r.error.message);
  };

  const end = async (last: Draft) => {
    if (!last.disposition) return void message.warning('结束接谈前请选择处理方式');
    if (last.participants.some(isDraftParticipant))
      return void message.warning('结束接谈前请填写参加人员姓名，或移除未填写的行');
    pending.current = last;
    if (await flush(true)) message.success('接谈已结束，可打印接谈记录');
  };

  const setTurn = (i: number, patch: Partial<Draft['turns'][number]>) =>
    change({ turns: draft!.turns.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
  const nextSpeaker = (t: Draft['turns'][number] | undefined) =>
    t?.speaker === 'petitioner' ? 'leader' : 'petitioner';

  return (
    <Drawer
      title={record ? `接谈记录 ${record.visitNo}　${record.petitioner}` : '接谈记录'}
      open={visitId !== null}
      onClose={() => void close()}
      size="large"
      extra={
        <Space>
          {status && (
            <Typography.Text
              type={status.kind === 'error' ? 'danger' : 'secondary'}
              data-testid="interview-save-status"
            >
              {status.text}
            </Typography.Text>
          )}
          <Button onClick={() => void print()} disabled={!record}>
            打印接谈记录
          </Button>
        </Space>
      }
    >
      {!draft || !record ? null : (
        // Leaving any field writes what it holds, without waiting for the pause.
        <Space direction="vertical" style={{ width: '100%' }} size="middle" onBlur={() => void flush()}>
          {ended && (
            <Alert
              type="info"
              showIcon
              message={`接谈已于 ${dayjs(record.endedAt).format('HH:mm')} 结束，记录已固定。${record.case ? `已立案：${record.case.caseNo}` : draft.disposition === 'assigned' ? '处理方式为交办，请立案后在“案件”中交办。' : ''}`}
              action={
                record.case ? null : (
                  <OpenCase
                    visitId={record.visitId}
                    demand={record.demand}
                    leaderId={record.leaderId}
                    onOpened={(c) => setRecord({ ...record, case: c })}
                  />
                )
              }
            />
          )}
          <Space wrap>
            <span>开始 {dayjs(record.startedAt).format('YYYY-MM-DD HH:mm')}</span>
            <Input
              aria-label="接谈地点"
              addonBefore="地点"
              value={draft.place}
              disabled={ended}
              onChange={(e) => change({ place: e.target.value })}
              style={{ width: 320 }}
            />
          </Space>
          <div>
            <Typography.Text strong>参加人员</Typography.Text>
            {draft.participants.map((p, i) => (
              <Space key={i} style={{ display: 'flex', marginTop: 4 }}>
                <Select
                  aria-label={`参加人员${i + 1}身份`}
                  value={p.kind}
                  disabled={ended}
                  style={{ width: 120 }}
                  options={PARTICIPANT_KINDS.map((k) => ({ value: k, label: PARTICIPANT_LABELS[k] }))}
                  onChange={(kind) =>
                    change({ participants: draft.participants.map((x, j) => (j === i ? { ...x, kind } : x)) })
                  }
                />
                <Space direction="vertical" size={0}>
                  <Input
                    aria-label={`参加人员${i + 1}姓名`}
                    value={p.name}
                    disabled={ended}
                    maxLength={40}
                    status={isDraftParticipant(p) ? 'error' : undefined}
                    aria-invalid={isDraftParticipant(p)}
                    placeholder="姓名或单位"
                    onChange={(e) =>
                      change({
                        participants: draft.participants.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
                      })
                    }
                  />
                  {isDraftParticipant(p) && (
                    <Typography.Text type="danger" data-testid={`participant-${i + 1}-error`}>
                      {PARTICIPANT_NAME_MISSING}（已存为草稿行，不影响谈话内容保存）
                    </Typography.Text>
                  )}
                </Space>
                <Button
                  disabled={ended}
                  onClick={() => change({ participants: draft.participants.filter((_, j) => j !== i) })}
                >
                  移除
                </Button>
              </Space>
            ))}
            <Button
              size="small"
              style={{ marginTop: 4 }}
              disabled={ended}
              onClick={() => change({ participants: [...draft.participants, { kind: 'unit', name: '' }] })}
            >
              添加参加人员
            </Button>
          </div>
          <div>
            <Typography.Text strong>谈话内容</Typography.Text>
            <Typography.Text type="secondary">（Ctrl+Enter 另起一段，换人说话）</Typography.Text>
            {draft.turns.map((t, i) => (
              <Space key={i} align="start" style={{ display: 'flex', marginTop: 4 }}>
                <Select
                  aria-label={`第${i + 1}段说话人`}
                  value={t.speaker}
                  disabled={ended}
                  style={{ width: 100 }}
                  options={SPEAKERS.map((k) => ({ value: k, label: SPEAKER_LABELS[k] }))}
                  onChange={(speaker) => setTurn(i, { speaker })}
                />
                <Input.TextArea
                  aria-label={`第${i + 1}段`}
                  autoSize={{ minRows: 1, maxRows: 8 }}
                  style={{ width: 520 }}
                  value={t.text}
                  disabled={ended}
                  autoFocus={i === draft.turns.length - 1}
                  onChange={(e) => setTurn(i, { text: e.target.value })}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && e.ctrlKey) {
                      e.preventDefault();
                      change({ turns: [...draft.turns, { speaker: nextSpeaker(draft.turns.at(-1)), text: '' }] });
                    }
                  }}
                />
              </Space>
            ))}
          </div>
          <div>
            <Typography.Text strong>领导意见</Typography.Text>
            <Input.TextArea
              aria-label="领导意见"
              autoSize={{ minRows: 2 }}
              value={draft.opinion}
              disabled={ended}
              onChange={(e) => change({ opinion: e.target.value })}
            />
          </div>
          <div>
            <Typography.Text strong>处理方式　</Typography.Text>
            <Radio.Group
              aria-label="处理方式"
              value={draft.disposition}
              disabled={ended}
              onChange={(e) => change({ disposition: e.target.value as Draft['disposition'] })}
              options={DISPOSITIONS.map((d) => ({ value: d, label: DISPOSITION_LABELS[d] }))}
            />
          </div>
          <Input
            aria-label="信访人意见"
            addonBefore="信访人意见"
            value={draft.petitionerResponse}
            disabled={ended}
            onChange={(e) => change({ petitionerResponse: e.target.value })}
          />
          <Space>
            <Button onClick={() => setSigning(true)}>{record.signed ? '重新签名确认' : '信访人签名确认'}</Button>
            <Button type="primary" disabled={ended} onClick={() => void end(draft)}>
              结束接谈
            </Button>
          </Space>
          <SignaturePad
            open={signing}
            title="请信访人在框内签名，确认以上记录"
            onCancel={() => setSigning(false)}
            onSave={async (pngBase64) => {
              const r = await hall.call('signatures.save', {
                owner: 'interview',
                ownerId: record.interviewId,
                pngBase64,
              });
              if (!r.ok) return void message.error(r.error.message);
              setSigning(false);
              setRecord({ ...record, signed: true });
              message.success('签名已保存，打印时嵌入接谈记录');
            }}
          />
        </Space>
      )}
    </Drawer>
  );
}
