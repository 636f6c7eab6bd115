import type { ApplicationState } from '../domain/application.state-machine';
import type { ErrorCode } from '../domain/errors';
import type { Role } from '../domain/person';
import { intakeSv } from './intake.sv';
import { approvalSv } from './approval.sv';
import { jurySv } from './jury.sv';
import { programmeSv } from './programme.sv';
import { announceSv } from './announce.sv';
import { tabSv } from './tab.sv';
import { followUpSv } from './follow-up.sv';
import { recommendSv } from './recommend.sv';
import { meetingSv } from './meeting.sv';
import { disposalSv } from './disposal.sv';
import { privacySv } from './privacy.sv';
import { svCount } from './plural';
import { svNumber } from './numbers';

/** A date in Swedish ("1 april 2026"), on the Swedish calendar. Built once: a formatter costs far more to make than to use. */
const DATE = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' });

/**
 * Swedish, the default language and the source catalog. `en.ts` must match its shape exactly,
 * so a key missing in English fails to compile.
 */
export const sv = {
  appName: 'Acceleratorn',
  intake: intakeSv,
  approval: approvalSv,
  jury: jurySv,
  programme: programmeSv,
  announce: announceSv,
  tab: tabSv,
  followUp: followUpSv,
  recommend: recommendSv,
  meeting: meetingSv,
  disposal: disposalSv,
  privacy: privacySv,
  welcome: {
    title: 'Välkommen till Acceleratorn!',
    greeting: (name: string) => `Hej ${name}!`,
    body:
      'Har du en djärv idé som kan göra livet bättre för invånare, företag eller föreningar i Familjen Helsingborgs elva kommuner? ' +
      'Här ansöker du till det kommunala acceleratorprogrammet och följer din ansökan. ' +
      'Är du chef, jurymedlem eller samordnare gör du din del här också, direkt i Teams.',
    helpButton: 'Vad kan jag göra här?',
    aboutButton: 'Om programmet',
  },
  help: {
    title: 'Det här kan du göra',
    yourRoles: (roles: string) => `Dina roller: ${roles}`,
    howTo: 'Skriv kommandot i chatten, till exempel **hjälp**.',
    inChannel: 'I en kanal eller gruppchatt: nämn mig först, till exempel @Acceleratorn hjälp.',
  },
  commands: {
    help: 'Visar vad du kan göra.',
    about: 'Berättar om programmet och vem som kan söka.',
    whoami: 'Visar hur Acceleratorn ser dig och vilka roller du har.',
    cohorts: 'Visar kohorterna och om intaget är öppet, och öppnar en kohort.',
    apply: 'Ansök till programmet, eller fortsätt på din ansökan.',
    status: 'Visar din ansökan och vad som händer nu.',
    edit: 'Ändra din ansökan innan din chef har tagit ställning.',
    withdraw: 'Drar tillbaka din ansökan.',
    approvals: 'Visar ansökningar som väntar på ditt beslut som chef eller HR-ansvarig.',
    reviews: 'Visar ansökningarna du ska bedöma i juryn.',
    jury: 'Visar juryn; jury lägg till/ta bort med en e-postadress.',
    openRound: 'Öppnar juryrundan: de godkända ansökningarna går till juryn. Du får bekräfta först.',
    lockRound: 'Låser juryrundan: bedömningarna blir slutliga. Du får bekräfta först.',
    ranking: 'Visar rangordningen med poäng, spridning och saknade bedömningar.',
    remindJury: 'Påminner jurymedlemmar som har bedömningar kvar.',
    lockSelection: 'Låser urvalet och meddelar sökande, chefer och HR. Du får bekräfta först.',
    newCohort: 'Skapar en ny kohort på ett kort.',
    editCohort: 'Ändrar den aktuella kohorten på ett kort.',
    openIntake: 'Öppnar intaget till den aktuella kohorten.',
    closeIntake: 'Stänger intaget nu.',
    startPhase: 'Startar fas 1, 2 eller 3 för kohortens deltagare, till exempel starta fas 1. Du får bekräfta först.',
    gate: 'Gallring efter fas 1: ett kort per ansökan.',
    outcome: 'Utfall i fas 3 för en ansökan, till exempel utfall A-7K3QX2.',
    show: 'Visar en hel ansökan med besluten, till exempel visa A-7K3QX2.',
    log: 'Visar en ansökans logg, till exempel logg A-7K3QX2.',
    statistics: 'Visar hur långt ansökningarna har kommit per kommun, budgeten och vad som väntar.',
    report: 'Visar styrgruppens rapport i korthet och länkar till hela rapporten i fliken.',
    expense: 'Lämnar in ett utlägg mot teamets budget, till exempel utlägg 1 200 prototyp.',
    roles: 'Ändrar samordnare och HR-ansvariga.',
    steeringGroup: 'Lägger till eller tar bort någon i styrgruppen, som läser rapporten, till exempel styrgrupp lägg till namn@kommun.se.',
    hr: 'Sätter HR-ansvarig för en kommun, till exempel hr Bjuv namn@bjuv.se.',
    mentor: 'Ger ett team en mentor, till exempel mentor A-7K3QX2 namn@kommun.se.',
    sponsor: 'Ger ett team en affärsängel, till exempel sponsor A-7K3QX2 namn@kommun.se.',
    applications: 'Listar kohortens ansökningar, till exempel ansökningar antagen Höganäs.',
    participants: 'Visar teamen i programmet i din kommun, med tjänstledighet, budget och utlägg som väntar.',
    announce: 'Skickar en kungörelse om programmet till alla anställda, vissa kommuner, chefer eller en lista. Du ser den och antalet mottagare innan den går.',
    reportSchedule: 'Visar eller ändrar när styrgruppen får rapporten: rapportschema månadsvis (första vardagen varje månad kl. 08) eller rapportschema av.',
    followUpQuestions: 'Visar eller ändrar uppföljningens frågor, till exempel uppföljningsfrågor Fråga ett? | Fråga två? | Fråga tre?',
    candidateMeeting: 'Bjuder in utvalda ansökningar till ett möte med urvalsgruppen efter rangordningen, på ett kort med datum, tid och plats eller länk.',
    candidateMeetings: 'Visar ansökningarna som är inbjudna till kandidatmöte och vad var och en har svarat.',
    meetingNote: 'Sparar en anteckning från kandidatmötet på en ansökan, till exempel anteckning A-7K3QX2 Stark presentation.',
    disposal: 'Visar gallringsplanen: hur länge handlingar bevaras, gallringsbeslutet, nästa gallring och genomförda gallringar. Ändra med gallringsplan beslut <diarienummer> eller gallringsplan ej-antagna <år>.',
    holdDisposal: 'Spärrar en ansökan från gallring medan ett ärende pågår, till exempel spärra gallring A-7K3QX2 Överklagande pågår.',
    releaseHold: 'Häver en spärr mot gallring, till exempel häv spärr A-7K3QX2.',
    myData: 'Visar allt Acceleratorn har sparat om dig (registerutdrag). Hela utdraget laddar du ner i fliken.',
    dataExtract: 'Tar fram ett registerutdrag för någon annan som har begärt det, till exempel registerutdrag anna.svensson@helsingborg.se. Utdraget loggas.',
    restrict: 'Begränsar behandlingen av en persons uppgifter: sparas men behandlas inte, till exempel begränsa anna.svensson@helsingborg.se Invändning prövas.',
    unrestrict: 'Häver en begränsning, till exempel häv begränsning anna.svensson@helsingborg.se.',
    privacy: 'Berättar hur Acceleratorn hanterar personuppgifter: vem som är ansvarig, vad som sparas, varför och hur länge.',
    recommend: 'Rekommenderar någon som har dig som chef att söka, med några ord om varför, till exempel rekommendera namn@kommun.se Idén om tryggare skolvägar.',
  },
  about: {
    title: 'Om det kommunala acceleratorprogrammet',
    intro:
      'Programmet ger medarbetare i Familjen Helsingborg tid, utbildning, coachning och en startbudget för att utveckla en djärv idé ' +
      'som utmanar kärnuppdraget, tillsammans med acceleratorn Hetch.',
    whoTitle: 'Vem kan söka?',
    who: 'Du som har en tillsvidareanställning och har varit anställd i minst ett år.',
    leaveTitle: 'Tjänstledighet',
    leave:
      'Du kan få tjänstledigt i högst sex månader, i den omfattning din chef godkänner. ' +
      'Din arbetsplats betalar lönen och har kvar arbetsmiljöansvaret.',
    ideaTitle: 'Idén',
    idea: 'Idén ska vara till nytta för invånare, företag, föreningar eller organisationen och gå att använda i alla elva kommunerna.',
    stepsTitle: 'Så går det till',
    steps:
      '1. Du pratar med din chef och skickar in en intresseanmälan.\n' +
      '2. Din chef godkänner ditt deltagande och din tjänstledighet.\n' +
      '3. En jury bedömer ansökningarna och träffar de sökande.\n' +
      '4. Fas 1: team, coacher, grundutbildning och en startbudget.\n' +
      '5. Gallring: du går vidare, ansluter till ett annat team eller går tillbaka till ditt vanliga arbete.\n' +
      '6. Fas 2: fördjupning, till exempel Hetchs startupspår.\n' +
      '7. Fas 3: kommunen tar över idén, eller så driver du den vidare själv.',
  },
  whoami: {
    title: 'Så här ser Acceleratorn dig',
    unknownPerson: 'Jag hittar dig inte i personalkatalogen ännu. Du kan ändå läsa om programmet.',
    municipality: 'Kommun',
    administration: 'Förvaltning',
    roles: 'Roller',
  },
  cohorts: {
    open: 'Öppna',
    title: 'Kohorter',
    none: 'Det finns inga kohorter ännu.',
    intakeOpen: (closes: string) => `Intaget är öppet till ${closes}.`,
    intakeNotYet: (opens: string) => `Intaget öppnar ${opens}.`,
    intakeClosed: 'Intaget är stängt.',
    capacity: (n: number) => `Plats för ${svCount(n, 'deltagare', 'deltagare')}.`,
  },
  unknown: {
    text: (input: string) => `Jag förstod inte ”${input}”.`,
    suggestion: (command: string) => `Menade du **${command}**?`,
    hint: 'Skriv **hjälp** så ser du vad du kan göra.',
    showingHelp: 'Jag förstår inte riktigt vad du menar. Här är allt du kan göra:',
    empty: 'Skriv **hjälp** så ser du vad du kan göra.',
    tooLong: (max: string) => `Det var ett långt meddelande! Kommandon är korta, högst ${max} tecken. Skriv **hjälp** så ser du vad du kan göra.`,
  },
  channel: {
    personalOnly: 'Det svarar jag bara på i vår egen chatt, så att ingen annan ser dina uppgifter.',
    openChat: 'Öppna chatten med mig',
    help: 'Här i kanalen och gruppchatten kan jag berätta om programmet. Allt som rör dig, dina ansökningar och beslut sköter vi i vår egen chatt.',
  },
  unknownAction: 'Den här knappen fungerar inte längre. Skriv **hjälp** så ser du vad du kan göra.',
  answeredBelow: 'Svaret kommer här i chatten.',
  deliveryProblem: (name: string, id: string, title: string) =>
    `Vi når inte ${name} i Teams om ansökan ${id} (”${title}”). Be personen öppna Acceleratorn i Teams, eller ta kontakt på annat sätt.`,
  notAllowed: (roles: string) => `Det här kan bara ${roles} göra. Skriv **hjälp** så ser du vad du kan göra.`,
  genericError: (correlationId: string) =>
    `Något gick fel hos oss, förlåt! Försök igen om en stund. Om felet kommer tillbaka, ange felkod ${correlationId} när du kontaktar samordnarna.`,
  /** The card that replaces a clicked card whose action failed on our side. */
  actionFailed: {
    title: 'Det gick inte just nu',
    body: 'Det gick inte att genomföra just nu. Inget har gått förlorat – försök igen om en stund.',
    code: (correlationId: string) => `Om det fortsätter att krångla, ange felkod ${correlationId} när du kontaktar samordnarna.`,
    retry: 'Försök igen',
  },
  errors: {
    ILLEGAL_TRANSITION: 'Det går inte längre, eftersom ansökan redan har kommit till ett annat steg.',
    NOT_ALLOWED: 'Du har inte behörighet att göra det här.',
    NOT_FOUND: 'Jag hittar inte det du frågade efter.',
    CONCURRENCY_CONFLICT: 'Någon annan ändrade samma sak samtidigt. Titta på hur det ser ut nu och försök igen.',
    ALREADY_EXISTS: 'Det finns redan.',
    INVALID_INPUT: 'Något av det du skrev behöver rättas.',
    NOT_EDITABLE: 'Det här går inte att ändra längre.',
  } satisfies Record<ErrorCode, string>,
  roles: {
    employee: 'medarbetare',
    participant: 'deltagare',
    manager: 'chef',
    hrContact: 'HR-ansvarig',
    coordinator: 'samordnare',
    juror: 'jurymedlem',
    mentor: 'mentor',
    sponsor: 'affärsängel',
    steeringGroup: 'styrgruppen',
  } satisfies Record<Role, string>,
  states: {
    draft: 'Utkast',
    awaitingManager: 'Väntar på chefens beslut',
    changesRequested: 'Chefen vill att du ändrar något',
    approved: 'Godkänd av chefen',
    declined: 'Inte godkänd av chefen',
    inReview: 'Juryn bedömer',
    selected: 'Antagen',
    waitlisted: 'På reservplats',
    notSelected: 'Inte antagen den här gången',
    phase1: 'Fas 1',
    continuing: 'Går vidare till fas 2',
    joinedOtherTeam: 'Med i ett annat team',
    returnedToJob: 'Tillbaka i ordinarie tjänst',
    phase2: 'Fas 2',
    phase3: 'Fas 3',
    keptAsProject: 'Kommunen driver idén vidare som projekt',
    handedToLine: 'Idén är överlämnad till förvaltningen',
    spunOut: 'Du driver idén vidare i egen regi',
    ended: 'Idén är avslutad',
    withdrawn: 'Tillbakadragen',
  } satisfies Record<ApplicationState, string>,
  list: (items: readonly string[]) =>
    items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`,
  date: (iso: string) => DATE.format(new Date(iso)),
  number: (n: number) => svNumber(n),
};

export type Messages = typeof sv;
