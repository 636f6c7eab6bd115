import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const root = join(__dirname, '..', '..');

/** One snippet linted as if it lived at `file`. */
interface Snippet {
  code: string;
  file: string;
}

/**
 * Runs the project's real eslint configuration on every snippet in one node process (one eslint start-up instead
 * of one per snippet); returns, per snippet, the rules that fired.
 */
const lintAll = (snippets: Snippet[]): string[][] => {
  const script = `
    const { ESLint } = require('eslint');
    let input = '';
    process.stdin.on('data', (c) => (input += c)).on('end', async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const s of JSON.parse(input)) {
        const [r] = await eslint.lintText(s.code, { filePath: s.file });
        out.push(r.messages.map((m) => String(m.ruleId)));
      }
      process.stdout.write(JSON.stringify(out));
    });`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: root, input: JSON.stringify(snippets), encoding: 'utf8' });
  return JSON.parse(out) as string[][];
};

const use = (names: string) => `\nexport const used = [${names}];`;

/** [the rule, where it applies, code that breaks it, the rule that must fire]. */
const forbidden: [string, string, string, string][] = [
  ['domain: no framework (botbuilder)', 'src/domain/x.ts', "import { TurnContext } from 'botbuilder';" + use('TurnContext'), 'no-restricted-imports'],
  ['domain: no framework (@azure/cosmos)', 'src/domain/x.ts', "import { CosmosClient } from '@azure/cosmos';" + use('CosmosClient'), 'no-restricted-imports'],
  ['domain: no framework (restify)', 'src/domain/x.ts', "import restify from 'restify';" + use('restify'), 'no-restricted-imports'],
  ['domain: no framework (teams-js)', 'src/domain/x.ts', "import * as teams from '@microsoft/teams-js';" + use('teams'), 'no-restricted-imports'],
  ['domain: no framework (adaptivecards)', 'src/domain/x.ts', "import * as AC from 'adaptivecards';" + use('AC'), 'no-restricted-imports'],
  ['domain: no package at all (zod)', 'src/domain/x.ts', "import { z } from 'zod';" + use('z'), 'no-restricted-imports'],
  ['domain: no node built-in (node:crypto)', 'src/domain/x.ts', "import { randomUUID } from 'node:crypto';" + use('randomUUID'), 'no-restricted-imports'],
  ['domain: not src/config', 'src/domain/x.ts', "import { loadConfig } from '../config';" + use('loadConfig'), 'no-restricted-imports'],
  ['domain: not src/i18n (a type import too)', 'src/domain/x.ts', "import type { Lang } from '../i18n';\nexport type L = Lang;", 'no-restricted-imports'],
  ['domain: not src/logger', 'src/domain/x.ts', "import { createLogger } from '../logger';" + use('createLogger'), 'no-restricted-imports'],
  ['domain: not a use case', 'src/domain/x.ts', "import { submit } from '../use-cases/intake';" + use('submit'), 'no-restricted-imports'],
  ['domain: not an adapter', 'src/domain/x.ts', "import { plain } from '../adapters/cards/card-kit';" + use('plain'), 'no-restricted-imports'],
  ['domain: no re-export from outside', 'src/domain/x.ts', "export * from '../i18n';", 'no-restricted-imports'],
  ['domain: no detour through ./..', 'src/domain/x.ts', "import { loadConfig } from './../config';" + use('loadConfig'), 'no-restricted-imports'],
  ['domain: no dynamic import', 'src/domain/x.ts', "export const later = () => import('./municipalities');", 'no-restricted-syntax'],
  ['domain: no import() type', 'src/domain/x.ts', "export type C = import('../config').Config;", 'no-restricted-syntax'],
  ['domain: no process', 'src/domain/x.ts', 'export const argv = process.argv;', 'no-restricted-globals'],
  ['use case: no framework', 'src/use-cases/x.ts', "import { TurnContext } from 'botbuilder';" + use('TurnContext'), 'no-restricted-imports'],
  ['use case: no framework (in a subfolder)', 'src/use-cases/jury/x.ts', "import { CosmosClient } from '@azure/cosmos';" + use('CosmosClient'), 'no-restricted-imports'],
  ['use case: no adapter', 'src/use-cases/x.ts', "import { CosmosJuryRepository } from '../adapters/cosmos/jury.repository';" + use('CosmosJuryRepository'), 'no-restricted-imports'],
  ['use case: no adapter (from a subfolder)', 'src/use-cases/jury/x.ts', "import { juryCard } from '../../adapters/cards/jury.cards';" + use('juryCard'), 'no-restricted-imports'],
  ['use case: no adapter (type only)', 'src/use-cases/programme/x.ts', "import type { Turn } from '../../adapters/teams/turn';\nexport type T = Turn;", 'no-restricted-imports'],
  ['use case: no adapter (two folders down)', 'src/use-cases/a/b/x.ts', "import { y } from '../../../adapters/http/server';" + use('y'), 'no-restricted-imports'],
  ['use case: not src/config', 'src/use-cases/jury/x.ts', "import { loadConfig } from '../../config';" + use('loadConfig'), 'no-restricted-imports'],
  ['use case: not src/i18n', 'src/use-cases/x.ts', "import { t } from '../i18n';" + use('t'), 'no-restricted-imports'],
  ['use case: not src/logger', 'src/use-cases/programme/x.ts', "import { createLogger } from '../../logger';" + use('createLogger'), 'no-restricted-imports'],
  ['use case: not the composition root (src/app)', 'src/use-cases/x.ts', "import { createApp } from '../app';" + use('createApp'), 'no-restricted-imports'],
  ['use case: not the composition root (src/index via ..)', 'src/use-cases/x.ts', "import * as main from '..';" + use('main'), 'no-restricted-imports'],
  ['use case: nothing outside src', 'src/use-cases/jury/x.ts', "import { build } from '../../../test/builders/application.builder';" + use('build'), 'no-restricted-imports'],
  ['use case: no re-export of an adapter', 'src/use-cases/x.ts', "export { createLogger } from '../logger';", 'no-restricted-imports'],
  ['use case: no detour through ./..', 'src/use-cases/x.ts', "import { y } from './../adapters/http/server';" + use('y'), 'no-restricted-imports'],
  ['use case: no dynamic import', 'src/use-cases/x.ts', "export const later = () => import('../adapters/http/server');", 'no-restricted-syntax'],
  ['use case: no process', 'src/use-cases/jury/x.ts', 'export const argv = process.argv;', 'no-restricted-globals'],
  ['cards: no botbuilder', 'src/adapters/cards/x.card.ts', "import { CardFactory } from 'botbuilder';" + use('CardFactory'), 'no-restricted-imports'],
  ['cards: no botbuilder-* package', 'src/adapters/cards/x.card.ts', "import { TeamsInfo } from 'botbuilder-core';" + use('TeamsInfo'), 'no-restricted-imports'],
  ['cards: no botframework-* package', 'src/adapters/cards/x.card.ts', "import type { Activity } from 'botframework-schema';\nexport type A = Activity;", 'no-restricted-imports'],
  ['cards: no I/O (@azure/cosmos)', 'src/adapters/cards/x.card.ts', "import { CosmosClient } from '@azure/cosmos';" + use('CosmosClient'), 'no-restricted-imports'],
  ['cards: not the teams adapter (botbuilder by the back door)', 'src/adapters/cards/x.card.ts', "import { Turn } from '../teams/turn';" + use('Turn'), 'no-restricted-imports'],
  ['cards: not the cosmos adapter', 'src/adapters/cards/x.card.ts', "import { y } from '../cosmos/documents';" + use('y'), 'no-restricted-imports'],
  ['cards: no dynamic import', 'src/adapters/cards/x.card.ts', "export const later = () => import('botbuilder');", 'no-restricted-syntax'],
  ['adapters: no dynamic import of our own code', 'src/adapters/cosmos/x.ts', "export const later = () => import('./containers');", 'no-restricted-syntax'],
  ['adapters: no dynamic import of our own code (climbing out)', 'src/adapters/directory/x.ts', "export const later = () => import('../../domain/ports');", 'no-restricted-syntax'],
  ['adapters: no dynamic import of a name worked out at run time', 'src/adapters/cosmos/x.ts', 'export const later = (name: string) => import(name);', 'no-restricted-syntax'],
];

/** [what is allowed, where, code] : the counterparts, which must lint clean. */
const allowed: [string, string, string][] = [
  ['domain: a sibling in src/domain', 'src/domain/x.ts', "import { MUNICIPALITIES } from './municipalities';" + use('MUNICIPALITIES')],
  ['domain: a type from a sibling', 'src/domain/x.ts', "import type { Application } from './application';\nexport type A = Application;"],
  ['use case: the domain', 'src/use-cases/x.ts', "import { ok } from '../domain/result';" + use('ok')],
  ['use case: the domain from a subfolder', 'src/use-cases/jury/x.ts', "import type { JuryRepository } from '../../domain/ports';\nexport type J = JuryRepository;"],
  ['use case: a use case one folder up', 'src/use-cases/jury/x.ts', "import { currentCohort } from '../current-cohort';" + use('currentCohort')],
  ['use case: a sibling use case', 'src/use-cases/programme/x.ts', "import { deps } from './deps';" + use('deps')],
  ['use case: a use case in another subfolder', 'src/use-cases/programme/x.ts', "import { ranking } from '../jury/ranking';" + use('ranking')],
  ['use case: a node built-in', 'src/use-cases/x.ts', "import { randomUUID } from 'node:crypto';" + use('randomUUID')],
  ['cards: the domain, i18n and the card kit', 'src/adapters/cards/x.card.ts', "import { t } from '../../i18n';\nimport { plain } from './card-kit';\nimport type { Application } from '../../domain/application';\nexport type A = Application;" + use('t, plain')],
  ['adapters: a package loaded when first needed', 'src/adapters/cosmos/x.ts', "export const later = () => import('@vercel/cosmosdb-server');"],
  ['adapters: a node built-in loaded when first needed', 'src/adapters/http/x.ts', "export const later = () => import('node:zlib');"],
  ['process.env in src/config.ts', 'src/config.ts', 'export const p = process.env.PORT;'],
];

const lintedForbidden: string[][] = [];
const lintedAllowed: string[][] = [];

/** The core imports no framework and reads no environment (ARCHITECTURE.md habit 1), checked by eslint in `npm test`. */
describe('the dependency rule', () => {
  beforeAll(() => {
    const outs = lintAll([
      ...forbidden.map(([, file, code]) => ({ file, code })),
      ...allowed.map(([, file, code]) => ({ file, code })),
      { file: 'src/adapters/http/x.ts', code: 'export const p = process.env.PORT;' },
    ]);
    lintedForbidden.push(...outs.slice(0, forbidden.length));
    lintedAllowed.push(...outs.slice(forbidden.length));
  }, 60_000);

  it.each(forbidden.map((row, i) => [...row, i] as const))('fires: %s (%s)', (_rule, _file, _code, firing, i) => {
    expect(lintedForbidden[i]).toEqual([firing]);
  });

  it.each(allowed.map((row, i) => [...row, i] as const))('allows: %s (%s)', (_what, _file, _code, i) => {
    expect(lintedAllowed[i]).toEqual([]);
  });

  it('refuses process.env anywhere in src but config.ts', () => {
    expect(lintedAllowed[allowed.length]).toEqual(['no-restricted-properties']);
  });

  /** The files under `dir`, recursively. */
  const tsFiles = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return tsFiles(p);
      return p.endsWith('.ts') ? [p] : [];
    });

  /** What each file imports, read by the TypeScript parser (static, type-only, re-exports and dynamic imports). */
  const importsOf = (file: string): string[] => ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);

  /** Where a relative import lands, as a path under the repository ('src/domain/result'); null for a package. */
  const target = (file: string, spec: string): string | null => (spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)).split(sep).join('/') : null);

  const frameworkPackage = /^(botbuilder|botframework-|@azure\/|restify|@microsoft\/teams-js|adaptivecards)/;

  /** [folder, what every import in it must satisfy]: an independent reading of the rule, with real path resolution. */
  const today: [string, (file: string, spec: string) => boolean][] = [
    ['src/domain', (file, spec) => target(file, spec)?.startsWith('src/domain/') === true],
    ['src/use-cases', (file, spec) => {
      const to = target(file, spec);
      return to === null ? !frameworkPackage.test(spec) : /^src\/(domain|use-cases)\//.test(to);
    }],
    ['src/adapters/cards', (file, spec) => {
      const to = target(file, spec);
      return to === null ? !/^(botbuilder|botframework-|@azure\/|restify)/.test(spec) : !/^src\/adapters\/(teams|cosmos|http|directory)(\/|$)/.test(to);
    }],
  ];

  it.each(today)('holds for every file in %s today', (folder, holds) => {
    const files = tsFiles(join(root, folder));
    expect(files.length).toBeGreaterThan(5);
    const broken = files.flatMap((f) => importsOf(f).filter((spec) => !holds(f, spec)).map((spec) => `${relative(root, f)}: ${spec}`));
    expect(broken).toEqual([]);
    const env = files.filter((f) => folder !== 'src/adapters/cards' && /\bprocess\./.test(readFileSync(f, 'utf8')));
    expect(env).toEqual([]);
  });

  it('covers every depth of src/use-cases (eslint.config.mjs has a block per depth, 0 to 3)', () => {
    const depths = tsFiles(join(root, 'src', 'use-cases')).map((f) => relative(join(root, 'src', 'use-cases'), f).split(sep).length - 1);
    expect(Math.max(...depths)).toBeLessThanOrEqual(3);
    expect(depths).toContain(1);
  });
});
