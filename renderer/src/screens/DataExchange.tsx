import { Alert, App, Button, Card, Checkbox, DatePicker, Space, Steps, Table, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AccountView, MethodOutput } from '../../../shared/contract';
import { hall } from '../api/bridge';
import { caseExportJsonSchema } from '../../../shared/domain/case-export';
import { downloadBase64, downloadUrl, JSON_FILE, XLSX } from '../api/files';
import { toBase64 } from '../components/ExcelTransfer';
import { handler } from '../api/handler';
import { useCan } from '../api/can';

type DryRun = MethodOutput<'import.history'>;

function downloadFormat() {
  const json = JSON.stringify(caseExportJsonSchema(), null, 2);
  downloadUrl(URL.createObjectURL(new Blob([json], { type: JSON_FILE })), '案件数据交换格式说明.schema.json');
}

/** 导出案件数据: cases accepted in a range as the exchange JSON; masked unless the administrator asks for full values. */
function CaseExport({ me }: { me: AccountView }) {
  const { message } = App.useApp();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const [full, setFull] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    const r = await hall.call('export.cases', {
      from: range[0].format('YYYY-MM-DD'),
      to: range[1].format('YYYY-MM-DD'),
      full,
    });
    setBusy(false);
    if (!r.ok) return void message.error(r.error.fields?.[0]?.message ?? r.error.message);
    downloadBase64(r.value.base64, r.value.fileName, JSON_FILE);
    message.success(`已导出 ${r.value.cases} 件${r.value.masked ? '（个人信息已脱敏）' : '（完整数据，已记入审计）'}`);
  };
  return (
    <Card size="small" title="导出案件数据（JSON，交给其他系统）">
      <Typography.Paragraph type="secondary">
        受理日期在所选范围内的全部案件，含信访人、来访、接谈记录、交办与签收、督办、延期、办结、回访、复查复核和已出文书。
        姓名、身份证号、电话默认脱敏，不含住址。接收系统按“格式说明”读取文件（JSON Schema，交给对方的技术人员）。
      </Typography.Paragraph>
      <Space wrap>
        <DatePicker.RangePicker
          aria-label="受理日期"
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
        {me.role === 'admin' && (
          <Checkbox checked={full} onChange={(e) => setFull(e.target.checked)}>
            完整数据（不脱敏，记入审计）
          </Checkbox>
        )}
        <Button type="primary" loading={busy} onClick={() => void run()}>
          导出 JSON
        </Button>
        {/* The format for the receiving system, from the same definition the export is checked
            against: a user at the counter has no repository to look a path up in. */}
        <Button onClick={downloadFormat}>下载格式说明</Button>
      </Space>
    </Card>
  );
}

/**
 * 导入历史数据: the template, a dry run whose every bad row is listed by row and column, and
 * the import, which the server runs all or nothing; 导入 is enabled only after a clean dry run.
 */
function HistoryImport() {
  const { message } = App.useApp();
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [dry, setDry] = useState<DryRun | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [done, setDone] = useState<DryRun | null>(null);

  const check = async (picked: File) => {
    setBusy('check');
    setDone(null);
    const base64 = await toBase64(picked);
    setFile({ name: picked.name, base64 });
    const r = await hall.call('import.history', { base64, dryRun: true });
    setBusy(null);
    setDry(r.ok ? r.value : null);
    setProblem(r.ok ? null : r.error.message);
  };
  const clean = dry !== null && dry.errors.length === 0;
  const run = async () => {
    if (!file || !clean) return;
    setBusy('import');
    const r = await hall.call('import.history', { base64: file.base64, dryRun: false });
    setBusy(null);
    if (!r.ok) return void setProblem(r.error.message);
    if (!r.value.imported) return void setDry(r.value);
    setDone(r.value);
    setDry(null);
    setFile(null);
    message.success(`已导入：来访 ${r.value.visits} 次，案件 ${r.value.cases} 件`);
  };
  const step = done ? 3 : clean ? 2 : file ? 1 : 0;

  return (
    <Card size="small" title="导入历史数据（启用本系统前的来访和案件）">
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: '下载模板并填写' }, { title: '选择文件，试导入检查' }, { title: '导入' }]}
      />
      <Typography.Paragraph type="secondary">
        每行一次来访；填了案件编号的行同时立案，多行同一编号为同一案件的多次来访。属地、类别、领导和单位须是系统中已有的名称。试导入只检查、不写入；有一行出错则全部不导入。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button
          onClick={handler(async () => {
            const r = await hall.call('import.template', {});
            if (!r.ok) return void message.error(r.error.message);
            downloadBase64(r.value.base64, r.value.fileName, XLSX);
          })}
        >
          下载模板
        </Button>
        <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => (void check(f), false)}>
          <Button loading={busy === 'check'} data-testid="history-pick">
            选择文件并试导入
          </Button>
        </Upload>
        <Button type="primary" disabled={!clean} loading={busy === 'import'} onClick={() => void run()}>
          导入
        </Button>
        {file && <Typography.Text type="secondary">{file.name}</Typography.Text>}
      </Space>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
      {done && (
        <Alert
          type="success"
          showIcon
          message={`已导入 ${done.rows} 行：来访 ${done.visits} 次，案件 ${done.cases} 件。可在“案件”台账中检索。`}
          data-testid="history-done"
        />
      )}
      {dry && clean && (
        <Alert
          type="success"
          showIcon
          message={`检查通过：共 ${dry.rows} 行（来访 ${dry.visits} 次，案件 ${dry.cases} 件），尚未写入。点“导入”完成导入。`}
          data-testid="history-clean"
        />
      )}
      {dry && !clean && (
        <>
          <Alert
            type="error"
            showIcon
            message={`共 ${dry.rows} 行，其中 ${new Set(dry.errors.map((e) => e.row)).size} 行有错误（${dry.errors.length} 处）。请在文件中改正后重新选择；改正前不能导入。`}
            style={{ marginBottom: 8 }}
          />
          <Table
            size="small"
            data-testid="history-errors"
            rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
            dataSource={dry.errors}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: '行', dataIndex: 'row', width: 70 },
              { title: '列', dataIndex: 'column', width: 120 },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** 数据交换: exports for other systems; the administrator also imports the older records here. */
export function DataExchange({ me }: { me: AccountView }) {
  const can = useCan();
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <CaseExport me={me} />
      {can('import.history') && <HistoryImport />}
    </Space>
  );
}
