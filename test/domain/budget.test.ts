import {
  allocate,
  type Budget,
  decideExpense,
  formatSek,
  ledger,
  MAX_AMOUNT_ORE,
  type Ore,
  parseAmount,
  reportExpense,
} from '../../src/domain/budget';

const NBSP = '\u00A0';
const NNBSP = '\u202F';
/** Writes test expectations with ordinary spaces; formatSek uses no-break spaces. */
const nb = (s: string): string => s.replace(/ /g, NBSP);
const kr = (kronor: number): Ore => kronor * 100;
const AT = '2026-04-20T09:00:00.000Z';
const LATER = '2026-04-21T10:00:00.000Z';

function report(b: Budget, id: string, ore: Ore, description = 'prototyp'): Budget {
  const r = reportExpense(b, { id, ore, description, reportedBy: 'anna', at: AT });
  if (!r.ok) throw new Error(`report ${id} failed: ${JSON.stringify(r)}`);
  return r.budget;
}

function decide(b: Budget, id: string, decision: 'approve' | 'reject', reason?: string): Budget {
  const r = decideExpense(b, id, decision, 'hr-helsingborg', LATER, reason);
  if (!r.ok) throw new Error(`decide ${id} failed: ${JSON.stringify(r)}`);
  return r.budget;
}

describe('parseAmount', () => {
  it.each([
    ['1200', 120000],
    ['1 200', 120000],
    ['1 200,50', 120050],
    [`1${NBSP}200,50`, 120050],
    [`1${NNBSP}200,50`, 120050],
    [`1${NBSP}234${NBSP}567`, 123456700],
    ['1200,5', 120050],
    ['1200.50', 120050],
    ['1 200 kr', 120000],
    [`1${NBSP}200${NBSP}kr`, 120000],
    ['1200kr', 120000],
    ['1200 KR', 120000],
    ['1200 kr.', 120000],
    ['1200 SEK', 120000],
    ['1200:-', 120000],
    ['1200,-', 120000],
    ['12,00 kr', 1200],
    ['0,01', 1],
    ['0,1', 10],
    ['0.05', 5],
    ['0', 0],
    ['007', 700],
    ['  350  ', 35000],
    ['10 000 000', MAX_AMOUNT_ORE], // exactly the limit
    ['10000000,00 kr', MAX_AMOUNT_ORE],
    ['9 999 999,99', MAX_AMOUNT_ORE - 1],
  ])('reads %j as %i öre', (text, ore) => {
    expect(parseAmount(text)).toEqual({ ok: true, ore });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    [NBSP, 'empty'],
    ['12,345', 'tooManyDecimals'],
    ['1.200', 'tooManyDecimals'],
    ['0,001', 'tooManyDecimals'],
    ['-5', 'negative'],
    ['\u22125', 'negative'], // U+2212 minus sign
    ['- 1 200,50 kr', 'negative'],
    ['abc', 'invalid'],
    ['1,2,3', 'invalid'],
    ['1.200.000', 'invalid'],
    ['kr', 'invalid'],
    ['1200,', 'invalid'],
    [',50', 'invalid'],
    ['+5', 'invalid'],
    ['1e3', 'invalid'],
    ['12 00', 'invalid'], // not a thousands group
    ['1 2345', 'invalid'],
    ['1  200', 'invalid'],
    ['1200 ,50', 'invalid'],
    ['5 kr kr', 'invalid'],
    ['-abc', 'invalid'],
    ['10 000 000,01', 'tooLarge'],
    ['10000001', 'tooLarge'],
    ['99999999999999999999', 'tooLarge'],
  ])('refuses %j as %s', (text, reason) => {
    expect(parseAmount(text)).toEqual({ ok: false, reason });
  });
});

describe('formatSek', () => {
  it.each([
    [120000, '1 200 kr'],
    [120050, '1 200,50 kr'],
    [5, '0,05 kr'],
    [1, '0,01 kr'],
    [10, '0,10 kr'],
    [0, '0 kr'],
    [100, '1 kr'],
    [99900, '999 kr'],
    [100000, '1 000 kr'],
    [5000000, '50 000 kr'],
    [MAX_AMOUNT_ORE, '10 000 000 kr'],
    [123456789, '1 234 567,89 kr'],
    [-5000, '\u221250 kr'],
    [-120050, '\u22121 200,50 kr'],
    [-1, '\u22120,01 kr'],
  ])('formats %i öre as %j (no-break spaces)', (ore, expected) => {
    expect(formatSek(ore)).toBe(nb(expected));
  });

  it('uses U+00A0 between digit groups and before "kr", and no other space', () => {
    expect([...formatSek(123456750)].map((c) => c.codePointAt(0))).toEqual([
      0x31, 0xa0, 0x32, 0x33, 0x34, 0xa0, 0x35, 0x36, 0x37, 0x2c, 0x35, 0x30, 0xa0, 0x6b, 0x72,
    ]);
  });

  it.each([0.5, 1.1, NaN, Infinity])('refuses the non-integer %p', (ore) => {
    expect(() => formatSek(ore)).toThrow(RangeError);
  });

  it.each(['0,01', '1 200,50', '12,00 kr', '10 000 000', '999 999,99'])('round-trips %j through parseAmount', (text) => {
    const parsed = parseAmount(text);
    if (!parsed.ok) throw new Error('did not parse');
    expect(parseAmount(formatSek(parsed.ore))).toEqual(parsed);
  });
});

describe('allocate', () => {
  it('gives a team a budget with no expenses', () => {
    const b = allocate(kr(50000), 'team-1');
    expect(b).toEqual({ teamId: 'team-1', allocatedOre: 5000000, expenses: [] });
    expect(ledger(b)).toEqual({ allocated: 5000000, approved: 0, pending: 0, rejected: 0, remaining: 5000000 });
  });

  it('allows a zero budget, on which every expense is an overspend', () => {
    const b = allocate(0, 'team-0');
    expect(reportExpense(b, { id: 'e1', ore: 1, description: 'pennor', reportedBy: 'anna', at: AT })).toEqual({
      ok: false,
      code: 'OVERSPEND',
      remaining: 0,
    });
  });

  it.each([
    [-1, 'team-1'],
    [0.5, 'team-1'],
    [NaN, 'team-1'],
    [100, ''],
    [100, '  '],
  ])('refuses allocate(%p, %j)', (ore, teamId) => {
    expect(() => allocate(ore, teamId)).toThrow(RangeError);
  });
});

describe('reporting and deciding', () => {
  const start = allocate(kr(10000), 'team-1');

  it('reports a pending expense, trimmed, without changing the original budget', () => {
    const r = reportExpense(start, { id: 'e1', ore: kr(1200), description: '  prototyp  ', reportedBy: 'anna', at: AT });
    expect(r).toEqual({
      ok: true,
      budget: {
        teamId: 'team-1',
        allocatedOre: kr(10000),
        expenses: [{ id: 'e1', ore: kr(1200), description: 'prototyp', status: 'pending', reportedBy: 'anna', reportedAt: AT }],
      },
    });
    expect(start.expenses).toEqual([]);
  });

  // A script of steps and the ledger (in kronor: allocated, approved, pending, rejected, remaining) after each.
  const script: [string, (b: Budget) => Budget, [number, number, number, number, number]][] = [
    ['report e1 1 200 kr', (b) => report(b, 'e1', kr(1200)), [10000, 0, 1200, 0, 8800]],
    ['report e2 3 000 kr', (b) => report(b, 'e2', kr(3000)), [10000, 0, 4200, 0, 5800]],
    ['approve e1', (b) => decide(b, 'e1', 'approve'), [10000, 1200, 3000, 0, 5800]],
    ['reject e2', (b) => decide(b, 'e2', 'reject', 'Inte en startkostnad'), [10000, 1200, 0, 3000, 8800]],
    ['report e3 8 800 kr (all that remains)', (b) => report(b, 'e3', kr(8800)), [10000, 1200, 8800, 3000, 0]],
    ['approve e3', (b) => decide(b, 'e3', 'approve'), [10000, 10000, 0, 3000, 0]],
  ];

  it.each(script.map(([step, , expected], i) => [step, i, expected] as const))(
    'ledger after: %s',
    (_step, i, [allocated, approved, pending, rejected, remaining]) => {
      // Each row replays the script up to its step, so it stands alone.
      const b = script.slice(0, i + 1).reduce((acc, [, apply]) => apply(acc), start);
      expect(ledger(b)).toEqual({
        allocated: kr(allocated),
        approved: kr(approved),
        pending: kr(pending),
        rejected: kr(rejected),
        remaining: kr(remaining),
      });
    },
  );

  it('records who decided, when, and why', () => {
    let b = report(report(start, 'e1', kr(1200)), 'e2', kr(3000));
    b = decide(b, 'e1', 'approve');
    b = decide(b, 'e2', 'reject', '  Inte en startkostnad  ');
    expect(b.expenses).toEqual([
      { id: 'e1', ore: kr(1200), description: 'prototyp', status: 'approved', reportedBy: 'anna', reportedAt: AT, decidedBy: 'hr-helsingborg', decidedAt: LATER },
      {
        id: 'e2',
        ore: kr(3000),
        description: 'prototyp',
        status: 'rejected',
        reportedBy: 'anna',
        reportedAt: AT,
        decidedBy: 'hr-helsingborg',
        decidedAt: LATER,
        reason: 'Inte en startkostnad',
      },
    ]);
  });

  it('keeps an optional note on an approval', () => {
    const b = decide(report(start, 'e1', kr(1200)), 'e1', 'approve', 'Spara kvittot');
    expect(b.expenses[0]?.reason).toBe('Spara kvittot');
  });
});

describe('overspend', () => {
  // Budget 50 000 kr; 30 000 kr approved and 15 000 kr pending leave 5 000 kr.
  const base = decide(report(report(allocate(kr(50000), 'team-1'), 'a', kr(30000)), 'p', kr(15000)), 'a', 'approve');

  it('starts from 5 000 kr remaining', () => {
    expect(ledger(base)).toEqual({ allocated: kr(50000), approved: kr(30000), pending: kr(15000), rejected: 0, remaining: kr(5000) });
  });

  it.each([
    ['5 000,01', { ok: false, code: 'OVERSPEND', remaining: kr(5000) }],
    ['6 000', { ok: false, code: 'OVERSPEND', remaining: kr(5000) }],
    ['5 000', { ok: true }],
    ['4 999,99', { ok: true }],
  ])('reporting %s kr gives %j', (text, expected) => {
    const parsed = parseAmount(text);
    if (!parsed.ok) throw new Error('did not parse');
    const r = reportExpense(base, { id: 'new', ore: parsed.ore, description: 'prototyp', reportedBy: 'anna', at: AT });
    expect(r).toMatchObject(expected);
  });

  it('shows the remaining amount the Swedish way', () => {
    const r = reportExpense(base, { id: 'new', ore: 500001, description: 'prototyp', reportedBy: 'anna', at: AT });
    expect(r.ok === false && r.code === 'OVERSPEND' && formatSek(r.remaining)).toBe(nb('5 000 kr'));
  });

  it('refuses even 0,01 kr once everything is spent or pending', () => {
    const full = report(base, 'last', kr(5000));
    expect(ledger(full).remaining).toBe(0);
    expect(reportExpense(full, { id: 'x', ore: 1, description: 'prototyp', reportedBy: 'anna', at: AT })).toEqual({
      ok: false,
      code: 'OVERSPEND',
      remaining: 0,
    });
  });

  it('counts pending expenses, so two pending ones cannot together overspend', () => {
    const b = report(allocate(kr(1000), 't'), 'p1', kr(600));
    expect(reportExpense(b, { id: 'p2', ore: kr(600), description: 'prototyp', reportedBy: 'bo', at: AT })).toEqual({
      ok: false,
      code: 'OVERSPEND',
      remaining: kr(400),
    });
  });

  it('frees the amount of a rejected expense', () => {
    const b = decide(base, 'p', 'reject', 'För dyrt');
    expect(ledger(b).remaining).toBe(kr(20000));
    expect(reportExpense(b, { id: 'n', ore: kr(20000), description: 'prototyp', reportedBy: 'anna', at: AT }).ok).toBe(true);
  });

  it('never lets approved exceed allocated, whatever the order of reports and decisions', () => {
    // A deterministic pseudo-random walk (a linear congruential generator) over reports, approvals and rejections.
    let seed = 20260420;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let b = allocate(kr(50000), 'team-1');
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const pending = b.expenses.filter((e) => e.status === 'pending');
      const choice = next(3);
      const target = pending[next(Math.max(pending.length, 1))];
      if (choice === 0 || target === undefined) {
        const r = reportExpense(b, { id: `e${i}`, ore: 1 + next(kr(8000)), description: 'prototyp', reportedBy: 'anna', at: AT });
        if (r.ok) b = r.budget;
        else {
          expect(r).toEqual({ ok: false, code: 'OVERSPEND', remaining: ledger(b).remaining });
          refused++;
        }
      } else {
        const r = decideExpense(b, target.id, choice === 1 ? 'approve' : 'reject', 'hr', LATER, 'nej');
        expect(r.ok).toBe(true);
        if (r.ok) b = r.budget;
      }
      const l = ledger(b);
      expect(l.approved).toBeLessThanOrEqual(l.allocated);
      expect(l.approved + l.pending).toBeLessThanOrEqual(l.allocated);
      expect(l.remaining).toBeGreaterThanOrEqual(0);
      expect(l.approved + l.pending + l.remaining).toBe(l.allocated);
    }
    expect(refused).toBeGreaterThan(0); // the walk did reach the limit
    expect(b.expenses.some((e) => e.status === 'approved')).toBe(true);
  });

  it('refuses to approve on a stored budget whose allocation was lowered below what was reported', () => {
    const lowered: Budget = { ...report(allocate(kr(1000), 't'), 'e1', kr(800)), allocatedOre: kr(500) };
    expect(decideExpense(lowered, 'e1', 'approve', 'hr', LATER)).toEqual({ ok: false, code: 'OVERSPEND', remaining: kr(500) });
    expect(decideExpense(lowered, 'e1', 'reject', 'hr', LATER, 'Budgeten sänktes').ok).toBe(true);
  });
});

describe('exact öre', () => {
  it('adds 0,10 kr and 0,20 kr a thousand times each to exactly 300 kr', () => {
    const ten = parseAmount('0,10');
    const twenty = parseAmount('0,20');
    if (!ten.ok || !twenty.ok) throw new Error('did not parse');
    let b = allocate(kr(300), 'team-1');
    for (let i = 0; i < 1000; i++) {
      b = report(b, `a${i}`, ten.ore);
      b = report(b, `b${i}`, twenty.ore);
    }
    for (const e of b.expenses) b = decide(b, e.id, 'approve');
    expect(ledger(b)).toEqual({ allocated: 30000, approved: 30000, pending: 0, rejected: 0, remaining: 0 });
    expect(formatSek(ledger(b).approved)).toBe(nb('300 kr'));
    // The same sum in floating-point kronor drifts, which is why amounts are kept in öre.
    let float = 0;
    for (let i = 0; i < 1000; i++) float += 0.1 + 0.2;
    expect(float).not.toBe(300);
  });
});

describe('idempotent reports', () => {
  const once = report(allocate(kr(5000), 'team-1'), 'e1', kr(5000));

  it.each([
    ['the same report again (which would otherwise be an overspend: nothing remains)', { id: 'e1', ore: kr(5000), description: 'prototyp' }],
    ['a different payload under the same id', { id: 'e1', ore: kr(1), description: 'annat' }],
    ['an invalid payload under the same id', { id: 'e1', ore: -1, description: '' }],
  ])('returns the budget unchanged for %s', (_name, e) => {
    const r = reportExpense(once, { ...e, reportedBy: 'anna', at: LATER });
    expect(r).toEqual({ ok: true, budget: once });
    expect(r.ok && r.budget).toBe(once);
    expect(ledger(once).pending).toBe(kr(5000));
  });

  it('stays unchanged after the expense was decided', () => {
    const approved = decide(once, 'e1', 'approve');
    const r = reportExpense(approved, { id: 'e1', ore: kr(5000), description: 'prototyp', reportedBy: 'anna', at: LATER });
    expect(r.ok && r.budget).toBe(approved);
    expect(ledger(approved)).toMatchObject({ approved: kr(5000), pending: 0, remaining: 0 });
  });
});

describe('invalid reports', () => {
  const b = allocate(kr(5000), 'team-1');

  it.each([
    ['zero amount', { ore: 0 }, /amount/],
    ['negative amount', { ore: -100 }, /amount/],
    ['fractional öre', { ore: 10.5 }, /amount/],
    ['NaN', { ore: NaN }, /amount/],
    ['empty description', { description: '' }, /description/],
    ['one character after trimming', { description: '  x  ' }, /description/],
    ['201 characters', { description: 'x'.repeat(201) }, /description/],
    ['empty id', { id: '' }, /id/],
    ['empty reporter', { reportedBy: ' ' }, /reportedBy/],
    ['empty time', { at: '' }, /at/],
  ])('refuses %s', (_name, override, reason) => {
    const r = reportExpense(b, { id: 'e1', ore: 100, description: 'prototyp', reportedBy: 'anna', at: AT, ...override });
    expect(r).toEqual({ ok: false, code: 'INVALID', reason: expect.stringMatching(reason) });
  });

  it.each([
    ['2 characters', 'ab'],
    ['200 characters', 'x'.repeat(200)],
    ['200 characters padded with spaces', `  ${'x'.repeat(200)}  `],
    ['200 emoji (code points, not UTF-16 units)', '🚀'.repeat(200)],
  ])('accepts a description of %s', (_name, description) => {
    expect(reportExpense(b, { id: 'e1', ore: 100, description, reportedBy: 'anna', at: AT }).ok).toBe(true);
  });
});

describe('decide errors', () => {
  let b = allocate(kr(5000), 'team-1');
  b = report(b, 'pending', kr(100));
  b = decide(report(b, 'approved', kr(100)), 'approved', 'approve');
  b = decide(report(b, 'rejected', kr(100)), 'rejected', 'reject', 'nej');

  it.each([
    ['an unknown id', 'nope', 'approve', 'ok', { ok: false, code: 'NOT_FOUND' }],
    ['an approved expense (approve again)', 'approved', 'approve', undefined, { ok: false, code: 'NOT_PENDING', status: 'approved' }],
    ['an approved expense (reject)', 'approved', 'reject', 'nej', { ok: false, code: 'NOT_PENDING', status: 'approved' }],
    ['a rejected expense (approve)', 'rejected', 'approve', undefined, { ok: false, code: 'NOT_PENDING', status: 'rejected' }],
    ['a rejected expense (reject again)', 'rejected', 'reject', 'nej', { ok: false, code: 'NOT_PENDING', status: 'rejected' }],
    ['a rejection without a reason', 'pending', 'reject', undefined, { ok: false, code: 'INVALID', reason: expect.stringMatching(/reason/) }],
    ['a rejection with a blank reason', 'pending', 'reject', '   ', { ok: false, code: 'INVALID', reason: expect.stringMatching(/reason/) }],
  ] as const)('refuses %s', (_name, id, decision, reason, expected) => {
    expect(decideExpense(b, id, decision, 'hr', LATER, reason)).toEqual(expected);
  });

  it('refuses a decision without a decider', () => {
    expect(decideExpense(b, 'pending', 'approve', '', LATER)).toEqual({ ok: false, code: 'INVALID', reason: expect.stringMatching(/by/) });
  });

  it('leaves the budget unchanged when refusing', () => {
    const before = JSON.stringify(b);
    decideExpense(b, 'approved', 'approve', 'hr', LATER);
    decideExpense(b, 'pending', 'reject', 'hr', LATER);
    expect(JSON.stringify(b)).toBe(before);
  });
});
