import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  TimePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { slotSession, wholeNumber, type MethodInput, type MethodOutput } from '../../../shared/contract';
import { FORM, SESSION } from '../../../shared/domain/labels';
import { OUTSIDE_PLACE_MESSAGE, RECEPTION_FORMS } from '../../../shared/domain/duty';
import { hall } from '../api/bridge';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';
import { handler } from '../api/handler';
import { activeLeaderOptions } from '../components/leaderOptions';
import { fieldRule } from '../api/rules';

type Rule = MethodOutput<'roster.rules'>[number];
type Kind = Rule['params']['kind'];

const KIND_OPTIONS: { value: Kind; label: string }[] = [
  { value: 'every_working_day', label: '每个工作日' },
  { value: 'weekly', label: '每周固定星期几' },
  { value: 'monthly_day', label: '每月固定日期' },
  { value: 'monthly_nth_weekday', label: '每月第几个星期几' },
  { value: 'once', label: '指定日期' },
];
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'].map((label, value) => ({
  value,
  label,
}));

interface RuleForm {
  name: string;
  kind: Kind;
  weekdays?: number[];
  day?: number;
  nth?: 1 | 2 | 3 | 4 | -1;
  weekday?: number;
  dates?: string;
  shiftToWorkingDay: boolean;
  session: Rule['session'];
  time: [Dayjs, Dayjs];
  form: Rule['form'];
  roomId?: number;
  place?: string;
  leaderIds: number[];
  valid: [Dayjs, Dayjs | null];
}

function params(v: RuleForm): Rule['params'] {
  switch (v.kind) {
    case 'every_working_day':
      return { kind: 'every_working_day' };
    case 'weekly':
      return { kind: 'weekly', weekdays: v.weekdays ?? [] };
    case 'monthly_day':
      return { kind: 'monthly_day', day: v.day ?? 1 };
    case 'monthly_nth_weekday':
      return { kind: 'monthly_nth_weekday', nth: v.nth ?? 1, weekday: v.weekday ?? 1 };
    case 'once':
      return { kind: 'once', dates: (v.dates ?? '').split(/[\s,，、]+/).filter(Boolean) };
  }
}

/** 排班 › 排班规则: the rules, a form for a new one, and generating a range of slots. */
export function RosterRules({ admin }: { admin: boolean }) {
  const rules = useCall('roster.rules', {});
  const leaders = useCall('leaders.list', {});
  const rooms = useCall('rooms.list', {});
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [generating, setGenerating] = useState<Rule | null>(null);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs().endOf('month')]);
  const [form] = Form.useForm<RuleForm>();
  const kind = Form.useWatch('kind', form);
  const slotForm = Form.useWatch('form', form);
  const leaderName = (id: number) => leaders.data?.find((l) => l.id === id)?.name ?? '';

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {admin && (
        <Button type="primary" onClick={() => (setError(null), form.resetFields(), setEditing(true))}>
          新建规则
        </Button>
      )}
      <Table<Rule>
        rowKey="id"
        size="small"
        loading={rules.loading}
        dataSource={rules.data ?? []}
        pagination={false}
        locale={{ emptyText: '还没有排班规则' }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '规则', dataIndex: 'description' },
          { title: '接访领导', render: (_, r) => r.leaderIds.map(leaderName).join('、') },
          { title: '时间', render: (_, r) => `${SESSION[r.session]} ${r.startTime}-${r.endTime}` },
          { title: '形式', render: (_, r) => FORM[r.form] },
          { title: '有效期', render: (_, r) => `${r.validFrom} 起${r.validTo ? ` 至 ${r.validTo}` : ''}` },
          ...(admin
            ? [
                {
                  title: '操作',
                  render: (_: unknown, r: Rule) => (
                    <Button size="small" onClick={() => setGenerating(r)}>
                      生成值班
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        title="新建排班规则"
        open={editing}
        onCancel={() => setEditing(false)}
        onOk={() => form.submit()}
        okText="保存"
        cancelText="取消"
        width={640}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form<RuleForm>
          form={form}
          layout="vertical"
          initialValues={{
            kind: 'monthly_day',
            day: 20,
            shiftToWorkingDay: true,
            session: 'morning',
            time: [dayjs('08:30', 'HH:mm'), dayjs('11:30', 'HH:mm')],
            form: 'regular',
            valid: [dayjs().startOf('month'), null],
          }}
          onFinish={handler(async (v) => {
            const input: MethodInput<'roster.saveRule'> = {
              name: v.name,
              params: params(v),
              shiftToWorkingDay: v.shiftToWorkingDay,
              session: v.session,
              startTime: v.time[0].format('HH:mm'),
              endTime: v.time[1].format('HH:mm'),
              form: v.form,
              roomId: v.roomId ?? null,
              place: v.place?.trim() || null,
              leaderIds: v.leaderIds,
              validFrom: v.valid[0].format('YYYY-MM-DD'),
              validTo: v.valid[1] ? v.valid[1].format('YYYY-MM-DD') : null,
            };
            const r = await submit(form, 'roster.saveRule', input);
            if (r.ok) {
              setEditing(false);
              message.success('规则已保存，可以生成值班');
              rules.reload();
            } else setError(r.error.fields?.map((f) => f.message).join('；') || r.error.message);
          })}
        >
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
            <Input autoFocus placeholder="例如：县级领导每月20日接访" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="kind" label="规则">
              <Select options={KIND_OPTIONS} style={{ width: 180 }} />
            </Form.Item>
            {kind === 'weekly' && (
              <Form.Item name="weekdays" label="星期" rules={[{ required: true, message: '请选择' }]}>
                <Select mode="multiple" options={WEEKDAYS} style={{ width: 260 }} />
              </Form.Item>
            )}
            {kind === 'monthly_day' && (
              <Form.Item name="day" label="每月几日" rules={[fieldRule('每月几日', wholeNumber(1, 31))]}>
                <InputNumber aria-label="每月几日" />
              </Form.Item>
            )}
            {kind === 'monthly_nth_weekday' && (
              <>
                <Form.Item name="nth" label="第几个" initialValue={1}>
                  <Select
                    style={{ width: 100 }}
                    options={[1, 2, 3, 4]
                      .map((n) => ({ value: n, label: `第${n}个` }))
                      .concat([{ value: -1, label: '最后一个' }])}
                  />
                </Form.Item>
                <Form.Item name="weekday" label="星期" initialValue={1}>
                  <Select style={{ width: 100 }} options={WEEKDAYS} />
                </Form.Item>
              </>
            )}
            {kind === 'once' && (
              <Form.Item
                name="dates"
                label="日期（多个用逗号分隔）"
                rules={[{ required: true, message: '请填写日期' }]}
              >
                <Input placeholder="2026-12-01, 2026-12-15" style={{ width: 260 }} />
              </Form.Item>
            )}
          </Space>
          <Form.Item name="shiftToWorkingDay" valuePropName="checked">
            <Checkbox>遇法定节假日顺延至下一个工作日</Checkbox>
          </Form.Item>
          <Space wrap>
            <Form.Item name="session" label="时段">
              <Select
                style={{ width: 100 }}
                options={slotSession.options.map((s) => ({ value: s, label: SESSION[s] || '自定' }))}
              />
            </Form.Item>
            <Form.Item name="time" label="时间">
              <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
            </Form.Item>
            <Form.Item name="form" label="形式">
              <Select style={{ width: 120 }} options={RECEPTION_FORMS.map((f) => ({ value: f, label: FORM[f] }))} />
            </Form.Item>
          </Space>
          <Form.Item name="leaderIds" label="接访领导" rules={[{ required: true, message: '至少选择一位领导' }]}>
            <Select mode="multiple" options={activeLeaderOptions(leaders.data)} aria-label="接访领导" />
          </Form.Item>
          {slotForm === 'outside' ? (
            <Form.Item name="place" label="下访地点" rules={[{ required: true, message: OUTSIDE_PLACE_MESSAGE }]}>
              <Input placeholder="例如：柳林镇红星村村委会" />
            </Form.Item>
          ) : (
            <Form.Item name="roomId" label="接待室">
              <Select allowClear options={(rooms.data ?? []).map((r) => ({ value: r.id, label: r.name }))} />
            </Form.Item>
          )}
          <Form.Item name="valid" label="有效期（结束可不填）">
            <DatePicker.RangePicker allowEmpty={[false, true]} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={`按“${generating?.name ?? ''}”生成值班`}
        open={generating !== null}
        okText="生成"
        cancelText="取消"
        onCancel={() => setGenerating(null)}
        onOk={handler(async () => {
          if (!generating) return;
          const r = await hall.call('roster.generate', {
            ruleId: generating.id,
            from: range[0].format('YYYY-MM-DD'),
            to: range[1].format('YYYY-MM-DD'),
          });
          if (!r.ok) return void message.error(r.error.fields?.[0]?.message ?? r.error.message);
          setGenerating(null);
          message.success(`新增 ${r.value.created} 次值班，已有的 ${r.value.kept} 次保持不变`);
        })}
      >
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          allowClear={false}
        />
      </Modal>
    </Space>
  );
}
