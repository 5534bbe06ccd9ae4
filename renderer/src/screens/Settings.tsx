import { Card, Tabs } from 'antd';
import type { AccountView } from '../../../shared/contract';
import { useCan } from '../api/can';
import { Accounts } from './Accounts';
import { AuditLog } from './AuditLog';
import { Backups } from './Backups';
import { DataExchange } from './DataExchange';
import { ChangePasswordForm } from './Gate';
import { MasterData } from './MasterData';
import { OfficeSettings } from './OfficeSettings';
import { SystemStatus } from './SystemStatus';

/** 设置: the tabs whose calls the account may make (api/can.ts); the router refuses the rest anyway. */
export function Settings({ me }: { me: AccountView }) {
  const can = useCan();
  const items = [
    { key: 'status', label: '系统状态', children: <SystemStatus /> },
    { key: 'office', label: '单位与规则', children: <OfficeSettings editable={can('settings.update')} /> },
    { key: 'master', label: '基础数据', children: <MasterData admin={can('localities.save')} /> },
    ...(can('accounts.list') ? [{ key: 'accounts', label: '账号', children: <Accounts me={me} /> }] : []),
    ...(can('backup.list') ? [{ key: 'backups', label: '备份与恢复', children: <Backups /> }] : []),
    ...(can('audit.list') ? [{ key: 'audit', label: '审计日志', children: <AuditLog /> }] : []),
    {
      key: 'exchange',
      label: can('import.history') ? '数据导出与导入' : '数据导出',
      children: <DataExchange me={me} />,
    },
    { key: 'password', label: '修改密码', children: <ChangePasswordForm onDone={() => {}} /> },
  ];
  return (
    <Card>
      <Tabs items={items} destroyOnHidden />
    </Card>
  );
}
