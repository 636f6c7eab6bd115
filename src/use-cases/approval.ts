import { decidersOf, type Application, type ManagerApproval } from '../domain/application';
import { decideMemberApproval, escalationOf, reassignmentOf, type ApprovalSchedule, type ManagerDecision, type MemberDecider } from '../domain/approval';
import type { Municipality } from '../domain/municipalities';
import { hrContactOf } from '../domain/person';
import type { ApplicationRepository, Clock, CohortRepository, Directory, IdGenerator, SettingsRepository, Versioned } from '../domain/ports';
import { err, ok } from '../domain/result';
import type { UseCaseResult } from '../domain/errors';
import { mutate, type ApplicationRef } from './change';
import { isManager } from './resolve-roles';

export interface ApprovalDeps {
  readonly applications: ApplicationRepository;
  readonly cohorts: CohortRepository;
  readonly directory: Directory;
  readonly settings: SettingsRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly schedule?: ApprovalSchedule;
}

/**
 * The deciders for the lead applicant (the manager on the form) and each co-applicant (their manager in
 * the directory, else their municipality's HR contact). Null names a member nobody can decide for.
 */
export async function resolveDeciders(
  deps: Pick<ApprovalDeps, 'directory' | 'settings'>,
  application: Application,
): Promise<{ deciders: MemberDecider[]; missing: string[] }> {
  const settings = (await deps.settings.get())?.value;
  const deciders: MemberDecider[] = [];
  const missing: string[] = [];
  if (application.about) deciders.push({ memberId: application.applicantId, memberName: application.applicantName, managerId: application.about.managerId });
  for (const c of application.coApplicants.filter((x) => x.status !== 'declined')) {
    const person = await deps.directory.getPerson(c.personId);
    const managerId = person?.managerId ?? hrContactOf(settings, person?.municipality);
    if (managerId) deciders.push({ memberId: c.personId, memberName: c.name, managerId });
    else missing.push(c.name);
  }
  return { deciders, missing };
}

/**
 * Records one decision. Who may decide is read from the stored approval (the manager on record, or the
 * HR contact after escalation), never from the card. A second click, a stale card or two deciders at once
 * end in one decision: the loser finds the approval no longer pending.
 */
export async function decideApproval(
  deps: ApprovalDeps,
  personId: string,
  ref: ApplicationRef,
  memberId: string,
  decision: ManagerDecision,
): Promise<UseCaseResult<{ application: Versioned<Application> }>> {
  // The approved leave follows the applicant's rules, the programme's start included (docs/decisions/0010).
  const programmeStartsOn = decision.kind === 'approve' ? (await deps.cohorts.get(ref.cohortId))?.value.programmeStartsOn : undefined;
  return mutate(deps, ref, (current, now) => decideMemberApproval(current, personId, memberId, decision, now, deps.ids.uuid(), programmeStartsOn));
}

/**
 * The escalation job: a manager who has not answered by the due time hands the decision to the
 * municipality's HR contact, who gets the card. Runs once: a later run finds it decided or escalated.
 */
export async function escalateApproval(deps: ApprovalDeps, ref: ApplicationRef, memberId: string): Promise<UseCaseResult<{ escalated: boolean }>> {
  const found = await deps.applications.get(ref.cohortId, ref.applicationId);
  if (!found) return ok({ escalated: false });
  const municipality = await municipalityOf(deps, found.value, memberId);
  const hr = hrContactOf((await deps.settings.get())?.value, municipality);
  const done = await mutate(deps, ref, (current, now) => escalationOf(current, memberId, hr, now, deps.ids.uuid()));
  return ok({ escalated: done.ok });
}

async function municipalityOf(deps: Pick<ApprovalDeps, 'directory'>, a: Application, memberId: string): Promise<Municipality | undefined> {
  if (memberId === a.applicantId && a.about) return a.about.municipality;
  return (await deps.directory.getPerson(memberId))?.municipality;
}

/** The HR contact (or the manager on record) hands the decision to another manager, who gets the card. */
export async function reassignApproval(deps: ApprovalDeps, personId: string, ref: ApplicationRef, memberId: string, managerEmail: string): Promise<UseCaseResult<{ application: Versioned<Application>; managerName: string }>> {
  const manager = await deps.directory.findByEmail(managerEmail.trim());
  if (!manager) return err({ code: 'FIELDS', fields: [{ field: 'managerEmail', code: 'unknownPerson', facts: { email: managerEmail.trim() } }] });
  if (manager.id === memberId) return err({ code: 'FIELDS', fields: [{ field: 'managerEmail', code: 'self' }] });
  // The same rule as for the manager an applicant names: only a manager in the directory decides.
  if (!(await isManager(deps.directory, manager.id))) return err({ code: 'FIELDS', fields: [{ field: 'managerEmail', code: 'handOverNotManager', facts: { name: manager.name } }] });
  const done = await mutate(deps, ref, (current, now) => reassignmentOf(current, personId, memberId, manager, now, deps.ids.uuid()));
  return done.ok ? ok({ application: done.value.application, managerName: manager.name }) : done;
}

/** How many of a person's own decisions the tab's history shows, latest first. */
export const DECIDED_SHOWN = 20;

/** The approvals this person decided (as manager or HR contact), latest change first: the history beside `att godkänna`. */
export async function decidedBy(deps: Pick<ApprovalDeps, 'applications'>, personId: string): Promise<{ application: Application; approval: ManagerApproval }[]> {
  const found = await deps.applications.findDecidedBy(personId, DECIDED_SHOWN);
  return found.flatMap((v) => v.value.approvals.filter((a) => a.decidedBy === personId).map((approval) => ({ application: v.value, approval })));
}

/** How many decisions `att godkänna` shows at once, oldest first; a manager decides them one by one. */
export const PENDING_SHOWN = 20;

/** `att godkänna`: the applications waiting longest for this person's decision. */
export async function pendingDecisionsOf(deps: Pick<ApprovalDeps, 'applications'>, personId: string): Promise<{ items: { application: Application; approval: ManagerApproval }[]; more: boolean }> {
  // One more than is shown, to know whether more are waiting (a count would read them all).
  const found = await deps.applications.findByDecider(personId, PENDING_SHOWN + 1);
  const items = found.slice(0, PENDING_SHOWN).flatMap((v) => v.value.approvals.filter((a) => decidersOf(a).includes(personId)).map((approval) => ({ application: v.value, approval })));
  return { items, more: found.length > PENDING_SHOWN };
}
