import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** The core imports no framework and reads no environment (ARCHITECTURE.md habit 1), checked by eslint in `npm test`. */
describe('the dependency rule', () => {
  /** Runs the project's real eslint configuration on `code` as if it lived at `file`; returns the rules that fired. */
  const lint = (code: string, file: string): string[] => {
    let out: string;
    try {
      out = execFileSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'], {
        cwd: root,
        input: code,
        encoding: 'utf8',
      });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? '');
    }
    const results = JSON.parse(out) as { messages: { ruleId: string | null }[] }[];
    return results.flatMap((r) => r.messages.map((m) => String(m.ruleId)));
  };

  it('refuses frameworks and the environment in src/domain', () => {
    const forbidden = [
      "import { TurnContext } from 'botbuilder';",
      "import { CosmosClient } from '@azure/cosmos';",
      "import restify from 'restify';",
      "import * as teams from '@microsoft/teams-js';",
      "import * as AC from 'adaptivecards';",
      'export const port = process.env.PORT;',
      'export const used = [TurnContext, CosmosClient, restify, teams, AC];',
    ].join('\n');
    const rules = lint(forbidden, 'src/domain/forbidden.ts');
    expect(rules.filter((r) => r === 'no-restricted-imports')).toHaveLength(5);
    expect(rules).toContain('no-restricted-globals');
  });

  it('refuses process.env anywhere in src but config.ts, and allows the domain to import itself', () => {
    expect(lint('export const p = process.env.PORT;', 'src/adapters/http/x.ts')).toContain('no-restricted-properties');
    expect(lint('export const p = process.env.PORT;', 'src/config.ts')).toEqual([]);
    expect(lint("import { MUNICIPALITIES } from './municipalities';\nexport const n = MUNICIPALITIES.length;", 'src/domain/ok.ts')).toEqual([]);
  });

  it('holds for every file in src/domain today', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(root, 'src', 'domain'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      expect({ file: f, bad: /from '(botbuilder|@azure\/|restify|@microsoft\/teams-js|adaptivecards)|process\.env/.test(src) }).toEqual({ file: f, bad: false });
    }
  });
});
