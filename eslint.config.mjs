// Lint, including the layering rules of docs/architecture.md: shared/ is pure, the renderer
// knows no host, electron/core never imports electron. tests/unit/layering.test.ts proves
// each rule fires.
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const drivers = ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'drizzle-orm/better-sqlite3', 'pdfmake', 'exceljs'];

const restrict = (paths, patterns, why) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message: why })),
      patterns: patterns.map((group) => ({ group: [group], message: why })),
    },
  ],
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
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: {
      ...restrict(
        ['electron', 'react', 'react-dom', 'antd', ...nodeModules, ...drivers],
        ['node:*', '**/electron/**', '**/renderer/**', 'better-sqlite3*', 'drizzle-orm/*-sqlite*'],
        'shared/ is pure TypeScript: no Electron, Node, DOM, UI or database driver.',
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    // The hook rules, with the React Compiler's checks of the plugin's recommended set; a
    // missing effect dependency is a bug here, not a warning.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: reactHooks.configs.flat.recommended.plugins,
    rules: { ...reactHooks.configs.flat.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: restrict(
      ['electron', ...nodeModules, ...drivers],
      ['node:*', '**/electron/**', 'better-sqlite3*'],
      'renderer/ talks only to the contract in shared/: no Electron, Node or back-end code.',
    ),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict(
      ['electron'],
      ['electron/*', '**/main/**', '**/preload/**', '**/preview/**', '**/cli/**', '**/renderer/**'],
      'electron/core is plain Node: it never imports electron or a host.',
    ),
  },
);
