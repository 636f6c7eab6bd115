import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const map = readFileSync(join(root, 'docs/decisions/0009-one-place-per-rule.md'), 'utf8');
const rows = [...map.matchAll(/^\| ([^|]+) \| `([^`]+)` \| `([^`]+)` \|$/gm)].map((m) => ({ rule: (m[1] ?? '').trim(), file: m[2] ?? '', symbol: m[3] ?? '' }));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** docs/decisions/0009: each rule of PROGRAMME.md, one hop from its name to where it lives. */
describe('the rule map (docs/decisions/0009-one-place-per-rule.md)', () => {
  it('names the rules of PROGRAMME.md, each once', () => {
    expect(rows.length).toBeGreaterThanOrEqual(50);
    expect(new Set(rows.map((r) => r.rule)).size).toBe(rows.length);
  });

  it.each(rows)('$rule: `$symbol` is exported by $file, in src/domain', ({ file, symbol }) => {
    expect(file.startsWith('src/domain/')).toBe(true);
    const source = readFileSync(join(root, file), 'utf8');
    expect(source).toMatch(new RegExp(`^export (?:const|function|type|interface) ${symbol}\\b`, 'm'));
  });

  /**
   * A tripwire, not a proof: the shapes in which these rules were written outside the domain before (issue 11).
   * Each names the domain function to call instead.
   */
  const outsideShapes: readonly { shape: RegExp; instead: string; except?: readonly string[] }[] = [
    { shape: /hrContactIds\[/, instead: 'person.ts hrContactOf' },
    { shape: /coordinatorIds\.includes\(/, instead: 'person.ts isCoordinatorIn' },
    { shape: /status === 'confirmed'/, instead: 'application.ts teamOf / teamNamesOf' },
    // The made-up cohort of the bench and the tests hands out states and budgets as data, not as rules.
    { shape: /\[\s*'(?:draft|phase1|selected|inReview|continuing)',\s*'/, instead: 'a state list in the domain (EDITABLE_STATES, JOINABLE_STATES, RANKED_STATES, …)', except: ['src/demo/synthetic-cohort.ts'] },
    { shape: /\ballocate\(/, instead: 'programme.ts phaseOneBudget', except: ['src/demo/synthetic-cohort.ts'] },
    // Applying one lifecycle event as it stands (the transition table decides) is the rule itself, asked of the domain.
    { shape: /\bapplyEvent\(/, instead: 'a rule in the domain that answers the Change', except: ['src/use-cases/transition-application.ts', 'src/use-cases/jury/open-jury-round.ts'] },
    { shape: /idempotencyKey:/, instead: 'notification.ts notify', except: ['src/adapters/cosmos/documents.ts'] },
  ];
  const outside = walk(join(root, 'src'))
    .map((f) => relative(root, f).split('\\').join('/'))
    .filter((f) => !f.startsWith('src/domain/'));

  it.each(outsideShapes)('no file outside src/domain writes $shape (use $instead)', ({ shape, except = [] }) => {
    const hits = outside
      .filter((f) => !except.includes(f))
      .flatMap((f) => readFileSync(join(root, f), 'utf8').split('\n').filter((line) => shape.test(line)).map((line) => `${f}: ${line.trim()}`));
    expect(hits).toEqual([]);
  });
});
