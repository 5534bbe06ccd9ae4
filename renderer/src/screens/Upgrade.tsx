import { Alert, Button, Progress, Typography } from 'antd';
import { useEffect } from 'react';
import type { UpgradeView } from '../../../shared/contract';
import { upgradeLine } from '../../../shared/domain/upgrade';
import { hall } from '../api/bridge';
import { useSession } from '../api/session';
import { Frame } from './Gate';

/** How often the screen asks how far the upgrade is. */
const POLL_MS = 500;

/**
 * Shown after a login that needs a database upgrade, before the main window: which step, how far,
 * how long still; then the app, once the back end has opened the store and begun the session.
 * A failed upgrade says what happened and the backup taken before it; nothing was changed.
 */
export function UpgradeScreen({ upgrade }: { upgrade: UpgradeView }) {
  const { setSession, refresh } = useSession();
  const failed = upgrade.phase === 'failed';

  useEffect(() => {
    if (failed) return;
    const timer = setInterval(() => {
      void hall.call('auth.session', {}).then((r) => {
        if (r.ok) setSession(r.value);
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [failed, setSession]);

  if (failed)
    return (
      <Frame title="数据库升级未完成">
        <Alert type="error" showIcon title={upgradeLine(upgrade)} data-testid="upgrade-failed" />
        <Button block style={{ marginTop: 16 }} onClick={() => void hall.call('auth.logout', {}).then(() => refresh())}>
          返回登录
        </Button>
      </Frame>
    );
  return (
    <Frame title="正在升级数据库">
      <div data-testid="upgrade-screen">
        <Typography.Paragraph style={{ fontSize: 16 }} data-testid="upgrade-line">
          {upgradeLine(upgrade)}
        </Typography.Paragraph>
        <Progress percent={upgrade.percent} status="active" />
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          新版本的软件需要调整数据库的结构。升级前已自动备份；升级完成后将自动进入系统。升级期间请不要关闭本程序或电脑。
        </Typography.Paragraph>
      </div>
    </Frame>
  );
}
