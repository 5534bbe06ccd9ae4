import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { downloadDocument } from '../api/files';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';

type Detail = MethodOutput<'cases.get'>;
interface Values {
  unitId?: number;
  responsiblePerson: string;
  goal: string;
  measures: string;
  deadlineOn: Dayjs;
  signedOn?: Dayjs;
}

/**
 * 包案领导责任书 (seed 002): the owning leader's goal, measures and deadline for the case, with the
 * unit and the person responsible; saved, it prints for signing and is filed in the folder.
 */
export function ResponsibilityLetter({ detail, onSaved }: { detail: Detail; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const units = useCall('units.list', {});
  const lastUnit = detail.assignments.at(-1)?.leadUnit;

  const save = async (v: Values) => {
    setBusy(true);
    const r = await submit(form, 'cases.responsibility', {
      caseId: detail.caseId,
      unitId: v.unitId ?? null,
      responsiblePerson: v.responsiblePerson,
      goal: v.goal,
      measures: v.measures,
      deadlineOn: v.deadlineOn.format('YYYY-MM-DD'),
      signedOn: v.signedOn ? v.signedOn.format('YYYY-MM-DD') : null,
    });
    if (!r.ok) {
      setBusy(false);
      return void (r.error.fields?.length ? null : message.error(r.error.message));
    }
    setOpen(false);
    const printed = await downloadDocument(
      'responsibility',
      r.value.id,
      (doc) => `包案领导责任书-${doc.docNo || detail.caseNo}.pdf`,
    );
    setBusy(false);
    if (printed.ok) message.success(`责任书 ${printed.value.docNo} 已生成，请包案领导签字`);
    else message.warning(`责任书已保存，但未能生成：${printed.error.message}，可在“档案”中补打`);
    onSaved();
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>包案责任书</Button>
      <Modal
        title={`包案领导责任书：${detail.caseNo}（${detail.leader ?? ''}）`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="保存并打印责任书"
        confirmLoading={busy}
        destroyOnHidden
        width={600}
      >
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            unitId: units.data?.find((u) => u.name === lastUnit)?.id,
            deadlineOn: dayjs(detail.deadlineOn),
          }}
          onFinish={(v) => void save(v)}
        >
          <Form.Item name="unitId" label="责任单位">
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item name="responsiblePerson" label="责任人" rules={[{ required: true, message: '请填写责任人' }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="goal" label="化解目标" rules={[{ required: true, message: '请填写化解目标' }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
          </Form.Item>
          <Form.Item name="measures" label="工作措施" rules={[{ required: true, message: '请填写工作措施' }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} />
          </Form.Item>
          <Form.Item name="deadlineOn" label="化解时限" rules={[{ required: true, message: '请选择化解时限' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="signedOn" label="签订日期（签字后填写，可留空）">
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
