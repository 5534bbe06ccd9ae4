import {
  Alert,
  App,
  Button,
  Checkbox,
  Collapse,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { wholeNumber, type MethodInput, type MethodOutput } from '../../../shared/contract';
import { chinaMinute } from '../../../shared/domain/calendar';
import { SEX } from '../../../shared/domain/labels';
import { IDENTITY_SOURCE_LABELS, type IdentitySource, type Sex } from '../../../shared/domain/registration';
import { hall } from '../api/bridge';
import { handler } from '../api/handler';
import { fieldRule } from '../api/rules';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';
import { MatterPickers, MatterText } from './MatterFields';
import { RevealValue } from './RevealReason';

type Visit = MethodOutput<'visits.get'>;
type Registration = Visit['versions'][number]['data'];
type Person = Registration['petitioners'][number];

const SEX_OPTIONS = (Object.keys(SEX) as Sex[]).map((s) => ({ value: s, label: SEX[s] }));

interface FormValues {
  petitioners: {
    petitionerId: number;
    name: string;
    sex: Sex;
    idNumber?: string;
    phone?: string;
    address?: string;
    isRepresentative: boolean;
  }[];
  headCount: number;
  categoryId?: number | null;
  localityId?: number | null;
  demand: string;
  facts?: string;
  earlierHandling?: string;
  reason?: string;
}

/** One version of a registration: the petitioners and the matter, ID numbers and phones masked. */
function RegistrationView({ r, reveal }: { r: Registration; reveal: boolean }) {
  return (
    <>
      <Table<Person>
        rowKey="petitionerId"
        size="small"
        pagination={false}
        dataSource={r.petitioners}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '性别', render: (_, p) => SEX[p.sex], width: 56 },
          {
            title: '身份证号',
            render: (_, p) =>
              reveal && p.idNumber ? (
                <RevealValue petitionerId={p.petitionerId} field="idNumber" masked={p.idNumber} />
              ) : (
                p.idNumber
              ),
          },
          {
            title: '电话',
            render: (_, p) =>
              reveal && p.phone ? (
                <RevealValue petitionerId={p.petitionerId} field="phone" masked={p.phone} />
              ) : (
                p.phone
              ),
          },
          { title: '住址或单位', dataIndex: 'address' },
          { title: '代表', render: (_, p) => (p.isRepresentative ? '是' : ''), width: 50 },
          // The current registration says where each identity came from (earlier versions do not keep it).
          ...(reveal
            ? [
                {
                  title: '身份信息',
                  width: 96,
                  render: (_: unknown, p: Person & { identitySource?: IdentitySource }) =>
                    p.identitySource && (
                      <Tag color={p.identitySource === 'card' ? 'green' : undefined} style={{ marginInlineEnd: 0 }}>
                        {IDENTITY_SOURCE_LABELS[p.identitySource]}
                      </Tag>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Descriptions size="small" column={2} style={{ marginTop: 8 }}>
        <Descriptions.Item label="来访人数">{r.headCount}</Descriptions.Item>
        <Descriptions.Item label="问题类别">{r.category ?? '未选'}</Descriptions.Item>
        <Descriptions.Item label="问题属地" span={2}>
          {r.locality ?? '未选'}
        </Descriptions.Item>
        <Descriptions.Item label="诉求" span={2}>
          {r.demand}
        </Descriptions.Item>
        <Descriptions.Item label="事实与理由" span={2}>
          {r.facts || '无'}
        </Descriptions.Item>
        <Descriptions.Item label="此前处理情况" span={2}>
          {r.earlierHandling || '无'}
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}

/**
 * A visit's registration (来访登记), its corrections (更正登记) and the versions they kept. The
 * back end says whether this account may correct it now (the counter before 立案; the
 * administrator or the owning leader after, with a reason); the form follows.
 */
export function VisitDrawer({ visitId, onClose }: { visitId: number | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [visit, setVisit] = useState<Visit | null>(null);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const refs = useCall('reference.lists', {});

  // Another visit (or none): forget the last one while rendering, not in an effect after it.
  const [visitFor, setVisitFor] = useState(visitId);
  if (visitFor !== visitId) {
    setVisitFor(visitId);
    setVisit(null);
    setEditing(false);
  }
  const load = useCallback(
    (id: number) =>
      hall.call('visits.get', { visitId: id }).then((r) => {
        if (r.ok) setVisit(r.value);
        else message.error(r.error.message);
      }),
    [message],
  );
  useEffect(() => {
    if (visitId !== null) void load(visitId);
  }, [visitId, load]);

  const startEditing = (v: Visit) => {
    form.resetFields();
    form.setFieldsValue({
      petitioners: v.petitioners.map((p) => ({
        petitionerId: p.petitionerId,
        name: p.name,
        sex: p.sex,
        idNumber: '',
        phone: '',
        address: p.address,
        isRepresentative: p.isRepresentative,
      })),
      headCount: v.headCount,
      categoryId: v.categoryId,
      localityId: v.localityId,
      demand: v.demand,
      facts: v.facts,
      earlierHandling: v.earlierHandling,
      reason: '',
    });
    setEditing(true);
  };

  const save = async (values: FormValues) => {
    if (!visit) return;
    setBusy(true);
    const input: MethodInput<'visits.correct'> = {
      visitId: visit.visitId,
      version: visit.version,
      petitioners: values.petitioners.map((p) => ({
        petitionerId: p.petitionerId,
        name: p.name,
        sex: p.sex,
        idNumber: p.idNumber ?? '',
        phone: p.phone ?? '',
        address: p.address ?? '',
        isRepresentative: p.isRepresentative === true,
      })),
      headCount: values.headCount,
      categoryId: values.categoryId ?? null,
      localityId: values.localityId ?? null,
      demand: values.demand,
      facts: values.facts ?? '',
      earlierHandling: values.earlierHandling ?? '',
      reason: values.reason ?? '',
    };
    const r = await submit(form, 'visits.correct', input);
    setBusy(false);
    if (!r.ok) {
      if (!r.error.fields?.length) message.error(r.error.message);
      return;
    }
    message.success(`已更正：${r.value.changed.join('、')}（第${r.value.version}版）`);
    setEditing(false);
    await load(visit.visitId);
  };

  return (
    <Drawer
      title={visit ? `来访登记 ${visit.visitNo}` : '来访登记'}
      open={visitId !== null}
      onClose={onClose}
      size="large"
      destroyOnHidden
    >
      {visit && !editing && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="visit-registration">
          <Descriptions size="small" column={2}>
            <Descriptions.Item label="来访日期">{visit.date}</Descriptions.Item>
            <Descriptions.Item label="接访领导">{visit.leader ?? '待定'}</Descriptions.Item>
            <Descriptions.Item label="登记人">{visit.registrar ?? ''}</Descriptions.Item>
            <Descriptions.Item label="版本">
              第{visit.version}版{visit.version > 1 ? `（已更正${visit.version - 1}次）` : ''}
            </Descriptions.Item>
            {visit.cases.length > 0 && (
              <Descriptions.Item label="案件" span={2}>
                {visit.cases.map((c) => (
                  <Tag key={c.caseId}>{c.caseNo}</Tag>
                ))}
              </Descriptions.Item>
            )}
          </Descriptions>
          <RegistrationView r={visit} reveal />
          {visit.correction.may ? (
            <Button onClick={() => startEditing(visit)}>更正登记</Button>
          ) : (
            <Typography.Text type="secondary">{visit.correction.why}</Typography.Text>
          )}
          <Typography.Title level={5}>更正记录</Typography.Title>
          <div data-testid="visit-history">
            {visit.versions.length === 0 ? (
              <Typography.Text type="secondary">登记后未更正过。</Typography.Text>
            ) : (
              <Collapse
                size="small"
                items={visit.versions.map((v) => ({
                  key: v.version,
                  // The version kept, then the correction that replaced it: when, by whom, what and why.
                  label: `第${v.version}版${v.version === 1 ? '（登记时）' : ''}　${chinaMinute(v.correctedAt)} ${v.correctedBy ?? '系统'}更正为第${v.version + 1}版：${v.changed.join('、')}${v.reason ? `；原因：${v.reason}` : ''}`,
                  children: <RegistrationView r={v.data} reveal={false} />,
                }))}
              />
            )}
          </div>
        </Space>
      )}
      {visit && editing && (
        <Form<FormValues> form={form} layout="vertical" onFinish={handler(save)} data-testid="visit-correction">
          {visit.correction.reasonRequired && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title="本次来访已立案：更正须写明原因，记入审计；此前打印的登记单核验时将显示“记录已更新”。"
            />
          )}
          <Form.List name="petitioners">
            {(fields) =>
              fields.map((f, i) => {
                const shown = visit.petitioners[i];
                return (
                  <Space key={f.key} align="start" wrap>
                    <Form.Item name={[f.name, 'petitionerId']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'name']}
                      label={i === 0 ? '姓名' : undefined}
                      rules={[{ required: true, message: '请填写姓名' }]}
                    >
                      <Input style={{ width: 92 }} aria-label={`更正信访人${i + 1}姓名`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'sex']} label={i === 0 ? '性别' : undefined}>
                      <Select style={{ width: 76 }} options={SEX_OPTIONS} aria-label={`更正信访人${i + 1}性别`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'idNumber']} label={i === 0 ? '身份证号（不改留空）' : undefined}>
                      <Input
                        style={{ width: 164 }}
                        placeholder={shown?.idNumber || '无'}
                        aria-label={`更正信访人${i + 1}身份证号`}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'phone']} label={i === 0 ? '电话（不改留空）' : undefined}>
                      <Input
                        style={{ width: 112 }}
                        placeholder={shown?.phone || '无'}
                        aria-label={`更正信访人${i + 1}电话`}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'address']} label={i === 0 ? '住址或单位' : undefined}>
                      <Input style={{ width: 120 }} aria-label={`更正信访人${i + 1}住址`} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'isRepresentative']}
                      valuePropName="checked"
                      label={i === 0 ? '\u3000' : undefined}
                    >
                      <Checkbox>代表</Checkbox>
                    </Form.Item>
                  </Space>
                );
              })
            }
          </Form.List>
          <Space wrap>
            <Form.Item name="headCount" label="来访人数" rules={[fieldRule('来访人数', wholeNumber(1, 5000))]}>
              <InputNumber aria-label="更正来访人数" />
            </Form.Item>
            <MatterPickers refs={refs.data} aria="更正" allowClear />
          </Space>
          <MatterText aria="更正" />
          <Form.Item
            name="reason"
            label="更正原因"
            required={visit.correction.reasonRequired}
            rules={visit.correction.reasonRequired ? [{ required: true, message: '请写明更正原因' }] : []}
          >
            <Input.TextArea rows={2} maxLength={200} aria-label="更正原因" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              保存更正
            </Button>
            <Button onClick={() => setEditing(false)}>取消</Button>
          </Space>
        </Form>
      )}
    </Drawer>
  );
}
