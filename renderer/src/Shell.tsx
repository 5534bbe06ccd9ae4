import {
  AlertOutlined,
  BarChartOutlined,
  AuditOutlined,
  CalendarOutlined,
  FileSearchOutlined,
  FolderOpenOutlined,
  FormOutlined,
  LockOutlined,
  LogoutOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Alert, Button, Layout, Menu, Result, Space, Spin, Tag, Typography, type MenuProps } from 'antd';
import { useState, type ReactNode } from 'react';
import type { AccountView, MethodName } from '../../shared/contract';
import { ROLE_LABELS } from '../../shared/domain/roles';
import { hall } from './api/bridge';
import { useCan } from './api/can';
import { useSession } from './api/session';
import { BackupProgress } from './components/BackupProgress';
import { TestClockBanner } from './components/TestClockBanner';
import { ForcedPasswordChange, LockScreen, LoginScreen, RecoveryCodeScreen, SetupScreen } from './screens/Gate';
import { UpgradeScreen } from './screens/Upgrade';
import { Archive } from './screens/Archive';
import { Cases, type CaseFilter } from './screens/Cases';
import { Register } from './screens/Register';
import { Roster } from './screens/Roster';
import { Supervision } from './screens/Supervision';
import { Acceptance } from './screens/Acceptance';
import { Today } from './screens/Today';
import { Settings } from './screens/Settings';
import { Stats } from './screens/Stats';
import { handler } from './api/handler';

type ScreenKey = 'today' | 'register' | 'accept' | 'supervise' | 'cases' | 'stats' | 'roster' | 'archive' | 'settings';

/** What one screen may ask of another: 统计 opens the cases behind a figure. */
interface Navigation {
  caseFilter: CaseFilter | undefined;
  showCases: (filter: CaseFilter) => void;
}

interface ScreenDef {
  key: ScreenKey;
  label: string;
  icon: ReactNode;
  render: (me: AccountView, nav: Navigation) => ReactNode;
}

const SCREENS: ScreenDef[] = [
  { key: 'today', label: '今日接访', icon: <TeamOutlined />, render: () => <Today /> },
  { key: 'register', label: '登记', icon: <FormOutlined />, render: () => <Register /> },
  { key: 'accept', label: '受理告知', icon: <AuditOutlined />, render: () => <Acceptance /> },
  { key: 'supervise', label: '督办', icon: <AlertOutlined />, render: () => <Supervision /> },
  {
    key: 'cases',
    label: '案件',
    icon: <FileSearchOutlined />,
    render: (me, nav) => <Cases key={JSON.stringify(nav.caseFilter ?? {})} me={me} initial={nav.caseFilter} />,
  },
  {
    key: 'stats',
    label: '统计',
    icon: <BarChartOutlined />,
    render: (_, nav) => <Stats onShowCases={nav.showCases} />,
  },
  { key: 'roster', label: '排班', icon: <CalendarOutlined />, render: () => <Roster /> },
  { key: 'archive', label: '档案', icon: <FolderOpenOutlined />, render: (me) => <Archive me={me} /> },
  { key: 'settings', label: '设置', icon: <SettingOutlined />, render: (me) => <Settings me={me} /> },
];

/** The call each screen is built on: the menu offers a screen only to accounts that may make it (api/can.ts). */
const SCREEN_NEEDS: Record<ScreenKey, MethodName> = {
  today: 'queue.today',
  register: 'visits.register',
  accept: 'visits.pending',
  supervise: 'supervise.list',
  cases: 'ledger.query',
  stats: 'stats.figures',
  roster: 'roster.slots',
  archive: 'documents.targets',
  settings: 'settings.get',
};

/** Every window of the counter app: the test-clock banner (when set) above whatever the gate shows. */
export function Gate() {
  const { info } = useSession();
  return (
    <>
      <TestClockBanner instant={info?.testClock} />
      <GateScreen />
    </>
  );
}

/** Decides what the user sees: first-run setup, login, the lock screen, or the app. */
function GateScreen() {
  const { info, session, problem, refresh, recoveryCode } = useSession();
  if (recoveryCode) return <RecoveryCodeScreen code={recoveryCode} />;
  if (problem)
    return (
      <Result
        status="error"
        title="无法连接后台服务"
        subTitle={problem}
        extra={<Button onClick={() => void refresh()}>重试</Button>}
      />
    );
  if (!info || !session) return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;
  if (info.database.state === 'uninitialized') return <SetupScreen />;
  if (session.locked) return <LockScreen />;
  if (session.upgrade) return <UpgradeScreen upgrade={session.upgrade} />;
  if (!session.account) return <LoginScreen />;
  if (session.account.mustChangePassword) return <ForcedPasswordChange />;
  return <Shell me={session.account} />;
}

function Shell({ me }: { me: AccountView }) {
  const { info, session, refresh } = useSession();
  const [current, setCurrent] = useState<ScreenKey>('today');
  const [caseFilter, setCaseFilter] = useState<CaseFilter | undefined>(undefined);
  const nav: Navigation = { caseFilter, showCases: (filter) => (setCaseFilter(filter), setCurrent('cases')) };
  const go = (key: ScreenKey) => {
    // Choosing 案件 from the menu starts from the whole ledger.
    if (key === 'cases') setCaseFilter(undefined);
    setCurrent(key);
  };
  const can = useCan();
  const screens = SCREENS.filter((s) => can(SCREEN_NEEDS[s.key]));
  const screen = screens.find((s) => s.key === current);

  const items: MenuProps['items'] = screens.map((s) => ({ key: s.key, icon: s.icon, label: s.label }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #eee' }}>
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
          onClick={(e) => go(e.key as ScreenKey)}
          aria-label="主导航"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            borderBottom: '1px solid #eee',
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="office-name">
            {info?.office}
          </Typography.Text>
          <Space>
            <BackupProgress />
            <span data-testid="current-user">{me.displayName}</span>
            <Tag>{ROLE_LABELS[me.role]}</Tag>
            <Button
              icon={<LogoutOutlined />}
              onClick={handler(async () => {
                await hall.call('auth.logout', {});
                void refresh();
              })}
            >
              退出
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16 }}>
          {info?.database.state !== 'open' && (
            <Alert type="warning" icon={<LockOutlined />} showIcon title="数据库未解锁" />
          )}
          {session?.notice && (
            <Alert
              type="error"
              showIcon
              title={session.notice}
              style={{ marginBottom: 16 }}
              data-testid="store-notice"
            />
          )}
          <main aria-label={screen?.label}>{screen?.render(me, nav)}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
