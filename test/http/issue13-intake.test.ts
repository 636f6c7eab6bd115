import { DEMO_COHORT_ID, DEMO_PEOPLE } from '../../src/demo/demo';
import type { Application } from '../../src/domain/application';
import type { ApplicationState } from '../../src/domain/application.state-machine';
import { toldAtSelectionLock } from '../../src/domain/programme';
import { messages } from '../../src/i18n';
import { cardOf, invokeCard, readable, said, type TeamsUser } from '../helpers/teams-client';
import { lastReply, testBotFor, type TestBot } from '../helpers/test-app';
import { sara, johan, amira } from '../helpers/demo-users';

/**
 * Issue 13, the intake's part: what the applicant, her manager and the HR contact are shown about the leave, the
 * decisions and the commands, over HTTP through the bot on the embedded Cosmos server.
 */
const maja: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000009', name: 'Maja Ström' };

const day = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
const sv = messages('sv');
/** A date as the Swedish texts write it. */
const svDate = (iso: string) => sv.date(iso);

const idea = { title: 'Trygg hemgång från sjukhuset', problem: 'Äldre som skrivs ut blir ensamma de första dygnen hemma.', description: 'En följeslagare från hemtjänsten möter upp vid utskrivningen och stannar första kvällen.' };
const benefit = { targetGroups: 'residents', benefit: 'Färre återinläggningar och tryggare invånare.', applicability: 'Alla elva kommuner har hemtjänst och samma utskrivning.' };
const about = { municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerEmail: '', permanentEmployment: 'true', employmentStart: '2018-03-01' };

/** Sara's draft up to the leave step; returns its reference. */
async function draftToLeave(bot: TestBot) {
  await bot.teams.say(sara, 'ansök');
  const card = cardOf(lastReply(bot, sara)?.activity ?? {});
  const ref = JSON.parse(JSON.stringify(card).match(/\{"applicationId":"[^"]+","cohortId":"[^"]+"/)?.[0] + '}') as { applicationId: string; cohortId: string };
  await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'idea', nav: 'next', ...idea });
  await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'benefit', nav: 'next', ...benefit });
  const leaveStep = await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'about', nav: 'next', ...about });
  return { ref, leaveStep: readable(invokeCard(leaveStep)) };
}

/** Sara asks for 50 % from the programme's first day and sends the application. */
async function submitted(bot: TestBot, coApplicants = '') {
  const { ref } = await draftToLeave(bot);
  const leave = { extentPercent: '50', leaveStart: day(61), leaveEnd: day(150) };
  await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', ...leave, coApplicants });
  return { ref, leave };
}

async function send(bot: TestBot, ref: { applicationId: string; cohortId: string }) {
  const sent = await bot.teams.execute(sara, 'intake.submit', { ...ref, step: 'review', privacyAcknowledged: 'true' });
  expect(readable(invokeCard(sent))).toContain('Tack! Din ansökan är skickad.');
}

const programmeStart = async (bot: TestBot) => (await bot.app.services.cohorts.get(DEMO_COHORT_ID))?.value.programmeStartsOn ?? '';

/** Sara's application put straight into the store in a given state, approved by Johan at 40 % (she asked for 50 %). */
async function stored(bot: TestBot, state: ApplicationState, id = 'A-I13X01', overrides: Partial<Application> = {}): Promise<Application> {
  const now = new Date().toISOString();
  const a: Application = {
    id,
    cohortId: DEMO_COHORT_ID,
    applicantId: sara.aadObjectId,
    applicantName: sara.name,
    state,
    step: 'review',
    idea: { title: idea.title, problem: idea.problem, description: idea.description },
    benefit: { targetGroups: ['residents'], benefit: benefit.benefit, applicability: benefit.applicability },
    about: { municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerId: johan.aadObjectId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
    leave: { extentPercent: 50, start: day(61), end: day(150) },
    coApplicants: [],
    approvals: [{ memberId: sara.aadObjectId, memberName: sara.name, managerId: johan.aadObjectId, status: 'approved', requestedAt: now, decidedBy: johan.aadObjectId, decidedAt: now, leave: { extentPercent: 40, start: day(61), end: day(120) } }],
    deciderIds: [],
    ...(state === 'selected' ? { selection: { decision: 'selected' as const, feedback: 'Välkommen!', decidedBy: DEMO_PEOPLE.coordinator, decidedAt: now } } : {}),
    submittedAt: now,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  const cohort = (await bot.app.services.cohorts.get(DEMO_COHORT_ID))?.value;
  const told = state === 'selected' && cohort ? toldAtSelectionLock(cohort, a, amira.aadObjectId) : [];
  await bot.app.services.applications.create(a, { id: `audit-${id}`, applicationId: id, cohortId: DEMO_COHORT_ID, at: now, actorId: sara.aadObjectId, actorKind: 'applicant', action: 'create', fromState: null, toState: state }, told);
  return a;
}

describe('issue 13: the intake, the manager and the HR contact, over HTTP', () => {
  const bot = testBotFor('each');

  it('defect 1: the leave covers the programme: the form says when the programme starts and refuses a leave that starts before it', async () => {
    const starts = await programmeStart(bot);
    const { ref, leaveStep } = await draftToLeave(bot);
    expect(leaveStep).toContain(`Programmet startar ${svDate(starts)}. Tjänstledigheten gäller programmet, så den börjar samma dag eller senare.`);
    // Sara's leave from before the programme starts (as in the issue): refused beside the start date, nothing stored.
    const early = await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', extentPercent: '50', leaveStart: day(30), leaveEnd: day(150), coApplicants: '' });
    expect(readable(invokeCard(early))).toContain(`Programmet startar ${svDate(starts)}, och tjänstledigheten gäller programmet. Den kan börja tidigast den dagen.`);
    expect((await bot.app.services.applications.get(ref.cohortId, ref.applicationId))?.value.leave).toBeUndefined();
    const onTheDay = await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', extentPercent: '50', leaveStart: starts, leaveEnd: day(150), coApplicants: '' });
    expect(readable(invokeCard(onTheDay))).toContain('Granska och skicka');
  });

  it('defect 1: the leave covers the programme: the manager cannot approve a period that starts before it, and is told when it starts', async () => {
    const starts = await programmeStart(bot);
    const { ref, leave } = await submitted(bot);
    await send(bot, ref);
    const card = await bot.connector.waitFor((a) => a.conversationId.includes(johan.aadObjectId) && said(a).includes('Sara Lindqvist vill vara med i acceleratorprogrammet'));
    expect(said(card)).toContain(`Programmet startar ${svDate(starts)}. Tjänstledigheten kan börja tidigast då och får vara högst sex månader.`);
    const early = await bot.teams.execute(johan, 'approval.decide', { ...ref, memberId: sara.aadObjectId, decision: 'approve', ...leave, leaveStart: day(30), attestPermanent: 'true', attestOneYear: 'true' });
    expect(readable(invokeCard(early))).toContain(`Programmet startar ${svDate(starts)}, och tjänstledigheten gäller programmet.`);
    expect((await bot.app.services.applications.get(ref.cohortId, ref.applicationId))?.value.state).toBe('awaitingManager');
  });

  it('defect 1: the leave covers the programme: after lås urval the manager and the HR contact are told the approved period, not a start of their own', async () => {
    const starts = await programmeStart(bot);
    await stored(bot, 'selected');
    await bot.app.outbox.runOnce();
    const line = `Sara Lindqvist är antagen till acceleratorprogrammet, som startar ${svDate(starts)}. Tjänstledigheten som godkändes: 40 %, ${svDate(day(61))}–${svDate(day(120))}.`;
    const toJohan = await bot.connector.waitFor((a) => a.conversationId.includes(johan.aadObjectId) && said(a).includes('är antagen'));
    const toAmira = await bot.connector.waitFor((a) => a.conversationId.includes(amira.aadObjectId) && said(a).includes('är antagen'));
    expect(said(toJohan).trim()).toBe(line);
    expect(said(toAmira).trim()).toBe(line);
  });

  it('defect 2: a manager’s change of the leave is shown beside the request: on the card before and after, in the notice and in status', async () => {
    const { ref, leave } = await submitted(bot);
    await send(bot, ref);
    const asked = `50 %, ${svDate(leave.leaveStart)}–${svDate(leave.leaveEnd)}`;
    const given = `40 %, ${svDate(leave.leaveStart)}–${svDate(day(120))}`;
    // Before deciding: the whole idea and the leave asked for.
    const before = readable(invokeCard(await bot.teams.execute(johan, 'approval.open', { ...ref, memberId: sara.aadObjectId })));
    for (const text of [idea.problem, idea.description, benefit.benefit, benefit.applicability, 'Invånare och brukare', `Begärd tjänstledighet\n${asked}`]) expect(before).toContain(text);

    const approved = await bot.teams.execute(johan, 'approval.decide', { ...ref, memberId: sara.aadObjectId, decision: 'approve', ...leave, extentPercent: '40', leaveEnd: day(120), attestPermanent: 'true', attestOneYear: 'true' });
    const after = readable(invokeCard(approved));
    expect(after).toContain(`Begärd tjänstledighet\n${asked}`);
    expect(after).toContain(`Godkänd tjänstledighet\n${given} (ändrad av chefen)`);

    const notice = await bot.connector.waitFor((a) => a.conversationId === bot.teams.conversationIdFor(sara) && said(a).includes('Goda nyheter!'));
    expect(said(notice)).toContain(`Chefen ändrade tjänstledigheten: du sökte ${asked} och fick ${given} godkänt.`);

    await bot.teams.say(sara, 'status');
    const status = said(lastReply(bot, sara)!);
    expect(status).toContain(`Begärd tjänstledighet\n${asked}`);
    expect(status).toContain(`Godkänd tjänstledighet\n${given} (ändrad av chefen)`);
    expect(status).toContain('Status\nGodkänd av chefen');
  });

  it.each([
    ['approve', { decision: 'approve', extentPercent: '50', attestPermanent: 'true', attestOneYear: 'true' }, 'Godkänd av Johan Bergström'],
    ['decline', { decision: 'decline', reason: 'Vi har för lite personal i vår.' }, 'Nekad av Johan Bergström'],
    ['requestChanges', { decision: 'requestChanges', reason: 'Beskriv nyttan tydligare.' }, 'Johan Bergström bad om ändringar'],
  ] as const)('defect 3: a repeat of the same decision (%s) answers with the saved result, never an error', async (_verb, decision, line) => {
    const { ref, leave } = await submitted(bot);
    await send(bot, ref);
    const data = { ...ref, memberId: sara.aadObjectId, leaveStart: leave.leaveStart, leaveEnd: leave.leaveEnd, ...decision };
    const first = await bot.teams.execute(johan, 'approval.decide', data);
    const second = await bot.teams.execute(johan, 'approval.decide', data);
    expect(second.status).toBe(200);
    expect(readable(invokeCard(first))).toContain(line);
    expect(readable(invokeCard(second))).toBe(readable(invokeCard(first)));
    expect(readable(invokeCard(second))).not.toMatch(/redan beslutat|Det går inte/);
  });

  it.each([
    ['accept', { answer: 'accept', permanentEmployment: 'true', employmentStart: '2017-06-12' }, 'Toppen! Du är med i ansökan. Sara Lindqvist får veta det.'],
    ['decline', { answer: 'decline' }, 'Du har tackat nej. Sara Lindqvist får veta det.'],
  ] as const)('defect 3: a repeat of the same answer (%s) on the co-applicant invitation answers with the saved result', async (_answer, answer, line) => {
    const { ref } = await submitted(bot, 'maja.strom@klippan.example.se');
    const first = await bot.teams.execute(maja, 'coapplicant.respond', { ...ref, ...answer });
    const second = await bot.teams.execute(maja, 'coapplicant.respond', { ...ref, ...answer });
    expect(readable(invokeCard(first))).toBe(line);
    expect(readable(invokeCard(second))).toBe(line);
  });

  it('defect 9: after the outcome, typing dra tillbaka, the old card’s button and its confirmation all give one answer', async () => {
    const a = await stored(bot, 'ended');
    const ref = { applicationId: a.id, cohortId: a.cohortId };
    const answer = 'Ansökan kan inte dras tillbaka längre, eftersom den är avgjord. Status: Idén är avslutad.';
    await bot.teams.say(sara, 'dra tillbaka');
    expect(said(lastReply(bot, sara)!).trim()).toBe(answer);
    const asked = await bot.teams.execute(sara, 'application.withdraw.ask', ref);
    expect(readable(invokeCard(asked))).toBe(answer);
    expect(JSON.stringify(invokeCard(asked))).not.toContain('application.withdraw.confirm');
    const confirmed = await bot.teams.execute(sara, 'application.withdraw.confirm', { ...ref, reason: '' });
    expect(readable(invokeCard(confirmed))).toBe(answer);
    await bot.teams.say(sara, 'status');
    expect(JSON.stringify(cardOf(lastReply(bot, sara)?.activity ?? {}))).not.toContain('application.withdraw.ask');
  });

  it('defect 13: hjälp shows att godkänna and utlägg only to whom they belong; a selected employee is a deltagare', async () => {
    const help = async (user: TeamsUser) => {
      await bot.teams.say(user, 'hjälp');
      return said(lastReply(bot, user)!);
    };
    const saraHelp = await help(sara);
    expect(saraHelp).not.toContain('att godkänna');
    expect(saraHelp).not.toMatch(/^utlägg$/m); // the command, not a word in another's description
    expect(await help(johan)).toContain('att godkänna'); // he has reports in the directory
    const amiraHelp = await help(amira); // the HR contact: her decisions, not a participant's expenses
    expect(amiraHelp).toContain('att godkänna');
    expect(amiraHelp).toContain('Dina roller: medarbetare och HR-ansvarig');
    expect(amiraHelp).not.toMatch(/^utlägg$/m);
    expect(amiraHelp).toMatch(/^deltagare$/m); // her municipality's teams, budgets and expenses

    await stored(bot, 'phase1');
    await bot.teams.say(sara, 'vem är jag');
    expect(said(lastReply(bot, sara)!)).toContain('Roller\nmedarbetare och deltagare');
    expect(await help(sara)).toMatch(/^utlägg$/m);
  });

  it('defect 13: someone with a decision waiting is a manager (chef), though the directory gives them no reports', async () => {
    const lena: TeamsUser = { aadObjectId: DEMO_PEOPLE.juror, name: 'Lena Holm' };
    await bot.teams.say(lena, 'vem är jag');
    expect(said(lastReply(bot, lena)!)).not.toContain('chef');
    // A decision handed to Lena (as to another manager, or a directory that has changed since).
    const now = new Date().toISOString();
    await stored(bot, 'awaitingManager', 'A-I13X02', { approvals: [{ memberId: sara.aadObjectId, memberName: sara.name, managerId: lena.aadObjectId, status: 'pending', requestedAt: now }], deciderIds: [lena.aadObjectId] });
    await bot.teams.say(lena, 'vem är jag');
    expect(said(lastReply(bot, lena)!)).toContain('chef');
    await bot.teams.say(lena, 'hjälp');
    expect(said(lastReply(bot, lena)!)).toContain('att godkänna');
  });

  it('defect 14: every problem of the leave step at once, beside its field, each wrong address named', async () => {
    const { ref } = await draftToLeave(bot);
    const res = await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', extentPercent: '50', leaveStart: day(-3), leaveEnd: day(150), coApplicants: 'x@y\nnobody@example.se' });
    const text = readable(invokeCard(res));
    expect(text).toContain('Adressen x@y ser inte ut som en e-postadress.');
    expect(text).toContain('Vi hittar ingen med adressen nobody@example.se i personalkatalogen.');
    expect(text).toMatch(/Programmet startar .*\. Den kan börja tidigast den dagen\./);
    // Each beside its own field: the start date's above the co-applicants' (the form's order).
    expect(text.indexOf('Den kan börja tidigast')).toBeGreaterThan(-1);
    expect(text.indexOf('Den kan börja tidigast')).toBeLessThan(text.indexOf('Adressen x@y'));
    expect((await bot.app.services.applications.get(ref.cohortId, ref.applicationId))?.value.leave).toBeUndefined();
  });
});
