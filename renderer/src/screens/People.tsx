import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { submit } from '../api/submit';
import { ExcelTransfer } from '../components/ExcelTransfer';
import { useCall } from '../api/useCall';
import { handler } from '../api/handler';
import { referenceOptions } from '../components/referenceOptions';

type Ref = MethodOutput<'reference.lists'>;
const PARTICIPANT_KINDS = { lawyer: '律师', deputy: '人大代表', cppcc: '政协委员', other: '其他' } as const;

/** A table of records with an add/edit dialog; `toForm` and `fromForm` map a row to the form and back. */
export function Editable<Row extends { id: number }, M extends MethodName>(props: {
  title: string;
  rows: Row[] | null;
  loading: boolean;
  reload: () => void;
  admin: boolean;
  method: M;
  columns: { title: string; render: (r: Row) => ReactNode }[];
  empty: Record<string, unknown>;
  toForm: (r: Row) => Record<string, unknown>;
  fromForm: (v: Record<string, unknown>, id: number | undefined) => MethodInput<M>;
  fields: ReactNode;
  tools?: ReactNode;
}) {
  const [form] = Form.useForm();
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {props.admin && (
        <Space>
          <Button type="primary" onClick={() => (setError(null), form.setFieldsValue(props.empty), setEditing('new'))}>
            新增{props.title}
          </Button>
          {props.tools}
        </Space>
      )}
      <Table<Row>
        rowKey="id"
        size="small"
        loading={props.loading}
        dataSource={props.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          ...props.columns.map((c) => ({ title: c.title, render: (_: unknown, r: Row) => c.render(r) })),
          ...(props.admin
            ? [
                {
                  title: '操作',
                  width: 80,
                  render: (_: unknown, r: Row) => (
                    <Button
                      size="small"
                      onClick={() => (
                        setError(null),
                        form.resetFields(),
                        form.setFieldsValue(props.toForm(r)),
                        setEditing(r)
                      )}
                    >
                      修改
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        title={`${editing === 'new' ? '新增' : '修改'}${props.title}`}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText="保存"
        cancelText="取消"
        forceRender
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={handler(async (v: Record<string, unknown>) => {
            const r = await submit(
              form,
              props.method,
              props.fromForm(v, editing === 'new' || editing === null ? undefined : editing.id),
            );
            if (r.ok) {
              setEditing(null);
              message.success('已保存');
              props.reload();
            } else setError(r.error.message);
          })}
        >
          {props.fields}
        </Form>
      </Modal>
    </Space>
  );
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const orNull = (v: unknown): string | null => str(v) || null;
const numbers = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
const names = (ref: Ref | null, list: 'categories' | 'localities', idList: number[]) =>
  idList
    .map((id) => ref?.[list].find((x) => x.id === id)?.name)
    .filter(Boolean)
    .join('、');

export function ScopeFields({ refs }: { refs: Ref | null }) {
  return (
    <>
      <Form.Item name="categoryIds" label="分管的问题类别（用于分派来访）">
        <Select mode="multiple" options={referenceOptions(refs?.categories)} />
      </Form.Item>
      <Form.Item name="localityIds" label="联系的属地">
        <Select mode="multiple" options={referenceOptions(refs?.localities)} />
      </Form.Item>
    </>
  );
}

/** 排班 › 领导与参加人: leaders and regular participants (units and rooms are in 设置 › 基础数据). */
export function People({ admin }: { admin: boolean }) {
  const refs = useCall('reference.lists', {});
  const leaders = useCall('leaders.list', {});
  const participants = useCall('participants.list', {});
  const active = (a: boolean) => (a ? <Tag color="green">在用</Tag> : <Tag>停用</Tag>);
  return (
    <Tabs
      tabPosition="left"
      items={[
        {
          key: 'leaders',
          label: '接访领导',
          children: (
            <Editable<MethodOutput<'leaders.list'>[number], 'leaders.save'>
              title="领导"
              rows={leaders.data}
              loading={leaders.loading}
              reload={leaders.reload}
              admin={admin}
              method="leaders.save"
              tools={<ExcelTransfer what="leaders" onImported={leaders.reload} />}
              columns={[
                { title: '姓名', render: (l) => <b>{l.name}</b> },
                { title: '职务', render: (l) => l.post },
                { title: '分管工作', render: (l) => l.portfolio },
                { title: '级别', render: (l) => `${l.rank}${l.isPrincipal ? '（主要领导）' : ''}` },
                { title: '分管类别', render: (l) => names(refs.data, 'categories', l.categoryIds) },
                { title: '状态', render: (l) => active(l.active) },
              ]}
              empty={{
                name: '',
                post: '',
                portfolio: '',
                rank: '',
                phone: '',
                isPrincipal: false,
                active: true,
                categoryIds: [],
                localityIds: [],
              }}
              toForm={(l) => ({ ...l, phone: l.phone ?? '' })}
              fromForm={(v, id) => ({
                ...(id ? { id } : {}),
                name: str(v.name),
                post: str(v.post),
                portfolio: str(v.portfolio),
                rank: str(v.rank),
                phone: orNull(v.phone),
                isPrincipal: v.isPrincipal === true,
                active: v.active !== false,
                categoryIds: numbers(v.categoryIds),
                localityIds: numbers(v.localityIds),
              })}
              fields={
                <>
                  <Space>
                    <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
                      <Input autoFocus />
                    </Form.Item>
                    <Form.Item name="post" label="职务" rules={[{ required: true, message: '请填写职务' }]}>
                      <Input style={{ width: 220 }} />
                    </Form.Item>
                  </Space>
                  <Form.Item name="portfolio" label="分管工作">
                    <Input />
                  </Form.Item>
                  <Space>
                    <Form.Item name="rank" label="级别">
                      <Input placeholder="如 副县级" />
                    </Form.Item>
                    <Form.Item name="phone" label="电话">
                      <Input />
                    </Form.Item>
                  </Space>
                  <ScopeFields refs={refs.data} />
                  <Space>
                    <Form.Item name="isPrincipal" valuePropName="checked">
                      <Checkbox>主要领导（接待20人以上集体访、3次以上重复访）</Checkbox>
                    </Form.Item>
                    <Form.Item name="active" valuePropName="checked">
                      <Checkbox>在用</Checkbox>
                    </Form.Item>
                  </Space>
                </>
              }
            />
          ),
        },
        {
          key: 'participants',
          label: '常邀参加人',
          children: (
            <Editable<MethodOutput<'participants.list'>[number], 'participants.save'>
              title="参加人"
              rows={participants.data}
              loading={participants.loading}
              reload={participants.reload}
              admin={admin}
              method="participants.save"
              columns={[
                { title: '姓名', render: (p) => <b>{p.name}</b> },
                { title: '身份', render: (p) => PARTICIPANT_KINDS[p.kind] },
                { title: '单位', render: (p) => p.organisation ?? '' },
                { title: '状态', render: (p) => active(p.active) },
              ]}
              empty={{ name: '', kind: 'lawyer', organisation: '', phone: '', active: true }}
              toForm={(p) => ({ ...p, organisation: p.organisation ?? '', phone: p.phone ?? '' })}
              fromForm={(v, id) => ({
                ...(id ? { id } : {}),
                name: str(v.name),
                kind: (v.kind as keyof typeof PARTICIPANT_KINDS | undefined) ?? 'other',
                organisation: orNull(v.organisation),
                phone: orNull(v.phone),
                active: v.active !== false,
              })}
              fields={
                <>
                  <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
                    <Input autoFocus />
                  </Form.Item>
                  <Form.Item name="kind" label="身份">
                    <Select options={Object.entries(PARTICIPANT_KINDS).map(([value, label]) => ({ value, label }))} />
                  </Form.Item>
                  <Form.Item name="organisation" label="单位">
                    <Input />
                  </Form.Item>
                  <Form.Item name="phone" label="电话">
                    <Input />
                  </Form.Item>
                  <Form.Item name="active" valuePropName="checked">
                    <Checkbox>在用</Checkbox>
                  </Form.Item>
                </>
              }
            />
          ),
        },
      ]}
    />
  );
}
