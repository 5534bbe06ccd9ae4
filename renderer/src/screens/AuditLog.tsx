import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AuditEntryView, MethodInput, MethodOutput } from '../../../shared/contract';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS } from '../../../shared/domain/audit';
import { chinaMinute } from '../../../shared/domain/calendar';
import { hall } from '../api/bridge';
import { handler } from '../api/handler';
import { useCall } from '../api/useCall';
import { ExportButtons } from '../components/ExportButtons';

type Filters = Pick<MethodInput<'audit.list'>, 'actorId' | 'action' | 'record' | 'from' | 'to'>;

/** The actions to filter by, in words, alphabetically by their Chinese label's pinyin order. */
const ACTION_OPTIONS = AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a] })).sort((a, b) =>
  a.label.localeCompare(b.label, 'zh-CN'),
);

/**
 * 设置 › 审计日志: who did what to which record, in words (issue 16 item 8), newest first;
 * filters by person, action, record number and date; the filtered log to Excel; and the check
 * of the whole hash chain.
 */
export function AuditLog() {
  const [filters, setFilters] = useState<Filters>({});
  const [typed, setTyped] = useState('');
  const [beforeSeq, setBeforeSeq] = useState<number | undefined>(undefined);
  const page = useCall('audit.list', { ...filters, ...(beforeSeq ? { beforeSeq } : {}), limit: 50 });
  const accounts = useCall('accounts.list', {});
  const last = page.data?.entries.at(-1);
  const filter = (f: Filters) => {
    setFilters((now) => ({ ...now, ...f }));
    setBeforeSeq(undefined);
  };
  const fieldError = (path: string) => page.error?.fields?.find((f) => f.path === path)?.message;

  return (
    <>
      <ChainCheck />
      <Card
        size="small"
        title="操作记录"
        extra={<ExportButtons formats={['xlsx']} run={(format) => hall.call('audit.export', { ...filters, format })} />}
      >
        <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }}>
          <Form.Item>
            <Select
              aria-label="操作人"
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="操作人"
              style={{ width: 180 }}
              value={filters.actorId}
              onChange={(v: number | undefined) => filter({ actorId: v })}
              options={(accounts.data ?? []).map((a) => ({ value: a.id, label: `${a.displayName}(${a.username})` }))}
            />
          </Form.Item>
          <Form.Item>
            <Select
              aria-label="操作"
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="操作"
              style={{ width: 200 }}
              value={filters.action}
              onChange={(v: string | undefined) => filter({ action: v })}
              options={ACTION_OPTIONS}
            />
          </Form.Item>
          <Form.Item validateStatus={fieldError('record') ? 'error' : undefined} help={fieldError('record')}>
            <Input.Search
              aria-label="记录编号"
              allowClear
              placeholder="案件编号、来访编号、文号、用户名"
              style={{ width: 260 }}
              value={typed}
              maxLength={60}
              onChange={(e) => {
                setTyped(e.target.value);
                if (!e.target.value) filter({ record: undefined });
              }}
              onSearch={(v) => filter({ record: v.trim() || undefined })}
            />
          </Form.Item>
          <Form.Item validateStatus={fieldError('to') ? 'error' : undefined} help={fieldError('to')}>
            <DatePicker.RangePicker
              aria-label="日期"
              placeholder={['日期从', '至']}
              value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
              onChange={(r: [Dayjs | null, Dayjs | null] | null) =>
                filter({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })
              }
            />
          </Form.Item>
          <Form.Item>
            <Typography.Text type="secondary" data-testid="audit-total">
              共 {page.data?.total ?? '…'} 条
            </Typography.Text>
          </Form.Item>
        </Form>
        {page.error && !page.error.fields?.length && <Alert type="error" showIcon title={page.error.message} />}
        <Table<AuditEntryView>
          rowKey="seq"
          size="small"
          loading={page.loading}
          dataSource={page.data?.entries ?? []}
          pagination={false}
          locale={{ emptyText: filters.record ? `没有与“${filters.record}”有关的记录` : '没有符合条件的记录' }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 140, render: (t: string) => chinaMinute(t) },
            { title: '操作人', dataIndex: 'actorName', width: 150 },
            { title: '操作', dataIndex: 'actionLabel', width: 150 },
            {
              title: '对象',
              width: 220,
              render: (_, e) => (
                <>
                  {e.entityLabel} {e.record && <Typography.Text strong>{e.record}</Typography.Text>}
                </>
              ),
            },
            {
              title: '说明',
              width: 420,
              render: (_, e) => (e.action === 'petitioner.reveal' ? <Tag color="orange">{e.text}</Tag> : e.text),
            },
          ]}
        />
        <Space style={{ marginTop: 12 }}>
          <Button disabled={!beforeSeq} onClick={() => setBeforeSeq(undefined)}>
            最新
          </Button>
          <Button
            disabled={!last || (page.data?.entries.length ?? 0) < 50}
            onClick={() => last && setBeforeSeq(last.seq)}
          >
            更早的记录
          </Button>
        </Space>
      </Card>
    </>
  );
}

/** 校验审计日志: walks the whole hash chain and says in words whether it is whole. */
function ChainCheck() {
  const [verdict, setVerdict] = useState<MethodOutput<'audit.verify'> | null>(null);
  const [checking, setChecking] = useState(false);
  return (
    <div style={{ marginBottom: 12 }}>
      <Space wrap>
        <Button
          loading={checking}
          onClick={handler(async () => {
            setChecking(true);
            const r = await hall.call('audit.verify', {});
            setChecking(false);
            if (r.ok) setVerdict(r.value);
          })}
        >
          校验审计日志
        </Button>
        {!verdict && (
          <Typography.Text type="secondary">逐条核对哈希链，检查记录是否被改动、删除或截断。</Typography.Text>
        )}
      </Space>
      {verdict?.ok && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="audit-verdict"
          title={`审计日志完整：共 ${verdict.count} 条记录，哈希链逐条校验通过，没有发现改动、删除或截断。`}
        />
      )}
      {verdict && !verdict.ok && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="audit-verdict"
          title={`审计日志校验未通过：发现 ${verdict.breaks.length} 处问题。请保留现有数据和备份，并报告管理员。`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {verdict.breaks.map((b) => (
                <li key={`${b.seq}-${b.reason}`}>
                  {b.seq > 0 ? `第 ${b.seq} 条：` : ''}
                  {b.reason}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}
