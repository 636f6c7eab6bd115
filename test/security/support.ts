import { DEMO_PEOPLE } from '../../src/demo/demo';
import { cardOf, invokeCard, readable, type TeamsUser } from '../helpers/teams-client';
import { lastReply, type TestBot } from '../helpers/test-app';

/** The demo people these suites play (src/demo/directory.json). */
export const people = {
  sara: { aadObjectId: DEMO_PEOPLE.employee, name: 'Sara Lindqvist' },
  johan: { aadObjectId: DEMO_PEOPLE.manager, name: 'Johan Bergström' },
  amira: { aadObjectId: DEMO_PEOPLE.hrContact, name: 'Amira Haddad' },
  erik: { aadObjectId: DEMO_PEOPLE.coordinator, name: 'Erik Nyström' },
  lena: { aadObjectId: DEMO_PEOPLE.juror, name: 'Lena Holm' },
  mikael: { aadObjectId: DEMO_PEOPLE.juror2, name: 'Mikael Ek' },
  maja: { aadObjectId: '00000000-0000-4000-8000-000000000009', name: 'Maja Ström' },
  henrik: { aadObjectId: '00000000-0000-4000-8000-000000000010', name: 'Henrik Sjöberg' },
  fatima: { aadObjectId: '00000000-0000-4000-8000-000000000013', name: 'Fatima Yilmaz' },
} satisfies Record<string, TeamsUser>;

export const day = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

export interface Ref {
  readonly applicationId: string;
  readonly cohortId: string;
}

/** The application reference a form card carries in its buttons. */
export function refOf(card: unknown): Ref {
  const found = JSON.stringify(card).match(/"applicationId":"([^"]+)","cohortId":"([^"]+)"/);
  if (!found?.[1] || !found[2]) throw new Error(`no application reference in ${JSON.stringify(card).slice(0, 300)}`);
  return { applicationId: found[1], cohortId: found[2] };
}

export const IDEA = {
  title: 'Trygg hemgång från sjukhuset',
  problem: 'Äldre som skrivs ut från sjukhuset blir ofta ensamma de första dygnen hemma.',
  description: 'En följeslagare från hemtjänsten möter upp vid utskrivningen och stannar första kvällen.',
};

export const leave = (coApplicants = '') => ({ extentPercent: '50', leaveStart: day(61), leaveEnd: day(150), coApplicants });

/** `ansök`, then steps 1 and 2; returns the reference for the remaining steps. */
export async function startApplication(bot: TestBot, user: TeamsUser): Promise<Ref> {
  await bot.teams.say(user, 'ansök');
  const ref = refOf(cardOf(lastReply(bot, user)?.activity ?? {}));
  await bot.teams.execute(user, 'intake.save', { ...ref, step: 'idea', nav: 'next', ...IDEA });
  await bot.teams.execute(user, 'intake.save', {
    ...ref,
    step: 'benefit',
    nav: 'next',
    targetGroups: 'residents',
    benefit: 'Färre återinläggningar och tryggare invånare.',
    applicability: 'Alla elva kommuner har hemtjänst och samma utskrivning.',
  });
  return ref;
}

/** Step 3 for Sara (Höganäs); `managerEmail` empty means the directory's manager. */
export function saveAboutSara(bot: TestBot, ref: Ref, managerEmail = '') {
  return bot.teams.execute(people.sara, 'intake.save', {
    ...ref,
    step: 'about',
    nav: 'next',
    municipality: 'Höganäs',
    administration: 'Vård- och omsorgsförvaltningen',
    workplace: 'Hemtjänst Väst',
    managerEmail,
    permanentEmployment: 'true',
    employmentStart: '2018-03-01',
  });
}

/** Sara fills in every step and sends her application to her manager (the directory's, Johan). */
export async function saraSubmits(bot: TestBot): Promise<Ref> {
  const ref = await startApplication(bot, people.sara);
  await saveAboutSara(bot, ref);
  await bot.teams.execute(people.sara, 'intake.save', { ...ref, step: 'leave', nav: 'next', ...leave() });
  const sent = await bot.teams.execute(people.sara, 'intake.submit', { ...ref, step: 'review', privacyAcknowledged: 'true' });
  expect(readable(invokeCard(sent))).toContain('Tack! Din ansökan är skickad.');
  return ref;
}
