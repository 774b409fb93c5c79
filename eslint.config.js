import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';

// The three walls of docs/architecture.md § Walls and lint zones, enforced here:
//  1. main/server/ never imports electron (it is the library and the CLI's engine);
//  2. renderer/ imports only shared/ and its own files (and React);
//  3. only the IPC module and the preload touch ipcMain / ipcRenderer / webContents.send.
// CONTRIBUTING § Conventions: `#name` for members private to a class; TypeScript's
// `private` only where no `#` form exists (constructor parameter properties, a private
// constructor).
const hashPrivateOnly = {
  selector:
    'PropertyDefinition[accessibility="private"], MethodDefinition[accessibility="private"][kind!="constructor"], TSAbstractPropertyDefinition[accessibility="private"]',
  message:
    'Use #name for a private member; `private` is only for constructor parameter properties.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.bench-tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/naming-convention': 'off',
    },
  },
  {
    files: [
      'main/server/**/*.ts',
      'main/cli.ts',
      'main/cli-options.ts',
      'main/listen-failure.ts',
      'main/tls-files.ts',
      'shared/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The engine and shared/ never import electron.' }] },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ is pure.' }],
          patterns: [
            {
              group: ['node:*', '../main/*', '../renderer/*'],
              message: 'shared/ is pure: no Node, main or renderer imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer talks to main only through the preload bridge.',
            },
          ],
          patterns: [
            {
              group: ['node:*', '**/main/*', '**/main/**'],
              message: 'renderer/ imports only shared/ and its own files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: { 'no-restricted-syntax': ['error', hashPrivateOnly] },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/ipc.ts', 'main/preload.ts', 'test/**', 'e2e/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        hashPrivateOnly,
        {
          selector:
            'MemberExpression[property.name=/^(ipcMain|ipcRenderer)$/], Identifier[name=/^(ipcMain|ipcRenderer)$/]',
          message: 'Only main/ipc.ts and main/preload.ts touch ipcMain / ipcRenderer.',
        },
        {
          selector:
            "CallExpression[callee.object.property.name='webContents'][callee.property.name='send']",
          message: 'Only main/ipc.ts sends events to the window.',
        },
      ],
    },
  },
  prettier,
);
