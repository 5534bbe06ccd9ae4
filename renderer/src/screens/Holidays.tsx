import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { wholeNumber, type MethodOutput } from '../../../shared/contract';
import { hall } from '../api/bridge';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';
import { handler } from '../api/handler';
import { fieldRule } from '../api/rules';

type Override = MethodOutput<'calendar.overrides'>['overrides'][number];

/** 排班 › 节假日: the administrator's holiday entries (they win over the built-in data) and a deadline calculator. */
export function Holidays({ admin }: { admin: boolean }) {
  const list = useCall('calendar.overrides', {});
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [calc] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<MethodOutput<'calendar.compute'> | null>(null);
  const last = list.data?.lastOfficialYear;

  return (
    <Row gutter={16}>
      <Col span={14}>
        <Card title="节假日调整" size="small">
          {last && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={`内置的官方节假日数据截至 ${last} 年。国务院办公厅公布 ${last + 1} 年安排后，请在此录入放假日期和调休上班日期。`}
            />
          )}
          {admin && (
            <Form
              form={form}
              layout="inline"
              style={{ marginBottom: 12 }}
              initialValues={{ kind: 'holiday' }}
              onFinish={handler(async (v: { date: Dayjs; kind: 'holiday' | 'workday'; name: string }) => {
                const r = await submit(form, 'calendar.setOverride', {
                  date: v.date.format('YYYY-MM-DD'),
                  kind: v.kind,
                  name: v.name,
                });
                if (r.ok) {
                  setError(null);
                  message.success('已保存');
                  form.resetFields(['date']);
                  list.reload();
                } else setError(r.error.message);
              })}
            >
              <Form.Item name="date" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker placeholder="日期" aria-label="调整日期" />
              </Form.Item>
              <Form.Item name="kind">
                <Radio.Group
                  options={[
                    { value: 'holiday', label: '放假' },
                    { value: 'workday', label: '调休上班' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="name" rules={[{ required: true, message: '请填写名称' }]}>
                <Input placeholder="名称，如 春节" style={{ width: 140 }} aria-label="调整名称" />
              </Form.Item>
              <Button type="primary" htmlType="submit">
                添加
              </Button>
            </Form>
          )}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Table<Override>
            rowKey="date"
            size="small"
            loading={list.loading}
            dataSource={list.data?.overrides ?? []}
            pagination={{ pageSize: 15 }}
            locale={{ emptyText: '没有调整，全部使用内置的官方数据' }}
            columns={[
              {
                title: '日期',
                dataIndex: 'date',
                render: (d: string) => `${d} ${['日', '一', '二', '三', '四', '五', '六'][dayjs(d).day()]}`,
              },
              {
                title: '类型',
                dataIndex: 'kind',
                render: (k: string) =>
                  k === 'holiday' ? <Tag color="red">放假</Tag> : <Tag color="blue">调休上班</Tag>,
              },
              { title: '名称', dataIndex: 'name' },
              ...(admin
                ? [
                    {
                      title: '操作',
                      render: (_: unknown, o: Override) => (
                        <Popconfirm
                          title={`删除 ${o.date} 的调整？`}
                          okText="删除"
                          cancelText="取消"
                          // antd's Popconfirm awaits a returned promise (its OK button spins until it settles), though
                          // its type says void.
                          // eslint-disable-next-line @typescript-eslint/no-misused-promises
                          onConfirm={async () => {
                            const r = await hall.call('calendar.removeOverride', { date: o.date });
                            if (r.ok) list.reload();
                            else message.error(r.error.message);
                          }}
                        >
                          <Button size="small" danger>
                            删除
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Col>
      <Col span={10}>
        <Card title="期限计算" size="small">
          <Form
            form={calc}
            layout="vertical"
            initialValues={{ from: dayjs(), days: 15, unit: 'working', rollForward: true }}
            onFinish={handler(
              async (v: { from: Dayjs; days: number; unit: 'working' | 'calendar'; rollForward: boolean }) => {
                const r = await submit(calc, 'calendar.compute', {
                  from: v.from.format('YYYY-MM-DD'),
                  days: v.days,
                  unit: v.unit,
                  rollForward: v.rollForward,
                });
                setResult(r.ok ? r.value : null);
              },
            )}
          >
            <Form.Item
              name="from"
              label="起算日期（受理、交办当天）"
              rules={[{ required: true, message: '请选择日期' }]}
            >
              <DatePicker style={{ width: '100%' }} aria-label="起算日期" />
            </Form.Item>
            <Space>
              <Form.Item name="days" label="期限" rules={[fieldRule('天数', wholeNumber(0, 3650))]}>
                <InputNumber aria-label="天数" />
              </Form.Item>
              <Form.Item name="unit" label="单位">
                <Radio.Group
                  options={[
                    { value: 'working', label: '工作日' },
                    { value: 'calendar', label: '日（自然日）' },
                  ]}
                />
              </Form.Item>
            </Space>
            <Form.Item name="rollForward" label="到期日遇节假日顺延" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              计算
            </Button>
          </Form>
          {result && (
            <div style={{ marginTop: 16 }} data-testid="deadline">
              <Typography.Title level={4} style={{ margin: 0 }}>
                {dayjs(result.date).format('YYYY年M月D日')}{' '}
                {['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'][dayjs(result.date).day()]}
              </Typography.Title>
              {result.rolled && <Tag color="orange">已顺延至工作日</Tag>}
              {result.warning && <Alert type="warning" showIcon title={result.warning} style={{ marginTop: 8 }} />}
            </div>
          )}
        </Card>
      </Col>
    </Row>
  );
}
