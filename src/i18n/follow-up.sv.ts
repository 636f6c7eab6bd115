import type { FollowUpRound } from '../domain/follow-up';
import type { ReportSchedule } from '../domain/report-schedule';
import { svNumber, svOneDecimal } from './numbers';
import { svCount } from './plural';

/** A date and time in Swedish time ("1 april 2027 kl. 08:00"). */
const AT = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' });

/** The follow-up of the pilot (uppföljning) and the steering group's scheduled report (issue 17). */
export const followUpSv = {
  /** The questions a cohort gets when the coordinators have not set their own. */
  defaultQuestions: [
    'Hur väl har programmet hjälpt er att pröva idén?',
    'Hur väl har tjänstledigheten fungerat på arbetsplatsen?',
    'Hur troligt är det att idén används i verksamheten?',
  ] as readonly string[],
  round: { phase1: 'Fas 1', phase2: 'Fas 2', outcome: 'Utfallet' } satisfies Record<FollowUpRound, string>,
  card: {
    title: (cohortName: string) => `Uppföljning: ${cohortName}`,
    ended: { phase1: 'Fas 1 är avslutad.', phase2: 'Fas 2 är avslutad.', outcome: 'Idén har fått sitt utfall.' } satisfies Record<FollowUpRound, string>,
    intro: 'Hur har det gått? Svara med ett betyg från 1 (inte alls) till 5 (mycket väl) på varje fråga.',
    reminder: 'Påminnelse: vi har inte fått ditt svar ännu. Det tar en minut.',
    privacy: 'Ditt svar sparas utan ditt namn och kan inte ändras. Rapporten visar bara medelvärden, och först när minst tre har svarat.',
    score: (n: number) => ['1 – inte alls', '2', '3', '4', '5 – mycket väl'][n - 1] ?? String(n),
    choose: 'Välj 1–5',
    comment: 'Kommentar (frivillig)',
    commentHint: 'Skriv inga namn. Kommentarerna visas utan namn, och bara när minst tre har svarat.',
    send: 'Skicka svar',
  },
  thanks: 'Tack för ditt svar! Det är sparat utan ditt namn.',
  answered: 'Du har redan svarat på den här uppföljningen. Ett svar kan inte ändras.',
  notAsked: 'Den här uppföljningen är inte till dig.',
  invalidScores: 'Välj ett betyg från 1 till 5 på varje fråga.',
  commentTooLong: 'Kommentaren får vara högst 500 tecken.',
  report: {
    title: 'Uppföljning',
    rate: (round: string, answered: number, asked: number) => `${round}: ${svNumber(answered)} av ${svNumber(asked)} har svarat`,
    tooFew: 'Resultatet visas när minst tre har svarat.',
    question: (n: number, mean: number) => `Fråga ${svNumber(n)}: medel ${svOneDecimal(mean)}`,
    distribution: (counts: readonly number[]) => counts.map((c, i) => `${i + 1}: ${svNumber(c)}`).join(' · '),
    comments: (n: number) => (n === 0 ? 'Inga kommentarer.' : `${svCount(n, 'kommentar', 'kommentarer')} utan namn, i fliken.`),
  },
  schedule: {
    name: { monthly: 'första vardagen varje månad kl. 08:00', off: 'av' } satisfies Record<ReportSchedule, string>,
    shown: (cohortName: string, schedule: string, next: string | null) =>
      `Styrgruppens rapport för ${cohortName}: ${schedule}.${next ? ` Nästa gång: ${next}.` : ''} Ändra med rapportschema månadsvis eller rapportschema av.`,
    set: (cohortName: string, schedule: string, next: string | null) => `Klart. Styrgruppens rapport för ${cohortName}: ${schedule}.${next ? ` Nästa gång: ${next}.` : ''}`,
    at: (iso: string) => AT.format(new Date(iso)),
    usage: 'Skriv rapportschema månadsvis eller rapportschema av.',
  },
  questions: {
    shown: (cohortName: string, questions: readonly string[], own: boolean) =>
      `Uppföljningens frågor för ${cohortName}${own ? '' : ' (standardfrågorna)'}:\n\n${questions.map((q, i) => `${i + 1}. ${q}`).join('\n\n')}\n\nÄndra med uppföljningsfrågor och tre eller fyra frågor åtskilda med |, eller uppföljningsfrågor standard.`,
    set: (cohortName: string) => `Klart. Nya frågor för ${cohortName}. De gäller uppföljningar som inte har skickats ännu.`,
    count: 'Skriv tre eller fyra frågor, åtskilda med |.',
    length: 'En fråga får vara högst 200 tecken.',
  },
};
