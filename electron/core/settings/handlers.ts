import { HallError, type MethodParsedInput } from '../../../shared/contract';
import { fontFileProblem } from '../infra/pdf/fonts';
import { actorOf } from '../infra/access';
import type { AreaHandlers, ServiceCall } from '../infra/router';
import type { SessionStore } from '../infra/sessions';
import type { Store } from '../infra/store';

export interface SettingsDeps {
  store: Store;
  sessions: SessionStore;
}

/** The office's settings: read by everyone logged in, changed by the administrator. */
export function settingsHandlers(deps: SettingsDeps): AreaHandlers<'settings'> {
  return {
    'settings.get': () => deps.store.settings(),
    'settings.update': (input, call) => updateSettings(deps, input, call),
  };
}

function updateSettings(
  { store, sessions }: SettingsDeps,
  input: MethodParsedInput<'settings.update'>,
  call: ServiceCall,
) {
  // A print font must be a font file on this PC, or every later print would fail on it.
  const problems = (input.printFonts ?? []).flatMap((file, i) => {
    const problem = fontFileProblem(file);
    return problem ? [{ path: `printFonts.${i}`, message: problem }] : [];
  });
  if (problems.length) throw new HallError('BAD_INPUT', undefined, problems);
  const before = store.settings();
  store.write(actorOf(call.session), (db, audit) => {
    store.putSettings(db, input);
    audit({
      action: 'settings.update',
      entity: 'settings',
      before,
      after: { ...before, ...input },
      detail: { keys: Object.keys(input) },
    });
  });
  const after = store.settings();
  sessions.setIdleLock(after.idleLockMinutes * 60_000);
  return after;
}
