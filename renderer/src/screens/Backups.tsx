import { Secret } from '../components/Secret';
import { Alert, App, Button, Form, Modal, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { BackupView } from '../../../shared/contract';
import { hall } from '../api/bridge';
import { useSession } from '../api/session';
import { submit } from '../api/submit';
import { useCall } from '../api/useCall';
import { handler } from '../api/handler';

const REASONS: Record<string, string> = {
  manual: '手动',
  daily: '每日自动',
  exit: '退出时',
  'pre-rekey': '更换密钥前',
  replaced: '恢复前的数据',
};

/** A backup whose keyring still holds a revoked secret (or the live key) opens with more than today's secrets. */
const stale = (b: BackupView) => b.revoked > 0 || b.sharesLiveKey;

function staleNote(b: BackupView): string {
  return b.sharesLiveKey
    ? '旧格式备份：它的密钥文件也能打开当前数据库'
    : `此备份之后有 ${b.revoked} 个密码或恢复码已更换或停用，旧的仍能打开此备份`;
}

/** 设置 › 备份: take one now; restore one after the password is typed again. */
export function Backups() {
  const list = useCall('backup.list', {});
  const { refresh } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<BackupView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const staleCount = (list.data ?? []).filter(stale).length;

  const reencrypt = handler(async (name?: string) => {
    setBusy(true);
    const r = await hall.call('backup.reencrypt', name ? { name } : {});
    setBusy(false);
    if (!r.ok) message.error(r.error.message);
    else if (r.value.failed.length > 0)
      message.warning(
        `已重新加密 ${r.value.reencrypted.length} 个；${r.value.failed.length} 个未能处理：${r.value.failed[0]!.message}`,
      );
    else message.success(`已用当前的密码和恢复码重新加密 ${r.value.reencrypted.length} 个备份`);
    list.reload();
  });

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          loading={busy}
          onClick={handler(async () => {
            setBusy(true);
            const r = await hall.call('backup.create', {});
            setBusy(false);
            if (r.ok) message.success(`已备份：${r.value.name}`);
            else message.error(r.error.message);
            list.reload();
          })}
        >
          立即备份
        </Button>
        {staleCount > 0 && (
          <Popconfirm
            title={`重新加密 ${staleCount} 个备份？`}
            description="每个备份换用新密钥，只有当前的密码和恢复码能打开；数据不变。"
            okText="重新加密"
            cancelText="取消"
            onConfirm={() => reencrypt()}
          >
            <Button loading={busy}>重新加密 {staleCount} 个旧密钥备份</Button>
          </Popconfirm>
        )}
      </Space>
      {staleCount > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${staleCount} 个备份仍可用已更换或停用的密码、恢复码打开`}
          description="更换密码、停用账号、更换恢复码之前做的备份，用旧的密码或恢复码仍能打开。重新加密后，只有当前的密码和恢复码能打开。"
        />
      )}
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Table<BackupView>
        rowKey="name"
        size="middle"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm:ss') },
          {
            title: '类型',
            dataIndex: 'reason',
            render: (r: string) => REASONS[r] ?? (r.startsWith('pre-migrate') ? '升级前' : r),
          },
          { title: '大小', dataIndex: 'size', render: (s: number) => `${(s / 1024 / 1024).toFixed(1)} MB` },
          {
            title: '文件',
            dataIndex: 'name',
            render: (n: string, b) => (
              <Space size={4}>
                <code>{n}</code>
                {stale(b) && (
                  <Tooltip title={staleNote(b)}>
                    <Tag color="warning">旧密钥</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            title: '操作',
            render: (_, b) => (
              <Space size={4}>
                <Button size="small" danger onClick={() => (setError(null), form.resetFields(), setRestoring(b))}>
                  恢复
                </Button>
                {stale(b) && (
                  <Button size="small" disabled={busy} onClick={() => reencrypt(b.name)}>
                    重新加密
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title="从备份恢复"
        open={restoring !== null}
        okText="恢复"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onCancel={() => setRestoring(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          title={`将用 ${restoring ? dayjs(restoring.createdAt).format('YYYY-MM-DD HH:mm') : ''} 的备份替换当前数据`}
          description="备份之后录入的内容将不在恢复后的数据库中。当前数据库不会删除，会另存到备份目录。"
          style={{ marginBottom: 12 }}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={handler(async (v: { password: string }) => {
            const r = await submit(form, 'backup.restore', { name: restoring!.name, password: v.password });
            if (r.ok) {
              setRestoring(null);
              message.success(`已恢复，原数据库另存为 ${r.value.keptAside ?? '—'}`);
              list.reload();
              void refresh();
            } else setError(r.error.message);
          })}
        >
          <Form.Item name="password" label="请输入您的密码确认" rules={[{ required: true, message: '请输入密码' }]}>
            <Secret autoFocus autoComplete="current-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
