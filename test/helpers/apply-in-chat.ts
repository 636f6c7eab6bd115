import { buttonData, lastCard } from './card-actions';
import { invokeCard, readable, type TeamsUser } from './teams-client';
import type { TestBot } from './test-app';

export interface ChatApplication {
  readonly title?: string;
  readonly municipality?: string;
  readonly extentPercent?: number;
  /** The leave's first and last day (ISO); the programme's start and five months on when absent. */
  readonly leave?: { readonly start: string; readonly end: string };
}

const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The person applies in the chat as an employee would (five steps and submit); the application's ref. */
export async function applyInChat(bot: TestBot, user: TeamsUser, a: ChatApplication = {}): Promise<{ applicationId: string; cohortId: string }> {
  await bot.teams.say(user, 'ansök');
  const found = buttonData(lastCard(bot, user), 'intake.save') as { applicationId: string; cohortId: string };
  const ref = { applicationId: found.applicationId, cohortId: found.cohortId };
  const starts = (await bot.app.services.cohorts.get(ref.cohortId))?.value.programmeStartsOn ?? '';
  const leave = a.leave ?? { start: starts, end: plusDays(starts, 150) };
  const step = (values: Record<string, string>) => bot.teams.execute(user, 'intake.save', { ...ref, nav: 'next', ...values });
  await step({ step: 'idea', title: a.title ?? 'Trygg hemgång från sjukhuset', problem: 'Äldre som skrivs ut blir ensamma de första dygnen hemma.', description: 'En följeslagare från hemtjänsten möter upp vid utskrivningen och stannar första kvällen.' });
  await step({ step: 'benefit', targetGroups: 'residents', benefit: 'Färre återinläggningar och tryggare invånare.', applicability: 'Alla elva kommuner har hemtjänst och samma utskrivning.' });
  await step({ step: 'about', municipality: a.municipality ?? 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerEmail: '', permanentEmployment: 'true', employmentStart: '2018-03-01' });
  await step({ step: 'leave', extentPercent: String(a.extentPercent ?? 50), leaveStart: leave.start, leaveEnd: leave.end, coApplicants: '' });
  const sent = readable(invokeCard(await bot.teams.execute(user, 'intake.submit', { ...ref, step: 'review', privacyAcknowledged: 'true' })));
  if (!sent.includes('Tack! Din ansökan är skickad.')) throw new Error(`not submitted: ${sent}`);
  return ref;
}
