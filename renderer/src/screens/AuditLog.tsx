import { Alert, Button, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { AuditEntryView, MethodOutput } from '../../../shared/contract';
import { hall } from '../api/bridge';
import { useCall } from '../api/useCall';
import { handler } from '../api/handler';
import { REVEAL_REASONS, revealReasonText } from '../../../shared/domain/reveal';

const ACTIONS: Record<string, string> = {
  'setup.init': '首次设置',
  'system.testClock': '使用测试时钟',
  'auth.login': '登录',
  'auth.loginFailed': '登录失败',
  'auth.logout': '退出',
  'auth.unlock': '解锁',
  'auth.changePassword': '修改密码',
  'auth.recover': '恢复码重设密码',
  'account.create': '新建账号',
  'account.resetPassword': '重置密码',
  'account.remove': '停用账号',
  'settings.update': '修改设置',
  'backup.create': '备份',
  'backup.restore': '恢复备份',
  'backup.reencrypt': '重新加密备份',
  'petitioner.reveal': '查看完整个人信息',
  'keyring.rotateRecovery': '更换恢复码',
  'keyring.rekeyDatabase': '更换数据库密钥',
  'demo.fill': '填入演示数据',
  'document.print': '打印文书',
  'document.verify': '核验文书',
  'document.sendToPrinter': '发送到打印机',
  'signature.capture': '采集签名',
};

/** A reveal's reason as words (理由：其他：…), beside the detail. */
function revealReason(detail: string): string | null {
  const d = JSON.parse(detail) as { reason?: unknown; reasonText?: unknown };
  const kind = REVEAL_REASONS.find((r) => r === d.reason);
  return kind
    ? `理由：${revealReasonText({ kind, text: typeof d.reasonText === 'string' ? d.reasonText : '' })}`
    : null;
}

const ENTITIES: Record<string, string> = {
  account: '账号',
  office: '单位',
  settings: '设置',
  backup: '备份',
  petitioner: '信访人',
  keyring: '密钥',
  category: '问题类别',
  document: '文书',
  printer: '打印机',
  visit: '来访',
  interview: '接谈记录',
};

/** 设置 › 审计: newest first, and a check of the whole hash chain. */
export function AuditLog() {
  const [beforeSeq, setBeforeSeq] = useState<number | undefined>(undefined);
  const page = useCall('audit.list', beforeSeq ? { beforeSeq, limit: 50 } : { limit: 50 });
  const [verdict, setVerdict] = useState<MethodOutput<'audit.verify'> | null>(null);
  const [checking, setChecking] = useState(false);
  const last = page.data?.entries.at(-1);

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button
          loading={checking}
          onClick={handler(async () => {
            setChecking(true);
            const r = await hall.call('audit.verify', {});
            setChecking(false);
            if (r.ok) setVerdict(r.value);
          })}
        >
          校验审计日志
        </Button>
        {verdict?.ok && <Tag color="green">完整：共 {verdict.count} 条，哈希链校验通过</Tag>}
        {verdict && !verdict.ok && <Tag color="red">校验未通过：发现 {verdict.breaks.length} 处问题</Tag>}
        <span style={{ color: '#888' }}>共 {page.data?.total ?? '…'} 条</span>
      </Space>
      {verdict && !verdict.ok && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="审计日志被改动过，请保留现有数据和备份，并报告管理员"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {verdict.breaks.map((b) => (
                <li key={`${b.seq}-${b.reason}`}>
                  {b.seq > 0 ? `第 ${b.seq} 条：` : ''}
                  {b.reason}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {page.error && <Alert type="error" showIcon title={page.error.message} />}
      <Table<AuditEntryView>
        rowKey="seq"
        size="small"
        loading={page.loading}
        dataSource={page.data?.entries ?? []}
        pagination={false}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 80 },
          { title: '时间', dataIndex: 'at', width: 180, render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm:ss') },
          { title: '操作人', dataIndex: 'actorName' },
          { title: '操作', dataIndex: 'action', render: (a: string) => ACTIONS[a] ?? a },
          {
            title: '对象',
            render: (_, e) => `${ENTITIES[e.entity] ?? e.entity}${e.entityId ? ` #${e.entityId}` : ''}`,
          },
          {
            title: '说明',
            render: (_, e) =>
              e.detail === '{}' ? (
                ''
              ) : (
                <>
                  {e.action === 'petitioner.reveal' && <Tag color="orange">{revealReason(e.detail)}</Tag>}
                  {/* Breaks anywhere: a long detail without spaces widened the table past its card. */}
                  <code style={{ fontSize: 12, wordBreak: 'break-all' }}>{e.detail}</code>
                </>
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={!beforeSeq} onClick={() => setBeforeSeq(undefined)}>
          最新
        </Button>
        <Button disabled={!last || last.seq <= 1} onClick={() => last && setBeforeSeq(last.seq)}>
          更早的记录
        </Button>
      </Space>
    </>
  );
}
