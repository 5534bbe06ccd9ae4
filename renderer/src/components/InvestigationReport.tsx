import { App, Button, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { downloadDocument } from '../api/files';
import { submit } from '../api/submit';

type Detail = MethodOutput<'cases.get'>;
interface Values {
  findings: string;
  measures: string;
  stabilityMeasures: string;
  result: string;
  signedOn: Dayjs;
}

/**
 * 查办报告 (seed 004, the "六有"): after 办结 the owning leader reports what was found, the
 * measures taken, the 稳控措施 in place and the result; saved, it prints for the leader's
 * signature and is filed in the folder.
 */
export function InvestigationReport({ detail, onSaved }: { detail: Detail; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  const save = async (v: Values) => {
    setBusy(true);
    const r = await submit(form, 'cases.report', {
      caseId: detail.caseId,
      findings: v.findings,
      measures: v.measures,
      stabilityMeasures: v.stabilityMeasures,
      result: v.result,
      signedOn: v.signedOn.format('YYYY-MM-DD'),
    });
    if (!r.ok) {
      setBusy(false);
      return void (r.error.fields?.length ? null : message.error(r.error.message));
    }
    setOpen(false);
    const printed = await downloadDocument(
      'investigation',
      r.value.id,
      (doc) => `查办报告-${doc.docNo || detail.caseNo}.pdf`,
    );
    setBusy(false);
    if (printed.ok) message.success(`查办报告 ${printed.value.docNo} 已生成，请包案领导签字`);
    else message.warning(`查办报告已保存，但未能生成：${printed.error.message}，可在“档案”中补打`);
    onSaved();
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>查办报告</Button>
      <Modal
        title={`包案领导查办报告：${detail.caseNo}（${detail.leader ?? ''}）`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="保存并打印查办报告"
        confirmLoading={busy}
        destroyOnHidden
        width={640}
      >
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ signedOn: dayjs() }}
          onFinish={(v) => void save(v)}
        >
          <Form.Item name="findings" label="查办情况" rules={[{ required: true, message: '请填写查办情况' }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} />
          </Form.Item>
          <Form.Item name="measures" label="采取的措施" rules={[{ required: true, message: '请填写采取的措施' }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
          <Form.Item name="stabilityMeasures" label="稳控措施" rules={[{ required: true, message: '请填写稳控措施' }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
          </Form.Item>
          <Form.Item name="result" label="办理结果" rules={[{ required: true, message: '请填写办理结果' }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
          </Form.Item>
          <Form.Item name="signedOn" label="包案领导签字日期" rules={[{ required: true, message: '请选择签字日期' }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
