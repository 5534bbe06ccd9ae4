import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Progress,
  Result,
  Row,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import type { AccountView, ErrorBody, MethodOutput } from '../../../shared/contract';
import { VERIFY_STATUS_LABELS, VERIFY_STATUS_NOTES } from '../../../shared/contract/documents';
import { DOCUMENT_KINDS, KINDS, type DocumentKind } from '../../../shared/documents/kinds';
import { carriesPersonalData, PRINT_COPY_LABELS, type PrintCopy } from '../../../shared/documents/copies';
import type { RevealReason } from '../../../shared/domain/reveal';
import { isMissingGlyphsRefusal } from '../../../shared/documents/draft';
import { hall, hostPrinter } from '../api/bridge';
import { blobUrl, downloadUrl, PDF } from '../api/files';
import { useCan, type Can } from '../api/can';
import { useCall } from '../api/useCall';
import { SignaturePad } from '../components/SignaturePad';
import { PrintChoice } from '../components/PrintChoice';

type Printed = MethodOutput<'documents.print'>;
type Verdict = MethodOutput<'documents.verify'>;

const pdfUrl = (base64: string) => blobUrl(base64, PDF);

function fileName(kind: DocumentKind, p: Printed, copy: PrintCopy): string {
  const masked = copy === 'masked' && carriesPersonalData(kind) ? '-脱敏' : '';
  return `${KINDS[kind].label}-${p.docNo || p.code}${masked}.pdf`.replace(/[〔〕\s/\\]/g, '');
}

/** documents.print with the copy chosen: masked, or full with its reason (shared/documents/copies.ts). */
const printCall = (kind: DocumentKind, recordId: number, copy: PrintCopy, reason?: RevealReason, draft = false) =>
  hall.call('documents.print', { kind, recordId, copy, draft, ...(reason ? { reason } : {}) });

const download = downloadUrl;

/** Picks a record of a kind by number, masked name or date, searching as the user types. */
function RecordPicker({
  kind,
  value,
  onChange,
  multiple,
}: {
  kind: DocumentKind;
  value: number[];
  onChange: (ids: number[]) => void;
  multiple?: boolean;
}) {
  // What was typed, and for which kind: another kind starts again from an empty search.
  const [typed, setTyped] = useState<{ kind: DocumentKind; query: string } | null>(null);
  const targets = useCall('documents.targets', { kind, query: typed?.kind === kind ? typed.query : '' });
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: (query) => setTyped({ kind, query }) }}
      loading={targets.loading}
      options={(targets.data ?? []).map((t) => ({ value: t.id, label: t.label }))}
      value={multiple ? value : value[0]}
      onChange={(v: number | number[]) => onChange(Array.isArray(v) ? v : [v])}
      placeholder={`选择${KINDS[kind].record}（可输入编号搜索）`}
      style={{ width: '100%' }}
      data-testid="record-picker"
      aria-label="选择记录"
    />
  );
}

/** The kinds this account may print: a 接访领导's list leaves out the office-wide ones (api/can.ts). */
const kindOptions = (allowFolder: boolean, can: Can) =>
  DOCUMENT_KINDS.filter((k) => (allowFolder || k !== 'folder') && can('documents.print', { kind: k })).map((k) => ({
    value: k,
    label: KINDS[k].label,
  }));

function PrintOne({ allowFolder }: { allowFolder: boolean }) {
  const [kind, setKind] = useState<DocumentKind>('registration');
  const [ids, setIds] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Refused for characters no font has: the operator may confirm a draft of the same copy.
  const [draftOffer, setDraftOffer] = useState<{ copy: PrintCopy; reason?: RevealReason } | null>(null);
  const [printed, setPrinted] = useState<{ doc: Printed; url: string; copy: PrintCopy } | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const [signing, setSigning] = useState(false);
  const { message } = App.useApp();
  const can = useCan();
  const settings = useCall('settings.get', {});
  const escpos = (settings.data?.ticketPrinterMode ?? 'os') !== 'os';
  const signable = (kind === 'registration' || kind === 'interview') && can('signatures.save');
  const personal = carriesPersonalData(kind);

  /** Generates the preview; a refusal of a full copy goes back to its reason dialog. */
  const generate = async (
    copy: PrintCopy = 'masked',
    reason?: RevealReason,
    draft = false,
  ): Promise<ErrorBody | null> => {
    if (!ids[0]) return (setError('请先选择记录。'), null);
    setBusy(true);
    setError(null);
    setDraftOffer(null);
    const r = await printCall(kind, ids[0], copy, reason, draft);
    setBusy(false);
    if (!r.ok && isMissingGlyphsRefusal(r.error)) {
      setError(r.error.message);
      setDraftOffer(reason ? { copy, reason } : { copy });
      return null;
    }
    if (!r.ok) return copy === 'full' ? r.error : (setError(r.error.message), null);
    if (printed) URL.revokeObjectURL(printed.url);
    setPrinted({ doc: r.value, url: pdfUrl(r.value.pdfBase64), copy });
    return null;
  };

  const print = async (doc: Printed) => {
    // A queue ticket goes to the receipt printer in ESC/POS where 设置 says so, from either host.
    if (kind === 'ticket' && ids[0] && escpos && can('printer.ticket')) {
      const t = await hall.call('printer.ticket', { ticketId: ids[0] });
      if (!t.ok) message.error(t.error.message);
      else if (t.value.printed) message.success(`已在小票打印机上打印（${t.value.printer}）`);
      else message.error(t.value.message ?? '排队号未打印');
      return;
    }
    if (!hostPrinter) return frame.current?.contentWindow?.print();
    const r = await hostPrinter.print(doc.pdfBase64, kind === 'ticket' ? 'ticket' : 'a4');
    if (r.ok) message.success('已发送到打印机');
    else message.error(r.error.message);
  };

  return (
    <Row gutter={16}>
      <Col span={8}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Select
            value={kind}
            options={kindOptions(allowFolder, can)}
            onChange={(k: DocumentKind) => (setKind(k), setIds([]), setPrinted(null), setDraftOffer(null))}
            style={{ width: '100%' }}
            aria-label="文书种类"
          />
          <RecordPicker kind={kind} value={ids} onChange={(v) => (setIds(v), setDraftOffer(null))} />
          {signable && (
            <Button block disabled={!ids[0]} onClick={() => setSigning(true)}>
              采集信访人签名
            </Button>
          )}
          {personal ? (
            <PrintChoice
              what={KINDS[kind].label}
              labels={{ masked: '生成脱敏件', full: '生成完整件' }}
              disabled={!ids[0]}
              onPrint={generate}
            />
          ) : (
            <Button type="primary" block loading={busy} onClick={() => void generate()}>
              生成 PDF
            </Button>
          )}
          <SignaturePad
            open={signing}
            title="信访人签名"
            onCancel={() => setSigning(false)}
            onSave={async (pngBase64) => {
              const r = await hall.call('signatures.save', {
                owner: kind === 'registration' ? 'visit' : 'interview',
                ownerId: ids[0]!,
                pngBase64,
              });
              if (!r.ok) return void message.error(r.error.message);
              setSigning(false);
              message.success('签名已保存，重新生成即可打印在文书上');
            }}
          />
          {error && <Alert type="error" showIcon title={error} data-testid="print-error" />}
          {draftOffer && (
            <Button danger block onClick={() => void generate(draftOffer.copy, draftOffer.reason, true)}>
              确认打印草稿（水印“草稿”，不编号）
            </Button>
          )}
          {printed && (
            <>
              {printed.doc.missingGlyphs.length > 0 && (
                <Alert
                  type="warning"
                  showIcon
                  title={`草稿：以下字符没有可用字体，显示为方框：${printed.doc.missingGlyphs.join(' ')}`}
                />
              )}
              <Descriptions column={1} size="small" bordered data-testid="printed">
                {personal && (
                  <Descriptions.Item label="副本">
                    <Tag color={printed.copy === 'full' ? 'orange' : 'default'}>{PRINT_COPY_LABELS[printed.copy]}</Tag>
                    {printed.copy === 'full' && '已记入审计'}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label="文号">{printed.doc.docNo || '—'}</Descriptions.Item>
                <Descriptions.Item label="核验码">
                  <code>{printed.doc.code}</code>
                </Descriptions.Item>
                <Descriptions.Item label="版本">第 {printed.doc.version} 版</Descriptions.Item>
                <Descriptions.Item label="页数">{printed.doc.pages}</Descriptions.Item>
              </Descriptions>
              <Space>
                <Button onClick={() => download(printed.url, fileName(kind, printed.doc, printed.copy))}>下载</Button>
                <Button onClick={() => void print(printed.doc)}>打印</Button>
              </Space>
            </>
          )}
        </Space>
      </Col>
      <Col span={16}>
        {printed ? (
          <iframe
            ref={frame}
            title="PDF 预览"
            src={printed.url}
            style={{ width: '100%', height: '70vh', border: '1px solid #ddd' }}
          />
        ) : (
          <Typography.Text type="secondary">选择文书种类和记录后生成，预览显示在这里。</Typography.Text>
        )}
      </Col>
    </Row>
  );
}

/** Many documents of one kind in a row, with progress and a way to stop. */
function PrintBatch({ allowFolder }: { allowFolder: boolean }) {
  const [kind, setKind] = useState<DocumentKind>('registration');
  const [ids, setIds] = useState<number[]>([]);
  const [done, setDone] = useState<{ id: number; doc?: Printed; url?: string; error?: string }[]>([]);
  const [copy, setCopy] = useState<PrintCopy>('masked');
  const [running, setRunning] = useState(false);
  const batch = useRef<AbortController | null>(null);
  const { message } = App.useApp();
  const can = useCan();

  const personal = carriesPersonalData(kind);
  /** Every record chosen, as one copy: a full batch takes one reason, and each copy counts toward the limit. */
  const run = async (chosen: PrintCopy = 'masked', reason?: RevealReason) => {
    const stop = new AbortController();
    batch.current = stop;
    setRunning(true);
    setDone([]);
    setCopy(chosen);
    for (const id of ids) {
      if (stop.signal.aborted) break;
      const r = await printCall(kind, id, chosen, reason);
      setDone((d) => [
        ...d,
        r.ok ? { id, doc: r.value, url: pdfUrl(r.value.pdfBase64) } : { id, error: r.error.message },
      ]);
    }
    setRunning(false);
    if (stop.signal.aborted) message.info('已取消，已生成的文件仍可下载。');
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Row gutter={12}>
        <Col span={6}>
          <Select
            value={kind}
            options={kindOptions(allowFolder, can)}
            onChange={(k: DocumentKind) => (setKind(k), setIds([]))}
            style={{ width: '100%' }}
            aria-label="批量文书种类"
          />
        </Col>
        <Col span={18}>
          <RecordPicker kind={kind} value={ids} onChange={setIds} multiple />
        </Col>
      </Row>
      <Space>
        {personal ? (
          <PrintChoice
            what={`${KINDS[kind].label}（${ids.length} 份，每份计一次）`}
            labels={{ masked: `批量生成脱敏件（${ids.length} 份）`, full: `批量生成完整件（${ids.length} 份）` }}
            disabled={running || ids.length === 0}
            onPrint={(chosen, reason) => {
              void run(chosen, reason);
              return Promise.resolve(null);
            }}
          />
        ) : (
          <Button type="primary" disabled={running || ids.length === 0} onClick={() => void run()}>
            批量生成（{ids.length} 份）
          </Button>
        )}
        <Button danger disabled={!running} onClick={() => batch.current?.abort()}>
          取消
        </Button>
        <Button
          disabled={running || done.every((d) => !d.url)}
          onClick={() => done.forEach((d) => d.url && d.doc && download(d.url, fileName(kind, d.doc, copy)))}
        >
          全部下载
        </Button>
      </Space>
      {(running || done.length > 0) && (
        <Progress
          percent={Math.round((done.length / Math.max(1, ids.length)) * 100)}
          status={running ? 'active' : 'normal'}
          format={() => `${done.length} / ${ids.length}`}
        />
      )}
      {done.map((d) => (
        <div key={d.id}>
          {d.doc ? (
            <Space>
              <Tag color="green">完成</Tag>
              {KINDS[kind].label}
              {personal && `（${PRINT_COPY_LABELS[copy]}）`} {d.doc.docNo} 核验码 <code>{d.doc.code}</code>{' '}
              {d.doc.pages} 页
            </Space>
          ) : (
            <Space>
              <Tag color="red">失败</Tag>
              记录 {d.id}：{d.error}
            </Space>
          )}
        </div>
      ))}
    </Space>
  );
}

const VERDICT = {
  current: 'success',
  outdated: 'warning',
  unknown: 'error',
  rejected: 'error',
} as const;

/** Typed or scanned (a scanner types the QR text and Enter) verification of a paper copy. */
function Verify() {
  const [code, setCode] = useState('');
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = async () => {
    const r = await hall.call('documents.verify', { code });
    if (r.ok) {
      setVerdict(r.value);
      setError(null);
    } else {
      setVerdict(null);
      setError(r.error.fields?.[0]?.message ?? r.error.message);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 640 }}>
      <Input.Search
        autoFocus
        value={code}
        onChange={(e) => setCode(e.target.value)}
        onSearch={() => void check()}
        enterButton="核验"
        placeholder="输入文书上的核验码（如 7K2M-9QXD），或用扫码枪扫描二维码"
        aria-label="核验码"
        status={error ? 'error' : undefined}
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {verdict && (
        <Result
          status={VERDICT[verdict.status]}
          title={VERIFY_STATUS_LABELS[verdict.status]}
          subTitle={
            <>
              <div>{VERIFY_STATUS_NOTES[verdict.status]}</div>
              {verdict.label ? (
                <>
                  <div>
                    {verdict.label}
                    {verdict.docNo ? ` ${verdict.docNo}` : ''}，第 {verdict.version} 版（当前第{' '}
                    {verdict.currentVersion ?? '—'} 版）
                  </div>
                  <div style={{ whiteSpace: 'nowrap' }}>打印于 {verdict.printedAt}（北京时间）</div>
                </>
              ) : (
                <div>核验码 {verdict.code}</div>
              )}
            </>
          }
          data-testid="verdict"
        >
          {verdict.changes.length > 0 && (
            <div data-testid="verdict-changes">
              <Typography.Text strong>打印后改动的项目：</Typography.Text>
              <Space size={[4, 4]} wrap style={{ marginTop: 8 }}>
                {verdict.changes.map((c) => (
                  <Tag key={c} color="orange">
                    {c}
                  </Tag>
                ))}
              </Space>
            </div>
          )}
        </Result>
      )}
    </Space>
  );
}

/** 档案: print any document of the record, in batches, and check paper copies. */
export function Archive({ me }: { me: AccountView }) {
  const allowFolder = me.role === 'archivist' || me.role === 'admin';
  return (
    <Card>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'print', label: '打印文书', children: <PrintOne allowFolder={allowFolder} /> },
          { key: 'batch', label: '批量打印', children: <PrintBatch allowFolder={allowFolder} /> },
          { key: 'verify', label: '核验文书', children: <Verify /> },
        ]}
      />
    </Card>
  );
}
