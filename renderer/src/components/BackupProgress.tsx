import { Progress, Space, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../shared/contract';
import { hall } from '../api/bridge';
import { useSession } from '../api/session';

type Progressing = EventPayload<'backup.progress'>;

const PHASE: Record<Progressing['phase'], string> = {
  copy: '正在备份',
  encrypt: '正在加密备份',
  check: '正在校验备份',
  place: '正在复制到第二备份位置',
  done: '备份完成',
  failed: '备份未完成',
};

/**
 * The background backup in the header (electron/core/backup/background.ts): its phase and how
 * much is copied, while the staff work on. When it ends the session is read again, so a failure
 * shows as the session's notice.
 */
export function BackupProgress() {
  const { refresh } = useSession();
  const [progress, setProgress] = useState<Progressing | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = hall.on('backup.progress', (p) => {
      clearTimeout(timer);
      setProgress(p);
      if (p.phase === 'done' || p.phase === 'failed') {
        void refresh();
        timer = setTimeout(() => setProgress(null), 5000);
      }
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [refresh]);
  if (!progress) return null;
  return (
    <Space size={6} data-testid="backup-progress" aria-live="polite">
      {progress.phase === 'done' && progress.message ? (
        // Done, with something to know (the second place failed, space runs short): said in full on hover and in the notice.
        <Tooltip title={progress.message}>
          <Typography.Text type="warning">
            备份完成，{progress.message.includes('第二备份位置') ? '第二备份位置有问题' : '磁盘空间不足'}
          </Typography.Text>
        </Tooltip>
      ) : (
        <Typography.Text type={progress.phase === 'failed' ? 'danger' : 'secondary'}>
          {PHASE[progress.phase]}
        </Typography.Text>
      )}
      {(progress.phase === 'copy' || progress.phase === 'place') && (
        <Progress percent={progress.percent} size={[80, 6]} showInfo={false} />
      )}
      {(progress.phase === 'copy' || progress.phase === 'place') && (
        <Typography.Text type="secondary">{progress.percent}%</Typography.Text>
      )}
    </Space>
  );
}
