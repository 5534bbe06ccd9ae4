import type { AreaHandlers } from '../infra/router';
import type { HostKind } from '../../../shared/contract';
import { APP_NAME, APP_VERSION } from '../infra/app-info';
import type { Store } from '../infra/store';

export interface SystemDeps {
  host: HostKind;
  runtime: string;
  store: Store;
  now: () => Date;
}

export function systemHandlers(deps: SystemDeps): AreaHandlers<'system'> {
  return {
    'system.info': () => ({
      appName: APP_NAME,
      version: APP_VERSION,
      host: deps.host,
      runtime: deps.runtime,
      dataDir: deps.store.files.dir,
      database: deps.store.describe(),
      office: deps.store.officeName(),
      now: deps.now().toISOString(),
    }),
  };
}
