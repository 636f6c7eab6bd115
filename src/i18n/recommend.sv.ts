import { svCount } from './plural';

/** Managers' recommendations (issue 17), in Swedish: the source catalog. */
export const recommendSv = {
  usage:
    'Skriv **rekommendera** följt av e-postadressen till någon som har dig som chef och några ord om varför, ' +
    'till exempel: rekommendera namn@kommun.se Hon har en idé om tryggare skolvägar som alla kommuner behöver.',
  sent: (name: string, cohort: string) => `Tack! ${name} får en inbjudan att söka till ${cohort}, med det du skrev.`,
  refused: {
    self: 'Du kan inte rekommendera dig själv. Skriv **ansök** om du vill söka.',
    notYourReport: (who: string) => `Du kan bara rekommendera någon som har dig som chef, och ${who} har inte det enligt personalkatalogen.`,
    noCohort: 'Det finns ingen kohort som tar emot ansökningar nu eller snart, så det går inte att rekommendera någon just nu.',
    alreadyRecommended: (name: string, cohort: string) => `${name} är redan rekommenderad till ${cohort}. Var och en kan bara rekommenderas en gång per kohort.`,
    alreadyApplied: (name: string, cohort: string) => `${name} har redan en ansökan till ${cohort}.`,
    reasonMissing: 'Skriv några ord om varför efter e-postadressen.',
    reasonTooLong: (max: number) => `Skriv kortare om varför: högst ${svCount(max, 'tecken', 'tecken')}.`,
  },
  invitation: {
    title: (manager: string) => `${manager} tror att din idé passar i Acceleratorn`,
    body: (manager: string, cohort: string) =>
      `${manager} har rekommenderat dig till ${cohort} i Familjen Helsingborgs kommunala acceleratorprogram. ` +
      'I programmet får du tid, utbildning, en mentor och en budget för att pröva en idé som gör det bättre för invånare, företag eller föreningar.',
    why: 'Varför du blev rekommenderad',
    opens: (date: string) => `Ansökan öppnar ${date}.`,
    apply: 'Ansök',
    noThanks: 'Nej tack',
  },
  declinedCard: {
    title: 'Du har tackat nej',
    body: 'Vi hör inte av oss om det här igen. Vill du söka ändå senare skriver du **ansök**.',
  },
  notYours: 'Det finns ingen rekommendation till dig att svara på.',
  toldDeclined: (name: string, cohort: string) => `${name} har tackat nej till din rekommendation till ${cohort}.`,
  recommendedBy: (manager: string) => `Ansökan skickades efter en rekommendation från ${manager}.`,
  recommendedByLabel: 'Rekommenderad av',
  tab: {
    title: 'Rekommendera en medarbetare',
    intro: 'Tror du att någon som har dig som chef har en idé som passar i programmet? Skriv e-postadressen och några ord om varför. Medarbetaren får en inbjudan i chatten.',
    email: 'Medarbetarens e-postadress',
    reason: 'Varför (högst 300 tecken)',
    send: 'Rekommendera',
  },
  statsLine: (n: number, cohort: string) => `Efter rekommendation: ${svCount(n, 'skickad ansökan', 'skickade ansökningar')} till ${cohort}.`,
};
