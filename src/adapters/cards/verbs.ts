/** Card verbs, shared by the cards that carry them and the handlers that answer them (habit 6). */
export const VERBS = {
  showHelp: 'help.show',
  showAbout: 'about.show',
  intakeStart: 'intake.start',
  intakeSave: 'intake.save',
  intakeSubmit: 'intake.submit',
  applicationStatus: 'application.status',
  applicationEdit: 'application.edit',
  withdrawAsk: 'application.withdraw.ask',
  withdrawConfirm: 'application.withdraw.confirm',
  withdrawKeep: 'application.withdraw.keep',
  coApplicantRespond: 'coapplicant.respond',
  approvalOpen: 'approval.open',
  approvalRefresh: 'approval.refresh',
  approvalDecide: 'approval.decide',
  approvalReassign: 'approval.reassign',
  juryOpen: 'jury.open',
  juryScore: 'jury.score',
  juryRecuse: 'jury.recuse',
  rankingPage: 'ranking.page',
  selectionOpen: 'selection.open',
  selectionSave: 'selection.save',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];
