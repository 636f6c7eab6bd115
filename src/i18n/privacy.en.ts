import type { PrivacyMessages } from './privacy.sv';
import { enCount } from './plural';

const AT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' });

export const privacyEn: PrivacyMessages = {
  at: (iso) => `${AT.format(new Date(iso))} Swedish time`,
  extract: {
    title: 'My data',
    titleFor: (name) => `Register extract: ${name}`,
    intro: (at) => `This is everything Acceleratorn has stored about you, ${at}. Other people are not named: an application is shown by its id.`,
    introFor: (name, at) => `Everything Acceleratorn has stored about ${name}, ${at}. The extract is logged: who asked for it and when.`,
    person: 'About you',
    name: 'Name',
    email: 'E-mail',
    roles: 'Roles',
    noRoles: 'No roles besides employee.',
    role: { coordinator: 'Coordinator', steeringGroup: 'Steering group', hrContact: (m) => `HR contact for ${m}`, juror: (c) => `Jury member in ${c}`, mentor: (c) => `Mentor in ${c}`, sponsor: (c) => `Business angel in ${c}` },
    applications: (n) => enCount(n, 'application', 'applications'),
    asApplicant: 'applicant',
    asCoApplicant: 'co-applicant',
    application: (id, title, as, state) => `${id} ${title} (${as}): ${state}`,
    counts: 'Stored about you',
    count: {
      applications: (n) => enCount(n, 'application', 'applications'),
      approvalsDecided: (n) => `${enCount(n, 'decision', 'decisions')} as manager`,
      scores: (n) => `${enCount(n, 'score', 'scores')} as jury member`,
      recusals: (n) => enCount(n, 'recusal', 'recusals'),
      expenses: (n) => enCount(n, 'expense', 'expenses'),
      recommendations: (n) => enCount(n, 'recommendation', 'recommendations'),
      meetingInvitations: (n) => enCount(n, 'candidate meeting invitation', 'candidate meeting invitations'),
      supportRoles: (n) => `${enCount(n, 'assignment', 'assignments')} as mentor or business angel`,
      audit: (n) => enCount(n, 'event in the log', 'events in the log'),
      messages: (n) => enCount(n, 'message from the bot', 'messages from the bot'),
      exports: (n) => enCount(n, 'export or register extract', 'exports or register extracts'),
    },
    conversation: (stored) => (stored ? 'The address of your chat with the bot is stored (to send you messages).' : 'No address of a chat with you is stored.'),
    restricted: (reason, at) => `Processing of your data has been restricted since ${at}: ${reason}. You get no messages and appear in no lists.`,
    download: 'You can download the whole extract as JSON or Excel in the tab, under My data.',
    open: 'Open My data',
    usage: 'Type data extract <email>, for example data extract anna.svensson@helsingborg.se.',
    notFound: 'Nobody in the directory has that e-mail address.',
  },
  restrict: {
    usage: 'Type restrict <email> <reason>, for example restrict anna.svensson@helsingborg.se Objection being considered.',
    liftUsage: 'Type unrestrict <email>.',
    badReason: 'Give a reason for the restriction, at most 200 characters.',
    done: (name) => `Done. Processing of ${name}'s data is restricted: the data is kept, but ${name} gets no messages and appears in no lists. Lift it with unrestrict.`,
    lifted: (name) => `Done. The restriction for ${name} is lifted. Messages that were waiting go within 15 minutes if they still apply.`,
    notRestricted: (name) => `${name} has no restriction.`,
    none: 'Nobody has restricted processing at the moment.',
    list: 'Restricted processing',
    item: (name, reason, at) => `${name}: ${reason} (since ${at})`,
    notFound: 'Nobody in the directory has that e-mail address.',
  },
  excel: {
    file: (name) => `Register extract ${name}`,
    sheets: {
      person: 'Person',
      applications: 'Applications',
      approvalsDecided: 'Decisions as manager',
      scores: 'Scores',
      recusals: 'Recusals',
      expenses: 'Expenses',
      recommendationsGiven: 'Recommendations given',
      recommendationsReceived: 'Recommendations received',
      meetingInvitations: 'Candidate meetings',
      supportRoles: 'Mentor and angel',
      audit: 'Log',
      messages: 'Messages',
      exports: 'Exports and extracts',
    },
    field: 'Field',
    value: 'Value',
    fields: {
      id: 'Id', name: 'Name', email: 'E-mail', municipality: 'Municipality', administration: 'Administration', workplace: 'Workplace', roles: 'Roles',
      applicationId: 'Application id', cohortId: 'Cohort', cohortName: 'Cohort', as: 'Role', state: 'State', title: 'Idea', problem: 'Problem or need',
      description: 'The idea', benefit: 'Benefit', applicability: 'All 11 municipalities', permanentEmployment: 'Permanent employment', employmentStart: 'Employed since',
      leave: 'Leave of absence', ownApproval: "Manager's decision", selection: 'Selection', submittedAt: 'Sent', privacyAcknowledgedAt: 'Read about personal data',
      createdAt: 'Created', updatedAt: 'Last changed', status: 'Status', decidedAt: 'Decided', reason: 'Reason', extentPercent: 'Extent (%)', values: 'Scores',
      comment: 'Comment', at: 'When', automatic: 'Automatic', amountOre: 'Amount (öre)', reportedAt: 'Reported', place: 'Place', link: 'Link', answer: 'Answer',
      action: 'Event', toState: 'New state', byYou: 'Done by you', kind: 'Kind', sentAt: 'Sent', note: 'Note', what: 'What', rows: 'Rows', aboutYou: 'About you',
      stored: 'Stored', locale: 'Language', generatedAt: 'Extract made', conversation: 'Chat address', restriction: 'Restriction',
    },
    yes: 'Yes',
    no: 'No',
  },
  notice: {
    title: 'How we handle your personal data',
    controllerTitle: 'Who is responsible?',
    controller:
      'The controller is the municipality that runs the accelerator programme within Familjen Helsingborg. ' +
      'The programme coordinators answer questions and take requests for a register extract, correction or restriction.',
    whatTitle: 'What is stored and why?',
    what:
      "Your application and answers, your manager's decision, the jury's scores, the selection, expenses, roles in the programme, events in the log and messages from the bot. " +
      'We process the data to perform a task in the public interest and in the exercise of official authority (GDPR article 6.1 e), ' +
      'and because the municipality must keep public records under the Archives Act (article 6.1 c).',
    retentionTitle: 'How long is the data kept?',
    rule: (type, rule) => `${type}: ${rule}`,
    extractTitle: 'Want to see what is stored?',
    extract: 'Type my data in the chat, or open My data in the tab. There you can also download everything as JSON or Excel.',
    rightsTitle: 'Your rights',
    rights:
      'You have the right to know what is stored about you, to have mistakes corrected and to object to the processing; while an objection is considered, processing can be restricted. ' +
      "Public records cannot be erased on request: they may only be disposed of under the municipality's disposal decision. You can complain to the Swedish Authority for Privacy Protection (IMY).",
    publicRecordsTitle: 'Public records',
  },
};
