import { Card, Tabs } from 'antd';
import type { AccountView } from '../../../shared/contract';
import { DutyRoster } from './DutyRoster';
import { Holidays } from './Holidays';
import { People } from './People';
import { RosterRules } from './RosterRules';

/** 排班: the month's duty and its checks, the rules that make it, the holiday calendar, and who receives. */
export function Roster({ me }: { me: AccountView }) {
  const admin = me.role === 'admin';
  return (
    <Card>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'duty', label: '值班表', children: <DutyRoster admin={admin} /> },
          { key: 'rules', label: '排班规则', children: <RosterRules admin={admin} /> },
          { key: 'holidays', label: '节假日', children: <Holidays admin={admin} /> },
          { key: 'people', label: '领导与参加人', children: <People admin={admin} /> },
        ]}
      />
    </Card>
  );
}
