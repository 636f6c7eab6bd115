import { decidersOf, teamOf, type Application, type GateDecision, type GateOutcome, type IpOwner, type OutcomeDecision, type OutcomeKind, type SelectionChoice, type SelectionDecision } from './application';
import { applyEvent, unchanged, type Actor, type Change } from './application.lifecycle';
import type { ApplicationEvent, ApplicationState } from './application.state-machine';
import { allocate, decideExpense as decideBudgetExpense, reportExpense as reportBudgetExpense, type Budget } from './budget';
import type { Cohort } from './cohort';
import { auditFor } from './audit-event';
import { repeatsSelection } from './jury';
import { domainError, type Refusal } from './errors';
import { aboutApplication, notify, type Notification } from './notification';
import { err, ok, type Result } from './result';

/**
 * The programme after the selection (PROGRAMME.md steps 4–8): the selection decisions, the three phases with the
 * phase-1 budget, the gate after phase 1 and the outcome of phase 3. Pure: each rule takes the stored application
 * and answers the change to write (application, audit event, who is told), or a refusal.
 */

/** The named support a team gets: a mentor (intern coach) and a sponsor (intern affärsängel). */
export const SUPPORT_ROLES = ['mentor', 'sponsor'] as const;
export type SupportRole = (typeof SUPPORT_ROLES)[number];

export const PHASES = [1, 2, 3] as const;
export type Phase = (typeof PHASES)[number];

/** Who a phase start moves on: phase 1 starts for the selected, phase 2 for those through the gate, phase 3 after phase 2. */
export const PHASE_STARTS: Readonly<Record<Phase, { readonly from: ApplicationState; readonly event: ApplicationEvent; readonly to: ApplicationState }>> = {
  1: { from: 'selected', event: 'startPhase1', to: 'phase1' },
  2: { from: 'continuing', event: 'startPhase2', to: 'phase2' },
  3: { from: 'phase2', event: 'startPhase3', to: 'phase3' },
};

export const SELECTION_EVENTS = { selected: 'select', waitlisted: 'waitlist', notSelected: 'notSelect' } as const satisfies Record<SelectionChoice, ApplicationEvent>;
export const GATE_EVENTS = { continue: 'gateContinue', returnToJob: 'gateReturnToJob', joinOtherTeam: 'gateJoinOtherTeam' } as const satisfies Record<GateOutcome, ApplicationEvent>;
export const OUTCOME_EVENTS = { keptAsProject: 'keepAsProject', handedToLine: 'handToLine', spunOut: 'spinOut', ended: 'end' } as const satisfies Record<OutcomeKind, ApplicationEvent>;

/** Teams one may join at the gate: those in phase 1 or through to phase 2. */
export const JOINABLE_STATES: readonly ApplicationState[] = ['phase1', 'continuing'];
/** A team that has a mentor and a sponsor to assign: selected, and not yet out of the programme. */
export const PARTICIPANT_STATES: readonly ApplicationState[] = ['selected', 'phase1', 'continuing', 'phase2', 'phase3'];
/** A team spending its budget for initial costs: from phase 1 on, while still in the programme. */
export const SPENDING_STATES: readonly ApplicationState[] = ['phase1', 'continuing', 'phase2', 'phase3'];

/** The budget for initial costs a team gets when phase 1 starts: per participant, once. */
export function phaseOneBudget(application: Application, cohort: Pick<Cohort, 'budgetPerParticipantOre'>): Budget {
  return application.budget ?? allocate(cohort.budgetPerParticipantOre * teamOf(application).length, application.id);
}

/** The participant's line: the managers on record, whoever decided their approval, and the municipality's HR contact. */
export function lineOf(application: Application, hrContactId: string | undefined): string[] {
  const managers = application.approvals.flatMap((p) => [p.managerId, ...(p.decidedBy ? [p.decidedBy] : []), ...decidersOf(p)]);
  return [...new Set([...managers, ...(hrContactId ? [hrContactId] : [])])];
}

/** The coordinator's selection for one application, with the feedback the applicant gets when the selection is locked. */
export function decideSelectionOf(current: Application, decision: SelectionChoice, feedback: string, actor: Actor, now: Date, auditId: string): Result<Change, Refusal> {
  if (repeatsSelection(current, decision, feedback)) return ok(unchanged(current));
  const t = applyEvent(current, SELECTION_EVENTS[decision], actor, now, auditId, feedback || undefined);
  if (!t.ok) return t;
  const selection: SelectionDecision = { decision, feedback, decidedBy: actor.id, decidedAt: now.toISOString() };
  return ok({ application: { ...t.value.application, selection }, audit: t.value.audit, notifications: [] });
}

/** A phase starts for one team: it moves on, gets its budget with phase 1, and the team and its line are told. */
export function startPhaseOf(current: Application, phase: Phase, cohort: Cohort, hrContactId: string | undefined, actor: Actor, now: Date, auditId: string): Result<Change, Refusal> {
  const t = applyEvent(current, PHASE_STARTS[phase].event, actor, now, auditId);
  if (!t.ok) return t;
  const budget = phase === 1 ? phaseOneBudget(current, cohort) : current.budget;
  return ok({
    application: { ...t.value.application, ...(budget ? { budget } : {}) },
    audit: t.value.audit,
    notifications: notify(aboutApplication(current), 'phaseStarted', [...teamOf(current), ...lineOf(current, hrContactId)], `${auditId}/phase`, { phase: String(phase) }),
  });
}

/** Whether `team` is one the participant of `applicationId` may join at the gate: another team, still in the programme. */
export function mayJoin(team: Application | null | undefined, applicationId: string): team is Application {
  return Boolean(team && team.id !== applicationId && JOINABLE_STATES.includes(team.state));
}

/** The gate after phase 1 (gallring) for one participant: continue, back to the ordinary job, or join another team. */
export function recordGateOf(current: Application, outcome: GateOutcome, joined: Application | null, actor: Actor, now: Date, auditId: string): Result<Change, Refusal> {
  if (current.gate?.outcome === outcome && (outcome !== 'joinOtherTeam' || current.gate.joinedApplicationId === joined?.id)) return ok(unchanged(current));
  if (outcome === 'joinOtherTeam' && !mayJoin(joined, current.id)) return err({ code: 'FIELD', field: 'joinedApplicationId', reason: 'team' });
  const joinedId = outcome === 'joinOtherTeam' ? joined?.id : undefined;
  const t = applyEvent(current, GATE_EVENTS[outcome], actor, now, auditId, joined?.id);
  if (!t.ok) return t;
  const gate: GateDecision = { outcome, ...(joinedId ? { joinedApplicationId: joinedId } : {}), decidedBy: actor.id, decidedAt: now.toISOString() };
  return ok({ application: { ...t.value.application, gate }, audit: t.value.audit, notifications: notify(aboutApplication(current), 'gateOutcome', teamOf(current), `${auditId}/gate`, { outcome, joined: joined?.id ?? '' }) });
}

/**
 * The outcome of an idea in phase 3, with who owns it (IP); an idea handed to the line names the receiving
 * administration. The team and its line (managers, HR contact) are told.
 */
export function recordOutcomeOf(current: Application, kind: OutcomeKind, ipOwner: IpOwner, receivingAdministration: string | undefined, hrContactId: string | undefined, actor: Actor, now: Date, auditId: string): Result<Change, Refusal> {
  if (current.outcome?.kind === kind && current.outcome.ipOwner === ipOwner) return ok(unchanged(current));
  const administration = receivingAdministration?.trim() ?? '';
  if (kind === 'handedToLine' && !administration) return err({ code: 'FIELD', field: 'receivingAdministration', reason: 'required' });
  const t = applyEvent(current, OUTCOME_EVENTS[kind], actor, now, auditId, kind === 'handedToLine' ? administration : undefined);
  if (!t.ok) return t;
  const outcome: OutcomeDecision = { kind, ipOwner, ...(kind === 'handedToLine' ? { receivingAdministration: administration } : {}), decidedBy: actor.id, decidedAt: now.toISOString() };
  return ok({ application: { ...t.value.application, outcome }, audit: t.value.audit, notifications: notify(aboutApplication(current), 'finalOutcome', [...teamOf(current), ...lineOf(current, hrContactId)], `${auditId}/outcome`, { kind }) });
}

/** A participant reports an expense against the team's budget; the municipality's HR contact is asked to decide. */
export function reportExpenseOf(current: Application, expense: { readonly id: string; readonly ore: number; readonly description: string; readonly reportedBy: string }, hrContactId: string | undefined, now: Date, auditId: string): Result<Change, Refusal> {
  if (!current.budget) return err(domainError('NOT_FOUND', 'no budget'));
  const reported = reportBudgetExpense(current.budget, { ...expense, at: now.toISOString() });
  if (!reported.ok) return err(reported.code === 'OVERSPEND' ? { code: 'OVERSPEND', remainingOre: reported.remaining } : domainError('INVALID_INPUT', reported.reason));
  const application = { ...current, budget: reported.budget, updatedAt: now.toISOString() };
  return ok({
    application,
    audit: auditFor(current, application, 'expenseReported', { id: expense.reportedBy, kind: 'applicant' }, now.toISOString(), auditId, expense.id),
    notifications: notify(aboutApplication(current), 'expenseToApprove', hrContactId ? [hrContactId] : [], `${current.id}/expense/${expense.id}`, { expenseId: expense.id }),
  });
}

/** Only the HR contact of the team's municipality (the budget owner) approves or rejects an expense, once. */
export function decideExpenseOf(current: Application, personId: string, hrContactId: string | undefined, expenseId: string, decision: 'approve' | 'reject', now: Date, auditId: string, reason?: string): Result<Change, Refusal> {
  if (!hrContactId || hrContactId !== personId) return err(domainError('NOT_ALLOWED', 'not the HR contact'));
  if (!current.budget) return err(domainError('NOT_FOUND', 'no budget'));
  const decided = decideBudgetExpense(current.budget, expenseId, decision, personId, now.toISOString(), reason);
  if (!decided.ok && decided.code === 'NOT_PENDING' && decided.status === (decision === 'approve' ? 'approved' : 'rejected')) return ok(unchanged(current));
  if (!decided.ok) return err(decided.code === 'NOT_FOUND' ? domainError('NOT_FOUND', 'no expense') : domainError('ILLEGAL_TRANSITION', decided.code));
  const application = { ...current, budget: decided.budget, updatedAt: now.toISOString() };
  const action = decision === 'approve' ? 'expenseApproved' : 'expenseRejected';
  // The member who reported it is told: a confirmed co-applicant spends the team's budget too.
  const reporter = decided.budget.expenses.find((e) => e.id === expenseId)?.reportedBy ?? current.applicantId;
  return ok({
    application,
    audit: auditFor(current, application, action, { id: personId, kind: 'hrContact' }, now.toISOString(), auditId, expenseId),
    notifications: notify(aboutApplication(current), 'expenseDecided', [reporter], `${current.id}/expense/${expenseId}/decided`, { expenseId, decision }),
  });
}

/** A mentor or a sponsor for a participant team, audited with the person's name; the person and the team are told. */
export function assignSupportOf(current: Application, role: SupportRole, person: { readonly id: string; readonly name: string }, actor: Actor, now: Date, auditId: string): Result<Change, Refusal> {
  if (!PARTICIPANT_STATES.includes(current.state)) return err(domainError('ILLEGAL_TRANSITION', `not a participant team (${current.state})`, { state: current.state }));
  const key = `${current.id}/${role}/${person.id}/${now.toISOString()}`;
  const application = { ...current, ...(role === 'mentor' ? { mentorId: person.id } : { sponsorId: person.id }), updatedAt: now.toISOString() };
  return ok({
    application,
    audit: auditFor(current, application, role === 'mentor' ? 'mentorAssigned' : 'sponsorAssigned', actor, now.toISOString(), auditId, person.name),
    notifications: notify(aboutApplication(current), 'supportAssigned', [person.id, ...teamOf(current)], key, { role, personId: person.id }),
  });
}

/**
 * Who is told when the selection is locked, for one decided application: the team learns the decision (with the
 * feedback), and for a selected team the line learns that the leave starts with the programme.
 */
export function toldAtSelectionLock(cohort: Cohort, application: Application, hrContactId: string | undefined): Notification[] {
  const key = `${cohort.id}/selection/${application.id}`;
  const about = aboutApplication(application);
  const toTeam = notify(about, 'selectionOutcome', teamOf(application), `${key}/outcome`, { decision: application.selection?.decision ?? '' });
  if (application.state !== 'selected') return toTeam;
  return [...toTeam, ...notify(about, 'leaveStarts', lineOf(application, hrContactId), `${key}/leave`, { programmeStartsOn: cohort.programmeStartsOn })];
}
