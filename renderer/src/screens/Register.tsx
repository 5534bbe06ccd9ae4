import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { wholeNumber, type ErrorBody, type MethodInput, type MethodOutput } from '../../../shared/contract';
import { parseIdNumber } from '../../../shared/domain/id-number';
import { SEX } from '../../../shared/domain/labels';
import { IDENTITY_SOURCE_LABELS, type IdentitySource, type Sex } from '../../../shared/domain/registration';
import { missingGlyphsWarning } from '../../../shared/documents/draft';
import { hall, hostPrinter } from '../api/bridge';
import { downloadBase64, downloadDocument, PDF } from '../api/files';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';
import { handler } from '../api/handler';
import { CaptureMaterial } from '../components/CaptureMaterial';
import { RevealValue } from '../components/RevealReason';
import { MatterPickers, MatterText } from '../components/MatterFields';
import { fieldRule } from '../api/rules';
import { useUnsaved } from '../api/unsaved';
import { CardReadButton, useCardReader, type ReadCard } from '../components/CardReader';

type Earlier = MethodOutput<'visits.lookup'>[number];
type Registered = MethodOutput<'visits.register'>;

const LEGAL = [
  { value: 'none', label: '依法受理' },
  { value: 'litigation', label: '不予受理：应通过诉讼解决' },
  { value: 'arbitration', label: '不予受理：应通过仲裁解决' },
  { value: 'administrative_review', label: '不予受理：应申请行政复议' },
  { value: 'other', label: '不予受理：其他法定途径' },
];

const SEX_OPTIONS = (['male', 'female'] as const).map((value) => ({ value, label: SEX[value] }));

/** What of the typed person matched an earlier visit (the repeat panel says which). */
/** The fields a card fills; editing one of them by hand makes the row 手工录入. */
const CARD_FIELDS = ['name', 'idNumber', 'sex', 'address'] as const;

function cardFacts(json: string | undefined): string {
  if (!json) return '';
  const c = JSON.parse(json) as ReadCard;
  return `${c.nation}族，${c.birthDate}出生，${c.authority}签发，有效期 ${c.validFrom} 至 ${c.validTo ?? '长期'}`;
}

/** 身份证读取 or 手工录入 for one petitioner row, with the card's other facts on hover. */
function IdentitySourceTag({ row, index }: { row: number; index: number }) {
  const form = Form.useFormInstance<FormValues>();
  const source =
    (Form.useWatch(['petitioners', row, 'identitySource'], form) as IdentitySource | undefined) ?? 'manual';
  const card = Form.useWatch(['petitioners', row, 'cardOf'], form) as string | undefined;
  return (
    <Tag
      color={source === 'card' ? 'green' : undefined}
      title={source === 'card' ? cardFacts(card) : undefined}
      data-testid={`identity-source-${index}`}
      style={{ marginTop: 2, fontSize: 12 }}
    >
      {IDENTITY_SOURCE_LABELS[source]}
    </Tag>
  );
}

const MATCHED_BY: Record<Earlier['matchedBy'], string> = {
  idNumber: '身份证号相同',
  phone: '电话相同',
  name: '姓名相近',
};

interface FormValues {
  petitioners: {
    name: string;
    sex?: Sex;
    idNumber?: string;
    phone?: string;
    address?: string;
    isRepresentative?: boolean;
    /** 身份证读取 once filled from the reader; a read field edited by hand makes it 手工录入 again. */
    identitySource?: IdentitySource;
    /** The card the row was filled from (JSON), to tell a retyped field and to show the card's other facts. */
    cardOf?: string;
  }[];
  headCount: number;
  categoryId?: number;
  localityId?: number;
  demand: string;
  facts?: string;
  earlierHandling?: string;
  legalChannel: MethodInput<'visits.register'>['legalChannel'];
  leaderId?: number;
}

/**
 * 登记: one form for the keyboard (Tab through, Enter saves, Ctrl+Enter from the text boxes),
 * earlier visits of the person shown while their ID number, phone or name is typed.
 */
export function Register() {
  const [form] = Form.useForm<FormValues>();
  // Typed but not yet registered: closing the page asks first.
  useUnsaved(() => done === null && form.isFieldsTouched());
  const refs = useCall('reference.lists', {});
  const leaders = useCall('leaders.list', {});
  const settings = useCall('settings.get', {});
  const { message } = App.useApp();
  const [earlier, setEarlier] = useState<Earlier[]>([]);
  const [continues, setContinues] = useState<number | null>(null);
  // The operator's reason that a visit on a final (三级终结) matter brings a new one (audited).
  const [newMatter, setNewMatter] = useState('');
  const continuesFinal = earlier.find((e) => e.visitId === continues)?.caseStatus === 'final';
  const [rule, setRule] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState<Registered | null>(null);
  /** What the ticket printer said about the last ticket (缺纸, 没有应答…): stays on the card until printed. */
  const [printerProblem, setPrinterProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [attached, setAttached] = useState<string[]>([]);
  const first = useRef<HTMLInputElement | null>(null);
  const lookupTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Characters of a name or address that no print font has, by field ("0.name"), as typed.
  const [glyphs, setGlyphs] = useState<Record<string, string[]>>({});
  const glyphTimers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const glyphLatest = useRef(new Map<string, string>());

  const checkGlyphs = (key: string, text: string) => {
    const timers = glyphTimers.current;
    clearTimeout(timers.get(key));
    glyphLatest.current.set(key, text);
    // Printable ASCII is in every font: no call for it.
    if (!/[^\x20-\x7e]/.test(text)) return setGlyphs((g) => ({ ...g, [key]: [] }));
    timers.set(
      key,
      setTimeout(
        () =>
          void hall.call('documents.glyphCheck', { text }).then((r) => {
            // An answer for text since changed is dropped: answers may come back out of order.
            if (glyphLatest.current.get(key) === text) setGlyphs((g) => ({ ...g, [key]: r.ok ? r.value.missing : [] }));
          }),
        150,
      ),
    );
  };

  /**
   * The warning under a field (as a warning-state help text, where a field's error would be):
   * two short lines, so it fits under the narrow name field without widening the row.
   */
  const glyphHelp = (key: string, label: string) => {
    const missing = glyphs[key];
    if (!missing?.length) return {};
    const [head, ...rest] = missingGlyphsWarning(missing).split('，');
    return {
      validateStatus: 'warning' as const,
      help: (
        // No width of its own: the lines run on under the next field instead of widening this one.
        <span
          aria-label={`${label}缺字提示`}
          style={{ display: 'block', width: 0, whiteSpace: 'nowrap', fontSize: 12 }}
        >
          {head}，<br />
          {rest.join('，')}
        </span>
      ),
    };
  };

  const lookup = (changed: Partial<FormValues['petitioners'][number]>) => {
    const id = changed.idNumber ? parseIdNumber(changed.idNumber) : null;
    const q = id?.ok
      ? { idNumber: id.value }
      : changed.phone && changed.phone.replace(/\D/g, '').length >= 7
        ? { phone: changed.phone }
        : changed.name && changed.name.length >= 2
          ? { namePrefix: changed.name }
          : null;
    if (!q) return;
    if (lookupTimer.current) clearTimeout(lookupTimer.current);
    lookupTimer.current = setTimeout(
      () => void hall.call('visits.lookup', q).then((r) => r.ok && setEarlier(r.value)),
      150,
    );
  };

  /**
   * A card from the reader fills the first empty petitioner row (or a new one), unless the person
   * is on the form already: a card left on the reader is not entered twice.
   */
  const fillFromCard = (card: ReadCard, pressed: boolean) => {
    const rows = (form.getFieldValue('petitioners') as FormValues['petitioners'] | undefined) ?? [];
    const sameCard = (r: FormValues['petitioners'][number]) => {
      const id = parseIdNumber(r.idNumber ?? '');
      return id.ok && id.value === card.idNumber;
    };
    if (rows.some(sameCard)) {
      if (pressed) message.info(`${card.name}已在登记表中`);
      return;
    }
    const at = rows.findIndex((r) => !r.name.trim() && !r.idNumber?.trim());
    const index = at === -1 ? rows.length : at;
    const row = {
      ...rows[index],
      name: card.name,
      idNumber: card.idNumber,
      sex: card.sex,
      address: card.address,
      identitySource: 'card' as const,
      cardOf: JSON.stringify(card),
    };
    const next = [...rows];
    next[index] = row;
    form.setFieldValue('petitioners', next);
    void form
      .validateFields([
        ['petitioners', index, 'name'],
        ['petitioners', index, 'idNumber'],
      ])
      .catch(() => undefined);
    lookup({ idNumber: card.idNumber });
    checkGlyphs(`${index}.name`, card.name);
    checkGlyphs(`${index}.address`, card.address);
  };
  const readerSet = settings.data !== null && settings.data.cardReaderDriver !== 'none';
  const reader = useCardReader(readerSet && done === null, fillFromCard);

  const save = async (v: FormValues) => {
    setBusy(true);
    setRule(null);
    const r = await submit(form, 'visits.register', {
      petitioners: v.petitioners.map((p) => ({
        name: p.name,
        // With an ID number the back end takes the sex from it; the field is for a visitor without one.
        sex: p.sex ?? 'unknown',
        idNumber: p.idNumber ?? '',
        phone: p.phone ?? '',
        address: p.address ?? '',
        isRepresentative: p.isRepresentative === true,
        identitySource: p.identitySource ?? 'manual',
      })),
      headCount: v.headCount,
      categoryId: v.categoryId ?? null,
      localityId: v.localityId ?? null,
      demand: v.demand,
      facts: v.facts ?? '',
      earlierHandling: v.earlierHandling ?? '',
      legalChannel: v.legalChannel,
      continuesVisitId: continues,
      ...(continuesFinal && newMatter.trim() ? { newMatterReason: newMatter } : {}),
      leaderId: v.leaderId || null,
      reportsOnPerson: false,
    });
    setBusy(false);
    if (r.ok) setDone(r.value);
    else if (r.error.code === 'RULE_VIOLATION') setRule(r.error);
    else if (!r.error.fields?.length) message.error(r.error.message);
  };

  const again = () => {
    setDone(null);
    setPrinterProblem(null);
    setAttached([]);
    setEarlier([]);
    setContinues(null);
    setGlyphs({});
    setNewMatter('');
    form.resetFields();
    setTimeout(() => first.current?.focus(), 0);
  };

  const printTicket = async () => {
    if (!done?.ticket) return;
    // A receipt printer in ESC/POS (设置 › 排队号打印方式): the back end prints and says what the
    // printer reported; the number is issued whatever it says and can be printed again.
    if (settings.data && settings.data.ticketPrinterMode !== 'os') {
      const t = await hall.call('printer.ticket', { ticketId: done.ticket.id });
      if (!t.ok) return void message.error(t.error.message);
      setPrinterProblem(t.value.printed ? null : t.value.message);
      if (t.value.printed) message.success(`排队号 ${done.ticket.code} 已打印`);
      if (t.value.printed && t.value.message) message.warning(t.value.message);
      return;
    }
    const r = await hall.call('documents.print', { kind: 'ticket', recordId: done.ticket.id });
    if (!r.ok) return void message.error(r.error.message);
    if (hostPrinter) {
      const p = await hostPrinter.print(r.value.pdfBase64, 'ticket');
      if (!p.ok) message.error(p.error.message);
    } else downloadBase64(r.value.pdfBase64, `排队号-${done.ticket.code}.pdf`, PDF);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => done && e.key === 'Enter' && again();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (done)
    return (
      <Card>
        <Result
          status={done.guided ? 'info' : done.finalMatter ? 'warning' : 'success'}
          title={
            done.guided
              ? '已登记，不予受理并引导至法定途径'
              : done.finalMatter
                ? '已登记：三级终结事项，不再受理，未发排队号'
                : `排队号 ${done.ticket?.code ?? ''}`
          }
          subTitle={
            done.guided
              ? `登记编号 ${done.visitNo}`
              : done.finalMatter
                ? `登记编号 ${done.visitNo}　请在“受理告知”中作“不再受理”决定，打印不再受理告知书，并做好解释`
                : `登记编号 ${done.visitNo}　接访领导：${leaders.data?.find((l) => l.id === done.leaderId)?.name ?? '待定'}（${done.reason}）　前面 ${done.ticket?.ahead ?? 0} 位，约 ${done.ticket?.waitMinutes ?? 0} 分钟`
          }
          extra={
            <Space>
              {done.ticket && (
                <Button type="primary" onClick={() => void printTicket()} disabled={!settings.data}>
                  {printerProblem ? '重新打印排队号' : '打印排队号'}
                </Button>
              )}
              {done.guided && (
                <Button
                  type="primary"
                  onClick={handler(async () => {
                    const r = await downloadDocument('guidance', done.visitId, `不予受理告知书-${done.visitNo}.pdf`);
                    if (!r.ok) message.error(r.error.message);
                  })}
                >
                  打印告知书
                </Button>
              )}
              <Upload
                accept=".jpg,.jpeg,.png,.pdf"
                showUploadList={false}
                beforeUpload={async (file) => {
                  const mime =
                    file.type === 'image/jpeg' || file.type === 'image/png' || file.type === 'application/pdf'
                      ? file.type
                      : null;
                  if (!mime) return (void message.error('只能上传 JPG、PNG 图片或 PDF'), false);
                  const bytes = new Uint8Array(await file.arrayBuffer());
                  let binary = '';
                  for (let i = 0; i < bytes.length; i += 0x8000)
                    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
                  const r = await hall.call('attachments.add', {
                    ownerType: 'visit',
                    ownerId: done.visitId,
                    name: file.name,
                    mime,
                    base64: btoa(binary),
                  });
                  if (r.ok) setAttached((a) => [...a, file.name]);
                  else message.error(r.error.fields?.[0]?.message ?? r.error.message);
                  return false;
                }}
              >
                <Button>添加附件（扫描件、照片）</Button>
              </Upload>
              <CaptureMaterial
                ownerType="visit"
                ownerId={done.visitId}
                onSaved={(title) => setAttached((a) => [...a, `${title}（拍摄）`])}
              />
              <Button autoFocus onClick={again}>
                继续登记（回车）
              </Button>
            </Space>
          }
          data-testid="registered"
        />
        {printerProblem && (
          <Alert
            type="error"
            showIcon
            title={printerProblem}
            description={`排队号 ${done.ticket?.code ?? ''} 已发出，处理后点“重新打印排队号”。`}
            style={{ marginTop: 8 }}
            data-testid="ticket-printer-problem"
          />
        )}
        {attached.length > 0 && (
          <Alert type="success" showIcon title={`已添加附件：${attached.join('、')}`} style={{ marginTop: 8 }} />
        )}
        {done.alerts.map((a) => (
          <Alert key={a} type="warning" showIcon title={a} style={{ marginTop: 8 }} />
        ))}
      </Card>
    );

  return (
    // The form takes what the 此前来访 panel leaves; one petitioner row stays one line at 1366 px.
    <Row gutter={16} wrap={false}>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card title="来访登记">
          <Form<FormValues>
            form={form}
            layout="vertical"
            initialValues={{ petitioners: [{ name: '' }], headCount: 1, legalChannel: 'none', leaderId: 0 }}
            onFinish={handler(save)}
            onValuesChange={(changed: Partial<FormValues>) => {
              const p = changed.petitioners?.find(Boolean);
              if (p) lookup(p);
              // A change reports only the rows that changed: the others are holes in the array.
              const rows: (Partial<FormValues['petitioners'][number]> | undefined)[] = changed.petitioners ?? [];
              rows.forEach((c, i) => {
                if (c?.name !== undefined) checkGlyphs(`${i}.name`, c.name);
                if (c?.address !== undefined) checkGlyphs(`${i}.address`, c.address);
                // A field the card gave, edited by hand: this visit's identity is typed, not read.
                const row = form.getFieldValue(['petitioners', i]) as FormValues['petitioners'][number] | undefined;
                if (c && row?.identitySource === 'card' && row.cardOf) {
                  const card = JSON.parse(row.cardOf) as ReadCard;
                  if (CARD_FIELDS.some((k) => c[k] !== undefined && (c[k] ?? '') !== card[k]))
                    form.setFieldValue(['petitioners', i, 'identitySource'], 'manual');
                }
              });
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.submit();
            }}
          >
            <Form.List name="petitioners">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <div key={f.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start', flexWrap: 'wrap' }}>
                      <Form.Item
                        name={[f.name, 'name']}
                        label={i === 0 ? '姓名' : undefined}
                        rules={[{ required: true, message: '请填写姓名' }]}
                        {...glyphHelp(`${f.name}.name`, `信访人${i + 1}姓名`)}
                      >
                        <Input
                          ref={i === 0 ? (el) => void (first.current = el?.input ?? null) : undefined}
                          autoFocus={i === 0}
                          style={{ width: 92 }}
                          aria-label={`信访人${i + 1}姓名`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'idNumber']}
                        label={i === 0 ? '身份证号' : undefined}
                        // Under the number, so the row stays one line at 1366 px.
                        extra={<IdentitySourceTag row={f.name} index={i} />}
                      >
                        <Input style={{ width: 172 }} aria-label={`信访人${i + 1}身份证号`} />
                      </Form.Item>
                      <Form.Item noStyle dependencies={[['petitioners', f.name, 'idNumber']]}>
                        {() => {
                          const id = parseIdNumber(form.getFieldValue(['petitioners', f.name, 'idNumber']) ?? '');
                          return (
                            <Form.Item
                              name={[f.name, 'sex']}
                              label={i === 0 ? '性别' : undefined}
                              tooltip={i === 0 ? '有身份证号时按证号确定' : undefined}
                            >
                              <Select
                                style={{ width: 76 }}
                                disabled={id.ok}
                                placeholder={id.ok ? SEX[id.sex] : '性别'}
                                options={SEX_OPTIONS}
                                aria-label={`信访人${i + 1}性别`}
                              />
                            </Form.Item>
                          );
                        }}
                      </Form.Item>
                      <Form.Item name={[f.name, 'phone']} label={i === 0 ? '电话' : undefined}>
                        <Input style={{ width: 118 }} aria-label={`信访人${i + 1}电话`} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'address']}
                        label={i === 0 ? '住址或单位' : undefined}
                        style={{ flex: '1 1 110px' }}
                        {...glyphHelp(`${f.name}.address`, `信访人${i + 1}住址`)}
                      >
                        <Input aria-label={`信访人${i + 1}住址`} />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'isRepresentative']}
                        valuePropName="checked"
                        label={i === 0 ? '\u3000' : undefined}
                      >
                        <Checkbox aria-label={`信访人${i + 1}是代表`}>代表</Checkbox>
                      </Form.Item>
                      <Form.Item name={[f.name, 'identitySource']} hidden>
                        <Input />
                      </Form.Item>
                      <Form.Item name={[f.name, 'cardOf']} hidden>
                        <Input />
                      </Form.Item>
                      {fields.length > 1 && (
                        <Button type="link" onClick={() => remove(f.name)} tabIndex={-1}>
                          删除
                        </Button>
                      )}
                    </div>
                  ))}
                  <Space style={{ marginBottom: 12 }}>
                    <Button onClick={() => add({ name: '' })}>添加信访人</Button>
                    {readerSet && <CardReadButton onClick={() => void reader.read()} loading={reader.busy} />}
                    {readerSet && <Typography.Text type="secondary">把身份证放在阅读器上即自动读取</Typography.Text>}
                  </Space>
                  {reader.error && (
                    <Alert
                      type="error"
                      showIcon
                      closable
                      onClose={reader.clearError}
                      title={reader.error}
                      style={{ marginBottom: 12 }}
                      data-testid="card-error"
                    />
                  )}
                </>
              )}
            </Form.List>
            {rule && (
              <Alert type="error" showIcon title={rule.message} style={{ marginBottom: 12 }} data-testid="rule-error" />
            )}
            <Space wrap>
              <Form.Item name="headCount" label="来访人数" rules={[fieldRule('来访人数', wholeNumber(1, 5000))]}>
                <InputNumber aria-label="来访人数" />
              </Form.Item>
              <MatterPickers refs={refs.data} />
              <Form.Item name="leaderId" label="接访领导">
                <Select
                  style={{ width: 160 }}
                  options={[
                    { value: 0, label: '自动匹配' },
                    ...(leaders.data ?? []).filter((l) => l.active).map((l) => ({ value: l.id, label: l.name })),
                  ]}
                  aria-label="接访领导"
                />
              </Form.Item>
            </Space>
            <MatterText />
            <Form.Item name="legalChannel" label="法定途径甄别">
              <Select options={LEGAL} style={{ width: 320 }} aria-label="法定途径甄别" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              登记并取号（回车）
            </Button>
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              在多行文本框中按 Ctrl+回车 保存
            </Typography.Text>
          </Form>
        </Card>
      </Col>
      <Col flex="none" style={{ width: 'clamp(360px, 32%, 560px)' }}>
        <Card title="此前来访" size="small" data-testid="earlier">
          {earlier.length === 0 ? (
            <Typography.Text type="secondary">输入身份证号、电话或姓名后显示此前来访记录。</Typography.Text>
          ) : (
            <>
              <Radio.Group
                value={continues}
                onChange={(e) => setContinues(e.target.value as number | null)}
                style={{ width: '100%' }}
              >
                <Typography.Text type="secondary" data-testid="earlier-matched">
                  {/* One lookup answers by one field: every row matched by it (no column of its own in a narrow panel). */}
                  {MATCHED_BY[earlier[0]!.matchedBy]}：找到 {earlier.length} 次来访
                </Typography.Text>
                <Table<Earlier>
                  rowKey="visitId"
                  size="small"
                  pagination={false}
                  dataSource={earlier}
                  // The person's ID number and phone as registered then, masked; full after a recorded reason.
                  expandable={{
                    expandedRowRender: (e) => (
                      <Space direction="vertical" size={0} data-testid={`earlier-contact-${e.visitNo}`}>
                        <span>
                          {e.name} 身份证号：
                          <RevealValue petitionerId={e.petitionerId} field="idNumber" masked={e.idNumber} />
                        </span>
                        <span>
                          电话：
                          <RevealValue petitionerId={e.petitionerId} field="phone" masked={e.phone} />
                        </span>
                      </Space>
                    ),
                  }}
                  columns={[
                    {
                      title: '同一事项',
                      width: 76,
                      render: (_, e) => <Radio value={e.visitId} aria-label={`同一事项-${e.visitNo}`} />,
                    },
                    {
                      // One column of two lines (when, how often, which case; then what): side by
                      // side, five columns wrapped the matter one character a line at 1366 px.
                      title: '来访与事项',
                      render: (_, e) => (
                        <>
                          <Space size={6} wrap>
                            <span style={{ whiteSpace: 'nowrap' }}>{e.date}</span>
                            <span style={{ whiteSpace: 'nowrap' }}>共{e.matterVisits}次</span>
                            {e.caseNo && <Tag style={{ marginInlineEnd: 0 }}>{e.caseNo}</Tag>}
                          </Space>
                          <div>{`${e.category ?? ''} ${e.demand}`.trim()}</div>
                        </>
                      ),
                    },
                  ]}
                />
              </Radio.Group>
              <Button size="small" type="link" onClick={() => setContinues(null)}>
                新事项
              </Button>
              {continuesFinal && (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <Typography.Text type="danger">
                    该事项已经复查、复核，属三级终结事项，不再受理，不发排队号。
                  </Typography.Text>
                  <Input.TextArea
                    aria-label="属新的事项的理由"
                    placeholder="如信访人反映的是新的事实和理由，请写明（记入审计日志），即按新的事项登记"
                    rows={2}
                    maxLength={200}
                    value={newMatter}
                    onChange={(e) => setNewMatter(e.target.value)}
                  />
                </Space>
              )}
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
