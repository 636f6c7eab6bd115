import { LEAVE_EXTENT } from '../../domain/eligibility';
import { INTAKE_STEPS, LIMITS, TARGET_GROUPS, type Application, type IntakeStep } from '../../domain/application';
import { MUNICIPALITIES } from '../../domain/municipalities';
import type { Messages } from '../../i18n';
import {
  bullets,
  card,
  choiceInput,
  dateInput,
  executeAction,
  facts,
  field,
  heading,
  numberInput,
  plain,
  text,
  textInput,
  title,
  toggleInput,
  userText,
  type AdaptiveCard,
  type CardElement,
} from './card-kit';
import { VERBS } from './verbs';

/** The raw values of the form's inputs, as strings, exactly as Teams sends them back. */
export type FormValues = Readonly<Record<string, string>>;

export interface IntakeCardData {
  readonly applicationId: string;
  readonly cohortId: string;
  readonly cohortName: string;
  readonly step: IntakeStep;
  readonly values: FormValues;
  /** Localized errors per input id, shown under the input. */
  readonly errors?: Readonly<Record<string, readonly string[]>>;
  /** A line on top: "welcome back", "something needs correcting". */
  readonly notice?: { readonly text: string; readonly attention?: boolean };
  /** The manager the directory names, shown as a hint on the "about you" step. */
  readonly directoryManagerName?: string;
  /** The cohort's programme start (ISO date): the leave starts on or after it, said on the leave step. */
  readonly programmeStartsOn?: string;
}

/** Stored application -> the form's values, with directory facts as defaults where the applicant gave none. */
export function formValues(
  application: Application,
  defaults: { municipality?: string; administration?: string; workplace?: string; employmentStart?: string; permanent?: boolean; managerEmail?: string; coApplicantEmails?: readonly string[] },
): FormValues {
  const { idea, benefit, about, leave } = application;
  return {
    title: idea?.title ?? '',
    problem: idea?.problem ?? '',
    description: idea?.description ?? '',
    targetGroups: (benefit?.targetGroups ?? []).join(','),
    benefit: benefit?.benefit ?? '',
    applicability: benefit?.applicability ?? '',
    municipality: about?.municipality ?? defaults.municipality ?? '',
    administration: about?.administration ?? defaults.administration ?? '',
    workplace: about?.workplace ?? defaults.workplace ?? '',
    managerEmail: defaults.managerEmail ?? '',
    permanentEmployment: String(about?.permanentEmployment ?? defaults.permanent ?? false),
    employmentStart: about?.employmentStart ?? defaults.employmentStart ?? '',
    extentPercent: leave ? String(leave.extentPercent) : '',
    leaveStart: leave?.start ?? '',
    leaveEnd: leave?.end ?? '',
    coApplicants: (defaults.coApplicantEmails ?? []).join('\n'),
    privacyAcknowledged: String(Boolean(application.privacyAcknowledgedAt)),
  };
}

const v = (values: FormValues, id: string) => values[id] ?? '';

function stepFields(data: IntakeCardData, m: Messages): CardElement[] {
  const f = m.intake.fields;
  const h = m.intake.hints;
  const e = (id: string) => data.errors?.[id] ?? [];
  const values = data.values;
  switch (data.step) {
    case 'idea':
      return [
        ...field(textInput('title', f.title, v(values, 'title'), { maxLength: LIMITS.title.max }), e('title')),
        ...field(textInput('problem', f.problem, v(values, 'problem'), { maxLength: LIMITS.problem.max, multiline: true }), e('problem'), h.problem),
        ...field(textInput('description', f.description, v(values, 'description'), { maxLength: LIMITS.description.max, multiline: true }), e('description')),
      ];
    case 'benefit':
      return [
        ...field(choiceInput('targetGroups', f.targetGroups, v(values, 'targetGroups'), TARGET_GROUPS.map((g) => [g, m.intake.targetGroups[g]] as const), true), e('targetGroups')),
        ...field(textInput('benefit', f.benefit, v(values, 'benefit'), { maxLength: LIMITS.benefit.max, multiline: true }), e('benefit')),
        ...field(textInput('applicability', f.applicability, v(values, 'applicability'), { maxLength: LIMITS.applicability.max, multiline: true }), e('applicability'), h.applicability),
      ];
    case 'about':
      return [
        ...field(choiceInput('municipality', f.municipality, v(values, 'municipality'), MUNICIPALITIES.map((k) => [k, k] as const)), e('municipality')),
        ...field(textInput('administration', f.administration, v(values, 'administration'), { maxLength: LIMITS.administration.max }), e('administration')),
        ...field(textInput('workplace', f.workplace, v(values, 'workplace'), { maxLength: LIMITS.workplace.max }), e('workplace')),
        ...field(
          textInput('managerEmail', f.managerEmail, v(values, 'managerEmail'), { maxLength: LIMITS.email.max }),
          e('managerEmail'),
          data.directoryManagerName ? h.managerFromDirectory(plain(data.directoryManagerName)) : h.managerUnknown,
        ),
        ...field(toggleInput('permanentEmployment', f.permanentEmployment, v(values, 'permanentEmployment') === 'true'), e('permanentEmployment')),
        ...field(dateInput('employmentStart', f.employmentStart, v(values, 'employmentStart')), e('employmentStart')),
      ];
    case 'leave':
      return [
        text(h.leave(data.programmeStartsOn ?? ''), { isSubtle: true }),
        ...field(numberInput('extentPercent', f.extent, v(values, 'extentPercent'), LEAVE_EXTENT.min, LEAVE_EXTENT.max), e('extentPercent')),
        ...field(dateInput('leaveStart', f.leaveStart, v(values, 'leaveStart')), e('leaveStart')),
        ...field(dateInput('leaveEnd', f.leaveEnd, v(values, 'leaveEnd')), e('leaveEnd')),
        ...field(textInput('coApplicants', f.coApplicants, v(values, 'coApplicants'), { maxLength: (LIMITS.coApplicants.max + 1) * (LIMITS.email.max + 1), multiline: true }), e('coApplicants'), h.coApplicants),
      ];
    case 'review':
      return [];
  }
}

function header(data: IntakeCardData, m: Messages): CardElement[] {
  const n = INTAKE_STEPS.indexOf(data.step) + 1;
  return [
    title(`${plain(data.cohortName)}: ${m.intake.steps[data.step]}`),
    text(`${m.intake.stepOf(n, INTAKE_STEPS.length)} · ${data.applicationId}`, { isSubtle: true, spacing: 'None' }),
    ...(data.notice ? [text(data.notice.text, data.notice.attention ? { color: 'Attention', weight: 'Bolder' } : { color: 'Good' })] : []),
  ];
}

const ids = (data: IntakeCardData) => ({ applicationId: data.applicationId, cohortId: data.cohortId, step: data.step });

/** Steps 1–4 of the form: inputs with values kept and errors beside them, back and save-and-continue. */
export function intakeStepCard(data: IntakeCardData, m: Messages): AdaptiveCard {
  const first = data.step === INTAKE_STEPS[0];
  return card(
    [...header(data, m), ...(first ? [text(m.intake.intro, { isSubtle: true, size: 'Small' })] : []), ...stepFields(data, m)],
    [
      ...(first ? [] : [executeAction(m.intake.buttons.back, VERBS.intakeSave, { ...ids(data), nav: 'back' })]),
      executeAction(m.intake.buttons.next, VERBS.intakeSave, { ...ids(data), nav: 'next' }, 'positive'),
    ],
  );
}

export interface ReviewCardData extends IntakeCardData {
  readonly application: Application;
  readonly managerName?: string;
  /** The applicant named the manager themselves (not the directory's): said beside the name. */
  readonly managerNamedByApplicant?: boolean;
  /** Localized lines (names in them already made plain): what is missing, which rules are broken. */
  readonly missing: readonly string[];
  readonly blockers: readonly string[];
}

/** Step 5: everything at a glance, what still stops the application, the privacy notice, and send. */
export function reviewCard(data: ReviewCardData, m: Messages): AdaptiveCard {
  const { idea, benefit, about, leave } = data.application;
  const f = m.intake.fields;
  const r = m.intake.review;
  const rows: [string, string][] = [];
  if (about) {
    rows.push([f.municipality, plain(about.municipality)], [f.administration, plain(about.administration)], [f.workplace, plain(about.workplace)]);
    if (data.managerName) rows.push([f.manager, data.managerNamedByApplicant ? m.intake.status.managerNamed(plain(data.managerName), true) : plain(data.managerName)]);
    rows.push([f.employedSince, m.date(about.employmentStart)]);
  }
  if (leave) rows.push([f.leave, r.leaveValue(leave.extentPercent, m.date(leave.start), m.date(leave.end))]);
  if (benefit) rows.push([f.targetGroups, benefit.targetGroups.map((g) => m.intake.targetGroups[g]).join(', ')]);

  return card(
    [
      ...header(data, m),
      ...(idea ? [heading(f.title), userText(idea.title, { weight: 'Bolder' }), heading(f.problem), userText(idea.problem), heading(f.description), userText(idea.description)] : []),
      ...(benefit ? [heading(f.benefit), userText(benefit.benefit), heading(f.applicability), userText(benefit.applicability)] : []),
      ...(rows.length > 0 ? [facts(rows)] : []),
      ...(data.application.coApplicants.length > 0
        ? [heading(f.team), bullets(data.application.coApplicants.map((c) => r.coApplicant(plain(c.name), r.coStatus[c.status])))]
        : []),
      ...(data.missing.length > 0 ? [heading(r.missing), bullets(data.missing, { color: 'Attention' })] : []),
      ...(data.blockers.length > 0 ? [heading(r.blockedTitle), bullets(data.blockers, { color: 'Attention' })] : []),
      ...(data.missing.length === 0 && data.blockers.length === 0 ? [text(r.allGood, { color: 'Good' })] : []),
      heading(r.privacyTitle),
      text(r.privacy, { size: 'Small' }),
      ...field(toggleInput('privacyAcknowledged', f.privacy, v(data.values, 'privacyAcknowledged') === 'true'), data.errors?.['privacyAcknowledged'] ?? []),
    ],
    [
      executeAction(m.intake.buttons.back, VERBS.intakeSave, { ...ids(data), nav: 'back' }),
      executeAction(m.intake.buttons.submit, VERBS.intakeSubmit, { applicationId: data.applicationId, cohortId: data.cohortId, step: 'review' }, 'positive'),
    ],
  );
}

/** After a successful submission. */
export function submittedCard(data: { applicationId: string; title: string; managerName: string; managerNamedByApplicant?: boolean }, m: Messages): AdaptiveCard {
  const manager = data.managerNamedByApplicant ? m.intake.status.managerNamed(plain(data.managerName), true) : plain(data.managerName);
  return card(
    [title(m.intake.submitted.title), userText(data.title, { weight: 'Bolder' }), text(m.intake.submitted.body(manager)), text(data.applicationId, { isSubtle: true })],
    [executeAction(m.intake.buttons.status, VERBS.applicationStatus)],
  );
}

/** Outside the intake window. */
export function intakeClosedCard(data: { nextOpensAt?: string }, m: Messages): AdaptiveCard {
  return card([title(m.intake.closed), text(data.nextOpensAt ? m.intake.nextOpens(m.date(data.nextOpensAt)) : m.intake.noNextKnown)]);
}
