import type { Application } from './application';
import type { ApplicationState } from './application.state-machine';
import type { Cohort } from './cohort';
import type { Municipality } from './municipalities';
import type { Person, ProgrammeSettings } from './person';
import type { PersonalData } from './ports';
import { restrictionOf } from './restriction';

/**
 * The register extract (registerutdrag, GDPR art. 15; ADR 0019): everything stored about one person, as data. It
 * holds the person's own data only: other people appear by the application's id, never by name or id, so an
 * extract handed to one person discloses nobody else (their manager's decision names the application, not the
 * manager; a score names the application, not the applicant).
 */
export interface RegisterExtract {
  readonly generatedAt: string;
  readonly person: { readonly id: string; readonly name: string; readonly email: string; readonly municipality?: Municipality; readonly administration?: string; readonly workplace?: string };
  readonly roles: {
    readonly coordinator: boolean;
    readonly steeringGroup: boolean;
    readonly hrContactFor: readonly Municipality[];
    readonly jurorIn: readonly string[];
    readonly mentorIn: readonly string[];
    readonly sponsorIn: readonly string[];
  };
  readonly applications: readonly ExtractApplication[];
  readonly approvalsDecided: readonly { readonly applicationId: string; readonly cohortId: string; readonly status: string; readonly decidedAt?: string; readonly reason?: string; readonly extentPercent?: number }[];
  readonly scores: readonly { readonly applicationId: string; readonly cohortId: string; readonly values: Readonly<Record<string, number>>; readonly comment?: string; readonly at: string }[];
  readonly recusals: readonly { readonly applicationId: string; readonly cohortId: string; readonly reason: string; readonly automatic: boolean; readonly at: string }[];
  readonly expenses: readonly { readonly applicationId: string; readonly amountOre: number; readonly description: string; readonly status: string; readonly reportedAt: string; readonly decidedAt?: string; readonly reason?: string }[];
  readonly recommendationsGiven: readonly { readonly cohortId: string; readonly reason: string; readonly status: string; readonly at: string }[];
  readonly recommendationsReceived: readonly { readonly cohortId: string; readonly reason: string; readonly status: string; readonly at: string }[];
  readonly meetingInvitations: readonly { readonly applicationId: string; readonly at: string; readonly place?: string; readonly link?: string; readonly answer?: string; readonly comment?: string }[];
  readonly supportRoles: readonly { readonly applicationId: string; readonly cohortId: string; readonly as: 'mentor' | 'sponsor' }[];
  readonly audit: readonly { readonly at: string; readonly applicationId: string; readonly action: string; readonly toState: ApplicationState; readonly byYou: boolean; readonly reason?: string }[];
  readonly messages: readonly { readonly kind: string; readonly status: string; readonly createdAt: string; readonly sentAt?: string; readonly note?: string }[];
  readonly exports: readonly { readonly at: string; readonly what: string; readonly rows: number; readonly aboutYou: boolean }[];
  readonly conversation: { readonly stored: boolean; readonly locale?: string };
  readonly restriction?: { readonly reason: string; readonly at: string };
}

export interface ExtractApplication {
  readonly id: string;
  readonly cohortId: string;
  readonly cohortName: string;
  readonly as: 'applicant' | 'coApplicant';
  readonly state: ApplicationState;
  readonly title?: string;
  readonly problem?: string;
  readonly description?: string;
  readonly benefit?: string;
  readonly applicability?: string;
  readonly municipality?: Municipality;
  readonly administration?: string;
  readonly workplace?: string;
  readonly permanentEmployment?: boolean;
  readonly employmentStart?: string;
  readonly leave?: { readonly extentPercent: number; readonly start: string; readonly end: string };
  readonly ownApproval?: { readonly status: string; readonly decidedAt?: string; readonly reason?: string };
  readonly selection?: { readonly decision: string; readonly feedback: string; readonly decidedAt: string };
  readonly submittedAt?: string;
  readonly privacyAcknowledgedAt?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The person's own part of an application they are on: the lead sees what they wrote; a co-applicant the idea and their own answers. */
function asMember(a: Application, personId: string, cohortName: string): ExtractApplication | null {
  const lead = a.applicantId === personId;
  const co = a.coApplicants.find((c) => c.personId === personId) ?? a.formerCoApplicants?.find((c) => c.personId === personId);
  if (!lead && !co) return null;
  const approval = a.approvals.find((x) => x.memberId === personId && x.status !== 'superseded');
  return {
    id: a.id,
    cohortId: a.cohortId,
    cohortName,
    as: lead ? 'applicant' : 'coApplicant',
    state: a.state,
    ...(a.idea ? { title: a.idea.title, problem: a.idea.problem, description: a.idea.description } : {}),
    ...(a.benefit ? { benefit: a.benefit.benefit, applicability: a.benefit.applicability } : {}),
    ...(lead && a.about ? { municipality: a.about.municipality, administration: a.about.administration, workplace: a.about.workplace, permanentEmployment: a.about.permanentEmployment, employmentStart: a.about.employmentStart } : {}),
    ...(!lead && co?.permanentEmployment !== undefined ? { permanentEmployment: co.permanentEmployment } : {}),
    ...(!lead && co?.employmentStart ? { employmentStart: co.employmentStart } : {}),
    ...(a.leave ? { leave: { ...a.leave } } : {}),
    ...(approval ? { ownApproval: { status: approval.status, ...(approval.decidedAt ? { decidedAt: approval.decidedAt } : {}), ...(approval.reason ? { reason: approval.reason } : {}) } } : {}),
    ...(a.selection ? { selection: { decision: a.selection.decision, feedback: a.selection.feedback, decidedAt: a.selection.decidedAt } } : {}),
    ...(a.submittedAt ? { submittedAt: a.submittedAt } : {}),
    ...(lead && a.privacyAcknowledgedAt ? { privacyAcknowledgedAt: a.privacyAcknowledgedAt } : {}),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/** The extract of `person` from what the store holds about them (PersonalDataStore), the settings and the cohorts. */
export function registerExtractOf(
  person: Pick<Person, 'id' | 'name' | 'email' | 'municipality' | 'administration' | 'workplace'>,
  data: PersonalData,
  settings: ProgrammeSettings | null | undefined,
  cohorts: readonly Cohort[],
  conversation: { readonly stored: boolean; readonly locale?: string },
  now: Date,
): RegisterExtract {
  const id = person.id;
  const cohortName = (cohortId: string) => cohorts.find((c) => c.id === cohortId)?.name ?? cohortId;
  const led = new Set(data.applications.filter((a) => a.applicantId === id).map((a) => a.id));
  const restriction = restrictionOf(settings, id);
  return {
    generatedAt: now.toISOString(),
    person: { id, name: person.name, email: person.email, ...(person.municipality ? { municipality: person.municipality } : {}), ...(person.administration ? { administration: person.administration } : {}), ...(person.workplace ? { workplace: person.workplace } : {}) },
    roles: {
      coordinator: settings?.coordinatorIds.includes(id) ?? false,
      steeringGroup: settings?.steeringGroupIds.includes(id) ?? false,
      hrContactFor: (Object.entries(settings?.hrContactIds ?? {}) as [Municipality, string][]).filter(([, x]) => x === id).map(([m]) => m),
      jurorIn: cohorts.filter((c) => c.jurorIds.includes(id)).map((c) => c.name),
      mentorIn: cohorts.filter((c) => c.mentorIds.includes(id)).map((c) => c.name),
      sponsorIn: cohorts.filter((c) => c.sponsorIds.includes(id)).map((c) => c.name),
    },
    applications: data.applications.flatMap((a) => asMember(a, id, cohortName(a.cohortId)) ?? []),
    approvalsDecided: data.applications.flatMap((a) =>
      a.approvals
        .filter((x) => x.decidedBy === id && x.memberId !== id)
        .map((x) => ({ applicationId: a.id, cohortId: a.cohortId, status: x.status, ...(x.decidedAt ? { decidedAt: x.decidedAt } : {}), ...(x.reason ? { reason: x.reason } : {}), ...(x.leave ? { extentPercent: x.leave.extentPercent } : {}) })),
    ),
    scores: data.scores.map((s) => ({ applicationId: s.applicationId, cohortId: s.cohortId, values: { ...s.values }, ...(s.comment ? { comment: s.comment } : {}), at: s.at })),
    recusals: data.recusals.map((r) => ({ applicationId: r.applicationId, cohortId: r.cohortId, reason: r.reason, automatic: r.automatic, at: r.at })),
    expenses: data.applications.flatMap((a) =>
      (a.budget?.expenses ?? [])
        .filter((e) => e.reportedBy === id)
        .map((e) => ({ applicationId: a.id, amountOre: e.ore, description: e.description, status: e.status, reportedAt: e.reportedAt, ...(e.decidedAt ? { decidedAt: e.decidedAt } : {}), ...(e.reason ? { reason: e.reason } : {}) })),
    ),
    recommendationsGiven: data.recommendations.filter((r) => r.recommenderId === id).map((r) => ({ cohortId: r.cohortId, reason: r.reason, status: r.status, at: r.at })),
    recommendationsReceived: data.recommendations.filter((r) => r.personId === id).map((r) => ({ cohortId: r.cohortId, reason: r.reason, status: r.status, at: r.at })),
    meetingInvitations: data.applications.flatMap((a) => {
      if (!a.meeting || !(a.applicantId === id || a.coApplicants.some((c) => c.personId === id))) return [];
      const answer = a.meeting.answers.find((x) => x.personId === id);
      return [{ applicationId: a.id, at: a.meeting.at, ...(a.meeting.place ? { place: a.meeting.place } : {}), ...(a.meeting.link ? { link: a.meeting.link } : {}), ...(answer ? { answer: answer.answer, ...(answer.comment ? { comment: answer.comment } : {}) } : {}) }];
    }),
    supportRoles: data.applications.flatMap((a) => [...(a.mentorId === id ? [{ applicationId: a.id, cohortId: a.cohortId, as: 'mentor' as const }] : []), ...(a.sponsorId === id ? [{ applicationId: a.id, cohortId: a.cohortId, as: 'sponsor' as const }] : [])]),
    // The trail of their own applications, and what they did elsewhere; others' reasons on others' applications are theirs.
    audit: data.audit
      .filter((e) => e.actorId === id || led.has(e.applicationId))
      .map((e) => ({ at: e.at, applicationId: e.applicationId, action: e.action, toState: e.toState, byYou: e.actorId === id, ...(e.reason && (e.actorId === id || led.has(e.applicationId)) ? { reason: e.reason } : {}) })),
    messages: data.messages.map((m) => ({ kind: m.kind, status: m.status, createdAt: m.createdAt, ...(m.sentAt ? { sentAt: m.sentAt } : {}), ...(m.lastError?.startsWith('held') ? { note: m.lastError } : {}) })),
    exports: data.exports.map((x) => ({ at: x.at, what: x.what, rows: x.rows, aboutYou: x.filter?.subjectId === id })),
    conversation,
    ...(restriction ? { restriction: { reason: restriction.reason, at: restriction.at } } : {}),
  };
}
