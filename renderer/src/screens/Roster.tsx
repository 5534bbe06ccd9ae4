import { Card, Tabs } from 'antd';
import type { AccountView } from '../../../shared/contract';
import { Holidays } from './Holidays';

/** 排班: the working-day calendar now; duty rules, slots and the notice come next. */
export function Roster({ me }: { me: AccountView }) {
  return (
    <Card>
      <Tabs destroyOnHidden items={[{ key: 'holidays', label: '节假日', children: <Holidays admin={me.role === 'admin'} /> }]} />
    </Card>
  );
}
