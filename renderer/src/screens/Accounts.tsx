import { Secret } from '../components/Secret';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { AccountView } from '../../../shared/contract';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/domain/roles';
import { hall } from '../api/bridge';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';
import { handler } from '../api/handler';
import { activeLeaderOptions } from '../components/leaderOptions';

/** 设置 › 账号: create, reset a password (new key slot), deactivate (slot deleted). */
export function Accounts({ me }: { me: AccountView }) {
  const list = useCall('accounts.list', {});
  const leaders = useCall('leaders.list', {});
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<AccountView | null>(null);
  const [form] = Form.useForm();
  const [resetForm] = Form.useForm();
  const [error, setError] = useState<string | null>(null);

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => (setError(null), form.resetFields(), setCreating(true))}>
          新建账号
        </Button>
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Table<AccountView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          {
            title: '角色',
            dataIndex: 'role',
            render: (r: Role, a) => (
              <Tag>
                {ROLE_LABELS[r]}
                {a.leaderId ? `：${leaders.data?.find((l) => l.id === a.leaderId)?.name ?? ''}` : ''}
              </Tag>
            ),
          },
          {
            title: '状态',
            render: (_, a) =>
              a.mustChangePassword ? <Tag color="orange">待改初始密码</Tag> : <Tag color="green">正常</Tag>,
          },
          {
            title: '操作',
            render: (_, a) => (
              <Space>
                <Button size="small" onClick={() => (setError(null), resetForm.resetFields(), setResetting(a))}>
                  重置密码
                </Button>
                <Popconfirm
                  title={`停用账号“${a.displayName}”？`}
                  description="停用后该账号的密钥槽被删除，无法再登录。"
                  okText="停用"
                  cancelText="取消"
                  disabled={a.id === me.id}
                  // antd's Popconfirm awaits a returned promise (its OK button spins until it settles), though
                  // its type says void.
                  // eslint-disable-next-line @typescript-eslint/no-misused-promises
                  onConfirm={async () => {
                    const r = await hall.call('accounts.remove', { accountId: a.id });
                    if (r.ok) message.success('已停用');
                    else message.error(r.error.message);
                    list.reload();
                  }}
                >
                  <Button size="small" danger disabled={a.id === me.id}>
                    停用
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title="新建账号"
        open={creating}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText="创建"
        cancelText="取消"
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ role: 'operator' }}
          onFinish={handler(
            async (v: { username: string; displayName: string; role: Role; password: string; leaderId?: number }) => {
              const r = await submit(form, 'accounts.create', {
                ...v,
                leaderId: v.role === 'leader' ? (v.leaderId ?? null) : null,
              });
              if (r.ok) {
                setCreating(false);
                message.success(`已创建账号 ${r.value.username}，首次登录须修改密码`);
                list.reload();
              } else setError(r.error.message);
            },
          )}
        >
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label="角色">
            <Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a: { role?: Role }, b: { role?: Role }) => a.role !== b.role}>
            {({ getFieldValue }) =>
              getFieldValue('role') === 'leader' ? (
                <Form.Item
                  name="leaderId"
                  label="对应的接访领导（只能看到本人包案的案件）"
                  rules={[{ required: true, message: '请选择接访领导' }]}
                >
                  <Select showSearch optionFilterProp="label" options={activeLeaderOptions(leaders.data)} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item
            name="password"
            label="初始密码（至少8位）"
            rules={[
              { required: true, message: '请设置初始密码' },
              { min: 8, message: '密码至少8位' },
            ]}
          >
            <Secret autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={`重置“${resetting?.displayName ?? ''}”的密码`}
        open={resetting !== null}
        onCancel={() => setResetting(null)}
        onOk={() => resetForm.submit()}
        okText="重置"
        cancelText="取消"
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form
          form={resetForm}
          layout="vertical"
          requiredMark={false}
          onFinish={handler(async (v: { newPassword: string }) => {
            const r = await submit(resetForm, 'accounts.resetPassword', {
              accountId: resetting!.id,
              newPassword: v.newPassword,
            });
            if (r.ok) {
              setResetting(null);
              message.success('已重置，对方下次登录须修改密码');
              list.reload();
            } else setError(r.error.message);
          })}
        >
          <Form.Item
            name="newPassword"
            label="新的初始密码（至少8位）"
            rules={[
              { required: true, message: '请输入新密码' },
              { min: 8, message: '密码至少8位' },
            ]}
          >
            <Secret autoFocus autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
