import { Secret } from '../components/Secret';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Tooltip,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { BackupView, MethodOutput } from '../../../shared/contract';
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

type Space = MethodOutput<'backup.status'>['local'];

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(bytes < 10 * 2 ** 30 ? 2 : 1)} GiB`;

/** Free space against the next backup, in words. */
function spaceText(space: Space): string {
  if (space.free === null) return '无法读取剩余空间';
  return `剩余 ${gib(space.free)}，下一次备份约需 ${gib(space.needed)}${space.short ? '（不足）' : ''}`;
}

/**
 * 第二备份位置: the folder (a USB drive, a network share) each backup is copied to and checked
 * at; it is checked when saved (settings.update) and shown as it is now (backup.status), with
 * the last copy's outcome and what runs short. Read again when a backup ends.
 */
function BackupPlace() {
  const status = useCall('backup.status', {});
  const { refresh } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ backupPlace?: string }>();
  const [saving, setSaving] = useState(false);
  const { reload } = status;
  useEffect(
    () =>
      hall.on('backup.progress', (p) => {
        if (p.phase === 'done' || p.phase === 'failed') reload();
      }),
    [reload],
  );
  const dir = status.data?.place.dir;
  useEffect(() => {
    if (dir !== undefined) form.setFieldsValue({ backupPlace: dir });
  }, [dir, form]);
  const save = handler(async (v: { backupPlace?: string }) => {
    setSaving(true);
    const r = await submit(form, 'settings.update', { backupPlace: (v.backupPlace ?? '').trim() });
    setSaving(false);
    if (r.ok) {
      message.success(
        r.value.backupPlace ? '已设置第二备份位置，之后的每次备份都会复制到这里并校验' : '已取消第二备份位置',
      );
      reload();
      void refresh();
    }
  });
  const place = status.data?.place;
  return (
    <Card size="small" title="第二备份位置" style={{ marginBottom: 12 }} data-testid="backup-place">
      <Form form={form} layout="inline" onFinish={save} style={{ marginBottom: 12 }}>
        <Form.Item
          name="backupPlace"
          label="文件夹"
          style={{ flex: 1, minWidth: 360 }}
          extra="U盘或网络文件夹的完整路径；每次备份完成后复制到这里，打开校验，按同样的规则保留。留空则只备份在本机。"
        >
          <Input placeholder={String.raw`如 /media/usb/信访备份 或 \\服务器\共享\信访备份`} allowClear />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={saving}>
            检查并保存
          </Button>
        </Form.Item>
      </Form>
      {status.error && <Alert type="error" showIcon title={status.error.message} />}
      {status.data && (
        <>
          {status.data.warnings.map((w) => (
            <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />
          ))}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="本机备份">{spaceText(status.data.local)}</Descriptions.Item>
            <Descriptions.Item label="第二备份位置">
              {!place?.dir ? (
                <Tag>未设置</Tag>
              ) : place.problem ? (
                <Tag color="error">不可用</Tag>
              ) : (
                <Space size={4} wrap>
                  <Tag color="success">可用</Tag>
                  {`${place.space ? `${spaceText(place.space)}，` : ''}已存 ${place.copies} 份备份`}
                </Space>
              )}
            </Descriptions.Item>
            {place?.last && (
              <Descriptions.Item label="最近一次复制">
                <Space size={4} wrap>
                  {dayjs(place.last.at).format('YYYY-MM-DD HH:mm')}
                  {place.last.ok ? <Tag color="success">已复制并校验</Tag> : <Tag color="error">未完成</Tag>}
                  {place.last.ok ? <code>{place.last.name}</code> : place.last.message}
                </Space>
              </Descriptions.Item>
            )}
          </Descriptions>
        </>
      )}
    </Card>
  );
}

/** 设置 › 备份: the second place; take one now; restore one after the password is typed again. */
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
      <BackupPlace />
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
