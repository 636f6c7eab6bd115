import type { Application } from '../../src/domain/application';
import type { Cohort } from '../../src/domain/cohort';
import { runDisposal, runDisposalNotice } from '../../src/use-cases/programme/disposal';
import { anApplication, anApprovedApplication, creationAudit } from '../builders/application.builder';
import { ManualClock } from '../fakes/clock-and-ids';
import { embeddedStoreFor } from '../helpers/embedded-cosmos';
import { cardOf, readable, said } from '../helpers/teams-client';
import { lastCard } from '../helpers/card-actions';
import { repliesText, startTestBot, type TestBot } from '../helpers/test-app';
import { erik, johan, sara } from '../helpers/demo-users';
import { cardBytes, cardProblems, MAX_CARD_BYTES } from '../helpers/validate-card';

/**
 * Issue 18 (must show 2): disposal with a controllable clock. Two instances on one store and one clock that stands
 * still until the test moves it; each runs its outbox worker by hand (runOnce), as two App Service instances would.
 */

const COHORT = 'arkiv-2024';
type Doc = { id: string; type: string; applicationId?: string; _etag: string };

const listsTo = (bots: readonly TestBot[], user: { aadObjectId: string }) =>
  bots.flatMap((b) => b.connector.activities).filter((x) => x.conversationId === `a:1:1-${user.aadObjectId}` && said(x).includes('Gallringslista: Arkiv 2024'));

describe('disposal (gallring) on a schedule', () => {
  const store = embeddedStoreFor('disposal');

  it('lists first, disposes on the date under its rule, records it, keeps the rest, and runs once with two instances', async () => {
    const clock = new ManualClock(Date.parse('2027-03-10T10:00:00Z'));
    const a = await startTestBot({ OUTBOX_WORKER: 'false' }, { store: store(), clock });
    const b = await startTestBot({ OUTBOX_WORKER: 'false' }, { store: store(), clock });
    const both = () => Promise.all([a.app.outbox.runOnce(), b.app.outbox.runOnce()]);
    const docs = async () =>
      (await store().containers.applications.items.query<Doc>({ query: 'SELECT * FROM c WHERE c.cohortId = @c', parameters: [{ name: '@c', value: COHORT }] }).fetchAll()).resources;
    try {
      for (const who of [erik, sara]) await a.teams.say(who, 'hjälp');
      const s = a.app.services;
      // A cohort whose selection was locked in May 2024: what did not lead to a place goes two years later, by default.
      const cohort: Cohort = {
        id: COHORT,
        name: 'Arkiv 2024',
        intakeOpensAt: '2024-01-08T08:00:00.000Z',
        intakeClosesAt: '2024-02-28T23:00:00.000Z',
        programmeStartsOn: '2024-09-02',
        capacity: 12,
        budgetPerParticipantOre: 5_000_000,
        jurorIds: [],
        mentorIds: [],
        sponsorIds: [],
        juryRound: 'locked',
        selectionLockedAt: '2024-05-15T10:00:00.000Z',
        reportSchedule: 'off',
      };
      await s.cohorts.save(cohort);
      const at = '2024-03-01T09:00:00.000Z';
      const sent = (name: string, o: Partial<Application>) => anApprovedApplication({ aadObjectId: `person-${name}`, name }, johan.aadObjectId, { cohortId: COHORT, ...o }, at);
      const notSelected = sent('Ej Antagen', { state: 'notSelected', selection: { decision: 'notSelected', feedback: 'Tack!', decidedBy: erik.aadObjectId, decidedAt: '2024-05-10T10:00:00.000Z' } });
      const appealed = sent('Överklagar', { state: 'notSelected', selection: { decision: 'notSelected', feedback: 'Tack!', decidedBy: erik.aadObjectId, decidedAt: '2024-05-10T10:00:00.000Z' } });
      const selected = sent('Antagen', { state: 'phase1', selection: { decision: 'selected', feedback: 'Välkommen!', decidedBy: erik.aadObjectId, decidedAt: '2024-05-10T10:00:00.000Z' } });
      const oldDraft = anApplication({ cohortId: COHORT, applicantId: 'person-utkast', applicantName: 'Gammalt Utkast', updatedAt: '2026-06-01T09:00:00.000Z' });
      const newDraft = anApplication({ cohortId: COHORT, applicantId: 'person-nytt', applicantName: 'Nytt Utkast', updatedAt: '2027-03-01T09:00:00.000Z' });
      for (const app of [notSelected, appealed, selected, oldDraft, newDraft]) {
        await s.applications.create(app, creationAudit(app), [{ idempotencyKey: `told/${app.id}`, kind: 'selectionOutcome', recipientId: app.applicantId, cohortId: COHORT, applicationId: app.id, payload: {}, dueAt: '2099-01-01T00:00:00.000Z' }]);
      }
      // A juror's score follows its application.
      await store().containers.applications.items.create({ type: 'score', id: `score:${notSelected.id}:juror-1`, cohortId: COHORT, applicationId: notSelected.id, jurorId: 'juror-1', values: { benefit: 3 }, at });
      const kept = [appealed, selected, newDraft].map((x) => x.id);
      const before = await docs();
      const keptBefore = before.filter((d) => kept.includes(d.applicationId ?? d.id)).sort((x, y) => x.id.localeCompare(y.id));

      // Coordinators only; without a decision nothing is scheduled and the plan says so.
      await a.teams.say(sara, 'gallringsplan');
      expect(repliesText(a, sara)).not.toContain('Gallringsplan');
      await a.teams.say(erik, 'gallringsplan');
      const plan = lastCard(a, erik);
      expect(cardProblems(plan)).toEqual([]);
      expect(readable(plan)).toContain('Inget gallringsbeslut är registrerat: ingenting gallras.');
      expect(readable(plan)).toContain('Gallras 2 år efter att kohortens urval låstes');
      expect(readable(plan)).toContain('Gallras 6 månader efter sista ändringen');

      // A hostile or wrong input gets an answer, never a crash.
      await a.teams.say(erik, 'gallringsplan ej-antagna 0');
      expect(repliesText(a, erik)).toContain('ej-antagna ska vara ett heltal från 1 till 10.');
      await a.teams.say(erik, 'spärra gallring A-ZZZZZZ');
      await a.teams.say(erik, `spärra gallring ${appealed.id} ${'x'.repeat(300)}`);
      expect(repliesText(a, erik)).toContain('Skriv ett skäl till spärren, högst 200 tecken.');
      await a.teams.say(erik, `spärra gallring ${appealed.id} Överklagande pågår`);
      expect(repliesText(a, erik)).toContain(`${appealed.id} gallras inte så länge spärren gäller.`);

      // Adopted on both instances: the notice is keyed by cohort and instant, so it is one job per cohort.
      await a.teams.say(erik, 'gallringsplan beslut KS 2027/42');
      expect(repliesText(a, erik)).toContain('Gallringsbeslut KS 2027/42 är registrerat. Första gallringslistan skickas 1 april 2027 kl. 08:00.');
      await b.teams.say(erik, 'disposal approve KS 2027/42');
      const due = '2027-04-01T06:00:00.000Z';
      const jobs = async (kind: string) =>
        (await store().containers.applications.items.query<{ dueAt: string; status: string }>({ query: 'SELECT c.dueAt, c.status FROM c WHERE c.type = \'outbox\' AND c.kind = @k AND c.cohortId = @c', parameters: [{ name: '@k', value: kind }, { name: '@c', value: COHORT }] }).fetchAll()).resources
          .map((j) => `${j.dueAt} ${j.status}`)
          .sort();
      expect(await jobs('disposalNotice')).toEqual([`${due} pending`]);

      // The notice: a dry-run list to the coordinators, nothing changed.
      clock.t = Date.parse(due) + 1000;
      await Promise.all([a.app.outbox.runOnce(), b.app.outbox.runOnce(), a.app.outbox.runOnce(), b.app.outbox.runOnce()]);
      await both();
      await both();
      await runDisposalNotice(b.app.services, COHORT, due);
      await both();
      const lists = listsTo([a, b], erik);
      expect(lists).toHaveLength(1);
      const list = cardOf(lists[0]!.activity)!;
      expect(cardProblems(list)).toEqual([]);
      expect(cardBytes(list)).toBeLessThan(MAX_CARD_BYTES);
      const listText = readable(list);
      expect(listText).toContain('2 ansökningar gallras 15 april 2027 kl. 08:00');
      expect(listText).toContain('Enligt gallringsbeslut KS 2027/42.');
      expect(listText).toContain(`${notSelected.id}\nej antagna\n15 maj 2026`);
      expect(listText).toContain(`${oldDraft.id}\nutkast\n1 december 2026`);
      for (const id of kept) expect(listText).not.toContain(id);
      expect((await docs()).length).toBeGreaterThanOrEqual(before.length);
      const runAt = '2027-04-15T06:00:00.000Z';
      expect(await jobs('disposalRun')).toEqual([`${runAt} pending`]);
      expect(await jobs('disposalNotice')).toEqual([`${due} sent`, '2027-05-03T06:00:00.000Z pending']);

      // Not before its date.
      clock.t = Date.parse(runAt) - 60_000;
      await both();
      expect((await s.applications.get(COHORT, notSelected.id))?.value.id).toBe(notSelected.id);

      // On the date, by two instances at once: disposed once, with everything that follows each application.
      clock.t = Date.parse(runAt) + 1000;
      await Promise.all([a.app.outbox.runOnce(), b.app.outbox.runOnce(), a.app.outbox.runOnce(), b.app.outbox.runOnce()]);
      await both();
      const after = await docs();
      for (const gone of [notSelected.id, oldDraft.id]) expect(after.filter((d) => d.id === gone || d.applicationId === gone)).toEqual([]);
      expect(after.filter((d) => d.type === 'applicantIndex' && ['person-Ej Antagen', 'person-utkast'].some((p) => d.id === `applicant:${p}`))).toEqual([]);
      // The kept records untouched, to the version.
      expect(after.filter((d) => kept.includes(d.applicationId ?? d.id)).sort((x, y) => x.id.localeCompare(y.id))).toEqual(keptBefore);
      // The counters follow (a recount of what is left).
      const counts = await s.applications.counts(COHORT);
      expect(counts.byState['Höganäs|notSelected']).toBe(1);
      expect(Object.entries(counts.byState).filter(([k]) => k.endsWith('|draft')).reduce((n, [, v]) => n + v, 0)).toBe(1);

      // The disposal record: kept, with the count per rule, what was held, and the decision.
      const records = await s.disposals.recent(COHORT, 5);
      expect(records).toHaveLength(1);
      const record = records[0]!;
      expect(record).toMatchObject({ status: 'done', disposed: { notSelected: 1, draft: 1 }, held: [], decision: { reference: 'KS 2027/42', approvedBy: erik.aadObjectId } });
      const stored = await s.disposals.get(COHORT, record.id);

      // Twice-run is a no-op.
      expect(await runDisposal(b.app.services, COHORT, record.id)).toEqual({ ran: false, disposed: 0 });
      expect((await s.disposals.get(COHORT, record.id))?.etag).toBe(stored?.etag);
      expect(await jobs('disposalRun')).toEqual([`${runAt} sent`]);

      // Coordinators see the rules, the next run and the record.
      await b.teams.say(erik, 'gallringsplan');
      const shown = readable(lastCard(b, erik));
      expect(shown).toContain('Gallringsbeslut KS 2027/42, registrerat av Erik Nyström');
      expect(shown).toContain('Arkiv 2024, 15 april 2027 kl. 08:00: 1 ansökan ej antagna, 1 ansökan utkast (beslut KS 2027/42)');
      expect(shown).toContain(`${appealed.id}: Överklagande pågår`);
      await b.teams.say(erik, 'disposal');
      expect(readable(lastCard(b, erik))).toBe(shown);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
