import { enNumber } from './numbers';
import { intakeEn } from './intake.en';
import { approvalEn } from './approval.en';
import { juryEn } from './jury.en';
import { programmeEn } from './programme.en';
import { announceEn } from './announce.en';
import { tabEn } from './tab.en';
import { followUpEn } from './follow-up.en';
import { recommendEn } from './recommend.en';
import { meetingEn } from './meeting.en';
import { disposalEn } from './disposal.en';
import { privacyEn } from './privacy.en';
import type { Messages } from './sv';
import { enCount } from './plural';

/** A date in British English ("1 April 2026"), on the Swedish calendar. Built once: a formatter costs far more to make than to use. */
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' });

/** English, for Teams clients whose locale is English. Same shape as the Swedish catalog. */
export const en: Messages = {
  appName: 'Acceleratorn',
  intake: intakeEn,
  approval: approvalEn,
  jury: juryEn,
  programme: programmeEn,
  announce: announceEn,
  tab: tabEn,
  followUp: followUpEn,
  recommend: recommendEn,
  meeting: meetingEn,
  disposal: disposalEn,
  privacy: privacyEn,
  welcome: {
    title: 'Welcome to Acceleratorn!',
    greeting: (name) => `Hi ${name}!`,
    body:
      'Do you have a bold idea that could make life better for residents, businesses or associations in the eleven municipalities of Familjen Helsingborg? ' +
      'Here you apply to the municipal accelerator programme and follow your application. ' +
      'If you are a manager, a jury member or a coordinator, you do your part here too, right in Teams.',
    helpButton: 'What can I do here?',
    aboutButton: 'About the programme',
  },
  help: {
    title: 'What you can do',
    yourRoles: (roles) => `Your roles: ${roles}`,
    howTo: 'Type the command in the chat, for example **help**.',
    inChannel: 'In a channel or group chat, mention me first, for example @Acceleratorn help.',
  },
  commands: {
    help: 'Shows what you can do.',
    about: 'Tells you about the programme and who can apply.',
    whoami: 'Shows how Acceleratorn sees you and which roles you have.',
    cohorts: 'Lists the cohorts and whether intake is open, and opens a cohort.',
    apply: 'Apply to the programme, or continue your application.',
    status: 'Shows your application and what happens now.',
    edit: 'Change your application before your manager has decided.',
    withdraw: 'Withdraws your application.',
    approvals: 'Shows applications waiting for your decision as a manager or HR contact.',
    reviews: 'Shows the applications you score on the jury.',
    jury: 'Shows the jury; jury add/remove with an e-mail address.',
    openRound: 'Opens the jury round: the approved applications go to the jury. You confirm first.',
    lockRound: 'Locks the jury round: the scores become final. You confirm first.',
    ranking: 'Shows the ranking with scores, spread and missing scores.',
    remindJury: 'Reminds jury members with scores left to give.',
    lockSelection: 'Locks the selection and tells applicants, managers and HR. You confirm first.',
    newCohort: 'Creates a new cohort on a card.',
    editCohort: 'Edits the current cohort on a card.',
    openIntake: 'Opens intake to the current cohort.',
    closeIntake: 'Closes intake now.',
    startPhase: "Starts phase 1, 2 or 3 for the cohort's participants, for example start phase 1. You confirm first.",
    gate: 'The gate after phase 1: a card per application.',
    outcome: 'The phase 3 outcome for an application, for example outcome A-7K3QX2.',
    show: 'Shows a whole application with its decisions, for example show A-7K3QX2.',
    log: "Shows an application's log, for example log A-7K3QX2.",
    statistics: 'Shows how far the applications have come per municipality, the budget and what is waiting.',
    report: 'Shows the steering group\'s report in brief and links to the whole report in the tab.',
    expense: "Hands in an expense against your team's budget, for example expense 1 200 prototype.",
    roles: 'Changes coordinators and HR contacts.',
    steeringGroup: 'Adds someone to the steering group, who read the report, or removes them, for example steering group add name@municipality.se.',
    hr: 'Sets the HR contact for a municipality, for example hr Bjuv name@bjuv.se.',
    mentor: 'Gives a team a mentor, for example mentor A-7K3QX2 name@municipality.se.',
    sponsor: 'Gives a team a business angel, for example sponsor A-7K3QX2 name@municipality.se.',
    applications: "Lists the cohort's applications, for example applications selected Höganäs.",
    participants: 'Shows the teams in the programme in your municipality, with leave, budget and expenses waiting.',
    announce: 'Sends an announcement of the programme to every employee, some municipalities, managers or a list. You see it and the number of recipients before it goes.',
    reportSchedule: 'Shows or changes when the steering group gets the report: report schedule monthly (the first working day of every month at 08:00) or report schedule off.',
    followUpQuestions: 'Shows or changes the follow-up questions, for example follow-up questions Question one? | Question two? | Question three?',
    candidateMeeting: 'Invites shortlisted applications to a meeting with the selection group after the ranking, on a card with date, time and place or link.',
    candidateMeetings: 'Shows the applications invited to a candidate meeting and what each person has answered.',
    meetingNote: 'Saves a note from the candidate meeting on an application, for example note A-7K3QX2 Strong presentation.',
    disposal: 'Shows the disposal plan: how long records are kept, the disposal decision, the next disposal and those carried out. Change it with disposal approve <reference> or disposal not-selected <years>.',
    holdDisposal: 'Holds an application from disposal while a case is open, for example hold disposal A-7K3QX2 Appeal in progress.',
    releaseHold: 'Lifts a hold on disposal, for example release hold A-7K3QX2.',
    myData: 'Shows everything Acceleratorn has stored about you (register extract). Download the whole extract in the tab.',
    dataExtract: 'Produces a register extract for someone else who has asked for it, for example data extract anna.svensson@helsingborg.se. The extract is logged.',
    restrict: "Restricts the processing of a person's data: kept but not processed, for example restrict anna.svensson@helsingborg.se Objection being considered.",
    unrestrict: 'Lifts a restriction, for example unrestrict anna.svensson@helsingborg.se.',
    privacy: 'Tells how Acceleratorn handles personal data: who is responsible, what is stored, why and for how long.',
    recommend: 'Recommends someone who reports to you to apply, with a few words on why, for example recommend name@municipality.se The idea for safer routes to school.',
  },
  about: {
    title: 'About the municipal accelerator programme',
    intro:
      'The programme gives employees of Familjen Helsingborg time, training, coaching and a starting budget to develop a bold idea ' +
      'that challenges the core mission, together with the accelerator Hetch.',
    whoTitle: 'Who can apply?',
    who: 'Employees with a permanent position who have been employed for at least one year.',
    leaveTitle: 'Leave of absence',
    leave:
      'You can get leave for at most six months, to the extent your manager approves. ' +
      'Your workplace keeps paying your salary and keeps the responsibility for your work environment.',
    ideaTitle: 'The idea',
    idea: 'The idea should benefit residents, businesses, associations or the organisation, and work in all eleven municipalities.',
    stepsTitle: 'How it works',
    steps:
      '1. You talk with your manager and send an expression of interest.\n' +
      '2. Your manager approves your participation and your leave.\n' +
      '3. A jury reviews the applications and meets the applicants.\n' +
      '4. Phase 1: teams, coaches, basic training and a starting budget.\n' +
      '5. Gate: you continue, join another team, or return to your ordinary job.\n' +
      "6. Phase 2: deeper training, for example Hetch's start-up track.\n" +
      '7. Phase 3: the municipality takes the idea on, or you take it further yourself.',
  },
  whoami: {
    title: 'How Acceleratorn sees you',
    unknownPerson: 'I cannot find you in the staff directory yet. You can still read about the programme.',
    municipality: 'Municipality',
    administration: 'Administration',
    roles: 'Roles',
  },
  cohorts: {
    open: 'Open',
    title: 'Cohorts',
    none: 'There are no cohorts yet.',
    intakeOpen: (closes) => `Intake is open until ${closes}.`,
    intakeNotYet: (opens) => `Intake opens ${opens}.`,
    intakeClosed: 'Intake is closed.',
    capacity: (n) => `Room for ${enCount(n, 'participant', 'participants')}.`,
  },
  unknown: {
    text: (input) => `I did not understand "${input}".`,
    suggestion: (command) => `Did you mean **${command}**?`,
    hint: 'Type **help** to see what you can do.',
    showingHelp: 'I am not quite sure what you mean. Here is everything you can do:',
    empty: 'Type **help** to see what you can do.',
    tooLong: (max) => `That was a long message! Commands are short, ${max} characters at most. Type **help** to see what you can do.`,
  },
  channel: {
    personalOnly: 'I answer that only in our own chat, so that nobody else sees your details.',
    openChat: 'Open the chat with me',
    help: 'Here in the channel or group chat I can tell you about the programme. Everything about you, your applications and decisions we handle in our own chat.',
  },
  unknownAction: 'This button no longer works. Type **help** to see what you can do.',
  answeredBelow: 'The answer is here in the chat.',
  deliveryProblem: (name, id, title) => `We cannot reach ${name} in Teams about application ${id} ("${title}"). Ask them to open Acceleratorn in Teams, or get in touch another way.`,
  notAllowed: (roles) => `Only ${roles} can do this. Type **help** to see what you can do.`,
  genericError: (correlationId) =>
    `Something went wrong on our side, sorry! Please try again in a moment. If it happens again, quote error code ${correlationId} when you contact the coordinators.`,
  actionFailed: {
    title: 'That did not work just now',
    body: 'We could not do that just now. Nothing has been lost – please try again in a moment.',
    code: (correlationId) => `If it keeps happening, quote error code ${correlationId} when you contact the coordinators.`,
    retry: 'Try again',
  },
  errors: {
    ILLEGAL_TRANSITION: 'That is no longer possible, because the application has already moved on to another step.',
    NOT_ALLOWED: 'You are not allowed to do this.',
    NOT_FOUND: 'I cannot find what you asked for.',
    CONCURRENCY_CONFLICT: 'Someone else changed the same thing at the same time. Look at how it stands now and try again.',
    ALREADY_EXISTS: 'That already exists.',
    INVALID_INPUT: 'Something you entered needs correcting.',
    NOT_EDITABLE: 'This can no longer be changed.',
  },
  roles: {
    employee: 'employee',
    participant: 'participant',
    manager: 'manager',
    hrContact: 'HR contact',
    coordinator: 'coordinator',
    juror: 'jury member',
    mentor: 'mentor',
    sponsor: 'business angel',
    steeringGroup: 'steering group',
  },
  states: {
    draft: 'Draft',
    awaitingManager: "Waiting for the manager's decision",
    changesRequested: 'Your manager asks for changes',
    approved: 'Approved by the manager',
    declined: 'Not approved by the manager',
    inReview: 'The jury is reviewing',
    selected: 'Selected',
    waitlisted: 'On the waiting list',
    notSelected: 'Not selected this time',
    phase1: 'Phase 1',
    continuing: 'Continues to phase 2',
    joinedOtherTeam: 'Joined another team',
    returnedToJob: 'Back in the ordinary job',
    phase2: 'Phase 2',
    phase3: 'Phase 3',
    keptAsProject: 'The municipality continues the idea as a project',
    handedToLine: 'The idea has been handed to the administration',
    spunOut: 'You take the idea further on your own',
    ended: 'The idea has ended',
    withdrawn: 'Withdrawn',
  },
  list: (items) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`),
  date: (iso) => DATE.format(new Date(iso)),
  number: (n) => enNumber(n),
};
