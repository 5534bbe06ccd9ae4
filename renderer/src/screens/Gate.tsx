import { NewPassword } from '../components/NewPassword';
import { Secret } from '../components/Secret';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, Result, Space, Typography } from 'antd';
import type { ErrorBody } from '../../../shared/contract';
import { useState } from 'react';
import { useSession } from '../api/session';
import { submit } from '../api/submit';
import { handler } from '../api/handler';

const CARD = { width: 460, margin: '0 auto' } as const;

export function Frame({ title, children }: { title: string; children: React.ReactNode }) {
  const { info } = useSession();
  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', paddingTop: '10vh', background: '#f3f1ee' }}>
      <Card
        style={CARD}
        title={<span style={{ fontSize: 20 }}>{title}</span>}
        extra={<span style={{ color: '#999' }}>{info?.office ?? '信访接待大厅'}</span>}
      >
        {children}
      </Card>
    </div>
  );
}

/** The recovery code of first-run setup, shown once until the administrator confirms it is kept. */
export function RecoveryCodeScreen({ code }: { code: string }) {
  const { refresh, setRecoveryCode } = useSession();
  const [saved, setSaved] = useState(false);
  return (
    <Frame title="请保存恢复码">
      <Alert
        type="warning"
        showIcon
        title="恢复码只显示这一次"
        description="忘记管理员密码时，只能用恢复码找回数据。请打印或抄写后存放在保险柜等安全的地方，不要保存在这台电脑上。"
      />
      <div
        className="recovery-code"
        data-testid="recovery-code"
        style={{ fontFamily: 'monospace', fontSize: 24, textAlign: 'center', margin: '24px 0', letterSpacing: 2 }}
      >
        {code}
      </div>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button block onClick={() => window.print()}>
          打印恢复码
        </Button>
        <Checkbox checked={saved} onChange={(e) => setSaved(e.target.checked)}>
          我已妥善保存恢复码
        </Checkbox>
        <Button
          type="primary"
          block
          disabled={!saved}
          onClick={() => {
            setRecoveryCode(null);
            void refresh();
          }}
        >
          进入系统
        </Button>
      </Space>
    </Frame>
  );
}

/** First run: the office and its first administrator. */
export function SetupScreen() {
  const { setRecoveryCode, refresh } = useSession();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return (
    <Frame title="首次设置">
      <Typography.Paragraph type="secondary">
        数据将加密保存在本机。请填写单位名称并设置第一个管理员账号。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={handler(
          async (v: { officeName: string; username: string; displayName: string; password: string }) => {
            setBusy(true);
            const r = await submit(form, 'setup.init', {
              officeName: v.officeName,
              username: v.username,
              displayName: v.displayName,
              password: v.password,
            });
            setBusy(false);
            if (r.ok) {
              setRecoveryCode(r.value.recoveryCode);
              void refresh();
            } else setError(r.error.message);
          },
        )}
      >
        <Form.Item name="officeName" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
          <Input autoFocus placeholder="例如：清河县信访局" />
        </Form.Item>
        <Form.Item name="displayName" label="管理员姓名" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="username" label="管理员用户名" rules={[{ required: true, message: '请填写用户名' }]}>
          <Input autoComplete="username" />
        </Form.Item>
        <NewPassword name="password" label="密码" />
        <Button type="primary" htmlType="submit" block loading={busy}>
          完成设置
        </Button>
      </Form>
    </Frame>
  );
}

export function LoginScreen() {
  const { setSession, refresh } = useSession();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [recovering, setRecovering] = useState(false);
  if (recovering) return <RecoverScreen onDone={() => setRecovering(false)} />;

  const offerRestore = () => {
    modal.confirm({
      title: '从最近的备份恢复？',
      content:
        '将用最近一份完好的备份替换无法打开的数据库。损坏的数据库文件会另存到备份目录，不会删除。备份之后录入的内容需要重新录入。',
      okText: '恢复',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        const { username, password } = form.getFieldsValue() as { username: string; password: string };
        const r = await submit(form, 'backup.restoreLatest', { username, password });
        if (r.ok) {
          message.success(`已从备份 ${r.value.restored} 恢复，请重新登录`);
          setError(null);
          void refresh();
        } else setError(r.error);
      },
    });
  };

  return (
    <Frame title="登录">
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.message}
          style={{ marginBottom: 16 }}
          data-testid="login-error"
          action={
            error.code === 'DATA_PROBLEM' ? (
              <Button size="small" danger onClick={offerRestore}>
                从备份恢复
              </Button>
            ) : undefined
          }
        />
      )}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={handler(async (v: { username: string; password: string }) => {
          setBusy(true);
          const r = await submit(form, 'auth.login', v);
          setBusy(false);
          if (r.ok) {
            setSession(r.value);
            void refresh();
          } else {
            setError(r.error);
            // Keep the password for the restore offer; clear it after any other failure.
            if (r.error.code !== 'DATA_PROBLEM') form.setFieldValue('password', '');
          }
        })}
      >
        <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input prefix={<UserOutlined />} autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Secret prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          登录
        </Button>
        <Button type="link" block onClick={() => setRecovering(true)} style={{ marginTop: 8 }}>
          管理员忘记密码？使用恢复码
        </Button>
      </Form>
    </Frame>
  );
}

function RecoverScreen({ onDone }: { onDone: () => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  if (done)
    return (
      <Frame title="密码已重设">
        <Result
          status="success"
          title="管理员密码已重设"
          subTitle="请用新密码登录。"
          extra={
            <Button type="primary" onClick={onDone}>
              返回登录
            </Button>
          }
        />
      </Frame>
    );
  return (
    <Frame title="用恢复码重设管理员密码">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={handler(async (v: { recoveryCode: string; username: string; newPassword: string }) => {
          const r = await submit(form, 'auth.recover', {
            recoveryCode: v.recoveryCode,
            username: v.username,
            newPassword: v.newPassword,
          });
          if (r.ok) setDone(true);
          else setError(r.error.message);
        })}
      >
        <Form.Item name="recoveryCode" label="恢复码" rules={[{ required: true, message: '请输入恢复码' }]}>
          <Input autoFocus placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="username" label="管理员用户名" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input />
        </Form.Item>
        <NewPassword name="newPassword" label="新密码" />
        <Space>
          <Button type="primary" htmlType="submit">
            重设密码
          </Button>
          <Button onClick={onDone}>返回</Button>
        </Space>
      </Form>
    </Frame>
  );
}

export function LockScreen() {
  const { session, setSession, refresh } = useSession();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  return (
    <Frame title="已锁定">
      <Typography.Paragraph>
        长时间未操作，系统已锁定。账号 <b>{session?.lockedUsername}</b> 请输入密码继续。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={handler(async (v: { password: string }) => {
          const r = await submit(form, 'auth.unlock', v);
          if (r.ok) setSession(r.value);
          else {
            setError(r.error.message);
            form.setFieldValue('password', '');
          }
        })}
      >
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Secret autoFocus autoComplete="current-password" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            解锁
          </Button>
          <Button
            onClick={handler(async () => {
              await submit(null, 'auth.logout', {});
              void refresh();
            })}
          >
            切换账号
          </Button>
        </Space>
      </Form>
    </Frame>
  );
}

/** A password the administrator set (new account, reset) must be replaced at first login. */
export function ChangePasswordForm({ onDone, forced = false }: { onDone: () => void; forced?: boolean }) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState(false);
  return (
    <>
      {forced && <Alert type="info" showIcon title="请先修改管理员为您设置的初始密码。" style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {ok && <Alert type="success" showIcon title="密码已修改。" style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        style={{ maxWidth: 420 }}
        onFinish={handler(async (v: { currentPassword: string; newPassword: string }) => {
          const r = await submit(form, 'auth.changePassword', {
            currentPassword: v.currentPassword,
            newPassword: v.newPassword,
          });
          if (r.ok) {
            setError(null);
            setOk(true);
            form.resetFields();
            onDone();
          } else setError(r.error.message);
        })}
      >
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Secret autoFocus autoComplete="current-password" />
        </Form.Item>
        <NewPassword name="newPassword" label="新密码" />
        <Button type="primary" htmlType="submit">
          修改密码
        </Button>
      </Form>
    </>
  );
}

export function ForcedPasswordChange() {
  const { refresh } = useSession();
  return (
    <Frame title="修改初始密码">
      <ChangePasswordForm forced onDone={() => void refresh()} />
    </Frame>
  );
}
