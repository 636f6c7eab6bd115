import { svCount } from './plural';

const AT = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' });

/** Register extracts, restriction of processing and the privacy notice (issue 18, ADR 0019). */
export const privacySv = {
  at: (iso: string) => AT.format(new Date(iso)),
  extract: {
    title: 'Mina uppgifter',
    titleFor: (name: string) => `Registerutdrag: ${name}`,
    intro: (at: string) => `Det här är allt Acceleratorn har sparat om dig, ${at}. Andra personer nämns inte: en ansökan visas med sitt id.`,
    introFor: (name: string, at: string) => `Allt Acceleratorn har sparat om ${name}, ${at}. Utdraget är loggat: vem som begärde det och när.`,
    person: 'Uppgifter om dig',
    name: 'Namn',
    email: 'E-post',
    roles: 'Roller',
    noRoles: 'Inga roller utöver medarbetare.',
    role: { coordinator: 'Samordnare', steeringGroup: 'Styrgruppen', hrContact: (m: string) => `HR-ansvarig för ${m}`, juror: (c: string) => `Jurymedlem i ${c}`, mentor: (c: string) => `Mentor i ${c}`, sponsor: (c: string) => `Affärsängel i ${c}` },
    applications: (n: number) => svCount(n, 'ansökan', 'ansökningar'),
    asApplicant: 'sökande',
    asCoApplicant: 'medsökande',
    application: (id: string, title: string, as: string, state: string) => `${id} ${title} (${as}): ${state}`,
    counts: 'Sparat om dig',
    count: {
      applications: (n: number) => svCount(n, 'ansökan', 'ansökningar'),
      approvalsDecided: (n: number) => `${svCount(n, 'beslut', 'beslut')} som chef`,
      scores: (n: number) => `${svCount(n, 'bedömning', 'bedömningar')} som jurymedlem`,
      recusals: (n: number) => svCount(n, 'jäv', 'jäv'),
      expenses: (n: number) => svCount(n, 'utlägg', 'utlägg'),
      recommendations: (n: number) => svCount(n, 'rekommendation', 'rekommendationer'),
      meetingInvitations: (n: number) => svCount(n, 'inbjudan till kandidatmöte', 'inbjudningar till kandidatmöte'),
      supportRoles: (n: number) => `${svCount(n, 'uppdrag', 'uppdrag')} som mentor eller affärsängel`,
      audit: (n: number) => svCount(n, 'händelse i loggen', 'händelser i loggen'),
      messages: (n: number) => svCount(n, 'meddelande från boten', 'meddelanden från boten'),
      exports: (n: number) => svCount(n, 'export eller registerutdrag', 'exporter eller registerutdrag'),
    },
    conversation: (stored: boolean): string => (stored ? 'Adressen till din chatt med boten är sparad (för att kunna skicka meddelanden).' : 'Ingen adress till en chatt med dig är sparad.'),
    restricted: (reason: string, at: string) => `Behandlingen av dina uppgifter är begränsad sedan ${at}: ${reason}. Du får inga meddelanden och syns inte i listor.`,
    download: 'Hela utdraget kan du ladda ner som JSON eller Excel i fliken, under Mina uppgifter.',
    open: 'Öppna Mina uppgifter',
    usage: 'Skriv registerutdrag <e-postadress>, till exempel registerutdrag anna.svensson@helsingborg.se.',
    notFound: 'Ingen i katalogen har den e-postadressen.',
  },
  restrict: {
    usage: 'Skriv begränsa <e-postadress> <skäl>, till exempel begränsa anna.svensson@helsingborg.se Invändning mot behandlingen prövas.',
    liftUsage: 'Skriv häv begränsning <e-postadress>.',
    badReason: 'Skriv ett skäl till begränsningen, högst 200 tecken.',
    done: (name: string) => `Klart. Behandlingen av ${name}s uppgifter är begränsad: uppgifterna sparas, men ${name} får inga meddelanden och syns inte i listor. Häv med häv begränsning.`,
    lifted: (name: string) => `Klart. Begränsningen för ${name} är hävd. Meddelanden som väntade skickas inom 15 minuter om de fortfarande gäller.`,
    notRestricted: (name: string) => `${name} har ingen begränsning.`,
    none: 'Ingen har begränsad behandling just nu.',
    list: 'Begränsad behandling',
    item: (name: string, reason: string, at: string) => `${name}: ${reason} (sedan ${at})`,
    notFound: 'Ingen i katalogen har den e-postadressen.',
  },
  excel: {
    file: (name: string) => `Registerutdrag ${name}`,
    sheets: {
      person: 'Person',
      applications: 'Ansökningar',
      approvalsDecided: 'Beslut som chef',
      scores: 'Bedömningar',
      recusals: 'Jäv',
      expenses: 'Utlägg',
      recommendationsGiven: 'Rekommendationer givna',
      recommendationsReceived: 'Rekommendationer fått',
      meetingInvitations: 'Kandidatmöten',
      supportRoles: 'Mentor och affärsängel',
      audit: 'Logg',
      messages: 'Meddelanden',
      exports: 'Exporter och utdrag',
    },
    field: 'Uppgift',
    value: 'Värde',
    fields: {
      id: 'Id', name: 'Namn', email: 'E-post', municipality: 'Kommun', administration: 'Förvaltning', workplace: 'Arbetsplats', roles: 'Roller',
      applicationId: 'Ansökans id', cohortId: 'Kohort', cohortName: 'Kohort', as: 'Roll', state: 'Status', title: 'Idé', problem: 'Problem eller behov',
      description: 'Idén', benefit: 'Nyttan', applicability: 'Alla 11 kommuner', permanentEmployment: 'Tillsvidareanställd', employmentStart: 'Anställd sedan',
      leave: 'Tjänstledighet', ownApproval: 'Chefens beslut', selection: 'Urval', submittedAt: 'Skickad', privacyAcknowledgedAt: 'Läste om personuppgifter',
      createdAt: 'Skapad', updatedAt: 'Senast ändrad', status: 'Status', decidedAt: 'Beslutad', reason: 'Skäl', extentPercent: 'Omfattning (%)', values: 'Poäng',
      comment: 'Kommentar', at: 'När', automatic: 'Automatiskt', amountOre: 'Belopp (öre)', reportedAt: 'Rapporterad', place: 'Plats', link: 'Länk', answer: 'Svar',
      action: 'Händelse', toState: 'Ny status', byYou: 'Gjort av dig', kind: 'Slag', sentAt: 'Skickat', note: 'Anmärkning', what: 'Vad', rows: 'Rader', aboutYou: 'Om dig',
      stored: 'Sparad', locale: 'Språk', generatedAt: 'Utdraget gjort', conversation: 'Chattens adress', restriction: 'Begränsning',
    } as Record<string, string>,
    yes: 'Ja',
    no: 'Nej',
  },
  tab: {
    intro: 'Här ser du allt Acceleratorn har sparat om dig. Ladda ner hela utdraget som JSON eller Excel.',
    downloadJson: 'Ladda ner som JSON',
    downloadExcel: 'Ladda ner som Excel',
    downloading: 'Laddar ner …',
    downloaded: (file: string) => `${file} är nedladdad.`,
    forOtherTitle: 'Registerutdrag för någon annan',
    forOtherIntro: 'För en person som har begärt ett registerutdrag. Utdraget loggas: vem som tog fram det, för vem och när.',
    personLabel: 'Personens e-postadress',
    fetch: 'Ta fram utdraget',
    applicationsTitle: 'Ansökningar',
    privacyLink: 'Så hanterar vi dina personuppgifter',
  },
  notice: {
    title: 'Så hanterar vi dina personuppgifter',
    controllerTitle: 'Vem är ansvarig?',
    controller:
      'Personuppgiftsansvarig är den kommun som driver acceleratorprogrammet inom Familjen Helsingborg. ' +
      'Programmets samordnare svarar på frågor och tar emot begäran om registerutdrag, rättelse eller begränsning.',
    whatTitle: 'Vad sparas och varför?',
    what:
      'Din ansökan och dina svar, chefens beslut, juryns bedömningar, urvalet, utlägg, roller i programmet, händelser i loggen och meddelanden från boten. ' +
      'Vi behandlar uppgifterna för att utföra en uppgift av allmänt intresse och som ett led i kommunens myndighetsutövning (dataskyddsförordningen artikel 6.1 e), ' +
      'och för att kommunen måste bevara allmänna handlingar enligt arkivlagen (artikel 6.1 c).',
    retentionTitle: 'Hur länge sparas uppgifterna?',
    rule: (type: string, rule: string) => `${type}: ${rule}`,
    extractTitle: 'Vill du se vad som är sparat?',
    extract: 'Skriv mina uppgifter i chatten, eller öppna Mina uppgifter i fliken. Där kan du också ladda ner allt som JSON eller Excel.',
    rightsTitle: 'Dina rättigheter',
    rights:
      'Du har rätt att få veta vad som är sparat om dig, att få fel rättade och att invända mot behandlingen; medan en invändning prövas kan behandlingen begränsas. ' +
      'Allmänna handlingar kan inte raderas på begäran: de får bara gallras enligt kommunens gallringsbeslut. Du kan klaga hos Integritetsskyddsmyndigheten (IMY).',
    publicRecordsTitle: 'Allmänna handlingar',
  },
};

export type PrivacyMessages = typeof privacySv;
