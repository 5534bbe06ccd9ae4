import fs from 'node:fs';
import { HallError, type FieldIssue, type MethodParsedInput } from '../../../shared/contract';
import {
  DOC_KIND_CHARS,
  docNumberPatternProblem,
  kindCharProblem,
  organAbbreviationProblem,
} from '../../../shared/domain/numbers';
import { settingsChanges } from '../../../shared/domain/audit';
import type { Settings } from '../../../shared/domain/settings';
import { ticketPrinterProblem } from '../../../shared/domain/ticket-printer';
import { fontFileProblem } from '../infra/pdf/fonts';
import { placeProblem } from '../backup/place';
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
  // The second backup place must be there and writable when chosen (and is checked again before each copy).
  if (input.backupPlace && input.backupPlace !== store.settings().backupPlace) {
    const problem = placeProblem(input.backupPlace, store.files.dir);
    if (problem) problems.push({ path: 'backupPlace', message: problem });
  }
  // The card reader's SDK must be a file on this PC, or every read would fail on it.
  if (input.cardReaderLibrary && !fs.existsSync(input.cardReaderLibrary))
    problems.push({
      path: 'cardReaderLibrary',
      message: '找不到这个文件，请填写阅读器厂家动态库文件的完整路径',
    });
  if (problems.length) throw new HallError('BAD_INPUT', undefined, problems);
  const before = store.settings();
  checkDocNumbering(input);
  // An ESC/POS mode needs an address of its kind, whichever of the two the change names.
  const printer = ticketPrinterProblem(
    input.ticketPrinterMode ?? before.ticketPrinterMode,
    input.ticketPrinterAddress ?? before.ticketPrinterAddress,
  );
  if (printer) throw new HallError('BAD_INPUT', printer, [{ path: 'ticketPrinterAddress', message: printer }]);
  const { docKindChars, ...rest } = input;
  // The kind characters sent are a change to the stored ones: a kind not named keeps its character.
  const change: Partial<Settings> = {
    ...rest,
    ...(docKindChars ? { docKindChars: { ...before.docKindChars, ...defined(docKindChars) } } : {}),
  };
  const next = { ...before, ...change };
  store.write(actorOf(call.session), (db, audit) => {
    store.putSettings(db, change);
    // The screen sends every setting; the log keeps only the ones that changed, old and new.
    audit({
      action: 'settings.update',
      entity: 'settings',
      before,
      after: next,
      detail: { changes: settingsChanges(before, next) },
    });
  });
  const after = store.settings();
  sessions.setIdleLock(after.idleLockMinutes * 60_000);
  return after;
}

/**
 * The document-number settings checked again where they are kept (the contract checked them
 * first): a number made from them must be unambiguous and name only numbered kinds.
 */
function checkDocNumbering(input: MethodParsedInput<'settings.update'>): void {
  const fields: FieldIssue[] = [];
  const check = (path: string, problem: string | null) => problem && fields.push({ path, message: problem });
  if (input.docNumberPattern !== undefined) check('docNumberPattern', docNumberPatternProblem(input.docNumberPattern));
  if (input.organAbbreviation !== undefined)
    check('organAbbreviation', organAbbreviationProblem(input.organAbbreviation));
  for (const [kind, char] of Object.entries(defined(input.docKindChars ?? {})))
    check(`docKindChars.${kind}`, kind in DOC_KIND_CHARS ? kindCharProblem(char) : '没有这种编号文书');
  if (fields.length > 0) throw new HallError('BAD_INPUT', fields[0]!.message, fields);
}

const defined = (chars: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(chars).filter((e): e is [string, string] => e[1] !== undefined));
