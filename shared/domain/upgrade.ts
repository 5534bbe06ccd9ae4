import type { UpgradeView } from '../contract/schemas';

/** The time an upgrade says it still needs, in words: whole minutes, rounded up. */
export function remainingText(seconds: number | null): string {
  if (seconds === null) return '正在估算剩余时间';
  if (seconds < 60) return '预计还需不到 1 分钟';
  return `预计还需 ${Math.ceil(seconds / 60)} 分钟`;
}

/**
 * The one line that says what an upgrade is doing: on the upgrade screen (renderer) and on the
 * CLI's stderr alike. "正在升级数据库（第 3/8 步）… 预计还需 4 分钟，请勿关闭"
 */
export function upgradeLine(view: UpgradeView): string {
  if (view.phase === 'failed') return view.message ?? '数据库升级未能完成。';
  const what = view.phase === 'backup' ? '升级前正在备份数据库' : '正在升级数据库';
  return `${what}（第 ${view.step}/${view.steps} 步）… ${remainingText(view.remainingSeconds)}，请勿关闭`;
}
