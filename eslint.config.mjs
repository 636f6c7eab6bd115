import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const frameworks = ['botbuilder', 'botbuilder-*', 'botframework-*', '@azure/*', 'restify', 'restify-*', '@microsoft/teams-js', 'adaptivecards', 'adaptivecards/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.local/**', 'appPackage/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', AbortController: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The dependency rule: the core knows nothing of frameworks or the environment (ARCHITECTURE.md, habit 1).
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: frameworks, message: 'src/domain is pure: no frameworks, no I/O.' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/domain is pure: only src/config.ts reads the environment.' }],
    },
  },
  {
    files: ['src/use-cases/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: frameworks, message: 'use cases talk to ports, not frameworks.' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'only src/config.ts reads the environment.' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config.ts', 'src/index.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'only src/config.ts reads process.env.' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
