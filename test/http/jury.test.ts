import { DEMO_COHORT_ID, DEMO_PEOPLE } from '../../src/demo/demo';
import type { Application } from '../../src/domain/application';
import { eventually } from '../helpers/eventually';
import { type TeamsUser, readable, invokeCard, said } from '../helpers/teams-client';
import { repliesText, testBotFor, type TestBot } from '../helpers/test-app';
import { buttonData, confirmed, lastCard } from '../helpers/card-actions';
import { allScores } from '../helpers/store-reads';
import { erik, lena, mikael, johan, sara } from '../helpers/demo-users';

const henrik: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000010', name: 'Henrik Sjöberg' };
const KARIN = '00000000-0000-4000-8000-000000000011';

const allFive = (n: number) => ({ c_benefit: String(n), c_boldness: String(n), c_applicability: String(n), c_feasibility: String(n), c_drive: String(n) });

/** A card's texts with its inputs' labels in their place, as a person reads the form. */
function withLabels(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.label === 'string') out.push(o.label);
      else if (typeof o.text === 'string' && o.type === 'TextBlock') out.push(o.text);
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Two approved applications put straight into the store (intake and approval are tested elsewhere). */
async function approvedApplications(bot: TestBot): Promise<{ a: Application; b: Application }> {
  const [a, b] = await manyApproved(bot, 0);
  return { a: a as Application, b: b as Application };
}

/**
 * Approved applications put straight into the store: Sara's and Henrik's, and `more` from other applicants (with
 * Karin as their manager).
 */
async function manyApproved(bot: TestBot, more: number, base: 1 | 2 = 2): Promise<Application[]> {
  const now = new Date().toISOString();
  const make = (id: string, applicantId: string, name: string, managerId: string, title: string): Application => ({
    id,
    cohortId: DEMO_COHORT_ID,
    applicantId,
    applicantName: name,
    state: 'approved',
    step: 'review',
    idea: { title, problem: 'Ett problem som många kommuner delar och som ingen har löst.', description: 'En idé som prövas i programmet.' },
    benefit: { targetGroups: ['residents'], benefit: 'Nytta för invånarna.', applicability: 'Fungerar i alla elva kommuner.' },
    about: { municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
    leave: { extentPercent: 50, start: '2027-01-04', end: '2027-06-30' },
    coApplicants: [],
    approvals: [{ memberId: applicantId, memberName: name, managerId, status: 'approved', requestedAt: now, decidedBy: managerId, decidedAt: now }],
    deciderIds: [],
    submittedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  const a = make('A-JURY01', sara.aadObjectId, sara.name, johan.aadObjectId, 'Trygg hemgång från sjukhuset');
  const b = make('A-JURY02', henrik.aadObjectId, henrik.name, KARIN, 'Verktyg att låna på biblioteket');
  const others = Array.from({ length: more }, (_, i) => make(`A-MORE${String(i).padStart(2, '0')}`, `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`, `Sökande ${i}`, KARIN, `Idé nummer ${i}`));
  const all = [...[a, b].slice(0, base), ...others];
  for (const x of all) {
    await bot.app.services.applications.create(x, { id: `audit-${x.id}`, applicationId: x.id, cohortId: x.cohortId, at: now, actorId: x.applicantId, actorKind: 'applicant', action: 'create', fromState: null, toState: 'approved' });
  }
  return all;
}

describe('the jury over HTTP: scoring, recusal, ranking, selection', () => {
  const bot = testBotFor('each');

  it('three jurors score two applications, one recuses; the coordinator ranks, selects and waitlists; everyone is told', async () => {
    const { a, b } = await approvedApplications(bot);
    const refA = { applicationId: a.id, cohortId: a.cohortId };
    const refB = { applicationId: b.id, cohortId: b.cohortId };
    // The demo jury is Lena, Mikael and Erik; Johan joins (he is Sara's manager: recused from her application).
    await bot.teams.say(erik, 'jury lägg till johan.bergstrom@hoganas.example.se');
    expect(repliesText(bot, erik)).toContain('Johan Bergström är med i juryn');
    await bot.connector.waitFor((x) => x.conversationId.includes(johan.aadObjectId) && said(x).includes('Du är med i juryn för Pilot 1'));
    await bot.teams.say(erik, 'jury');
    expect(repliesText(bot, erik)).toContain('Juryn: Lena Holm, Mikael Ek, Erik Nyström och Johan Bergström');

    expect((await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open')).answer).toContain('Juryrundan är öppen: 2 ansökningar går till juryn');
    expect((await bot.app.services.applications.get(a.cohortId, a.id))?.value.state).toBe('inReview');

    await bot.teams.say(lena, 'att bedöma');
    expect(repliesText(bot, lena)).toContain('Trygg hemgång från sjukhuset');
    // Before scoring, a juror sees no other scores.
    await bot.teams.execute(mikael, 'jury.score', { ...refA, ...allFive(4) });
    const before = await bot.teams.execute(lena, 'jury.open', refA);
    expect(readable(invokeCard(before))).not.toMatch(/Medelvärde hittills|Din bedömning/);

    await bot.teams.execute(lena, 'jury.score', { ...refA, ...allFive(5), comment: 'Stark idé.' });
    const after = await bot.teams.execute(lena, 'jury.open', refA);
    expect(readable(invokeCard(after))).toContain('Medelvärde hittills: 4,50 (2 bedömningar, din egen medräknad).');
    await bot.teams.execute(erik, 'jury.score', { ...refA, ...allFive(3) });
    const johanOnA = await bot.teams.execute(johan, 'jury.score', { ...refA, ...allFive(5) });
    expect(readable(invokeCard(johanOnA))).toContain('Du är chef för någon av de sökande och är därför jävig.');

    for (const [juror, n] of [[lena, 2], [mikael, 3], [johan, 2]] as const) await bot.teams.execute(juror, 'jury.score', { ...refB, ...allFive(n) });
    const recusal = await bot.teams.execute(erik, 'jury.recuse', { ...refB, recuseReason: 'Jag har arbetat nära Henrik.' });
    expect(readable(invokeCard(recusal))).toContain('Du har avstått');

    await bot.teams.say(erik, 'rangordning');
    const ranking = repliesText(bot, erik);
    expect(ranking).toMatch(/#1 · 4,00 poäng · spridning 2,00 · 3 bedömningar · 1 avstår/);
    expect(ranking).toMatch(/#2 · 2,33 poäng · spridning 1,00 · 3 bedömningar · 1 avstår/);
    expect(ranking.indexOf('Trygg hemgång')).toBeLessThan(ranking.indexOf('Verktyg att låna'));

    const selected = await bot.teams.execute(erik, 'selection.save', { ...refA, decision: 'selected', feedback: 'Juryn gillade tydligheten i nyttan.' });
    expect(readable(invokeCard(selected))).toContain('Sparat: Antagen.');
    await bot.teams.execute(erik, 'selection.save', { ...refB, decision: 'waitlisted', feedback: 'Bra idé; vi behöver se en plan för utlåningen.' });
    expect((await confirmed(bot, erik, 'lås urval', 'selection.lock')).answer).toContain('Urvalet är låst.');

    await bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(sara) && said(x).includes('Grattis! ”Trygg hemgång från sjukhuset” är antagen') && said(x).includes('Juryn gillade tydligheten i nyttan.'));
    await bot.connector.waitFor((x) => x.conversationId.includes(henrik.aadObjectId) && said(x).includes('har fått en reservplats') && said(x).includes('vi behöver se en plan'));
    await bot.connector.waitFor((x) => x.conversationId.includes(johan.aadObjectId) && said(x).includes('Sara Lindqvist är antagen till acceleratorprogrammet, som startar'));
    await bot.connector.waitFor((x) => x.conversationId.includes(DEMO_PEOPLE.hrContact) && said(x).includes('Sara Lindqvist är antagen'));

    const trail = await bot.app.services.applications.auditTrail(a.cohortId, a.id);
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['openReview', 'scored', 'recused', 'select']));
    expect(trail.filter((e) => e.action === 'scored')).toHaveLength(3);
  }, 30000);

  it('a non-juror’s score and a score for another cohort change nothing; a score sent twice counts once; after the lock it is refused', async () => {
    const { a } = await approvedApplications(bot);
    const refA = { applicationId: a.id, cohortId: a.cohortId };
    await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');
    const stranger = await bot.teams.execute(henrik, 'jury.score', { ...refA, ...allFive(1) });
    expect(readable(invokeCard(stranger))).toContain('Du är inte med i juryn för den här omgången.');
    await bot.app.services.cohorts.save({ id: 'pilot-0', name: 'Pilot 0', intakeOpensAt: '2025-01-01T00:00:00.000Z', intakeClosesAt: '2025-02-01T00:00:00.000Z', programmeStartsOn: '2025-04-01', capacity: 5, budgetPerParticipantOre: 0, jurorIds: [henrik.aadObjectId], mentorIds: [], sponsorIds: [], juryRound: 'open' });
    const otherCohort = await bot.teams.execute(henrik, 'jury.score', { applicationId: a.id, cohortId: 'pilot-0', ...allFive(1) });
    expect(readable(invokeCard(otherCohort))).toContain('Jag hittar inte det du frågade efter.');

    await bot.teams.execute(lena, 'jury.score', { ...refA, ...allFive(4) });
    const twice = await bot.teams.execute(lena, 'jury.score', { ...refA, ...allFive(4) });
    expect(readable(invokeCard(twice))).toContain('Bedömningen är redan sparad med samma värden.');
    const scores = await allScores(bot.app.store.containers.applications, DEMO_COHORT_ID);
    expect(scores.map((s) => [s.applicationId, s.jurorId])).toEqual([[a.id, lena.aadObjectId]]);
    expect((await bot.app.services.applications.auditTrail(a.cohortId, a.id)).filter((e) => e.action === 'scored')).toHaveLength(1);

    const bad = await bot.teams.execute(lena, 'jury.score', { ...refA, c_benefit: '9' });
    expect(readable(invokeCard(bad))).toContain('Välj ett värde mellan 1 och 5 för varje kriterium.');

    await confirmed(bot, erik, 'lås juryrunda', 'jury.round.lock');
    const late = await bot.teams.execute(mikael, 'jury.score', { ...refA, ...allFive(5) });
    expect(readable(invokeCard(late))).toContain('Juryrundan är låst. Bedömningarna går inte att ändra längre.');
    expect(await allScores(bot.app.store.containers.applications, DEMO_COHORT_ID)).toHaveLength(1);
  });

  it('only coordinators run the jury, and only jurors see reviews', async () => {
    await bot.teams.say(lena, 'öppna juryrunda');
    expect(repliesText(bot, lena)).toContain('Det här kan bara samordnare göra.');
    await bot.teams.say(sara, 'att bedöma');
    expect(repliesText(bot, sara)).toContain('Det här kan bara jurymedlem göra.');
    await eventually(async () => expect((await bot.app.services.cohorts.get(DEMO_COHORT_ID))?.value.juryRound).toBeUndefined());
  });
});

describe('issue 13: what the jury and the coordinator are told, and the defects found walking the programme', () => {
  const bot = testBotFor('each');
  const refOf = (x: Application) => ({ applicationId: x.id, cohortId: x.cohortId });

  it('defect 3: the same selection decision clicked twice, also at the same time, answers the saved decision; so does the same score', async () => {
    const { a } = await approvedApplications(bot);
    await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');
    const decision = { ...refOf(a), decision: 'selected', feedback: 'Juryn gillade tydligheten i nyttan.' };
    const both = await Promise.all([bot.teams.execute(erik, 'selection.save', decision), bot.teams.execute(erik, 'selection.save', decision)]);
    const texts = both.map((r) => readable(invokeCard(r)));
    expect(texts.filter((t) => t.includes('Sparat: Antagen.'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Beslutet är redan sparat: Antagen.'))).toHaveLength(1);
    const again = readable(invokeCard(await bot.teams.execute(erik, 'selection.save', decision)));
    expect(again).toContain('Beslutet är redan sparat: Antagen.');
    expect(again).not.toMatch(/Det går inte|ansökan har redan gått vidare/);
    expect((await bot.app.services.applications.auditTrail(a.cohortId, a.id)).filter((e) => e.action === 'select')).toHaveLength(1);

    await bot.teams.execute(lena, 'jury.score', { ...refOf(a), ...allFive(4) });
    const twice = readable(invokeCard(await bot.teams.execute(lena, 'jury.score', { ...refOf(a), ...allFive(4) })));
    expect(twice).toContain('Bedömningen är redan sparad med samma värden.');
    expect(twice).toContain('Din bedömning: 4,00');
  }, 30000);

  it('defect 5: the ranking still counts admitted applications after phase 1 starts', async () => {
    const { a, b } = await approvedApplications(bot);
    await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');
    await bot.teams.execute(erik, 'selection.save', { ...refOf(a), decision: 'selected', feedback: 'Stark idé med tydlig nytta.' });
    await bot.teams.execute(erik, 'selection.save', { ...refOf(b), decision: 'notSelected', feedback: 'Sök gärna igen med en plan.' });
    await confirmed(bot, erik, 'lås urval', 'selection.lock');
    await confirmed(bot, erik, 'starta fas 1', 'phase.start');
    expect((await bot.app.services.applications.get(a.cohortId, a.id))?.value.state).toBe('phase1');
    await bot.teams.say(erik, 'rangordning');
    const ranking = repliesText(bot, erik);
    expect(ranking).toContain('Antagna: 1 av 12 platser.');
    expect(ranking).toContain('Trygg hemgång från sjukhuset');
    expect(ranking).toContain('Antagen · Fas 1');
    expect(ranking).toContain('(2 ansökningar)');
  }, 30000);

  it('defect 6: below the quorum the ranking shows the scores so far, lås juryrunda names who has not scored, and statistik counts them', async () => {
    const { a, b } = await approvedApplications(bot);
    await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');
    await bot.teams.execute(lena, 'jury.score', { ...refOf(a), ...allFive(4), comment: 'Tydlig nytta för invånarna.' });
    await bot.teams.execute(erik, 'jury.score', { ...refOf(a), ...allFive(3) });

    await bot.teams.say(erik, 'rangordning');
    const ranking = repliesText(bot, erik);
    expect(ranking).toContain('Inte rangordnad än: 2 av minst 3 bedömningar · medelvärde hittills 3,50');
    expect(ranking).toContain('Inte rangordnad än: 0 av minst 3 bedömningar');

    // The coordinator decides both before the jury is done: each decided application still counts as left for whoever has not scored it.
    await bot.teams.execute(erik, 'selection.save', { ...refOf(a), decision: 'selected', feedback: 'Stark idé med tydlig nytta.' });
    await bot.teams.execute(erik, 'selection.save', { ...refOf(b), decision: 'notSelected', feedback: 'Sök gärna igen med en plan.' });
    await bot.teams.say(erik, 'statistik');
    expect(repliesText(bot, erik)).toContain('Jurymedlemmar med bedömningar kvar: 3');

    await bot.teams.say(erik, 'lås juryrunda');
    const asked = repliesText(bot, erik);
    expect(asked).toContain('Lås juryrundan för Pilot 1?');
    expect(asked).toContain('De här i juryn har inte bedömt allt:');
    expect(asked).toMatch(/Mikael Ek: 2 kvar/);
    expect(asked).toMatch(/Lena Holm: 1 kvar/);
    expect(asked).toContain('Ingen får något meddelande när juryrundan låses.');
    expect((await bot.app.services.cohorts.get(DEMO_COHORT_ID))?.value.juryRound).toBe('open');
  }, 30000);

  it('defect 15: after scoring, a juror sees the mean with their own score and the other jurors’ comments; never before', async () => {
    const { a } = await approvedApplications(bot);
    await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');
    await bot.teams.execute(lena, 'jury.score', { ...refOf(a), ...allFive(5), comment: 'Modig och tydlig idé.' });
    const before = readable(invokeCard(await bot.teams.execute(mikael, 'jury.open', refOf(a))));
    expect(before).not.toMatch(/Modig och tydlig idé|Medelvärde hittills|Din bedömning/);

    const first = readable(invokeCard(await bot.teams.execute(mikael, 'jury.score', { ...refOf(a), ...allFive(4) })));
    expect(first).toContain('Din bedömning: 4,00');
    expect(first).toContain('Medelvärde hittills: 4,50 (2 bedömningar, din egen medräknad).');
    expect(first).toContain('Kommentarer från de andra i juryn');
    expect(first).toMatch(/Lena Holm: \nModig och tydlig idé\./);

    // Lena, who scored first, now sees Mikael's score in the mean; he left no comment, so there is none to show.
    const lenas = readable(invokeCard(await bot.teams.execute(lena, 'jury.open', refOf(a))));
    expect(lenas).toContain('Medelvärde hittills: 4,50 (2 bedömningar, din egen medräknad).');
    expect(lenas).not.toContain('Kommentarer från de andra i juryn');
  }, 30000);

  it('defects 18 and 21: opening the jury round closes an intake that is still open, and the coordinator is told before and after', async () => {
    await manyApproved(bot, 0);
    expect((await bot.app.services.cohorts.get(DEMO_COHORT_ID))?.value.intakeClosedAt).toBeUndefined();
    const { asked, answer } = await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');
    expect(asked).toContain('Intaget är fortfarande öppet. Det stängs när du öppnar juryrundan');
    expect(asked).toContain('2 godkända ansökningar går till juryn.');
    expect(asked).toContain('3 jurymedlemmar får ett meddelande om att bedöma.');
    expect(answer).toContain('Juryrundan är öppen: 2 ansökningar går till juryn');
    expect(answer).toContain('Intaget är stängt, eftersom juryn börjar bedöma först när intaget har stängt.');
    const cohort = (await bot.app.services.cohorts.get(DEMO_COHORT_ID))?.value;
    expect(cohort?.juryRound).toBe('open');
    expect(cohort?.intakeClosedAt).toBeDefined();
    expect(Date.parse(cohort?.intakeClosesAt ?? '')).toBeLessThanOrEqual(Date.now());

    // Asked again: no word of intake any more, and a second confirm neither moves nor tells anything new.
    const again = await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');
    expect(again.asked).not.toContain('Intaget är fortfarande öppet');
    expect(again.asked).toContain('Juryrundan är redan öppen, och 2 ansökningar finns hos juryn.');
    expect(again.answer).toContain('Juryrundan var redan öppen, och inga nya ansökningar har godkänts sedan dess.');
  }, 30000);

  it('defect 19: lås urval asks first and says who is told; cancel changes nothing; a confirm clicked twice locks once', async () => {
    const { a, b } = await approvedApplications(bot);
    await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');
    await bot.teams.execute(erik, 'selection.save', { ...refOf(a), decision: 'selected', feedback: 'Stark idé med tydlig nytta.' });

    await bot.teams.say(erik, 'lås urval');
    const asked = repliesText(bot, erik);
    expect(asked).toContain('Lås urvalet för Pilot 1?');
    expect(asked).toContain('De sökande i 1 ansökan får besked:');
    expect(asked).toContain('Antagen: 1 · Reserv: 0 · Inte antagen: 0');
    expect(asked).toContain('1 chef och 1 HR-ansvarig får besked om den godkända tjänstledigheten och när programmet startar.');
    expect(asked).toContain('1 ansökan i juryrundan saknar beslut och får inget besked nu.');
    const card = lastCard(bot, erik);
    expect(readable(invokeCard(await bot.teams.execute(erik, 'jury.cancel', buttonData(card, 'jury.cancel'))))).toContain('Inget har ändrats.');
    expect((await bot.app.services.cohorts.get(DEMO_COHORT_ID))?.value.selectionLockedAt).toBeUndefined();

    // Typing the command again shows the card again.
    await bot.teams.say(erik, 'lås urval');
    expect(repliesText(bot, erik)).toContain('Lås urvalet för Pilot 1?');
    await bot.teams.execute(erik, 'selection.save', { ...refOf(b), decision: 'waitlisted', feedback: 'Bra idé, men vi behöver se en plan.' });
    await bot.teams.say(erik, 'lås urval');
    const confirm = buttonData(lastCard(bot, erik), 'selection.lock');
    const clicks = await Promise.all([bot.teams.execute(erik, 'selection.lock', confirm), bot.teams.execute(erik, 'selection.lock', confirm)]);
    for (const c of clicks) expect(readable(invokeCard(c))).toContain('Urvalet är låst. 4 meddelanden skickas till sökande, chefer och HR.');
    await bot.connector.waitFor((x) => x.conversationId === bot.teams.conversationIdFor(sara) && said(x).includes('Grattis!'));
    await bot.connector.waitFor((x) => x.conversationId.includes(henrik.aadObjectId) && said(x).includes('reservplats'));
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.connector.activities.filter((x) => x.conversationId === bot.teams.conversationIdFor(sara) && said(x).includes('Grattis!'))).toHaveLength(1);

    await bot.teams.say(erik, 'lås urval');
    expect(repliesText(bot, erik)).toContain('Urvalet är redan låst och de sökande har fått besked.');
  }, 30000);

  it('defect 19: lås juryrunda asks first, names who has not finished, and a confirm clicked twice locks once', async () => {
    const { a, b } = await approvedApplications(bot);
    await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');
    for (const juror of [lena, mikael, erik]) for (const x of [a, b]) await bot.teams.execute(juror, 'jury.score', { ...refOf(x), ...allFive(4) });
    await bot.teams.say(erik, 'lås juryrunda');
    const asked = repliesText(bot, erik);
    expect(asked).toContain('Alla i juryn har bedömt eller avstått från alla 2 ansökningar.');
    expect(asked).toContain('När juryrundan är låst går bedömningarna inte att ändra');
    const confirm = buttonData(lastCard(bot, erik), 'jury.round.lock');
    const clicks = await Promise.all([bot.teams.execute(erik, 'jury.round.lock', confirm), bot.teams.execute(erik, 'jury.round.lock', confirm)]);
    for (const c of clicks) expect(readable(invokeCard(c))).toContain('Juryrundan är låst.');
    expect((await bot.app.services.cohorts.get(DEMO_COHORT_ID))?.value.juryRound).toBe('locked');
    await bot.teams.say(erik, 'lås juryrunda');
    expect(repliesText(bot, erik)).toContain('Juryrundan är redan låst.');
  }, 30000);

  it('defect 12: jury texts in the chat count with the right plural forms', async () => {
    const [a] = (await manyApproved(bot, 0, 1)) as [Application];
    expect((await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open')).answer).toContain('Juryrundan är öppen: 1 ansökan går till juryn');
    const mine = readable(invokeCard(await bot.teams.execute(lena, 'jury.score', { ...refOf(a), ...allFive(4) })));
    expect(mine).toContain('Medelvärde hittills: 4,00 (1 bedömning, din egen medräknad).');
    await bot.teams.say(erik, 'rangordning');
    const ranking = repliesText(bot, erik);
    expect(ranking).toContain('(1 ansökan)');
    expect(ranking).toContain('Inte rangordnad än: 1 av minst 3 bedömningar · medelvärde hittills 4,00');
    await bot.teams.say(erik, 'påminn jury');
    expect(repliesText(bot, erik)).toContain('2 jurymedlemmar har fått en påminnelse.');
    await bot.teams.execute(mikael, 'jury.score', { ...refOf(a), ...allFive(2) });
    await bot.teams.say(erik, 'påminn jury');
    expect(repliesText(bot, erik)).toContain('1 jurymedlem har fått en påminnelse.');
  }, 30000);

  it('the juror sees who applies, the criteria with their weights and what 1, 3 and 5 mean, and their progress', async () => {
    const [a] = (await manyApproved(bot, 0)) as [Application, Application];
    const withTeam = { ...a, coApplicants: [{ personId: KARIN, name: 'Karin Ström', status: 'confirmed' as const, invitedAt: a.createdAt }] };
    const stored = await bot.app.services.applications.get(a.cohortId, a.id);
    await bot.app.services.applications.update({ application: withTeam, previous: stored!, audit: null });
    await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');

    await bot.teams.say(lena, 'att bedöma');
    const list = repliesText(bot, lena);
    expect(list).toContain('Bedömda: 0 av 2. Kvar att bedöma: 2.');
    expect(list).toContain('Sara Lindqvist, Hemtjänst Väst, Höganäs');

    const card = withLabels(invokeCard(await bot.teams.execute(lena, 'jury.open', refOf(a)))).join('\n');
    expect(card).toContain('Vem som söker');
    expect(card).toContain('Sara Lindqvist, Hemtjänst Väst, Höganäs');
    expect(card).toContain('Medsökande: Karin Ström');
    expect(card).toContain('Nytta för målgruppen (vikt 1)');
    expect(card).toContain('1 = Liten eller oklar nytta för målgruppen. 3 = Tydlig nytta för en del av målgruppen. 5 = Stor nytta för många i målgruppen, och det går att visa.');
    expect(card).toContain('Avstå då i stället för att bedöma.');

    const saved = readable(invokeCard(await bot.teams.execute(lena, 'jury.score', { ...refOf(a), ...allFive(4) })));
    expect(saved).toContain('Din bedömning är sparad. Du kan ändra den tills juryrundan låses. Bedömda: 1 av 2.');
    await bot.teams.say(lena, 'att bedöma');
    expect(repliesText(bot, lena)).toContain('Bedömda: 1 av 2. Kvar att bedöma: 1.');
  }, 30000);

  it('the score rule is said once, and only the fields that are wrong are marked', async () => {
    const { a } = await approvedApplications(bot);
    await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');
    const texts = withLabels(invokeCard(await bot.teams.execute(lena, 'jury.score', { ...refOf(a), c_benefit: '4', c_boldness: '9', c_applicability: '5', c_feasibility: '3' })));
    expect(texts.filter((t) => t === 'Välj ett värde mellan 1 och 5 för varje kriterium.')).toHaveLength(1);
    expect(texts.filter((t) => t === 'Välj ett värde här.')).toHaveLength(2);
    // Each mark sits right under its own field: boldness (out of range) and drive (missing).
    const fields = texts.filter((t) => /\(vikt 1\)$/.test(t) || t === 'Välj ett värde här.');
    expect(fields.map((t) => (t === 'Välj ett värde här.' ? '!' : t.split(' (')[0]))).toEqual(['Nytta för målgruppen', 'Djärvhet: utmanar idén kärnuppdraget?', '!', 'Går att använda i alla elva kommuner', 'Går att genomföra inom programmet', 'Den sökandes driv', '!']);
  }, 30000);

  it('the coordinator decides from the ranking and gets back to the same page; a row shows each juror’s scores per criterion and comments', async () => {
    const apps = await manyApproved(bot, 15);
    await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');
    const [a] = apps as [Application];
    await bot.teams.execute(lena, 'jury.score', { ...refOf(a), c_benefit: '5', c_boldness: '4', c_applicability: '3', c_feasibility: '2', c_drive: '1', comment: 'Modig idé, men planen är tunn.' });
    await bot.teams.execute(erik, 'jury.recuse', { ...refOf(a), recuseReason: 'Jag känner Sara väl.' });

    await bot.teams.say(erik, 'rangordning');
    const first = lastCard(bot, erik);
    expect(readable(first)).toContain('sida 1 (17 ansökningar)');
    const second = invokeCard(await bot.teams.execute(erik, 'ranking.page', buttonData(first, 'ranking.page')));
    expect(readable(second)).toContain('sida 2');
    // A row on page 2, opened: the decision card leads back to page 2, also after a decision.
    const open = buttonData(second, 'selection.open');
    const target = apps.find((x) => x.id === open.applicationId) as Application;
    const decisionCard = invokeCard(await bot.teams.execute(erik, 'selection.open', open));
    expect(readable(decisionCard)).toContain('Tillbaka till rangordningen');
    const saved = invokeCard(await bot.teams.execute(erik, 'selection.save', { ...buttonData(decisionCard, 'selection.save'), decision: 'waitlisted', feedback: 'Bra idé; vi vill se en plan.' }));
    expect(readable(saved)).toContain('Sparat: Reserv.');
    const back = invokeCard(await bot.teams.execute(erik, 'ranking.page', buttonData(saved, 'ranking.page')));
    expect(readable(back)).toContain('sida 2');
    expect(readable(back)).toContain(target.idea?.title ?? '');

    // Sara's row: Lena's values per criterion and her comment, and who stands aside.
    const row = readable(invokeCard(await bot.teams.execute(erik, 'selection.open', { ...refOf(a), page: 1 })));
    expect(row).toContain('Juryns bedömningar');
    expect(row).toContain('1 av minst 3 bedömningar, medelvärde 3,00 (inte rangordnad än)');
    expect(row).toContain('Lena Holm: 3,00');
    expect(row).toMatch(/Nytta för målgruppen\n5\nDjärvhet: utmanar idén kärnuppdraget\?\n4/);
    expect(row).toContain('Modig idé, men planen är tunn.');
    expect(row).toContain('Erik Nyström avstår');
  }, 60000);
});
