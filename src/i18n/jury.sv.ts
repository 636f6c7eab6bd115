import { svNumber } from './numbers';
import { svCount } from './plural';
import type { SelectionChoice } from '../domain/application';
import type { Conflict, ReviewState } from '../domain/jury';

/** What 1, 3 and 5 mean for one criterion, as the juror reads it beside the choice. */
export interface CriterionGuide {
  readonly 1: string;
  readonly 3: string;
  readonly 5: string;
}

/** Swedish texts of the jury: scoring, recusal, ranking, selection. */
export const jurySv = {
  criteria: {
    benefit: 'Nytta för målgruppen',
    boldness: 'Djärvhet: utmanar idén kärnuppdraget?',
    applicability: 'Går att använda i alla elva kommuner',
    feasibility: 'Går att genomföra inom programmet',
    drive: 'Den sökandes driv',
  } as Readonly<Record<string, string>>,
  /** What 1, 3 and 5 mean for each of the programme's criteria (a cohort's own criteria may have none). */
  guide: {
    benefit: {
      1: 'Liten eller oklar nytta för målgruppen.',
      3: 'Tydlig nytta för en del av målgruppen.',
      5: 'Stor nytta för många i målgruppen, och det går att visa.',
    },
    boldness: {
      1: 'En liten förbättring av något vi redan gör.',
      3: 'Ett nytt arbetssätt, men inom det vi gör i dag.',
      5: 'Utmanar i grunden hur kommunen gör sitt uppdrag.',
    },
    applicability: {
      1: 'Passar bara en kommun eller en arbetsplats.',
      3: 'Passar flera kommuner, med en del anpassning.',
      5: 'Kan användas i alla elva kommuner i stort sett som den är.',
    },
    feasibility: {
      1: 'Svårt att komma någonstans under programmets tid.',
      3: 'Går att pröva under programmet med rätt stöd.',
      5: 'En realistisk plan för att pröva idén på riktigt under programmet.',
    },
    drive: {
      1: 'Det framgår inte varför den sökande vill driva idén.',
      3: 'Engagerad och har tänkt igenom nästa steg.',
      5: 'Brinner för idén, har redan tagit egna steg och vet vad som krävs.',
    },
  } as Readonly<Record<string, CriterionGuide>>,
  guideLine: (g: CriterionGuide) => `1 = ${g[1]} 3 = ${g[3]} 5 = ${g[5]}`,
  weighted: (criterion: string, weight: number) => `${criterion} (vikt ${svNumber(weight)})`,
  scale: { 1: '1 – svagt', 2: '2', 3: '3 – medel', 4: '4', 5: '5 – starkt' } as Readonly<Record<number, string>>,
  /** A score or a mean as it is shown: two decimals, with a decimal comma. */
  decimal: (x: number) => x.toFixed(2).replace('.', ','),
  scoreTitle: (title: string) => `Bedöm: ${title}`,
  applicantHeading: 'Vem som söker',
  applicant: (name: string, workplace: string, municipality: string) => [name, workplace, municipality].filter(Boolean).join(', '),
  coApplicants: (names: string) => `Medsökande: ${names}`,
  conflictHint: 'Är du chef, nära kollega eller släkt med någon av dem, eller jävig på annat sätt? Avstå då i stället för att bedöma.',
  scoreIntro: 'Sätt 1–5 för varje kriterium. Du ser inte de andras bedömningar förrän du har lämnat din egen. Du kan ändra din bedömning tills juryrundan låses.',
  comment: 'Kommentar (frivillig). De andra i juryn ser den när de har bedömt ansökan själva, och samordnarna ser den.',
  recuseReason: 'Om du är jävig: skriv varför du avstår',
  save: 'Spara bedömningen',
  openInTab: 'Öppna i fliken',
  recuse: 'Jag är jävig och avstår',
  saved: 'Din bedömning är sparad. Du kan ändra den tills juryrundan låses.',
  unchanged: 'Bedömningen är redan sparad med samma värden.',
  progress: (done: number, total: number) => `Bedömda: ${svNumber(done)} av ${svNumber(total)}.`,
  yourScore: (score: string) => `Din bedömning: ${score}`,
  jurySoFar: (mean: string, n: number) => `Medelvärde hittills: ${mean} (${svCount(n, 'bedömning', 'bedömningar')}, din egen medräknad).`,
  othersComments: 'Kommentarer från de andra i juryn',
  moreComments: (n: number) => `${svCount(n, 'kommentar', 'kommentarer')} till får inte plats här.`,
  recusedAuto: {
    applicant: 'Du är själv sökande här, så du bedömer inte den här ansökan.',
    coApplicant: 'Du är medsökande här, så du bedömer inte den här ansökan.',
    manager: 'Du är chef för någon av de sökande och är därför jävig. Du bedömer inte den här ansökan.',
  } satisfies Record<Conflict, string>,
  recused: 'Du har avstått från att bedöma den här ansökan.',
  roundNotOpen: 'Juryrundan är inte öppen för den här ansökan.',
  roundLocked: 'Juryrundan är låst. Bedömningarna går inte att ändra längre.',
  notJuror: 'Du är inte med i juryn för den här omgången.',
  invalidScore: 'Välj ett värde mellan 1 och 5 för varje kriterium.',
  chooseValue: 'Välj ett värde här.',
  reasonRequired: 'Skriv varför du avstår.',
  reviews: {
    title: (cohort: string) => `Att bedöma i ${cohort}`,
    none: 'Just nu finns inget att bedöma.',
    left: (left: number, total: number) => `Bedömda: ${svNumber(total - left)} av ${svNumber(total)}. Kvar att bedöma: ${svNumber(left)}.`,
    page: (page: number) => `Sida ${page}`,
    notJuror: 'Du är inte med i juryn för någon pågående omgång.',
    state: { todo: 'Att bedöma', scored: 'Bedömd', recused: 'Avstår' } satisfies Record<ReviewState, string>,
    open: 'Öppna',
  },
  ranking: {
    title: (cohort: string, page: number, total: number) => `Rangordning för ${cohort}, sida ${page} (${svCount(total, 'ansökan', 'ansökningar')})`,
    legend: 'Poäng är medelvärdet av jurymedlemmarnas viktade bedömningar. Spridning är skillnaden mellan den högsta och den lägsta bedömningen.',
    normalised: 'Bedömningarna är normaliserade per jurymedlem, så att ingen som bedömer strängt eller generöst avgör ensam.',
    row: (rank: string, score: string, spread: string, n: number, recused: number) => `${rank} · ${score} poäng · spridning ${spread} · ${svCount(n, 'bedömning', 'bedömningar')} · ${svNumber(recused)} avstår`,
    unranked: (n: number, quorum: number, meanSoFar: string | null) =>
      `Inte rangordnad än: ${svNumber(n)} av minst ${svCount(quorum, 'bedömning', 'bedömningar')}${meanSoFar === null ? '' : ` · medelvärde hittills ${meanSoFar}`}`,
    tie: (others: number) => `Delad plats med ${others === 1 ? 'en annan ansökan' : `${svNumber(others)} andra ansökningar`}`,
    missingTitle: 'Bedömningar som saknas',
    missing: (juror: string, n: number) => `${juror}: ${svNumber(n)} kvar`,
    capacity: (selected: number, capacity: number) => `Antagna: ${svNumber(selected)} av ${svCount(capacity, 'plats', 'platser')}.`,
    overCapacity: (selected: number, capacity: number) => `Obs! ${svNumber(selected)} antagna, men det finns bara ${svCount(capacity, 'plats', 'platser')}.`,
    next: 'Nästa sida',
    first: 'Första sidan',
    decide: 'Öppna och besluta',
    decision: { selected: 'Antagen', waitlisted: 'Reserv', notSelected: 'Inte antagen' } satisfies Record<SelectionChoice, string>,
  },
  selection: {
    title: (title: string) => `Urval: ${title}`,
    choose: 'Beslut',
    feedback: 'Återkoppling till den sökande (skickas när urvalet låses)',
    save: 'Spara beslut',
    saved: (decision: string) => `Sparat: ${decision}. Den sökande får besked när du låser urvalet (skriv **lås urval**).`,
    unchanged: (decision: string) => `Beslutet är redan sparat: ${decision}. Den sökande får besked när du låser urvalet.`,
    locked: 'Urvalet är låst och de sökande har fått besked.',
    feedbackRequired: 'Skriv en återkoppling till den sökande.',
    back: 'Tillbaka till rangordningen',
    scoresTitle: 'Juryns bedömningar',
    noScores: 'Ingen i juryn har bedömt ansökan än.',
    quorum: (n: number, quorum: number, mean: string | null) =>
      `${svNumber(n)} av minst ${svCount(quorum, 'bedömning', 'bedömningar')}${mean === null ? '' : `, medelvärde ${mean}`}${n < quorum ? ' (inte rangordnad än)' : ''}`,
    verdict: (juror: string, verdict: string) => `${juror}: ${verdict}`,
    moreScores: (n: number) => `${svCount(n, 'bedömning', 'bedömningar')} till får inte plats här; de räknas i medelvärdet.`,
    recusedBy: (juror: string) => `${juror} avstår`,
  },
  confirm: {
    cancel: 'Avbryt',
    cancelled: 'Inget har ändrats.',
    openTitle: (cohort: string) => `Öppna juryrundan för ${cohort}?`,
    openApplications: (n: number) => (n === 0 ? 'Just nu finns inga godkända ansökningar som väntar på juryn.' : `${svCount(n, 'godkänd ansökan', 'godkända ansökningar')} går till juryn.`),
    openJurors: (n: number) => `${svCount(n, 'jurymedlem', 'jurymedlemmar')} får ett meddelande om att bedöma.`,
    openClosesIntake: 'Intaget är fortfarande öppet. Det stängs när du öppnar juryrundan, eftersom juryn börjar bedöma först när intaget har stängt. Den som inte har skickat in sin ansökan kan inte göra det efteråt.',
    openAgain: (n: number) => `Juryrundan är redan öppen, och ${svCount(n, 'ansökan', 'ansökningar')} finns hos juryn. Ansökningar som har godkänts sedan dess går också till juryn.`,
    openConfirm: 'Öppna juryrundan',
    lockTitle: (cohort: string) => `Lås juryrundan för ${cohort}?`,
    lockFinal: 'När juryrundan är låst går bedömningarna inte att ändra, och inga nya tas emot. Det går inte att ångra.',
    lockAllDone: (n: number) => `Alla i juryn har bedömt eller avstått från ${n === 1 ? 'ansökan' : `alla ${svNumber(n)} ansökningar`}.`,
    lockBehind: 'De här i juryn har inte bedömt allt:',
    lockTold: 'Ingen får något meddelande när juryrundan låses.',
    lockConfirm: 'Lås juryrundan',
    lockAlready: 'Juryrundan är redan låst.',
    selectionTitle: (cohort: string) => `Lås urvalet för ${cohort}?`,
    selectionTold: (n: number) => `De sökande i ${svCount(n, 'ansökan', 'ansökningar')} får besked:`,
    selectionNone: 'Ingen ansökan har fått något beslut, så ingen får besked.',
    selectionLine: (managers: number, hr: number) =>
      `${svCount(managers, 'chef', 'chefer')} och ${svCount(hr, 'HR-ansvarig', 'HR-ansvariga')} får besked om den godkända tjänstledigheten och när programmet startar.`,
    selectionUndecided: (n: number) => `${svCount(n, 'ansökan', 'ansökningar')} i juryrundan saknar beslut och får inget besked nu.`,
    selectionFinal: 'Urvalet går inte att ändra när det är låst, och juryrundan låses samtidigt.',
    selectionConfirm: 'Lås urvalet och skicka besked',
    selectionAlready: 'Urvalet är redan låst och de sökande har fått besked.',
  },
  commands: {
    jury: (names: string) => `Juryn: ${names}`,
    juryEmpty: 'Juryn har inga medlemmar än. Lägg till någon med **jury lägg till** och en e-postadress.',
    added: (name: string) => `${name} är med i juryn och har fått ett meddelande om det.`,
    removed: (name: string) => `${name} är inte längre med i juryn.`,
    usage: 'Skriv **jury** för att se juryn, eller **jury lägg till** eller **jury ta bort** följt av en e-postadress.',
    opened: (n: number) => `Juryrundan är öppen: ${svCount(n, 'ansökan', 'ansökningar')} går till juryn, och jurymedlemmarna har fått var sitt meddelande.`,
    intakeClosed: 'Intaget är stängt, eftersom juryn börjar bedöma först när intaget har stängt.',
    alreadyOpen: 'Juryrundan var redan öppen, och inga nya ansökningar har godkänts sedan dess.',
    lockedRound: 'Juryrundan är låst. Bedömningarna går inte att ändra längre.',
    reminded: (n: number) => (n === 0 ? 'Alla i juryn har bedömt allt.' : `${svCount(n, 'jurymedlem', 'jurymedlemmar')} har fått en påminnelse.`),
    selectionLocked: (n: number) => `Urvalet är låst. ${svCount(n, 'meddelande', 'meddelanden')} skickas till sökande, chefer och HR.`,
    unknownPerson: (email: string) => `Vi hittar ingen med adressen ${email} i personalkatalogen.`,
  },
  told: {
    jurorAdded: (cohort: string) => `Du är med i juryn för ${cohort}. När juryrundan öppnar får du ett meddelande om ansökningarna att bedöma. Skriv **att bedöma** för att se dem.`,
    reviewAssignment: (cohort: string) => `Juryrundan för ${cohort} är öppen. Skriv **att bedöma** för att se ansökningarna som väntar på dig.`,
    juryReminder: (cohort: string) => `Påminnelse: du har ansökningar kvar att bedöma i ${cohort}. Skriv **att bedöma** för att se dem.`,
    selected: (title: string, feedback: string) => `Grattis! ”${title}” är antagen till acceleratorprogrammet. ${feedback} Samordnarna hör av sig om starten.`,
    waitlisted: (title: string, feedback: string) => `”${title}” har fått en reservplats i acceleratorprogrammet. ${feedback} Du får besked om en plats blir ledig.`,
    notSelected: (title: string, feedback: string) => `”${title}” blev inte antagen den här gången. ${feedback} Tack för din ansökan, och välkommen att söka igen!`,
    leaveStarts: (name: string, programmeStarts: string, leave: string) =>
      `${name} är antagen till acceleratorprogrammet, som startar ${programmeStarts}. Tjänstledigheten som godkändes: ${leave}.`,
  },
};
