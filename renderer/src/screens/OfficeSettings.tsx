import { Alert, App, Button, Form, Input, InputNumber, Select, Skeleton, Space } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { hall, hostPrinter } from '../api/bridge';
import {
  ARCHIVE_NO_PATTERN,
  formatArchiveNo,
  RETENTION_FACT_LABELS,
  RETENTION_FACTS,
  RETENTION_PERIODS,
} from '../../../shared/domain/archive';
import {
  DOC_KIND_CHARS,
  docNumberPatternProblem,
  formatDocNumber,
  kindCharProblem,
  organAbbreviationProblem,
} from '../../../shared/domain/numbers';
import { KINDS, type DocumentKind } from '../../../shared/documents/kinds';
import { FIELD_LABELS } from '../../../shared/contract';
import { settingsSchema, type Settings } from '../../../shared/domain/settings';
import { useSession } from '../api/session';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';
import { handler } from '../api/handler';
import { fieldRule } from '../api/rules';
import { SETTINGS_LABELS } from '../../../shared/domain/settings-labels';
import {
  ADDRESS_HINT,
  printerAddressProblem,
  ticketPrinterProblem,
  TICKET_PRINTER_MODE_LABELS,
  TICKET_PRINTER_MODES,
  type TicketPrinterMode,
} from '../../../shared/domain/ticket-printer';
import { CardReaderFields } from '../components/CardReader';

/** The number settings, in the order of the form; their words and units are SETTINGS_LABELS'. */
const NUMBERS = (
  [
    'idleLockMinutes',
    'backupKeep',
    'backupWeeks',
    'backupMonths',
    'backupBudgetGiB',
    'revealsPerHour',
    'acceptDecisionDays',
    'answerDays',
    'visitWorkingDays',
    'hardMatterMonths',
    'backlogWorkingDays',
    'extensionMaxDays',
    'reviewRequestDays',
    'reviewAnswerDays',
    'superviseDueWorkingDays',
    'superviseReceiptWorkingDays',
    'superviseYellowOverdueDays',
    'superviseRedOverdueDays',
    'maxRepresentatives',
    'principalLeaderGroupSize',
    'unitArrivalMinutes',
    'principalLeaderRepeatVisits',
    'noticeLeadDays',
    'monthlyReceptions',
    'quarterlyOutsideVisits',
    'monthlyReportDueDay',
    'appointmentLeaderNoticeDays',
    'appointmentPetitionerNoticeDays',
    'queueMaxCalls',
    'minutesPerVisit',
  ] as const satisfies readonly (keyof Settings)[]
).map((name) => ({ name, ...(SETTINGS_LABELS[name] as { label: string; unit: string }) }));

/** The kinds that carry a document number, each with its character (shared/domain/numbers.ts). */
const NUMBERED = (Object.keys(DOC_KIND_CHARS) as DocumentKind[]).filter((k) => KINDS[k].numbered);

/** An antd rule from a rule of shared/domain/numbers.ts: the same message at the field as from the contract. */
const ruleOf = (problem: (text: string) => string | null) => ({
  validator: (_: unknown, v: unknown) => {
    const message = problem(typeof v === 'string' ? v.trim() : '');
    return message ? Promise.reject(new Error(message)) : Promise.resolve();
  },
});

/**
 * 排队号打印方式: the OS printer (the PDF path) or an ESC/POS receipt printer at an address, with
 * a test print to the address on the form (saved or not) and what the printer answered.
 */
function TicketPrinterFields({ editable, osPrinter }: { editable: boolean; osPrinter: ReactNode }) {
  const form = Form.useFormInstance();
  const { message } = App.useApp();
  const mode = Form.useWatch('ticketPrinterMode', form) as TicketPrinterMode | undefined;
  const [testing, setTesting] = useState(false);
  const escpos = mode === 'network' || mode === 'device';
  const test = handler(async () => {
    const to = (form.getFieldValue('ticketPrinterAddress') as string | undefined)?.trim() ?? '';
    if (printerAddressProblem(to) || !to) return void (await form.validateFields(['ticketPrinterAddress']));
    setTesting(true);
    const r = await hall.call('printer.test', { printerAddress: to });
    setTesting(false);
    if (!r.ok) message.error(r.error.fields?.[0]?.message ?? r.error.message);
    else if (r.value.printed)
      message.success(`测试小票已打印（${r.value.printer}）${r.value.message ? `；${r.value.message}` : ''}`);
    else message.error(r.value.message ?? '测试打印失败');
  });
  return (
    <>
      <Form.Item name="ticketPrinterMode" label={SETTINGS_LABELS.ticketPrinterMode.label}>
        <Select
          style={{ width: 320 }}
          options={TICKET_PRINTER_MODES.map((m) => ({ value: m, label: TICKET_PRINTER_MODE_LABELS[m] }))}
        />
      </Form.Item>
      {!escpos && osPrinter}
      {escpos && (
        <Form.Item label={SETTINGS_LABELS.ticketPrinterAddress.label} required extra={ADDRESS_HINT[mode]}>
          <Space align="start">
            <Form.Item
              name="ticketPrinterAddress"
              noStyle
              rules={[
                {
                  validator: (_: unknown, v: unknown) => {
                    const text = typeof v === 'string' ? v.trim() : '';
                    const problem = ticketPrinterProblem(mode, text);
                    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                  },
                },
              ]}
            >
              <Input
                style={{ width: 240 }}
                placeholder={mode === 'network' ? 'tcp://192.168.1.50:9100' : '/dev/usb/lp0 或 COM3'}
              />
            </Form.Item>
            {editable && (
              <Button onClick={test} loading={testing} data-testid="ticket-printer-test">
                测试打印
              </Button>
            )}
          </Space>
        </Form.Item>
      )}
    </>
  );
}

/** What the next number of a kind looks like with the values on the form. */
function DocNumberExample() {
  const form = Form.useFormInstance();
  const pattern = Form.useWatch('docNumberPattern', form) as string | undefined;
  const organ = Form.useWatch('organAbbreviation', form) as string | undefined;
  const chars = Form.useWatch('docKindChars', form) as Record<string, string> | undefined;
  if (!pattern || docNumberPatternProblem(pattern)) return null;
  const example = (kind: DocumentKind, seq: number) =>
    formatDocNumber(pattern, { organ: organ?.trim() ?? '', kindChar: chars?.[kind]?.trim() ?? '', year: 2026 }, seq);
  return (
    <Form.Item label="文号示例">
      <span data-testid="doc-number-example">
        {example('registration', 12)}　{example('assignment', 3)}
      </span>
    </Form.Item>
  );
}

/** 设置 › 单位: the office name, the document number pattern and every rule number (brief §5). */
export function OfficeSettings({ editable }: { editable: boolean }) {
  const current = useCall('settings.get', {});
  const { refresh } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [printers, setPrinters] = useState<{ value: string; label: string }[] | null>(null);
  useEffect(() => {
    void hostPrinter
      ?.list()
      .then(
        (r) =>
          r.ok &&
          setPrinters([
            { value: '', label: '系统默认打印机' },
            ...r.value.map((p) => ({ value: p.name, label: p.isDefault ? `${p.name}（默认）` : p.name })),
          ]),
      );
  }, []);
  const printerField = (name: 'ticketPrinter' | 'a4Printer', labelText: string, extra: string) => (
    <Form.Item
      name={name}
      label={labelText}
      extra={printers ? extra : '在桌面程序中可选择打印机；浏览器中通过打印对话框打印。'}
    >
      {printers ? <Select options={printers} style={{ width: 320 }} /> : <Input disabled style={{ width: 320 }} />}
    </Form.Item>
  );
  if (!current.data)
    return current.error ? <Alert type="error" showIcon title={current.error.message} /> : <Skeleton active />;
  return (
    <Form
      form={form}
      layout="horizontal"
      labelCol={{ span: 9 }}
      wrapperCol={{ span: 12 }}
      style={{ maxWidth: 760 }}
      initialValues={current.data}
      disabled={!editable}
      onFinish={handler(async (v: Settings) => {
        const r = await submit(form, 'settings.update', v);
        if (r.ok) {
          setError(null);
          message.success('设置已保存');
          void refresh();
        } else setError(r.error.message);
      })}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form.Item name="officeName" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="officePhone" label="对外联系电话" extra="印在约访通知书和接访公示上">
        <Input style={{ width: 320 }} placeholder="例如 0573-84120000" />
      </Form.Item>
      <Form.Item
        name="organAbbreviation"
        label="机关代字"
        extra="文号开头的机关简称，如 清信访；不用可留空"
        rules={[ruleOf(organAbbreviationProblem)]}
      >
        <Input style={{ width: 200 }} maxLength={8} />
      </Form.Item>
      <Form.Item
        name="docNumberPattern"
        label="文号格式"
        extra="{organ} 机关代字，{kind} 文种代字，{year} 年份，{seq} 序号（不补零；{seq:4} 补足4位）"
        rules={[{ required: true, message: '请填写文号格式' }, ruleOf(docNumberPatternProblem)]}
      >
        <Input style={{ width: 320 }} />
      </Form.Item>
      <Form.Item name="fondsNo" label="全宗号" extra="档案馆给本单位的全宗号，用于档号">
        <Input style={{ width: 200 }} />
      </Form.Item>
      <Form.Item
        name="archiveNoPattern"
        label="档号格式"
        extra={`{全宗号}、{year} 归档年度、{保管期限代码}（Y/D30/D10）、{seq} 件号，例如 ${formatArchiveNo(ARCHIVE_NO_PATTERN, { fonds: 'X012', year: '2026', period: '30年', seq: 5 })}`}
      >
        <Input />
      </Form.Item>
      {RETENTION_FACTS.map((f) => (
        <Form.Item
          key={f}
          name={['retentionRule', f]}
          label={`保管期限：${RETENTION_FACT_LABELS[f]}`}
          extra={f === 'other' ? '案件符合多项时取最长的期限' : undefined}
        >
          <Select options={RETENTION_PERIODS.map((p) => ({ value: p, label: p }))} style={{ width: 200 }} />
        </Form.Item>
      ))}
      <Form.Item
        label="文种代字"
        wrapperCol={{ span: 15 }}
        extra="每种文书每年单独编号；代字相同的文书共用一个序号，留空则不加代字"
      >
        {NUMBERED.map((kind) => (
          <Form.Item
            key={kind}
            name={['docKindChars', kind]}
            label={KINDS[kind].label}
            labelCol={{ flex: '12em' }}
            wrapperCol={{ flex: 'auto' }}
            rules={[ruleOf(kindCharProblem)]}
            style={{ marginBottom: 6 }}
          >
            <Input style={{ width: 64 }} maxLength={2} aria-label={`${KINDS[kind].label}代字`} />
          </Form.Item>
        ))}
      </Form.Item>
      <DocNumberExample />
      <TicketPrinterFields
        editable={editable}
        osPrinter={printerField('ticketPrinter', '排队号打印机', '80毫米小票打印机，静默打印')}
      />
      {printerField('a4Printer', 'A4 文书打印机', '打印前显示打印对话框，可选份数')}
      <CardReaderFields />
      <Form.Item
        label="打印字体"
        extra="本机字体缺少的生僻字（如扩展B区汉字）从这里添加的字体取字；填写本机 .ttf/.otf/.ttc 字体文件的完整路径。"
      >
        <Form.List name="printFonts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={f.name} rules={[{ required: true, message: '请填写字体文件路径' }]}>
                    <Input
                      style={{ width: 320 }}
                      placeholder={'C:\\Windows\\Fonts\\字体.ttf'}
                      aria-label={`打印字体${i + 1}`}
                    />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    删除
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add('')} disabled={fields.length >= 8}>
                添加字体文件
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="reportAddressee" label="报告主送机关" extra="日报、周报、月报的主送机关，例如 市信访局">
        <Input />
      </Form.Item>
      {NUMBERS.map((n) => (
        <Form.Item
          key={n.name}
          name={n.name}
          label={n.label}
          rules={[
            { required: true, message: `请填写${FIELD_LABELS[n.name] ?? n.label}` },
            fieldRule(FIELD_LABELS[n.name] ?? n.label, settingsSchema.shape[n.name]),
          ]}
        >
          <InputNumber aria-label={n.label} suffix={n.unit} style={{ width: 200 }} />
        </Form.Item>
      ))}
      {editable && (
        <Form.Item wrapperCol={{ offset: 9 }}>
          <Button type="primary" htmlType="submit">
            保存设置
          </Button>
        </Form.Item>
      )}
    </Form>
  );
}
