// Lint, including the layering rules of docs/architecture.md as allowlists: each layer names
// what it may import (build/eslint/layering.mjs), anything else is an error.
// tests/unit/layering.test.ts proves each rule fires.
import { readFileSync } from 'node:fs';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import layering from './build/eslint/layering.mjs';

/** Row types are named once (infra/db/sql.ts, drizzle), never cast after a query: a cast drifts silently from the schema. */
const ROW_CAST = {
  selector:
    "TSAsExpression[expression.type='CallExpression'][expression.callee.property.name=/^(get|all|iterate|run)$/]",
  message:
    'Do not cast a query result: name the row type with one<T>()/all<T>()/value<T>() from infra/db/sql.ts, or use drizzle.',
};

/**
 * One clock (docs/architecture.md, "The clock"): the time comes from core's clock, and day
 * arithmetic from the calendar module, so a test clock (HALL_NOW) moves every date and no
 * day is read in UTC. The exempt modules are listed below.
 */
const CLOCK_MESSAGE =
  "Read the time from core's clock (electron/core/infra/clock.ts, renderer/src/api/clock.ts) and do date arithmetic in shared/domain/calendar.ts.";
const ONE_CLOCK = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK_MESSAGE },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: CLOCK_MESSAGE },
  {
    selector: "CallExpression[callee.property.name='slice'][callee.object.callee.property.name='toISOString']",
    message: CLOCK_MESSAGE,
  },
  { selector: 'CallExpression[callee.property.name=/^(get|set)UTC/]', message: CLOCK_MESSAGE },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='UTC']", message: CLOCK_MESSAGE },
];
const CLOCK_MODULES = ['shared/domain/calendar.ts', 'electron/core/infra/clock.ts', 'renderer/src/api/clock.ts'];

/**
 * Out-of-range input is refused at its field, never clamped: an InputNumber's min/max silently
 * turned an extension of 45 days into 30. The range goes into the Form.Item's rules
 * (renderer/src/api/rules.ts, fieldRule), which says so in Chinese.
 */
const NO_CLAMP = {
  selector: "JSXOpeningElement[name.name='InputNumber'] > JSXAttribute[name.name=/^(min|max|precision)$/]",
  message:
    "An InputNumber's min/max/precision clamp the typed number silently: check the range with fieldRule() in the Form.Item's rules.",
};

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** One layer's allowlist: Node's modules (or not), packages, and folders or modules of this repository. */
const layer = (files, options) => ({ files, plugins: { layering }, rules: { 'layering/imports': ['error', options] } });

/** A host: Node, any package, itself, shared/ and core, which it reaches through core's index. */
const HOSTS = ['main', 'preview', 'cli'];
const host = (name, files, core) =>
  layer(files, {
    layer: `electron/${name}/`,
    why: 'A host reaches core through electron/core/index.ts only.',
    builtins: true,
    packages: ['**'],
    paths: [`electron/${name}/**`, 'shared/**', core],
  });

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'release/**', 'dist/**', 'tests/.artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    // Type-aware rules: the project service reads tsconfig.json, which includes every linted
    // TypeScript file. Promises must be awaited, returned or voided on purpose; conditions the
    // types prove constant are mistakes in the condition or in the type.
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unnecessary-condition': 'error',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // See docs/architecture.md, "SQL" and "The clock".
      'no-restricted-syntax': ['error', ROW_CAST, ...ONE_CLOCK],
    },
  },
  {
    files: ['renderer/**/*.tsx'],
    rules: { 'no-restricted-syntax': ['error', ROW_CAST, ...ONE_CLOCK, NO_CLAMP] },
  },
  {
    // The clock and calendar modules are where time is read and days are counted; tests and
    // benchmarks build their own instants and may check them in UTC.
    files: [...CLOCK_MODULES, 'tests/**/*.{ts,tsx,mts}', 'build/**/*.{ts,mts,mjs}'],
    rules: { 'no-restricted-syntax': ['error', ROW_CAST] },
  },
  {
    // The hook rules, with the React Compiler's checks of the plugin's recommended set; a
    // missing effect dependency is a bug here, not a warning.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: reactHooks.configs.flat.recommended.plugins,
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
  layer(['shared/**/*.{ts,tsx}'], {
    layer: 'shared/',
    why: 'shared/ is pure TypeScript: zod, data files and itself only; no Node, Electron, DOM, UI or database driver.',
    packages: ['zod', 'chinese-days/**/*.json'],
    paths: ['shared/**'],
  }),
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'localStorage',
        'process',
        'Buffer',
        'require',
        '__dirname',
      ],
    },
  },
  layer(['renderer/**/*.{ts,tsx}'], {
    layer: 'renderer/',
    why: 'The renderer is a web page that talks only to the contract in shared/: its UI packages, itself and shared/.',
    packages: ['react', 'react-dom', 'antd', '@ant-design/icons', 'dayjs', 'echarts'],
    paths: ['renderer/**', 'shared/**'],
  }),
  layer(['electron/core/**/*.ts'], {
    layer: 'electron/core/',
    why: 'Core is plain Node: Node, the runtime dependencies of package.json, itself and shared/; never electron, a host or the renderer.',
    builtins: true,
    packages: Object.keys(pkg.dependencies).filter((name) => name !== 'electron'),
    paths: ['electron/core/**', 'shared/**'],
  }),
  layer(['electron/preload/**/*.ts'], {
    layer: 'electron/preload/',
    why: 'The sandboxed preload bridges IPC to the contract: electron and shared/ only.',
    packages: ['electron'],
    paths: ['electron/preload/**', 'shared/**'],
  }),
  ...HOSTS.map((name) => host(name, [`electron/${name}/**/*.ts`], 'electron/core')),
);
