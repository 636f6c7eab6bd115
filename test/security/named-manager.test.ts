import { invokeCard, readable, said, type TeamsUser } from '../helpers/teams-client';
import { repliesText, testBotFor } from '../helpers/test-app';
import { leave, people, saraSubmits, saveAboutSara, startApplication } from './support';

const { sara, erik } = people;
const fatima: TeamsUser = people.fatima; // Bygglovshandläggare in Svalöv: nobody reports to her
const peter: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000012', name: 'Peter Lund' }; // Rektor in Bjuv, has a report

const bot = testBotFor('each');

describe('the manager named on step 3', () => {
  it('is refused beside the field, values kept, when the directory does not have them as a manager', async () => {
    const ref = await startApplication(bot, sara);
    const res = await saveAboutSara(bot, ref, 'fatima.yilmaz@svalov.example.se');
    const card = invokeCard(res);
    expect(readable(card)).toContain('Steg 3 av 5');
    expect(readable(card)).toContain('Fatima Yilmaz är inte chef för någon enligt personalkatalogen');
    expect(readable(card)).toContain('Lämna fältet tomt om Johan Bergström är din chef');
    expect(JSON.stringify(card)).toContain('"value":"fatima.yilmaz@svalov.example.se"');
    expect(JSON.stringify(card)).toContain('"value":"Hemtjänst Väst"');
    expect((await bot.app.services.applications.get(ref.cohortId, ref.applicationId))?.value.about).toBeUndefined();
  });

  it('a colleague stored as manager before this check cannot be sent the decision', async () => {
    const ref = await startApplication(bot, sara);
    await saveAboutSara(bot, ref);
    await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', ...leave() });
    // A draft saved by an earlier version, naming Fatima.
    const draft = (await bot.app.services.applications.get(ref.cohortId, ref.applicationId))!;
    await bot.app.services.applications.update({ application: { ...draft.value, about: { ...draft.value.about!, managerId: fatima.aadObjectId, managerFromDirectory: false } }, previous: draft, audit: null });
    const sent = await bot.teams.execute(sara, 'intake.submit', { ...ref, step: 'review', privacyAcknowledged: 'true' });
    expect(readable(invokeCard(sent))).toContain('Fatima Yilmaz är inte chef för någon enligt personalkatalogen');
    const after = (await bot.app.services.applications.get(ref.cohortId, ref.applicationId))?.value;
    expect(after?.state).toBe('draft');
    expect(after?.approvals).toEqual([]);
    expect((await bot.app.services.outbox!.forApplication(ref.cohortId, ref.applicationId)).filter((x) => x.kind === 'managerApprovalRequest')).toEqual([]);
  });

  it('a real manager who is not the directory’s is accepted and shown as named by the applicant everywhere', async () => {
    const ref = await startApplication(bot, sara);
    const step4 = await saveAboutSara(bot, ref, 'peter.lund@bjuv.example.se');
    expect(readable(invokeCard(step4))).toContain('Tjänstledighet och team');
    expect((await bot.app.services.applications.get(ref.cohortId, ref.applicationId))?.value.about).toMatchObject({ managerId: peter.aadObjectId, managerFromDirectory: false });

    const review = await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', ...leave() });
    expect(readable(invokeCard(review))).toContain('Peter Lund (angiven av dig, inte hämtad från personalkatalogen)');

    const sent = await bot.teams.execute(sara, 'intake.submit', { ...ref, step: 'review', privacyAcknowledged: 'true' });
    expect(readable(invokeCard(sent))).toContain('Tack! Din ansökan är skickad.');
    expect(readable(invokeCard(sent))).toContain('Peter Lund (angiven av dig, inte hämtad från personalkatalogen) får nu en förfrågan');
    const card = await bot.connector.waitFor((a) => a.conversationId.includes(peter.aadObjectId) && said(a).includes('Sara Lindqvist vill vara med i acceleratorprogrammet'));
    expect(said(card)).toContain('Obs! Sara Lindqvist har själv angett Peter Lund som närmaste chef. Enligt personalkatalogen är Johan Bergström chef.');

    await bot.teams.say(sara, 'status');
    expect(repliesText(bot, sara)).toContain('Peter Lund (angiven av dig, inte hämtad från personalkatalogen)');
    await bot.teams.say(erik, `visa ${ref.applicationId}`);
    expect(repliesText(bot, erik)).toContain('Peter Lund (angiven av den sökande, inte hämtad från personalkatalogen)');
  });

  it('the directory’s own manager, typed in, is not flagged', async () => {
    const ref = await startApplication(bot, sara);
    await saveAboutSara(bot, ref, 'Johan.Bergstrom@hoganas.example.se');
    expect((await bot.app.services.applications.get(ref.cohortId, ref.applicationId))?.value.about).toMatchObject({ managerFromDirectory: true });
    const review = await bot.teams.execute(sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', ...leave() });
    expect(readable(invokeCard(review))).toContain('Johan Bergström');
    expect(readable(invokeCard(review))).not.toContain('angiven av dig');
  });

  it('cannot be bypassed by handing the decision over: the one it goes to must be a manager in the directory', async () => {
    const johan: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000002', name: 'Johan Bergström' };
    const ref = await saraSubmits(bot);
    const member = { ...ref, memberId: sara.aadObjectId };
    // The manager's card has no hand-over field (the HR contact's has, and shows the reason there); a crafted one does nothing.
    await bot.teams.execute(johan, 'approval.reassign', { ...member, managerEmail: 'fatima.yilmaz@svalov.example.se' });
    expect((await bot.app.services.outbox!.forApplication(ref.cohortId, ref.applicationId)).filter((x) => x.recipientId === fatima.aadObjectId)).toEqual([]);
    const kept = (await bot.app.services.applications.get(ref.cohortId, ref.applicationId))?.value;
    expect(kept?.approvals.find((a) => a.memberId === sara.aadObjectId)?.managerId).toBe(johan.aadObjectId);

    await bot.teams.execute(johan, 'approval.reassign', { ...member, managerEmail: 'peter.lund@bjuv.example.se' });
    const handed = (await bot.app.services.applications.get(ref.cohortId, ref.applicationId))?.value;
    expect(handed?.approvals.find((a) => a.memberId === sara.aadObjectId)?.managerId).toBe(peter.aadObjectId);
  });
});
