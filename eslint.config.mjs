import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const frameworks = ['botbuilder', 'botbuilder-*', 'botframework-*', '@azure/*', 'restify', 'restify-*', '@microsoft/teams-js', 'adaptivecards', 'adaptivecards/*'];

/** The relative prefix that climbs from a file `depth` folders below src/<folder>/ to src itself: '..', '../..', ... */
const upTo = (depth) => String.raw`\.\.(/\.\.){${depth}}`;

/** './../x' or 'jury/../../x' would walk around the regexes below, which read the path as written. */
const unnormalised = { regex: String.raw`(^|/)(?!\.\.(/|$))[^/]+/\.\.?(/|$)`, message: 'write the import path normalised (../x, not ./../x) so the dependency rule can read it.' };

/** import('x') and the type import('x').T are invisible to no-restricted-imports, so the guarded folders have none. */
const hiddenImports = (folder) => [
  { selector: 'ImportExpression', message: `no dynamic import() in ${folder}: the dependency rule could not see it.` },
  { selector: 'TSImportType', message: `no import('x') types in ${folder}: the dependency rule could not see them; use import type.` },
];

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
    // The dependency rule: the core knows nothing of frameworks or the environment (ARCHITECTURE.md, habit 1), and
    // src/domain knows nothing outside itself: every import is './x' (the folder has no subfolders), so a package,
    // '../config', '../i18n', '../logger' or './../x' all fire.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: String.raw`^[^.]|(^|/)\.\.(/|$)`, message: 'src/domain is pure: it imports only src/domain (./x), no package, no framework, nothing from ../.' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/domain is pure: only src/config.ts reads the environment.' }],
      'no-restricted-syntax': ['error', ...hiddenImports('src/domain')],
    },
  },
  // Use cases talk to ports: inside src they import only src/domain and src/use-cases, never an adapter, the
  // composition root (app.ts, index.ts), config.ts, i18n (the Teams adapter turns codes into sentences, habit 5),
  // the logger or the demo; and no framework. A glob cannot tell '../config' one folder down (src/use-cases/config)
  // from '../config' at the top (src/config), so each depth gets the regex that climbs exactly to src/.
  ...[0, 1, 2, 3].map((depth) => ({
    files: [`src/use-cases/${'*/'.repeat(depth)}*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: frameworks, message: 'use cases talk to ports, not frameworks.' },
        { regex: `^${upTo(depth)}(/?$|/(?!(domain|use-cases)(/|$)))`, message: 'use cases import only src/domain (the ports) and other use cases: no adapter, config, i18n, logger or composition root.' },
        unnormalised,
      ] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'only src/config.ts reads the environment.' }],
      'no-restricted-syntax': ['error', ...hiddenImports('src/use-cases')],
    },
  })),
  {
    // An adapter may load a package when it is first needed (import('@vercel/cosmosdb-server') when the embedded
    // server starts, so start-up does not pay for it), but never our own code that way: every import of src stays
    // static, where the dependency rule reads it. The cards block below still refuses import() altogether.
    files: ['src/adapters/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "ImportExpression:not([source.type='Literal'])", message: 'import() in src/adapters names its package as a plain string, so it can be read.' },
        { selector: 'ImportExpression[source.value=/^[^@a-z0-9]/]', message: 'import() in src/adapters only loads a package; import our own code statically, where the dependency rule sees it.' },
      ],
    },
  },
  {
    // Cards are data in, JSON out (habit 7): no Bot Framework (botbuilder stays inside src/adapters/teams), no I/O,
    // and nothing from the other adapters (the teams adapter would bring botbuilder with it).
    files: ['src/adapters/cards/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: frameworks.filter((f) => !f.startsWith('adaptivecards')), message: 'cards are data in, JSON out: no botbuilder, no I/O.' },
        { regex: String.raw`^(\.\./)+(teams|cosmos|http|directory)(/|$)`, message: 'cards import no other adapter (src/adapters/teams is where botbuilder lives).' },
        unnormalised,
      ] }],
      'no-restricted-syntax': ['error', ...hiddenImports('src/adapters/cards')],
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
