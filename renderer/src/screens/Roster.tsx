import { Card, Tabs } from 'antd';
import { useCan } from '../api/can';
import { DutyRoster } from './DutyRoster';
import { Holidays } from './Holidays';
import { People } from './People';
import { RosterRules } from './RosterRules';

/** 排班: the month's duty and its checks, the rules that make it, the holiday calendar, and who receives. */
export function Roster() {
  // Each tab edits when the account may save what it shows (api/can.ts), and reads otherwise.
  const can = useCan();
  return (
    <Card>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'duty', label: '值班表', children: <DutyRoster admin={can('roster.updateSlot')} /> },
          { key: 'rules', label: '排班规则', children: <RosterRules admin={can('roster.saveRule')} /> },
          { key: 'holidays', label: '节假日', children: <Holidays admin={can('calendar.setOverride')} /> },
          { key: 'people', label: '领导与参加人', children: <People admin={can('leaders.save')} /> },
        ]}
      />
    </Card>
  );
}
