import demoDirectory from '../../src/demo/directory.json';
import { eventually } from '../helpers/eventually';
import { invokeCard, readable, said } from '../helpers/teams-client';
import { testBotFor } from '../helpers/test-app';
import { leave, people, saveAboutSara, startApplication, type Ref } from './support';

const { sara, maja } = people;
const emailOf = (id: string) => demoDirectory.people.find((p) => p.id === id)?.email ?? '';
/** Everyone in the demo directory Sara could name as a co-applicant. */
const colleagues = demoDirectory.people.filter((p) => p.id !== sara.aadObjectId).map((p) => p.email);

const bot = testBotFor('each');

async function atLeaveStep(): Promise<Ref> {
  const ref = await startApplication(bot, sara);
  await saveAboutSara(bot, ref);
  return ref;
}

const saveTeam = (ref: Ref, emails: readonly string[]) => bot.teams.execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'stay', ...leave(emails.join('\n')) });

/** The invitations in the outbox once the worker has dealt with every one of them. */
async function settledInvitations(ref: Ref) {
  return eventually(async () => {
    const all = (await bot.app.services.outbox.forApplication(ref.cohortId, ref.applicationId)).filter((x) => x.kind === 'coApplicantInvitation');
    expect(all.filter((x) => x.status === 'pending' || x.status === 'sending')).toEqual([]);
    return all;
  });
}

const invitationsTo = (personId: string) => bot.connector.activities.filter((a) => a.conversationId.includes(personId) && said(a).includes('vill ha med dig i en ansökan'));

describe('co-applicant invitations', () => {
  it('saving the team step over and over, with and without a colleague, invites them once', async () => {
    const ref = await atLeaveStep();
    for (let i = 0; i < 10; i++) await saveTeam(ref, i % 2 === 0 ? [emailOf(maja.aadObjectId)] : []);
    const last = await saveTeam(ref, [emailOf(maja.aadObjectId)]);
    expect(readable(invokeCard(last))).not.toContain('Något behöver rättas');

    const invitations = await settledInvitations(ref);
    expect(invitations.map((x) => [x.recipientId, x.status])).toEqual([[maja.aadObjectId, 'sent']]);
    await new Promise((r) => setTimeout(r, 200)); // anything still on its way would arrive now
    expect(invitationsTo(maja.aadObjectId)).toHaveLength(1);

    // The one card she got still works.
    const accepted = await bot.teams.execute(maja, 'coapplicant.respond', { ...ref, answer: 'accept', permanentEmployment: 'true', employmentStart: '2017-06-12' });
    expect(readable(invokeCard(accepted))).toContain('Toppen! Du är med i ansökan.');
  });

  it('someone taken off the team and added again keeps their answer, and gets no second card', async () => {
    const ref = await atLeaveStep();
    await saveTeam(ref, [emailOf(maja.aadObjectId)]);
    await bot.connector.waitFor((a) => a.conversationId.includes(maja.aadObjectId) && said(a).includes('vill ha med dig i en ansökan'));
    await bot.teams.execute(maja, 'coapplicant.respond', { ...ref, answer: 'decline' });
    await saveTeam(ref, []);
    const again = await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', ...leave(emailOf(maja.aadObjectId)) });
    expect(readable(invokeCard(again))).toContain('Maja Ström (tackade nej)');
    expect((await settledInvitations(ref)).map((x) => x.recipientId)).toEqual([maja.aadObjectId]);
    expect(invitationsTo(maja.aadObjectId)).toHaveLength(1);
  });

  it('one applicant can invite at most eight different people; past that the step says why and stores nothing', async () => {
    const ref = await atLeaveStep();
    const [first, second, third] = [colleagues.slice(0, 4), colleagues.slice(4, 8), colleagues.slice(8, 9)];
    expect(readable(invokeCard(await saveTeam(ref, first)))).not.toContain('Något behöver rättas');
    expect(readable(invokeCard(await saveTeam(ref, second)))).not.toContain('Något behöver rättas');
    const before = await bot.app.services.applications.get(ref.cohortId, ref.applicationId);

    const refused = await saveTeam(ref, [...second.slice(0, 3), ...third]);
    const card = readable(invokeCard(refused));
    expect(card).toContain('Du har redan bjudit in 8 olika personer till den här ansökan');
    expect(JSON.stringify(invokeCard(refused))).toContain(third[0]!); // the values are kept
    expect(await bot.app.services.applications.get(ref.cohortId, ref.applicationId)).toEqual(before);

    // Going back to people already invited is fine, and invites nobody new.
    expect(readable(invokeCard(await saveTeam(ref, first)))).not.toContain('Något behöver rättas');
    expect(await settledInvitations(ref)).toHaveLength(8);
  });
});
