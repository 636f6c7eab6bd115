import { enCount } from './plural';
import type { recommendSv } from './recommend.sv';

/** Managers' recommendations (issue 17), in English. */
export const recommendEn: typeof recommendSv = {
  usage:
    'Type **recommend** followed by the e-mail address of someone who reports to you and a few words on why, ' +
    'for example: recommend name@municipality.se She has an idea for safer routes to school that every municipality needs.',
  sent: (name, cohort) => `Thank you! ${name} will get an invitation to apply to ${cohort}, with what you wrote.`,
  refused: {
    self: 'You cannot recommend yourself. Type **apply** if you want to apply.',
    notYourReport: (who) => `You can only recommend someone who reports to you, and according to the directory ${who} does not.`,
    noCohort: 'No cohort takes applications now or soon, so nobody can be recommended just now.',
    alreadyRecommended: (name, cohort) => `${name} has already been recommended to ${cohort}. Each person can be recommended once per cohort.`,
    alreadyApplied: (name, cohort) => `${name} has already applied to ${cohort}.`,
    reasonMissing: 'Write a few words on why after the e-mail address.',
    reasonTooLong: (max) => `Please write a shorter reason: at most ${enCount(max, 'character', 'characters')}.`,
  },
  invitation: {
    title: (manager) => `${manager} thinks your idea belongs in the Accelerator`,
    body: (manager, cohort) =>
      `${manager} has recommended you for ${cohort} of Familjen Helsingborg's municipal accelerator programme. ` +
      'The programme gives you time, training, a mentor and a budget to try an idea that makes things better for residents, businesses or associations.',
    why: 'Why you were recommended',
    opens: (date) => `Applications open on ${date}.`,
    apply: 'Apply',
    noThanks: 'No thanks',
  },
  declinedCard: {
    title: 'You said no thanks',
    body: 'We will not bring this up again. If you want to apply later after all, type **apply**.',
  },
  notYours: 'There is no recommendation for you to answer.',
  toldDeclined: (name, cohort) => `${name} said no thanks to your recommendation for ${cohort}.`,
  recommendedBy: (manager) => `The application was sent after a recommendation from ${manager}.`,
  recommendedByLabel: 'Recommended by',
  tab: {
    title: 'Recommend an employee',
    intro: 'Do you think someone who reports to you has an idea that belongs in the programme? Type their e-mail address and a few words on why. They get an invitation in the chat.',
    email: "The employee's e-mail address",
    reason: 'Why (at most 300 characters)',
    send: 'Recommend',
  },
  statsLine: (n, cohort) => `After a recommendation: ${enCount(n, 'application', 'applications')} sent to ${cohort}.`,
};
