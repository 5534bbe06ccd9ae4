import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';
import { handler } from '../api/handler';
import { activeLeaderOptions } from './leaderOptions';
import { DutyWarning } from './DutyWarning';

/** Who is invited, and the defaults the booking form starts from. */
export interface AppointmentTarget {
  visitId: number;
  name: string;
  leaderId: number | null;
  purpose: string;
}

interface Values {
  at: Dayjs;
  leaderId: number;
  place: string;
  purpose: string;
}

/** 约访: invite a petitioner (by one of their visits) to see a leader at a set time and place. */
export function BookAppointment({
  target,
  onClose,
  onBooked,
}: {
  target: AppointmentTarget | null;
  onClose: () => void;
  onBooked: (appointmentId: number) => Promise<void> | void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const leaders = useCall('leaders.list', {});
  const at = Form.useWatch('at', form) as Dayjs | undefined;
  const leaderId = Form.useWatch('leaderId', form) as number | undefined;
  return (
    <Modal
      title={target ? `约访 ${target.name}` : ''}
      open={target !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="约访"
      cancelText="取消"
      destroyOnHidden
    >
      {target && (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            leaderId: target.leaderId ?? undefined,
            place: '信访接待大厅',
            purpose: target.purpose,
            at: dayjs().add(1, 'day').hour(9).minute(0),
          }}
          onFinish={handler(async (v) => {
            const r = await submit(form, 'appointments.book', {
              visitId: target.visitId,
              leaderId: v.leaderId,
              at: v.at.format('YYYY-MM-DDTHH:mm'),
              place: v.place,
              purpose: v.purpose,
            });
            if (!r.ok) return void message.error(r.error.fields?.[0]?.message ?? r.error.message);
            await onBooked(r.value.id);
          })}
        >
          <Form.Item name="at" label="约访时间" rules={[{ required: true, message: '请选择时间' }]}>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="leaderId" label="约见领导" rules={[{ required: true, message: '请选择领导' }]}>
            <Select options={activeLeaderOptions(leaders.data)} />
          </Form.Item>
          {at?.isValid() && <DutyWarning date={at.format('YYYY-MM-DD')} leaderId={leaderId} />}
          <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写地点' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="purpose" label="事由" rules={[{ required: true, message: '请填写事由' }]}>
            <Input />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
