import type { DisposalRule, RecordType, RetentionPeriod } from '../domain/retention';
import { svCount } from './plural';

/** A date in Swedish ("1 april 2027"), and a date and time in Swedish time ("1 april 2027 kl. 08:00"). */
const DATE = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' });
const AT = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' });
const day = (date: string) => DATE.format(new Date(`${date}T12:00:00Z`));

/** Retention and disposal (gallring, issue 18, ADR 0018). */
export const disposalSv = {
  at: (iso: string) => AT.format(new Date(iso)),
  day,
  recordType: {
    sentApplication: 'Skickade ansökningar och beslut om antagna deltagare',
    notSelected: 'Skickade ansökningar som inte ledde till en plats (ej antagna, avslagna av chef, återkallade)',
    draft: 'Utkast som aldrig skickades',
    juryScores: 'Juryns bedömningar och jäv',
    expenses: 'Utlägg',
    auditEvents: 'Logg (vem gjorde vad och när)',
    deliveredNotifications: 'Skickade meddelanden från boten',
    conversationState: 'Botens samtalstillstånd',
  } satisfies Record<RecordType, string>,
  rule: {
    keep: 'Bevaras',
    notSelectedYears: (n: number) => `Gallras ${svCount(n, 'år', 'år')} efter att kohortens urval låstes`,
    draftMonths: (n: number) => `Gallras ${svCount(n, 'månad', 'månader')} efter sista ändringen`,
    expenseYears: (n: number) => `Bevaras minst ${svCount(n, 'år', 'år')} efter utgången av det kalenderår utlägget gjordes (bokföringslagen 7 kap. 2 §); gallras inte av boten ännu`,
    follows: 'Följer ansökan: gallras med den, bevaras med den',
    ttl: (days: number) => `Ingen allmän handling: tas bort automatiskt ${svCount(days, 'dag', 'dagar')} efter sista ändringen`,
  },
  ruleName: { notSelected: 'ej antagna', draft: 'utkast' } satisfies Record<DisposalRule, string>,
  period: { notSelectedYears: 'ej-antagna', draftMonths: 'utkast', expenseYears: 'utlägg' } satisfies Record<RetentionPeriod, string>,
  plan: {
    title: 'Gallringsplan',
    intro: 'Så länge handlingar bevaras och när de gallras. Inget gallras utan ett gallringsbeslut (arkivlagen 10 §).',
    rules: 'Regler per handlingstyp',
    decision: (reference: string, by: string, at: string) => `Gallringsbeslut ${reference}, registrerat av ${by} ${at}.`,
    noDecision: 'Inget gallringsbeslut är registrerat: ingenting gallras. Registrera beslutet med gallringsplan beslut <diarienummer>.',
    nextNotice: (at: string) => `Nästa gallringslista skickas ${at}; gallringen sker 14 dagar senare.`,
    holds: 'Spärrade från gallring',
    hold: (id: string, reason: string) => `${id}: ${reason}`,
    records: 'Genomförda gallringar',
    noRecords: 'Ingen gallring är genomförd ännu.',
    record: (cohortName: string, at: string, counts: string, reference: string) => `${cohortName}, ${at}: ${counts} (beslut ${reference})`,
    planned: (cohortName: string, at: string, n: number) => `${cohortName}: ${svCount(n, 'ansökan', 'ansökningar')} gallras ${at} (aviserad)`,
    count: (n: number, rule: string) => `${svCount(n, 'ansökan', 'ansökningar')} ${rule}`,
    nothing: 'inget',
    heldCount: (n: number) => `${svCount(n, 'spärrad', 'spärrade')}`,
    usage:
      'Skriv gallringsplan för att se reglerna, gallringsplan beslut <diarienummer> för att registrera gallringsbeslutet, ' +
      'eller ändra en frist med gallringsplan ej-antagna <år>, gallringsplan utkast <månader> eller gallringsplan utlägg <år>.',
    badNumber: (period: string, min: number, max: number) => `${period} ska vara ett heltal från ${min} till ${max}.`,
    adopted: (reference: string, at: string) => `Klart. Gallringsbeslut ${reference} är registrerat. Första gallringslistan skickas ${at}.`,
    changed: 'Klart. Fristen är ändrad. Ett ändrat gallringsbeslut måste registreras igen innan något gallras: gallringsplan beslut <diarienummer>.',
    badReference: 'Skriv gallringsbeslutets diarienummer (högst 60 tecken), till exempel gallringsplan beslut KS 2026/123.',
  },
  hold: {
    usage: 'Skriv spärra gallring <ansökans id> <skäl>, till exempel spärra gallring A-7K3QX2 Överklagande pågår.',
    releaseUsage: 'Skriv häv spärr <ansökans id>, till exempel häv spärr A-7K3QX2.',
    held: (id: string) => `Klart. ${id} gallras inte så länge spärren gäller. Häv den med häv spärr ${id}.`,
    released: (id: string) => `Klart. Spärren för ${id} är hävd; ansökan gallras enligt reglerna.`,
    badReason: 'Skriv ett skäl till spärren, högst 200 tecken.',
  },
  list: {
    title: (cohortName: string) => `Gallringslista: ${cohortName}`,
    intro: (n: number, at: string) => `${svCount(n, 'ansökan', 'ansökningar')} gallras ${at}, med sin logg, juryns bedömningar och meddelanden. Inget är ändrat ännu.`,
    decision: (reference: string) => `Enligt gallringsbeslut ${reference}.`,
    hold: 'Ska något inte gallras, till exempel för att ett överklagande pågår? Skriv spärra gallring <id> <skäl> före gallringsdagen.',
    columns: { id: 'Ansökan', rule: 'Regel', on: 'Gallringsbar från' },
    more: (n: number) => `… och ${svCount(n, 'ansökan', 'ansökningar')} till.`,
  },
};
