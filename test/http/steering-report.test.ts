import { DEMO_COHORT_ID } from '../../src/demo/demo';
import { formatSek } from '../../src/domain/budget';
import { runSteeringReport } from '../../src/use-cases/programme/steering-report';
import { ManualClock } from '../fakes/clock-and-ids';
import { embeddedStoreFor } from '../helpers/embedded-cosmos';
import { seedCohort } from '../helpers/seeded-cohort';
import { cardOf, readable, said } from '../helpers/teams-client';
import { lastCard } from '../helpers/card-actions';
import { repliesText, startTestBot, type TestBot } from '../helpers/test-app';
import { birgitta, erik, mikael } from '../helpers/demo-users';
import { cardBytes, cardProblems, MAX_CARD_BYTES } from '../helpers/validate-card';

/**
 * Issue 17 A: the steering group's report on a schedule. Two instances on one store and one clock that stands still
 * until the test moves it; each runs its outbox worker by hand (runOnce), as two App Service instances would.
 */

type Doc = { state: string; municipality?: string; expenses?: { ore: number; status: string }[] };
type Row = { submitted: number; approved: number; selected: number; outcomes: number; phase1: number; phase2: number; phase3: number; spentOre: number };

const NOT_SENT = ['draft', 'withdrawn'];
const WAITING = ['awaitingManager', 'changesRequested', 'declined'];
const SELECTED_ON = ['selected', 'phase1', 'returnedToJob', 'joinedOtherTeam', 'continuing', 'phase2', 'phase3', 'keptAsProject', 'handedToLine', 'spunOut', 'ended'];
const OUTCOMES = ['keptAsProject', 'handedToLine', 'spunOut', 'ended'];

/** The figures counted straight from the stored applications, by municipality (not through the report's code). */
async function countedFromStore(bot: TestBot): Promise<Map<string, Row>> {
  const { resources } = await bot.app.store.containers.applications.items
    .query<Doc>({ query: "SELECT c.state, c.about.municipality, c.budget.expenses FROM c WHERE c.type = 'application' AND c.cohortId = @c", parameters: [{ name: '@c', value: DEMO_COHORT_ID }] })
    .fetchAll();
  const rows = new Map<string, Row>();
  const zero = (): Row => ({ submitted: 0, approved: 0, selected: 0, outcomes: 0, phase1: 0, phase2: 0, phase3: 0, spentOre: 0 });
  for (const d of resources) {
    for (const key of [d.municipality ?? '', 'Alla kommuner']) {
      const r = rows.get(key) ?? zero();
      const sent = !NOT_SENT.includes(d.state);
      r.submitted += sent ? 1 : 0;
      r.approved += sent && !WAITING.includes(d.state) ? 1 : 0;
      r.selected += SELECTED_ON.includes(d.state) ? 1 : 0;
      r.outcomes += OUTCOMES.includes(d.state) ? 1 : 0;
      r.phase1 += d.state === 'phase1' ? 1 : 0;
      r.phase2 += d.state === 'phase2' ? 1 : 0;
      r.phase3 += d.state === 'phase3' ? 1 : 0;
      r.spentOre += (d.expenses ?? []).filter((x) => x.status === 'approved').reduce((s, x) => s + x.ore, 0);
      rows.set(key, r);
    }
  }
  return rows;
}

/** The card's two tables per municipality, read back as numbers (NBSP-grouped numbers and "kr" amounts as they are shown). */
function tablesOf(card: unknown): Map<string, string[]> {
  const body = (card as { body: { type: string; rows?: { cells: { items: { text: string }[] }[] }[] }[] }).body;
  const out = new Map<string, string[]>();
  for (const table of body.filter((e) => e.type === 'Table')) {
    for (const row of (table.rows ?? []).slice(1)) {
      const [name, ...cells] = row.cells.map((c) => c.items[0]?.text ?? '');
      out.set(name ?? '', [...(out.get(name ?? '') ?? []), ...cells]);
    }
  }
  return out;
}

const cardsTo = (bots: readonly TestBot[], user: { aadObjectId: string }, title: string) =>
  bots.flatMap((b) => b.connector.activities).filter((x) => x.conversationId === `a:1:1-${user.aadObjectId}` && said(x).includes(title));

describe('the steering group report on a schedule', () => {
  const store = embeddedStoreFor('steering-report');

  it('runs from its due time (not before), once with two instances: each member gets exactly one card, with the figures in the store', async () => {
    const clock = new ManualClock(Date.parse('2027-03-10T10:00:00Z'));
    const a = await startTestBot({ OUTBOX_WORKER: 'false' }, { store: store(), clock });
    const b = await startTestBot({ OUTBOX_WORKER: 'false' }, { store: store(), clock });
    try {
      for (const who of [erik, birgitta, mikael]) await a.teams.say(who, 'hjälp');
      const settings = (await a.app.services.settings.get())!;
      await a.app.services.settings.save({ ...settings.value, steeringGroupIds: [birgitta.aadObjectId, mikael.aadObjectId] }, settings.etag);
      await seedCohort(a, { n: 240 });

      await a.teams.say(erik, 'rapportschema');
      expect(repliesText(a, erik)).toContain('första vardagen varje månad kl. 08:00. Nästa gång: 1 april 2027 kl. 08:00.');
      await a.teams.say(birgitta, 'rapportschema');
      expect(repliesText(a, birgitta)).not.toContain('Nästa gång');
      // Set on both instances: the run is keyed by cohort and due time, so it is one job.
      await a.teams.say(erik, 'rapportschema månadsvis');
      await b.teams.say(erik, 'report schedule monthly');
      const due = '2027-04-01T06:00:00.000Z';
      const jobs = async () =>
        (await store().containers.applications.items.query<{ dueAt: string; status: string }>("SELECT c.dueAt, c.status FROM c WHERE c.type = 'outbox' AND c.kind = 'steeringReportRun'").fetchAll()).resources
          .map((j) => `${j.dueAt} ${j.status}`)
          .sort();
      expect(await jobs()).toEqual([`${due} pending`]);

      const both = () => Promise.all([a.app.outbox.runOnce(), b.app.outbox.runOnce()]);
      clock.t = Date.parse(due) - 60_000;
      await both();
      await both();
      expect(cardsTo([a, b], birgitta, 'Rapport: Pilot 1')).toHaveLength(0);

      clock.t = Date.parse(due) + 1000;
      await Promise.all([a.app.outbox.runOnce(), b.app.outbox.runOnce(), a.app.outbox.runOnce(), b.app.outbox.runOnce()]);
      await both();
      await both();
      // Told twice (a run enqueued again by hand): the cards are keyed by the run, so nobody gets a second one.
      await runSteeringReport(b.app.services, DEMO_COHORT_ID, due);
      await both();
      await both();
      for (const member of [birgitta, mikael]) expect(cardsTo([a, b], member, 'Rapport: Pilot 1')).toHaveLength(1);
      expect(cardsTo([a, b], erik, 'Rapport: Pilot 1')).toHaveLength(0);
      // The next run is scheduled (1 May 2027 is a Saturday and a holiday: Monday 3 May), this one done.
      expect(await jobs()).toEqual([`${due} sent`, '2027-05-03T06:00:00.000Z pending']);

      // The figures on the card are those counted straight from the store.
      const card = cardOf(cardsTo([a, b], birgitta, 'Rapport: Pilot 1')[0]!.activity)!;
      expect(cardProblems(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
      const counted = await countedFromStore(a);
      const tables = tablesOf(card);
      expect([...tables.keys()].sort()).toEqual([...counted.keys()].sort());
      for (const [municipality, r] of counted) {
        const n = (x: number) => x.toLocaleString('sv-SE');
        expect({ municipality, cells: tables.get(municipality) }).toEqual({ municipality, cells: [n(r.submitted), n(r.approved), n(r.selected), n(r.outcomes), n(r.phase1), n(r.phase2), n(r.phase3), formatSek(r.spentOre)] });
      }
      const total = counted.get('Alla kommuner')!;
      expect(total.phase1 + total.phase2 + total.phase3 + total.outcomes).toBeGreaterThan(0);
      expect(total.spentOre).toBeGreaterThan(0);
      const facts = (card as { body: { type: string; facts?: { title: string; value: string }[] }[] }).body.find((e) => e.type === 'FactSet')!.facts!;
      expect(facts.find((f) => f.title === 'Skickade ansökningar')?.value).toBe(total.submitted.toLocaleString('sv-SE'));
      expect(facts.find((f) => f.title === 'Antagna')?.value).toBe(total.selected.toLocaleString('sv-SE'));

      // `rapport` on demand gives coordinators and the steering group the same card.
      await a.teams.say(erik, 'rapport');
      expect(readable(lastCard(a, erik))).toBe(readable(card));
      await b.teams.say(birgitta, 'rapport');
      expect(readable(lastCard(b, birgitta))).toBe(readable(card));

      // Off: the next run finds nothing to do, and nobody is told.
      await a.teams.say(erik, 'rapportschema av');
      expect(repliesText(a, erik)).toContain('Styrgruppens rapport för Pilot 1: av.');
      clock.t = Date.parse('2027-05-03T06:00:01.000Z');
      await both();
      await both();
      expect(await jobs()).toEqual([`${due} sent`, '2027-05-03T06:00:00.000Z cancelled']);
      // Birgitta: the scheduled card and her own `rapport`; Mikael: the scheduled card only.
      expect(cardsTo([a, b], birgitta, 'Rapport: Pilot 1')).toHaveLength(2);
      expect(cardsTo([a, b], mikael, 'Rapport: Pilot 1')).toHaveLength(1);
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 60_000);

  it('ändra kohort shows and sets the schedule; saving a cohort schedules its next run', async () => {
    const bot = await startTestBot({ OUTBOX_WORKER: 'false' }, { clock: new ManualClock(Date.parse('2027-03-10T10:00:00Z')) });
    try {
      const jobs = async () =>
        (await bot.app.store.containers.applications.items.query<{ dueAt: string }>("SELECT c.dueAt FROM c WHERE c.type = 'outbox' AND c.kind = 'steeringReportRun'").fetchAll()).resources.map((j) => j.dueAt);
      expect(await jobs()).toEqual([]);
      await bot.teams.say(erik, 'ändra kohort');
      expect(JSON.stringify(lastCard(bot, erik))).toContain('"id":"monthlyReport","title":"Skicka rapporten till styrgruppen första vardagen varje månad kl. 08:00","value":"true"');
      const form = { cohortId: DEMO_COHORT_ID, name: 'Pilot 1', intakeOpensOn: '2027-03-01', intakeClosesOn: '2027-04-30', programmeStartsOn: '2027-06-01', capacity: '12', budgetKr: '50 000', quorum: '3', normalise: 'false' };
      await bot.teams.execute(erik, 'cohort.save', { ...form, monthlyReport: 'true' });
      expect(await jobs()).toEqual(['2027-04-01T06:00:00.000Z']);
      await bot.teams.execute(erik, 'cohort.save', { ...form, monthlyReport: 'false' });
      expect((await bot.app.services.cohorts.get(DEMO_COHORT_ID))?.value.reportSchedule).toBe('off');
      // A card without the toggle keeps the schedule.
      await bot.teams.execute(erik, 'cohort.save', form);
      expect((await bot.app.services.cohorts.get(DEMO_COHORT_ID))?.value.reportSchedule).toBe('off');
      const erikInEnglish = { ...erik, locale: 'en-GB' };
      await bot.teams.say(erikInEnglish, 'report schedule');
      expect(repliesText(bot, erikInEnglish)).toContain("The steering group's report for Pilot 1: off.");
    } finally {
      await bot.stop();
    }
  }, 30_000);
});
