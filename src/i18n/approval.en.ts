import type { approvalSv } from './approval.sv';

/** English texts of the manager's approval; the same shape as the Swedish ones. */
export const approvalEn: typeof approvalSv = {
  title: (member) => `${member} wants to take part in the accelerator programme`,
  intro: 'You are the line manager. Decide on the participation and the leave. Salary and work-environment responsibility stay with your unit meanwhile.',
  reminder: 'Reminder: the application is still waiting for your decision.',
  escalated: (manager) => `You get this because ${manager} has not answered. You can decide yourself or hand it to another manager.`,
  applicant: 'Applicant',
  workplace: 'Workplace',
  requestedLeave: 'Leave asked for',
  employedSince: 'Employed since (as stated by the applicant)',
  attestPermanent: (member) => `I confirm that ${member} has a permanent position`,
  attestOneYear: (member) => `I confirm that ${member} has been employed for at least one year`,
  extent: 'Extent (percent of full time, 10–100)',
  leaveTitle: 'The leave you approve (you can change it within the rules)',
  reason: 'Reason (needed if you say no or want changes)',
  approve: 'Approve',
  decline: 'Decline',
  requestChanges: 'Ask for changes',
  handOver: "Hand over to another manager (e-mail address)",
  handOverButton: 'Hand over',
  handedOver: (name) => `The decision is now with ${name}.`,
  reasonRequired: 'Write a short reason.',
  attestRequired: 'You need to confirm this to approve.',
  decided: {
    approved: (by, when) => `Approved by ${by}, ${when}.`,
    declined: (by, when) => `Declined by ${by}, ${when}.`,
    changesRequested: (by, when) => `${by} asked for changes, ${when}.`,
    superseded: 'This decision is no longer needed: the application has moved on another way.',
  },
  reasonLabel: 'Reason',
  alreadyDecided: 'This has already been decided. This is where it stands:',
  notParty: 'This concerns someone else, so we cannot show it to you.',
  namedByApplicant: (applicant, manager, directoryManager) =>
    `Please note: ${applicant} named ${manager} as their line manager themselves. ` +
    (directoryManager ? `According to the staff directory, ${directoryManager} is their manager.` : `The staff directory names no manager for ${applicant}.`),
  notYours: (names) => `This decision is made by ${names}. You can read but not decide.`,
  closed: (state) => `The application is no longer open for a decision. State: ${state}.`,
  list: {
    title: 'Waiting for your decision',
    none: 'Nothing is waiting for your decision right now.',
    more: (shown) => `More are waiting for your decision. Here are the ${shown} that have waited longest.`,
    since: (member, date) => `${member}, since ${date}`,
    open: 'Open',
  },
  told: {
    approved: (title) => `Good news! The application "${title}" has been approved by the manager. It goes to the jury when intake has closed.`,
    declined: (title, reason) => `The application "${title}" was not approved by the manager. Reason: ${reason}`,
    changesRequested: (title, reason) => `The manager wants you to change the application "${title}": ${reason} Type **apply** to change it and send it again.`,
    memberDeclined: (member, reason) => `${member} cannot be part of the application: the manager said no. Reason: ${reason} The application continues with the rest of the team.`,
  },
};
