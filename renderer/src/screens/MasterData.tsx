import { Alert, App, Button, Checkbox, Form, Input, Modal, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import { submit } from '../api/submit';
import { handler } from '../api/handler';
import { useCall } from '../api/useCall';
import { ExcelTransfer } from '../components/ExcelTransfer';
import { Editable, ScopeFields } from './People';

type Locality = MethodOutput<'localities.list'>[number];
type Category = MethodOutput<'categories.list'>[number];
type Entry = (Locality | Category) & { code?: string | null; level?: Locality['level'] };
type TreeRow = Entry & { children?: TreeRow[] };

const LEVEL: Record<Locality['level'], string> = {
  county: '县（区）',
  township: '乡镇',
  street: '街道',
  village: '村',
  community: '社区',
  other: '其他',
};

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const orNull = (v: unknown): string | null => str(v) || null;
const state = (a: boolean) => (a ? <Tag color="green">在用</Tag> : <Tag>停用</Tag>);

/**
 * Two levels as a tree: the first level (a township or street, a first-level category) with its
 * children under it. The office's county, when the list has one, is the root of the list and
 * not a row: its townships are the first level.
 */
function treeOf(rows: Entry[]): TreeRow[] {
  const counties = new Set(rows.filter((r) => r.level === 'county').map((r) => r.id));
  const tops = rows.filter((r) => r.level !== 'county' && (r.parentId === null || counties.has(r.parentId)));
  return tops.map((t) => {
    const children = rows.filter((r) => r.parentId === t.id);
    return children.length > 0 ? { ...t, children } : { ...t };
  });
}

type Editing = { row: Entry } | { parent: Entry | null } | null;

/**
 * One two-level list (属地 or 问题类别): add at either level, rename, retire and bring back.
 * Nothing is deleted: an entry that records use is retired, stays on those records, and leaves
 * the pickers for new entries.
 */
function TwoLevels(props: {
  kind: 'localities' | 'categories';
  admin: boolean;
  rows: Entry[] | null;
  loading: boolean;
  reload: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const tree = treeOf(props.rows ?? []);
  const places = props.kind === 'localities';
  const words = places
    ? { top: '乡镇（街道）', child: '村（社区）', noun: '属地' }
    : { top: '一级类别', child: '二级类别', noun: '问题类别' };
  const parentOf = (e: Editing): Entry | null =>
    e === null ? null : 'parent' in e ? e.parent : (props.rows?.find((r) => r.id === e.row.parentId) ?? null);
  const isChild = (e: Editing) => {
    const p = parentOf(e);
    return p !== null && p.level !== 'county';
  };

  const save = async (
    entry: Partial<Entry> & { name: string; code?: string | null; active: boolean },
    parent: Entry | null,
  ) => {
    const parentId = parent && parent.level !== 'county' ? parent.id : null;
    return places
      ? submit(form, 'localities.save', {
          ...(entry.id ? { id: entry.id } : {}),
          name: entry.name,
          code: entry.code ?? null,
          parentId,
          active: entry.active,
        })
      : submit(form, 'categories.save', {
          ...(entry.id ? { id: entry.id } : {}),
          name: entry.name,
          parentId,
          active: entry.active,
        });
  };

  const open = (e: Editing) => {
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      e && 'row' in e ? { name: e.row.name, code: e.row.code ?? '', active: e.row.active } : { active: true },
    );
    setEditing(e);
  };

  const toggle = handler(async (row: Entry) => {
    const r = await save({ ...row, active: !row.active }, props.rows?.find((p) => p.id === row.parentId) ?? null);
    if (r.ok) {
      message.success(row.active ? `已停用“${row.name}”` : `已启用“${row.name}”`);
      props.reload();
    } else message.error(r.error.message);
  });

  const title = editing
    ? `${'row' in editing ? '修改' : '新增'}${isChild(editing) ? words.child : words.top}${
        parentOf(editing) && isChild(editing) ? `（${parentOf(editing)!.name}）` : ''
      }`
    : '';

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {props.admin && (
        <Space wrap>
          <Button
            type="primary"
            onClick={() =>
              open({ parent: props.rows?.find((r) => r.level === 'county' && r.parentId === null) ?? null })
            }
          >
            新增{words.top}
          </Button>
          <ExcelTransfer what={props.kind} onImported={props.reload} />
        </Space>
      )}
      <Table<TreeRow>
        rowKey="id"
        size="small"
        loading={props.loading}
        dataSource={tree}
        expandable={{
          // Open unless closed by hand: a village just added shows under its township.
          expandedRowKeys: tree.filter((t) => t.children && !collapsed.has(t.id)).map((t) => t.id),
          onExpand: (open, row) =>
            setCollapsed((c) => {
              const next = new Set(c);
              if (open) next.delete(row.id);
              else next.add(row.id);
              return next;
            }),
        }}
        pagination={false}
        scroll={{ y: 'calc(100vh - 330px)' }}
        columns={[
          {
            title: '名称',
            render: (_: unknown, r) => (r.active ? <b>{r.name}</b> : <span style={{ color: '#999' }}>{r.name}</span>),
          },
          ...(places
            ? [
                { title: '行政区划代码', width: 150, render: (_: unknown, r: TreeRow) => r.code ?? '' },
                { title: '级别', width: 80, render: (_: unknown, r: TreeRow) => (r.level ? LEVEL[r.level] : '') },
              ]
            : [
                {
                  title: '级别',
                  width: 90,
                  render: (_: unknown, r: TreeRow) => (r.parentId === null ? '一级' : '二级'),
                },
              ]),
          { title: '记录中使用', width: 100, render: (_: unknown, r) => (r.uses > 0 ? `${r.uses} 处` : '未使用') },
          { title: '状态', width: 70, render: (_: unknown, r) => state(r.active) },
          ...(props.admin
            ? [
                {
                  title: '操作',
                  width: 220,
                  render: (_: unknown, r: TreeRow) => {
                    const top = !props.rows?.some((p) => p.id === r.parentId && p.level !== 'county');
                    return (
                      <Space size={4}>
                        <Button size="small" onClick={() => open({ row: r })}>
                          修改
                        </Button>
                        <Button size="small" onClick={() => toggle(r)}>
                          {r.active ? '停用' : '启用'}
                        </Button>
                        {top && r.active && (
                          <Button size="small" onClick={() => open({ parent: r })}>
                            新增{places ? '村' : '二级'}
                          </Button>
                        )}
                      </Space>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
      <Modal
        title={title}
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
          // Its own field ids: the two lists' dialogs are both mounted, and a label must find its own input.
          name={props.kind}
          layout="vertical"
          onFinish={handler(async (v: Record<string, unknown>) => {
            const row = editing && 'row' in editing ? editing.row : undefined;
            const r = await save(
              { ...(row ? { id: row.id } : {}), name: str(v.name), code: orNull(v.code), active: v.active !== false },
              parentOf(editing),
            );
            if (r.ok) {
              setEditing(null);
              message.success('已保存');
              props.reload();
            } else setError(r.error.message);
          })}
        >
          <Form.Item
            name="name"
            label={`${editing && isChild(editing) ? words.child : words.top}名称`}
            rules={[{ required: true, whitespace: true, message: `请填写${words.noun}名称` }]}
          >
            <Input autoFocus maxLength={30} />
          </Form.Item>
          {places && (
            <Form.Item
              name="code"
              label="行政区划代码（可不填）"
              extra={editing && isChild(editing) ? '村（社区）为12位数字' : '乡镇（街道）为9位数字'}
            >
              <Input maxLength={12} style={{ width: 200 }} inputMode="numeric" />
            </Form.Item>
          )}
          <Form.Item name="active" valuePropName="checked">
            <Checkbox>在用</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

/** 设置 › 基础数据: the office's own lists — 属地, 问题类别, 责任单位 and 接待室. */
export function MasterData({ admin }: { admin: boolean }) {
  const localities = useCall('localities.list', {});
  const categories = useCall('categories.list', {});
  const refs = useCall('reference.lists', {});
  const units = useCall('units.list', {});
  const rooms = useCall('rooms.list', {});
  const names = (list: 'categories' | 'localities', ids: number[]) =>
    ids
      .map((id) => refs.data?.[list].find((x) => x.id === id)?.name)
      .filter(Boolean)
      .join('、');
  return (
    <Tabs
      tabPosition="left"
      items={[
        ...(
          [
            ['localities', '属地', localities],
            ['categories', '问题类别', categories],
          ] as const
        ).map(([kind, label, list]) => ({
          key: kind,
          label,
          children: (
            <TwoLevels
              kind={kind}
              admin={admin}
              rows={list.data}
              loading={list.loading}
              reload={() => (list.reload(), refs.reload())}
            />
          ),
        })),
        {
          key: 'units',
          label: '责任单位',
          children: (
            <Editable<MethodOutput<'units.list'>[number], 'units.save'>
              title="单位"
              rows={units.data}
              loading={units.loading}
              reload={units.reload}
              admin={admin}
              method="units.save"
              tools={<ExcelTransfer what="units" onImported={units.reload} />}
              columns={[
                { title: '单位', render: (u) => <b>{u.name}</b> },
                { title: '联系人', render: (u) => u.contact ?? '' },
                { title: '电话', render: (u) => u.phone ?? '' },
                { title: '负责类别', render: (u) => names('categories', u.categoryIds) },
                { title: '状态', render: (u) => state(u.active) },
              ]}
              empty={{ name: '', contact: '', phone: '', active: true, categoryIds: [], localityIds: [] }}
              toForm={(u) => ({ ...u, contact: u.contact ?? '', phone: u.phone ?? '' })}
              fromForm={(v, id) => ({
                ...(id ? { id } : {}),
                name: str(v.name),
                contact: orNull(v.contact),
                phone: orNull(v.phone),
                active: v.active !== false,
                categoryIds: Array.isArray(v.categoryIds) ? (v.categoryIds as number[]) : [],
                localityIds: Array.isArray(v.localityIds) ? (v.localityIds as number[]) : [],
              })}
              fields={
                <>
                  <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
                    <Input autoFocus />
                  </Form.Item>
                  <Space>
                    <Form.Item name="contact" label="联系人">
                      <Input />
                    </Form.Item>
                    <Form.Item name="phone" label="电话">
                      <Input />
                    </Form.Item>
                  </Space>
                  <ScopeFields refs={refs.data} />
                  <Form.Item name="active" valuePropName="checked">
                    <Checkbox>在用（停用后不能再交办给它，已有记录不变）</Checkbox>
                  </Form.Item>
                </>
              }
            />
          ),
        },
        {
          key: 'rooms',
          label: '接待室',
          children: (
            <Editable<MethodOutput<'rooms.list'>[number], 'rooms.save'>
              title="接待室"
              rows={rooms.data}
              loading={rooms.loading}
              reload={rooms.reload}
              admin={admin}
              method="rooms.save"
              tools={<ExcelTransfer what="rooms" onImported={rooms.reload} />}
              columns={[
                { title: '名称', render: (r) => <b>{r.name}</b> },
                { title: '位置', render: (r) => r.location ?? '' },
                { title: '排队号前缀', render: (r) => r.queuePrefix ?? '' },
                { title: '状态', render: (r) => state(r.active) },
              ]}
              empty={{ name: '', location: '', queuePrefix: '', active: true }}
              toForm={(r) => ({ ...r, location: r.location ?? '', queuePrefix: r.queuePrefix ?? '' })}
              fromForm={(v, id) => ({
                ...(id ? { id } : {}),
                name: str(v.name),
                location: orNull(v.location),
                queuePrefix: orNull(v.queuePrefix),
                active: v.active !== false,
              })}
              fields={
                <>
                  <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
                    <Input autoFocus />
                  </Form.Item>
                  <Form.Item name="location" label="位置">
                    <Input />
                  </Form.Item>
                  <Form.Item name="queuePrefix" label="排队号前缀（一个大写字母）">
                    <Input maxLength={1} style={{ width: 80 }} />
                  </Form.Item>
                  <Form.Item name="active" valuePropName="checked">
                    <Checkbox>在用（不在值班表上的主要领导、替班领导接待时，从在用的接待室中安排）</Checkbox>
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
