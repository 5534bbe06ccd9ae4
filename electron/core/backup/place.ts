import fs from 'node:fs';
import path from 'node:path';
import { backupsToKeep, type RetentionPolicy } from '../../../shared/domain/backup-retention';
import { listBackupFiles, removeWithSidecars, type BackupInfo } from '../infra/store';

/**
 * The second backup place (settings.backupPlace): a folder on a USB drive or a network share
 * where every backup made in the backups' folder is copied, checked and kept under the same
 * retention scheme (background.ts copies; this file checks the folder, lists, prunes, cleans).
 */

/** Free space a copy needs beyond its own size: its sidecars, the file system's own, room to work. */
export const SPARE_BYTES = 64 * 2 ** 20;

/**
 * The margin the space warning keeps above the next backup's size: a quarter of it (the data
 * grows between backups), at least twice SPARE_BYTES. The warning therefore comes while the
 * next backup still fits, before the check that refuses one (size + SPARE_BYTES) fails.
 */
export const warnMargin = (size: number) => Math.max(2 * SPARE_BYTES, Math.ceil(size / 4));

/**
 * Why backups cannot be copied to `dir` now, in Chinese, or null when it is there and writable.
 * Checked when the setting is saved and again before every copy (a USB drive may be pulled at
 * any time). `dataDir`: the app's data folder, which is not a second place.
 */
export function placeProblem(dir: string, dataDir: string): string | null {
  if (!path.isAbsolute(dir)) return '请填写完整的文件夹路径：从盘符或根目录写起，如优盘或网络共享文件夹里的备份文件夹';
  const resolved = path.resolve(dir);
  const data = path.resolve(dataDir);
  if (resolved === data || resolved.startsWith(data + path.sep))
    return '第二备份位置不能在数据目录之内：请选择U盘或网络文件夹';
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    return `找不到文件夹 ${resolved}：U盘未插入或网络文件夹未连接？`;
  }
  if (!stat.isDirectory()) return `${resolved} 不是文件夹`;
  // Writable as the app will write: a file created exclusively, written, synced and removed.
  const probe = path.join(resolved, `.hall-probe-${process.pid}`);
  let fd = -1;
  try {
    fd = fs.openSync(probe, 'wx', 0o600);
    fs.writeSync(fd, Buffer.from('hall'));
    fs.fsyncSync(fd);
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'ENOSPC'
      ? `文件夹 ${resolved} 所在磁盘已满`
      : `无法写入文件夹 ${resolved}（${code ?? '未知错误'}）`;
  } finally {
    if (fd >= 0) fs.closeSync(fd);
    fs.rmSync(probe, { force: true });
  }
}

/** Bytes free for this account in the file system holding `dir`, or null when it cannot be read. */
export function freeBytes(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/** Free space against the next backup's size and the warning's margin: `short` when it does not fit. */
export function spaceFor(dir: string, nextSize: number): { free: number | null; needed: number; short: boolean } {
  const free = freeBytes(dir);
  const needed = nextSize + warnMargin(nextSize);
  return { free, needed, short: free !== null && free < needed };
}

/** The checked backups kept at the place, newest first. */
export const placeBackups = (dir: string): BackupInfo[] => listBackupFiles(dir);

/** Removes the automatic backups at the place that the retention scheme no longer keeps; returns their names. */
export function prunePlace(dir: string, policy: RetentionPolicy): string[] {
  const all = placeBackups(dir);
  const keep = backupsToKeep(all, policy);
  const dropped = all.filter((b) => !keep.has(b.name));
  for (const b of dropped) removeWithSidecars(b.file);
  return dropped.map((b) => b.name);
}

/**
 * Removes what a copy that did not finish left at the place (a crash, a drive pulled): staged
 * copies and sidecars without their backup. Only the hall's own names are touched.
 */
export function cleanPlace(dir: string): string[] {
  const names = new Set(fs.readdirSync(dir));
  const removed: string[] = [];
  for (const name of names) {
    const owner = /^(hall-\d{8}-\d{9}-[a-z-]+\.db)(\.partial.*|\.keyring\.json|\.audit-head\.json)$/.exec(name);
    if (owner && (owner[2]!.startsWith('.partial') || !names.has(owner[1]!))) {
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
