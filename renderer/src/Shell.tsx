import {
  AuditOutlined,
  CalendarOutlined,
  FileSearchOutlined,
  FolderOpenOutlined,
  FormOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Layout, Menu, Typography, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { SystemStatus } from './screens/SystemStatus';

type ScreenKey = 'today' | 'register' | 'cases' | 'roster' | 'archive' | 'settings';

interface ScreenDef {
  key: ScreenKey;
  label: string;
  icon: ReactNode;
  /** Null while the area is not built yet: its menu entry stays disabled, never a fake page. */
  render: (() => ReactNode) | null;
}

const SCREENS: ScreenDef[] = [
  { key: 'today', label: '今日接访', icon: <TeamOutlined />, render: null },
  { key: 'register', label: '登记', icon: <FormOutlined />, render: null },
  { key: 'cases', label: '案件', icon: <FileSearchOutlined />, render: null },
  { key: 'roster', label: '排班', icon: <CalendarOutlined />, render: null },
  { key: 'archive', label: '档案', icon: <FolderOpenOutlined />, render: null },
  { key: 'settings', label: '设置', icon: <SettingOutlined />, render: () => <SystemStatus /> },
];

export function Shell() {
  const firstReady = SCREENS.find((s) => s.render)?.key ?? 'settings';
  const [current, setCurrent] = useState<ScreenKey>(firstReady);
  const screen = SCREENS.find((s) => s.key === current);

  const items: MenuProps['items'] = SCREENS.map((s) => ({
    key: s.key,
    icon: s.icon,
    label: s.render ? s.label : `${s.label}（未开放）`,
    disabled: !s.render,
  }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={232} theme="light" style={{ borderRight: '1px solid #eee' }}>
        <div style={{ padding: '18px 16px', display: 'flex', alignItems: 'center', gap: 8 }}>
          <AuditOutlined style={{ fontSize: 22, color: '#b71c1c' }} />
          <Typography.Title level={4} style={{ margin: 0 }}>
            信访接待大厅
          </Typography.Title>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[current]}
          items={items}
          onClick={(e) => setCurrent(e.key as ScreenKey)}
          aria-label="主导航"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Content style={{ padding: 24 }}>
          <main aria-label={screen?.label}>{screen?.render?.()}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
