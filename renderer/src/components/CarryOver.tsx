import { Alert, App, DatePicker, Form, Input, Modal, Progress, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { CARRY_OVER_BATCH } from '../../../shared/contract/day';
import { hall } from '../api/bridge';
import { browserMs } from '../api/clock';
import { useSession } from '../api/session';
import { useCall } from '../api/useCall';
import { DutyWarning } from './DutyWarning';
import { activeLeaderOptions } from './leaderOptions';

type Unreceived = MethodOutput<'day.unreceived'>[number];

interface Values {
  kind: 'appointment' | 'close';
  at?: Dayjs;
  place?: string;
  leaderId?: number;
}

/**
 * 日终处理: every visitor not received today, at once, either booked as appointments on a chosen
 * day (one after another per leader, as many minutes apart as the 设置 say) or closed as left
 * without reception. Sent in batches (the contract's limit), with a progress bar; what was
 * received meanwhile is skipped by the back end and counted.
 */
export function CarryOverDialog({
  open,
  visitors,
  onClose,
  onChanged,
}: {
  open: boolean;
  visitors: readonly Unreceived[];
  onClose: () => void;
  /** Some visitors were moved: the lists behind the dialog re-read. */
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  // The hall's clock (HALL_NOW on a test clock), not the browser's: "today" is the back end's.
  const { clockOffset } = useSession();
  const today = dayjs(browserMs() + clockOffset);
  const [form] = Form.useForm<Values>();
  const leaders = useCall('leaders.list', {});
  const settings = useCall('settings.get', {});
  const kind = Form.useWatch('kind', form);
  const at = Form.useWatch('at', form);
  const [progress, setProgress] = useState<{ done: number; skipped: number; sent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const withoutLeader = visitors.filter((v) => v.leaderId === null).length;
  const running = progress !== null && progress.sent < visitors.length && error === null;

  const run = async (v: Values) => {
    setError(null);
    const to =
      v.kind === 'close'
        ? ({ kind: 'close' } as const)
        : ({
            kind: 'appointment',
            at: v.at!.format('YYYY-MM-DDTHH:mm'),
            place: v.place ?? '',
            leaderId: v.leaderId ?? null,
          } as const);
    let state = { done: 0, skipped: 0, sent: 0 };
    setProgress(state);
    for (let i = 0; i < visitors.length; i += CARRY_OVER_BATCH) {
      const batch = visitors.slice(i, i + CARRY_OVER_BATCH).map((u) => u.visitId);
      const r = await hall.call('day.carryOver', { visitIds: batch, to });
      if (!r.ok) {
        const field = r.error.fields?.find((f) => f.path.startsWith('to.'));
        if (field) form.setFields([{ name: field.path.slice(3) as keyof Values, errors: [field.message] }]);
        setError(
          state.done > 0
            ? `已处理 ${state.done} 人，其余未处理：${field?.message ?? r.error.message}`
            : (field?.message ?? r.error.message),
        );
        if (state.done > 0) onChanged();
        return;
      }
      state = { done: state.done + r.value.done, skipped: state.skipped + r.value.skipped, sent: i + batch.length };
      setProgress(state);
    }
    message.success(
      `${v.kind === 'close' ? '已结束今日来访' : '已改为约访'} ${state.done} 人` +
        (state.skipped ? `；${state.skipped} 人已接待或不在名单中，未处理` : ''),
    );
    setProgress(null);
    onChanged();
    onClose();
  };

  return (
    <Modal
      title="日终处理：今日未接待的来访人"
      open={open}
      onCancel={() => !running && onClose()}
      onOk={() => form.submit()}
      okText={kind === 'close' ? `结束 ${visitors.length} 人的今日来访` : `${visitors.length} 人全部改为约访`}
      okButtonProps={{ danger: kind === 'close', disabled: visitors.length === 0 }}
      confirmLoading={running}
      cancelText="取消"
      destroyOnHidden
      afterClose={() => {
        setProgress(null);
        setError(null);
      }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          kind: 'appointment',
          place: '信访接待大厅',
          at: today.add(1, 'day').hour(9).minute(0).second(0),
        }}
        onFinish={(v) => void run(v)}
        disabled={running}
      >
        <Form.Item name="kind" label="处理方式">
          <Radio.Group
            options={[
              { value: 'appointment', label: '全部改为约访' },
              { value: 'close', label: '全部结束今日来访（未接待离开）' },
            ]}
          />
        </Form.Item>
        {kind !== 'close' && (
          <>
            <Form.Item
              name="at"
              label="约访时间（从此时起，每位领导的来访人依次排开）"
              rules={[{ required: true, message: '请选择约访时间' }]}
              extra={`每人间隔 ${settings.data?.minutesPerVisit ?? '…'} 分钟（设置 › 每人接待用时）`}
            >
              <DatePicker
                showTime={{ format: 'HH:mm', minuteStep: 15 }}
                format="YYYY-MM-DD HH:mm"
                disabledDate={(d) => !d.isAfter(today, 'day')}
                aria-label="约访时间"
              />
            </Form.Item>
            {at?.isValid() && <DutyWarning date={at.format('YYYY-MM-DD')} />}
            <Form.Item
              name="place"
              label="地点"
              rules={[
                { required: true, whitespace: true, message: '请填写地点' },
                { min: 2, message: '地点至少2个字' },
                { max: 100, message: '地点最多100字' },
              ]}
            >
              <Input />
            </Form.Item>
            {withoutLeader > 0 && (
              <Form.Item
                name="leaderId"
                label={`约见领导（${withoutLeader} 人尚未分配领导）`}
                rules={[{ required: true, message: '请为尚未分配领导的来访人选择约见领导' }]}
              >
                <Select options={activeLeaderOptions(leaders.data)} aria-label="约见领导" />
              </Form.Item>
            )}
          </>
        )}
      </Form>
      <Typography.Paragraph type="secondary">
        {kind === 'close'
          ? `将把 ${visitors.length} 位今日未接待的来访人记为未接待离开，排队号作废；逐人记入审计。`
          : `将为 ${visitors.length} 位今日未接待的来访人各约一次访，排队号作废；逐人记入审计，之后可在约访提醒中打印通知书。`}
      </Typography.Paragraph>
      {progress && (
        <Progress
          percent={Math.round((progress.sent / Math.max(visitors.length, 1)) * 100)}
          format={() => `${progress.sent}/${visitors.length}`}
          data-testid="carry-over-progress"
        />
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="carry-over-error" />}
    </Modal>
  );
}
