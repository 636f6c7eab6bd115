import { DEMO_COHORT_ID, DEMO_PEOPLE } from '../../src/demo/demo';
import { cardOf, type TeamsUser, readable, invokeCard, said } from '../helpers/teams-client';
import { lastReply, testBotFor } from '../helpers/test-app';
import { eventually } from '../helpers/eventually';
import { sara } from '../helpers/demo-users';

const maja: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000009', name: 'Maja Ström' };
const noor: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000007', name: 'Noor Karimi' };
const johanId = DEMO_PEOPLE.manager;

const day = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

const bot = testBotFor('all');

describe('a team idea, with notifications delivered through the outbox', () => {
  it('invites co-applicants by card, waits for their answers, then asks the manager; withdrawal tells them all', async () => {
    await bot.teams.install(maja); // Maja has the app; Noor never opened it (the bot opens a chat with her)
    await bot.teams.say(sara, 'ansök');
    const first = cardOf(lastReply(bot, sara)?.activity ?? {});
    const ref = JSON.parse(JSON.stringify(first).match(/\{"applicationId":"[^"]+","cohortId":"[^"]+"/)?.[0] + '}') as { applicationId: string; cohortId: string };

    await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'idea', nav: 'next', title: 'Gemensam bokning av lokaler', problem: 'Föreningar letar lokaler på elva olika sätt i elva kommuner.', description: 'En gemensam bokningstjänst för alla kommunala lokaler i Familjen Helsingborg.' });
    await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'benefit', nav: 'next', targetGroups: 'associations', benefit: 'Föreningarna hittar och bokar lokaler på ett ställe.', applicability: 'Alla elva kommuner hyr ut lokaler till föreningar.' });
    await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'about', nav: 'next', municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerEmail: '', permanentEmployment: 'true', employmentStart: '2018-03-01' });
    const unknownPerson = await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', extentPercent: '25', leaveStart: day(61), leaveEnd: day(120), coApplicants: 'nobody@example.se' });
    expect(readable(invokeCard(unknownPerson))).toContain('Vi hittar ingen med adressen nobody@example.se i personalkatalogen.');
    await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', extentPercent: '25', leaveStart: day(61), leaveEnd: day(120), coApplicants: 'maja.strom@klippan.example.se\nnoor.karimi@bjuv.example.se' });

    // Each co-applicant gets a card in their own 1:1 chat.
    const invitation = await bot.connector.waitFor((a) => a.conversationId === bot.teams.conversationIdFor(maja) && said(a).includes('Sara Lindqvist vill ha med dig i en ansökan'));
    expect(said(invitation)).toContain('Gemensam bokning av lokaler');
    const noorInvitation = await bot.connector.waitFor((a) => said(a).includes('vill ha med dig') && a.conversationId.includes(noor.aadObjectId));
    expect(noorInvitation).toBeDefined();

    // Submitting now is refused: they have not answered.
    const early = await bot.teams.execute(sara, 'intake.submit', { ...ref, step: 'review', privacyAcknowledged: 'true' });
    expect(readable(invokeCard(early))).toContain('Vi väntar fortfarande på svar från Maja Ström och Noor Karimi.');

    // Someone else pressing Maja's button changes nothing; Noor, declaring less than a year of employment, cannot join.
    const forwarded = await bot.teams.execute(sara, 'coapplicant.respond', { ...ref, answer: 'accept', permanentEmployment: 'true', employmentStart: '2017-06-12' });
    expect(readable(invokeCard(forwarded))).toContain('Den här inbjudan gäller någon annan.');
    const tooNew = await bot.teams.execute(noor, 'coapplicant.respond', { ...ref, answer: 'accept', permanentEmployment: 'true', employmentStart: day(-100) });
    expect(readable(invokeCard(tooNew))).toMatch(/Man behöver ha varit anställd i minst ett år\. Det är uppfyllt från och med \d{1,2} \p{L}+ 20\d\d\./u);
    await bot.teams.execute(noor, 'coapplicant.respond', { ...ref, answer: 'decline' });
    const accepted = await bot.teams.execute(maja, 'coapplicant.respond', { ...ref, answer: 'accept', permanentEmployment: 'true', employmentStart: '2017-06-12' });
    expect(readable(invokeCard(accepted))).toContain('Toppen! Du är med i ansökan.');
    await bot.connector.waitFor((a) => a.conversationId === bot.teams.conversationIdFor(sara) && said(a).includes('Maja Ström har bekräftat'));
    await bot.connector.waitFor((a) => a.conversationId === bot.teams.conversationIdFor(sara) && said(a).includes('Noor Karimi har tackat nej'));

    const submitted = await bot.teams.execute(sara, 'intake.submit', { ...ref, step: 'review', privacyAcknowledged: 'true' });
    expect(readable(invokeCard(submitted))).toContain('Tack! Din ansökan är skickad.');
    // Each member's own manager gets a decision card: Johan for Sara, Anders Persson for Maja.
    const managerCard = await bot.connector.waitFor((a) => a.conversationId.includes(johanId) && said(a).includes('Sara Lindqvist vill vara med i acceleratorprogrammet'));
    expect(said(managerCard)).toContain('25 %');
    await bot.connector.waitFor((a) => a.conversationId.includes('00000000-0000-4000-8000-000000000016') && said(a).includes('Maja Ström vill vara med i acceleratorprogrammet'));

    // The stored outbox says what was sent, with the Teams activity ids kept for later card updates.
    const messages = await eventually(async () => {
      const all = await bot.app.services.outbox!.forApplication(DEMO_COHORT_ID, ref.applicationId);
      expect(all.filter((x) => x.status === 'sent').map((x) => x.kind).sort()).toEqual(['coApplicantInvitation', 'coApplicantInvitation', 'coApplicantResponse', 'coApplicantResponse', 'managerApprovalRequest', 'managerApprovalRequest']);
      return all;
    });
    expect(messages.find((x) => x.kind === 'managerApprovalRequest' && x.recipientId === johanId)?.sentActivityId).toBe(managerCard.id);

    // Withdrawing: a confirmation first, then the manager and Maja are told.
    await bot.teams.say(sara, 'dra tillbaka');
    expect(said(lastReply(bot, sara)!)).toContain('Vill du dra tillbaka din ansökan?');
    const done = await bot.teams.execute(sara, 'application.withdraw.confirm', { ...ref, reason: 'Vi väntar till nästa omgång.' });
    expect(readable(invokeCard(done))).toContain('Din ansökan är tillbakadragen.');
    await bot.connector.waitFor((a) => a.conversationId.includes(johanId) && said(a).includes('har dragit tillbaka ansökan ”Gemensam bokning av lokaler”'));
    await bot.connector.waitFor((a) => a.conversationId === bot.teams.conversationIdFor(maja) && said(a).includes('har dragit tillbaka ansökan'));
    const trail = await bot.app.services.applications.auditTrail(DEMO_COHORT_ID, ref.applicationId);
    expect(trail.map((e) => e.action)).toEqual(['create', 'submit', 'withdraw']);
    expect(trail.at(-1)?.reason).toBe('Vi väntar till nästa omgång.');
  }, 30000);
});
