import { aboutCard } from '../../src/adapters/cards/about.card';
import { plain, type AdaptiveCard } from '../../src/adapters/cards/card-kit';
import { cohortsCard } from '../../src/adapters/cards/cohorts.card';
import { helpCard } from '../../src/adapters/cards/help.card';
import { welcomeCard } from '../../src/adapters/cards/welcome.card';
import { whoamiCard } from '../../src/adapters/cards/whoami.card';
import { messages, type Locale } from '../../src/i18n';
import { cardBytes, cardProblems, MAX_CARD_BYTES } from '../helpers/validate-card';

const hostile = '[klicka här](https://example.org) **VIKTIGT** <at>Alla</at> # Rubrik';
const long = 'Å'.repeat(2000);

/** Every card, in a plain and a demanding version, in both languages. */
const cards: [string, (l: Locale) => AdaptiveCard][] = [
  ['welcome', (l) => welcomeCard({ name: 'Sara Lindqvist' }, messages(l))],
  ['welcome, hostile name', (l) => welcomeCard({ name: hostile }, messages(l))],
  ['welcome, no name', (l) => welcomeCard({}, messages(l))],
  ['help', (l) => helpCard({ roleNames: ['medarbetare', 'samordnare'], commands: [{ word: 'hjälp', description: 'Visar vad du kan göra.' }], inChannel: false }, messages(l))],
  ['help in a channel', (l) => helpCard({ roleNames: ['medarbetare'], commands: [], inChannel: true }, messages(l))],
  ['about', (l) => aboutCard(messages(l))],
  ['whoami', (l) => whoamiCard({ name: hostile, municipality: 'Örkelljunga', administration: long, roleNames: ['chef'], known: true }, messages(l))],
  ['whoami, unknown person', (l) => whoamiCard({ name: 'Okänd', roleNames: ['medarbetare'], known: false }, messages(l))],
  ['cohorts, none', (l) => cohortsCard({ cohorts: [] }, messages(l))],
  [
    'cohorts, twelve of every kind',
    (l) =>
      cohortsCard(
        {
          cohorts: Array.from({ length: 12 }, (_, i) => ({
            name: `${hostile} ${i}`,
            intake: (['open', 'notYet', 'closed'] as const)[i % 3] ?? 'open',
            intakeOpensAt: '2027-02-01T00:00:00Z',
            intakeClosesAt: '2027-03-15T00:00:00Z',
            capacity: 12,
          })),
        },
        messages(l),
      ),
  ],
];

/** Universal Actions need a verb, and each needs an Action.Submit fallback with the same data for mobile. */
function actionProblems(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => actionProblems(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute') {
      const fb = o.fallback as Record<string, unknown> | undefined;
      if (typeof o.verb !== 'string' || !o.verb) out.push('Action.Execute without verb');
      if (!fb || fb.type !== 'Action.Submit') out.push(`Action.Execute ${String(o.verb)} without Action.Submit fallback`);
      else if (JSON.stringify(fb.data) !== JSON.stringify(o.data)) out.push(`fallback data differs for ${String(o.verb)}`);
    }
    Object.values(o).forEach((v) => actionProblems(v, out));
  }
  return out;
}

describe.each(['sv', 'en'] as const)('cards in %s', (locale) => {
  it.each(cards)('%s validates as Adaptive Card 1.5 and stays under 28 KB', (_name, make) => {
    const json = make(locale);
    expect(cardProblems(json)).toEqual([]);
    expect(actionProblems(json)).toEqual([]);
    expect(cardBytes(json)).toBeLessThan(MAX_CARD_BYTES);
  });
});

describe('the validator itself', () => {
  it('reports a card that is not valid 1.5', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', size: 'Enormous' }] })).not.toEqual([]);
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.6', body: [] })).toContain('version is not 1.5');
    expect(actionProblems({ actions: [{ type: 'Action.Execute', verb: 'x', data: { verb: 'x' } }] })).toEqual(['Action.Execute x without Action.Submit fallback']);
  });
});

describe('plain(): user text cannot format, link or mention', () => {
  it.each([
    ['[klicka här](https://example.org) **VIKTIGT**', '\\[klicka här\\](https\u200B://example.org) \\*\\*VIKTIGT\\*\\*'],
    ['<at>Alla</at>', '\\<at\\>Alla\\</at\\>'],
    ['# Rubrik', '\\# Rubrik'],
    ['- punkt\n1. nummer', '\\- punkt\n\\1. nummer'],
    ['besök www.example.org', 'besök www\u200B.example.org'],
    ['`kod` _kursiv_ ~~struken~~ | tabell', '\\`kod\\` \\_kursiv\\_ \\~\\~struken\\~\\~ \\| tabell'],
    ['Åsa i Ängelholm, 3.5 mil från Örkelljunga.', 'Åsa i Ängelholm, 3.5 mil från Örkelljunga.'],
  ])('%j', (input, expected) => {
    expect(plain(input)).toBe(expected);
  });
});
