import type { Application } from '../../src/domain/application';
import { MUNICIPALITIES } from '../../src/domain/municipalities';
import { messages, type Locale } from '../../src/i18n';
import { ApprovalHandlers } from '../../src/adapters/teams/approval.handlers';
import { JuryHandlers, RankingPageData } from '../../src/adapters/teams/jury.handlers';
import { ProgrammeHandlers } from '../../src/adapters/teams/programme.handlers';
import type { Caller, Reply } from '../../src/adapters/teams/turn';
import { scoreMark, withVerdict, type JurySummary } from '../../src/domain/tally';
import { aCohort, anApproval, aSubmitted, P, world, type World } from '../helpers/use-case-deps';
import { cardBytes, cardProblems, MAX_CARD_BYTES } from '../helpers/validate-card';

/**
 * Issue 12: every list card stays under 28 KB and valid whatever the cohort's size. Ten thousand applications of the
 * longest kind (every text at its limit), scored by ten jurors, rendered through the handlers in both languages:
 * the ranking (spread-out scores, and every application tied, which once made a 1.95 MiB card), a page in the middle
 * of it, the applications list, a juror's reviews, a manager's approvals and the statistics.
 */
const N = 10_000;
const JURORS = [P.juror1, P.juror2, P.juror3, ...Array.from({ length: 7 }, (_, i) => `juror-x${i}`)];
const long = (n: number, seed: number) => `Lång text ${seed} med å, ä och ö och *tecken* som [ska](synas) som de skrevs. `.repeat(Math.ceil(n / 70)).slice(0, n);

function summary(i: number, tied: boolean): JurySummary {
  let s: JurySummary | undefined;
  for (const [j, jurorId] of JURORS.entries()) s = withVerdict(s, jurorId, tied ? 3 : 1 + ((i * 7 + j * 3) % 41) / 10, scoreMark({ x: j }, ''));
  return s as JurySummary;
}

function applications(tied: boolean): Application[] {
  return Array.from({ length: N }, (_, i) => {
    const state = i % 10 === 9 ? 'awaitingManager' : 'inReview';
    const municipality = MUNICIPALITIES[i % MUNICIPALITIES.length] ?? 'Bjuv';
    return aSubmitted(i + 1, state, {
      id: `A-${String(i).padStart(6, '0')}`,
      applicantName: long(80, i),
      idea: { title: long(120, i), problem: long(2000, i), description: long(4000, i) },
      about: { municipality, administration: long(120, i), workplace: long(120, i), managerId: P.manager1, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2019-01-01' },
      approvals: [anApproval(`applicant-${i + 1}`, P.manager1, '')].map((a) => (state === 'awaitingManager' ? { ...a, status: 'pending' as const, decidedBy: undefined, decidedAt: undefined } : a)),
      deciderIds: state === 'awaitingManager' ? [P.manager1] : [],
      ...(state === 'inReview' ? { jury: summary(i, tied) } : {}),
    });
  });
}

const callerIn = (id: string, locale: Locale): Caller => ({ id, name: 'Namn', locale, m: messages(locale), personal: true });
const cardsOf = (replies: readonly Reply[]) => replies.flatMap((r) => ('card' in r ? [r.card] : []));

describe.each([
  ['spread-out scores', false],
  ['every application tied', true],
])('the list cards at 10,000 applications, %s', (_name, tied) => {
  let w: World;
  beforeAll(async () => {
    w = await world({ cohorts: [aCohort({ juryRound: 'open', jurorIds: JURORS, quorum: 3 })], applications: applications(tied) });
  }, 60_000);

  const lists: [string, (l: Locale) => Promise<readonly Reply[]>][] = [
    ['rangordning, page 1', (l) => new JuryHandlers(w.deps).ranking(callerIn(P.coordinator, l))],
    [
      'rangordning, page 40 (each page from the cursor the card before carries)',
      async (l) => {
        const jury = new JuryHandlers(w.deps);
        let card = cardsOf(await jury.ranking(callerIn(P.coordinator, l)))[0];
        for (let page = 2; page <= 40; page++) {
          const next = card?.actions?.map((a) => RankingPageData.parse(a.data)).find((d) => d.page === page);
          if (!next) throw new Error(`no button to page ${page}`);
          card = (await jury.rankingPage(callerIn(P.coordinator, l), next)).card;
        }
        return card ? [{ card }] : [];
      },
    ],
    ['ansökningar', (l) => new ProgrammeHandlers(w.deps).list(callerIn(P.coordinator, l), '')],
    ['att bedöma', (l) => new JuryHandlers(w.deps).reviews(callerIn(P.juror1, l))],
    ['att godkänna', (l) => new ApprovalHandlers(w.deps).list(callerIn(P.manager1, l))],
    ['statistik', (l) => new ProgrammeHandlers(w.deps).statistics(callerIn(P.coordinator, l))],
  ];

  it.each(lists.flatMap(([name, make]) => (['sv', 'en'] as const).map((l) => [`${name} (${l})`, l, make] as const)))('%s: one valid card under 28 KB', async (_what, locale, make) => {
    const cards = cardsOf(await make(locale));
    expect(cards).toHaveLength(1);
    const card = cards[0];
    expect(cardProblems(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  });

  it('says how many there are in all, not only the page', async () => {
    const text = (r: readonly Reply[]) => JSON.stringify(cardsOf(r));
    expect(text(await new JuryHandlers(w.deps).ranking(callerIn(P.coordinator, 'sv')))).toContain('(9\u00a0000 ansökningar)');
    expect(text(await new ProgrammeHandlers(w.deps).list(callerIn(P.coordinator, 'sv'), ''))).toContain('(10\u00a0000)');
    expect(text(await new ApprovalHandlers(w.deps).list(callerIn(P.manager1, 'sv')))).toContain('Fler väntar på ditt beslut');
  });
});
