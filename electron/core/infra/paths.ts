import os from 'node:os';
import path from 'node:path';

export const APP_ID = 'petition-hall';

/** The data folder: HALL_DATA_DIR wins; otherwise the platform's per-user application data. */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.HALL_DATA_DIR) return path.resolve(env.HALL_DATA_DIR);
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_ID, 'data');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_ID, 'data');
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), APP_ID);
}

export interface DataFiles {
  dir: string;
  database: string;
  keyring: string;
  /** The audit chain's sealed head, outside the database (docs/data.md). */
  auditHead: string;
  backups: string;
  logs: string;
}

export function dataFiles(dir: string): DataFiles {
  return {
    dir,
    database: path.join(dir, 'hall.db'),
    keyring: path.join(dir, 'hall.keyring.json'),
    auditHead: path.join(dir, 'hall.audit-head.json'),
    backups: path.join(dir, 'backups'),
    logs: path.join(dir, 'logs'),
  };
}
