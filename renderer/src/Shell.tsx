import { Button, Result, Spin } from 'antd';
import { Suspense } from 'react';
import { useSession } from './api/session';
import { lazyScreen } from './components/lazyScreen';
import { TestClockBanner } from './components/TestClockBanner';
import { ForcedPasswordChange, LockScreen, LoginScreen, RecoveryCodeScreen, SetupScreen } from './screens/Gate';
import { UpgradeScreen } from './screens/Upgrade';

// The app behind the login (menu, header, screens) loads after it: the login screen needs none of it.
const Shell = lazyScreen(() => import('./AppShell'), 'Shell');
const waiting = <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;

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
  if (!info || !session) return waiting;
  if (info.database.state === 'uninitialized') return <SetupScreen />;
  if (session.locked) return <LockScreen />;
  if (session.upgrade) return <UpgradeScreen upgrade={session.upgrade} />;
  if (!session.account) return <LoginScreen />;
  if (session.account.mustChangePassword) return <ForcedPasswordChange />;
  return (
    <Suspense fallback={waiting}>
      <Shell me={session.account} />
    </Suspense>
  );
}
