import { DEMO_COHORT_ID } from '../../src/demo/demo';
import type { Application } from '../../src/domain/application';
import { anApprovedApplication } from '../builders/application.builder';
import { buttonData, confirmed, lastCard } from '../helpers/card-actions';
import { invokeCard, readable, said, type TeamsUser } from '../helpers/teams-client';
import { repliesText, testBotFor, type TestBot } from '../helpers/test-app';
import { erik, johan, lena, sara } from '../helpers/demo-users';

const henrik: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000010', name: 'Henrik Sjöberg' };
const noor: TeamsUser = { aadObjectId: '00000000-0000-4000-8000-000000000007', name: 'Noor Karimi' };
const KARIN = '00000000-0000-4000-8000-000000000011';

const isoDay = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
const inChatOf = (bot: TestBot, user: TeamsUser) => (a: { conversationId: string }) => a.conversationId === bot.teams.conversationIdFor(user);

/**
 * Three approved applications put straight into the store (intake and approval are tested elsewhere): Sara's with
 * Noor as a co-applicant who confirmed, Henrik's, and one more.
 */
async function approvedApplications(bot: TestBot): Promise<void> {
  const now = new Date().toISOString();
  const make = (id: string, applicant: TeamsUser, managerId: string, title: string, coApplicants: Application['coApplicants'] = []): Application =>
    anApprovedApplication(applicant, managerId, { id, cohortId: DEMO_COHORT_ID, idea: { title, problem: 'Ett problem som många kommuner delar och som ingen har löst.', description: 'En idé som prövas i programmet.' }, coApplicants }, now);
  const all = [
    make('A-MEET01', sara, johan.aadObjectId, 'Trygg hemgång från sjukhuset', [{ personId: noor.aadObjectId, name: noor.name, status: 'confirmed', invitedAt: now, respondedAt: now }]),
    make('A-MEET02', henrik, KARIN, 'Verktyg att låna på biblioteket'),
    make('A-MEET03', { aadObjectId: '00000000-0000-4000-8000-000000000199', name: 'Sökande Tre' }, KARIN, 'Läxhjälp på biblioteken'),
  ];
  for (const x of all) {
    await bot.app.services.applications.create(x, { id: `audit-${x.id}`, applicationId: x.id, cohortId: x.cohortId, at: now, actorId: x.applicantId, actorKind: 'applicant', action: 'create', fromState: null, toState: 'approved' });
  }
}

const meeting = { applications: 'A-MEET01, a-meet02', date: isoDay(7), time: '13:30', place: 'Stadshuset, Helsingborg', link: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc' };

describe('meeting the candidates (issue 17), over HTTP with the fake Bot Connector', () => {
  const bot = testBotFor('each');

  it('shortlisted candidates get the card; one confirms, one asks for another time; the coordinator sees both answers and records notes', async () => {
    await approvedApplications(bot);
    // Before the ranking there is nothing to meet about.
    const early = await bot.teams.execute(erik, 'meeting.invite', meeting);
    expect(readable(invokeCard(early))).toContain('Kandidatmöten kommer efter rangordningen.');
    await bot.teams.say(erik, 'kandidatmöte');
    expect(repliesText(bot, erik)).toContain('Kandidatmöten kommer efter rangordningen. Öppna juryrundan först.');
    await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');

    await bot.teams.say(erik, 'kandidatmöte');
    expect(readable(lastCard(bot, erik))).toContain('Bjud in till kandidatmöte');
    // Every field checked, every error under its field, what was typed kept.
    const wrong = await bot.teams.execute(erik, 'meeting.invite', { applications: 'A-MEET01 A-NOPE99', date: isoDay(-1), time: '25:00', place: '', link: 'http://example.org/mote' });
    const wrongText = readable(invokeCard(wrong));
    for (const line of ['De här finns inte bland kohortens ansökningar i juryrundan: A-NOPE99.', 'Mötet måste ligga fram i tiden.', 'Skriv tiden som TT:MM, till exempel 13:30.', 'Länken måste börja med https://.']) {
      expect(wrongText).toContain(line);
    }
    expect(JSON.stringify(invokeCard(wrong))).toContain('A-MEET01 A-NOPE99');
    expect((await bot.app.services.applications.get(DEMO_COHORT_ID, 'A-MEET01'))?.value.meeting).toBeUndefined();

    const sent = await bot.teams.execute(erik, 'meeting.invite', meeting);
    expect(readable(invokeCard(sent))).toMatch(/Klart! 2 ansökningar bjöds in till mötet \d{1,2} \w+ 20\d\d kl\. 13:30\./);
    // The same card sent again (a double click) is the same meeting: nobody is invited twice.
    const twice = await bot.teams.execute(erik, 'meeting.invite', meeting);
    expect(readable(invokeCard(twice))).toContain('Klart! 2 ansökningar bjöds in');

    // Each member of each shortlisted team gets the card (Sara and her co-applicant Noor, Henrik); the third nothing.
    const cardFor = (user: TeamsUser) => bot.connector.waitFor((a) => inChatOf(bot, user)(a) && said(a).includes('Välkommen till ett möte med urvalsgruppen'));
    const [saraCard, noorCard, henrikCard] = await Promise.all([cardFor(sara), cardFor(noor), cardFor(henrik)]);
    expect(said(saraCard)).toContain('Stadshuset, Helsingborg');
    expect(said(noorCard)).toContain('Trygg hemgång från sjukhuset');
    const saraComing = buttonData(saraCard.activity, 'meeting.answer');
    const henrikOther = { ...buttonData(henrikCard.activity, 'meeting.answer'), answer: 'otherTime' };

    const coming = await bot.teams.execute(sara, 'meeting.answer', saraComing);
    expect(readable(invokeCard(coming))).toBe('Tack! Vi ses på mötet.');
    const other = await bot.teams.execute(henrik, 'meeting.answer', { ...henrikOther, comment: 'Jag är på kurs den veckan.' });
    expect(readable(invokeCard(other))).toContain('Samordnaren hör av sig om en annan tid.');
    // The coordinator who invited is told, once.
    await bot.connector.waitFor((a) => inChatOf(bot, erik)(a) && said(a).includes('Henrik Sjöberg behöver en annan tid för mötet om ”Verktyg att låna på biblioteket”. Kommentar: Jag är på kurs den veckan.'));

    await bot.teams.say(erik, 'kandidatmöten');
    const list = repliesText(bot, erik);
    expect(list).toContain('A-MEET01 · Trygg hemgång från sjukhuset');
    expect(list).toContain('Sara Lindqvist: kommer');
    expect(list).toContain('Noor Karimi: inget svar än');
    expect(list).toContain('Henrik Sjöberg: behöver en annan tid (Jag är på kurs den veckan.)');
    expect(list).not.toContain('A-MEET03');
    expect(bot.connector.activities.filter((a) => inChatOf(bot, sara)(a) && said(a).includes('Välkommen till ett möte med urvalsgruppen'))).toHaveLength(1);

    // Notes of the meeting: stored, shown to coordinators in the application's details, audited.
    await bot.teams.say(erik, 'anteckning A-MEET01 Stark presentation, vill pröva i Bjuv och Höganäs.');
    expect(repliesText(bot, erik)).toContain('Anteckningen är sparad på A-MEET01.');
    await bot.teams.say(erik, 'visa a-meet01');
    const shown = repliesText(bot, erik);
    expect(shown).toContain('Anteckningar från mötet');
    expect(shown).toContain('Stark presentation, vill pröva i Bjuv och Höganäs.');
    expect(shown).toContain('Kandidatmöte');
    const stored = (await bot.app.services.applications.get(DEMO_COHORT_ID, 'A-MEET01'))?.value;
    expect(stored?.meetingNotes).toEqual([{ at: expect.any(String), by: erik.aadObjectId, byName: erik.name, text: 'Stark presentation, vill pröva i Bjuv och Höganäs.' }]);
    const trail = await bot.app.services.applications.auditTrail(DEMO_COHORT_ID, 'A-MEET01');
    expect(trail.filter((e) => e.action.startsWith('meeting')).map((e) => [e.action, e.actorId])).toEqual([
      ['meetingInvited', erik.aadObjectId],
      ['meetingAnswered', sara.aadObjectId],
      ['meetingNoted', erik.aadObjectId],
    ]);
    await bot.teams.say({ ...erik, locale: 'en-GB' }, 'note A-MEET01');
    expect(repliesText(bot, erik)).toContain('Type **note** followed by the application id');
  });

  it('a non-coordinator cannot invite or take notes; a candidate cannot answer for someone else’s invitation', async () => {
    await approvedApplications(bot);
    await confirmed(bot, erik, 'öppna juryrunda', 'jury.round.open');

    await bot.teams.say(lena, 'kandidatmöte');
    expect(repliesText(bot, lena)).toContain('Det här kan bara samordnare göra.');
    const byJuror = await bot.teams.execute(lena, 'meeting.invite', meeting);
    expect(readable(invokeCard(byJuror))).toBe('Du har inte behörighet att göra det här.');
    await bot.teams.say(sara, 'anteckning A-MEET01 Jag var bäst.');
    expect(repliesText(bot, sara)).toContain('Det här kan bara samordnare göra.');
    expect((await bot.app.services.applications.get(DEMO_COHORT_ID, 'A-MEET01'))?.value).not.toHaveProperty('meeting');

    await bot.teams.execute(erik, 'meeting.invite', meeting);
    const saraCard = await bot.connector.waitFor((a) => inChatOf(bot, sara)(a) && said(a).includes('Välkommen till ett möte med urvalsgruppen'));
    const saraData = buttonData(saraCard.activity, 'meeting.answer');
    // Henrik (invited himself, to another application) and Lena (not invited) send Sara's card data: refused.
    for (const who of [henrik, lena]) {
      const tampered = await bot.teams.execute(who, 'meeting.answer', { ...saraData, answer: 'otherTime', comment: 'Jag kan inte.' });
      expect(readable(invokeCard(tampered))).toBe('Inbjudan gäller någon annan, så du kan inte svara på den.');
    }
    // An application that does not exist, and an answer that is not one, are refused without a trace.
    const missing = await bot.teams.execute(lena, 'meeting.answer', { ...saraData, applicationId: 'A-NOPE99' });
    expect(readable(invokeCard(missing))).toBe('Inbjudan gäller någon annan, så du kan inte svara på den.');
    const bogus = await bot.teams.execute(sara, 'meeting.answer', { ...saraData, answer: 'maybe' });
    expect(readable(invokeCard(bogus))).not.toContain('Tack!');
    const stale = await bot.teams.execute(sara, 'meeting.answer', { ...saraData, meetingId: 'M-OLD123' });
    expect(readable(invokeCard(stale))).toContain('Inbjudan har ändrats');
    expect((await bot.app.services.applications.get(DEMO_COHORT_ID, 'A-MEET01'))?.value.meeting?.answers).toEqual([]);
  });
});
