import type { AreaHandlers } from '../infra/router';
import type { HostKind } from '../../../shared/contract';
import { APP_NAME, APP_VERSION } from '../infra/app-info';
import type { Store } from '../infra/store';

export interface SystemDeps {
  host: HostKind;
  runtime: string;
  store: Store;
  now: () => Date;
  /** The instant a test clock was set to (HALL_NOW), or null. */
  testClock: string | null;
}

export function systemHandlers(deps: SystemDeps): AreaHandlers<'system'> {
  return {
    'system.info': () => systemInfo(deps),
  };
}

function systemInfo({ host, runtime, store, now, testClock }: SystemDeps) {
  return {
    appName: APP_NAME,
    version: APP_VERSION,
    host,
    runtime,
    dataDir: store.files.dir,
    database: store.describe(),
    office: store.officeName(),
    now: now().toISOString(),
    testClock,
  };
}
