// Type-aware lint for both workspaces; the rule set is what the codebase is clean on today (grow it, never shrink it).
import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';

// A file past ~300 lines is two files; older ones keep their size today and may only shrink (server/src/file-size.test.ts).
const knownSizes = JSON.parse(readFileSync(new URL('./file-size.known.json', import.meta.url), 'utf8')).files;
const TEST_FILES = [
  '**/*.test.{ts,tsx}',
  '**/*.test-helpers.ts',
  '**/*.corpus.ts',
  '**/browser-world.ts',
  '**/testing/**',
];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'server/src/console/rollup.console.mjs',
      'widget/rollup.config.mjs',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  {
    files: ['server/src/**/*.{ts,tsx}', 'widget/src/**/*.{ts,tsx}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits loses its error: the crash becomes an unhandled rejection far from its cause.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async callback where a void one is expected (event emitters, Array#forEach) swallows its rejection.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-debugger': 'error',
      'no-var': 'error',
      // Destructuring that assigns a closure-read variable and a variable read before its assignment stay `let`.
      'prefer-const': ['error', { destructuring: 'all', ignoreReadBeforeAssign: true }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The widget's own tsconfig leaves its tests out (they need node types); they have their own.
    files: ['widget/src/**/*.test.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: ['widget/tsconfig.tests.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['server/src/**/*.{ts,tsx}', 'widget/src/**/*.{ts,tsx}'],
    ignores: TEST_FILES,
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  ...Object.entries(knownSizes).map(([file, lines]) => ({
    files: [file],
    rules: { 'max-lines': ['error', { max: lines }] },
  })),
);
