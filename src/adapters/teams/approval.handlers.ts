import { z } from 'zod';
import { decidersOf, LIMITS, managerNamedByApplicant, mayReadApproval, type Application, type ManagerApproval } from '../../domain/application';
import { isIsoDate } from '../../domain/dates';
import type { Messages } from '../../i18n';
import type { ManagerDecision } from '../../domain/approval';
import { decideApproval, pendingDecisionsOf, reassignApproval, type ApprovalDeps } from '../../use-cases/approval';
import type { FieldError } from '../../domain/errors';
import { approvalCard, approvalListCard, type ApprovalCardData, type ApprovalMode } from '../cards/approval.card';
import { noticeCard } from '../cards/application.cards';
import { plain, plainFacts } from '../cards/card-kit';
import { isCoordinator } from '../../use-cases/resolve-roles';
import { ApplicationRef, isEmail, PersonId } from './card-refs';
import type { ActionOutcome, Caller, Reply } from './turn';
import { tabViews, type TabLink } from '../tab/deep-link';

/** Which member's approval a button is about. */
export const ApprovalRef = ApplicationRef.extend({ memberId: PersonId });
export type ApprovalRef = z.output<typeof ApprovalRef>;

/** The manager's side: the decision card, its refresh, the decision itself, handing over, and the list. */
export class ApprovalHandlers {
  constructor(private readonly deps: ApprovalDeps & { readonly tabLink?: TabLink }) {}

  /** `att godkänna`. */
  async list(caller: Caller): Promise<Reply[]> {
    return [{ card: approvalListCard(await pendingDecisionsOf(this.deps, caller.id), caller.m) }];
  }

  /** Open or refresh: the card as this viewer should see it now. */
  async show(caller: Caller, ref: ApprovalRef): Promise<ActionOutcome> {
    const { memberId, ...appRef } = ref;
    return { send: [], card: await this.cardFor(caller, appRef, memberId, {}) };
  }

  async decide(caller: Caller, ref: ApprovalRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const { memberId, ...appRef } = ref;
    const parsed = parseDecision(raw);
    if (!parsed.ok) return { send: [], card: await this.cardFor(caller, appRef, memberId, { values: raw, errors: parsed.errors }) };
    const decided = await decideApproval(this.deps, caller.id, appRef, memberId, parsed.value);
    if (!decided.ok) {
      const e = decided.error;
      if (e.code === 'FIELDS') return { send: [], card: await this.cardFor(caller, appRef, memberId, { values: raw, errors: e.fields }) };
      // The same decision again is no refusal (the rule answers it unchanged, with the saved card); another one is told it is decided.
      if (e.code === 'ILLEGAL_TRANSITION') return { send: [], card: await this.cardFor(caller, appRef, memberId, { notice: caller.m.approval.alreadyDecided }) };
      // NOT_ALLOWED and NOT_FOUND: the read-only card says who may decide.
    }
    return { send: [], card: await this.cardFor(caller, appRef, memberId, {}) };
  }

  async reassign(caller: Caller, ref: ApprovalRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const { memberId, ...appRef } = ref;
    const email = (raw.managerEmail ?? '').trim();
    if (!isEmail(email)) {
      return { send: [], card: await this.cardFor(caller, appRef, memberId, { values: raw, errors: [{ field: 'managerEmail', code: email ? 'invalid' : 'required' }] }) };
    }
    const handed = await reassignApproval(this.deps, caller.id, appRef, memberId, email);
    if (!handed.ok && handed.error.code === 'FIELDS') return { send: [], card: await this.cardFor(caller, appRef, memberId, { values: raw, errors: handed.error.fields }) };
    if (!handed.ok) return { send: [], card: await this.cardFor(caller, appRef, memberId, {}) };
    // Whoever handed it over may no longer be a party to it: they get the outcome, not the application.
    return { send: [], card: noticeCard(caller.m.approval.handedOver(plain(handed.value.managerName))) };
  }

  /**
   * The card for this viewer, from the stored state (never from what the card said). Only the people the
   * approval concerns, whoever decides or decided it, and the coordinators read it; anyone else learns
   * nothing of the application, not even who decides.
   */
  async cardFor(
    caller: Caller,
    ref: { applicationId: string; cohortId: string },
    memberId: string,
    extra: { values?: Record<string, string>; errors?: readonly FieldError[]; notice?: string },
  ) {
    const found = await this.deps.applications.get(ref.cohortId, ref.applicationId);
    const approval = found?.value.approvals.find((a) => a.memberId === memberId);
    if (!found || !approval) return noticeCard(caller.m.errors.NOT_FOUND);
    if (!mayReadApproval(found.value, approval, caller.id) && !(await isCoordinator(this.deps, caller.id))) return noticeCard(caller.m.approval.notParty);
    return renderApproval(this.deps, caller.m, found.value, approval, caller.id, extra);
  }
}

/** Renders one approval for one viewer; shared with the notification renderer (the card a manager receives). */
export async function renderApproval(
  deps: Pick<ApprovalDeps, 'directory' | 'cohorts'> & { readonly tabLink?: TabLink },
  m: Messages,
  application: Application,
  approval: ManagerApproval,
  viewerId: string,
  extra: { values?: Record<string, string>; errors?: readonly FieldError[]; notice?: string; reminder?: boolean } = {},
) {
  const deciders = decidersOf(approval);
  const mode: ApprovalMode =
    approval.status !== 'pending' ? 'decided' : application.state !== 'awaitingManager' ? 'closed' : deciders.includes(viewerId) ? 'decide' : 'readOnly';
  const nameOf = async (id: string | undefined) => (id ? ((await deps.directory.getPerson(id))?.name ?? id) : '');
  const errors: Record<string, string[]> = {};
  for (const e of extra.errors ?? []) {
    const facts = plainFacts(e.facts);
    const textOf =
      e.code === 'rule' && e.rule
        ? m.intake.rules[e.rule](facts)
        : e.field === 'reason'
          ? m.approval.reasonRequired
          : e.field.startsWith('attest')
            ? m.approval.attestRequired
            : m.intake.fieldErrors[e.code](facts);
    (errors[e.field] ??= []).push(textOf);
  }
  const programmeStartsOn = mode === 'decide' ? (await deps.cohorts.get(application.cohortId))?.value.programmeStartsOn : undefined;
  const data: ApprovalCardData = {
    application,
    approval,
    mode,
    ...(programmeStartsOn ? { programmeStartsOn } : {}),
    deciderNames: await Promise.all(deciders.map(nameOf)),
    managerName: await nameOf(approval.managerId),
    ...(approval.decidedBy ? { decidedByName: await nameOf(approval.decidedBy) } : {}),
    viewerIsHr: Boolean(approval.escalatedTo && approval.escalatedTo === viewerId),
    ...(managerNamedByApplicant(application, approval) ? { namedByApplicant: { directoryManagerName: await directoryManagerName(deps, application.applicantId) } } : {}),
    ...(extra.reminder ? { reminder: true } : {}),
    ...(extra.values ? { values: extra.values } : {}),
    ...(Object.keys(errors).length > 0 ? { errors } : {}),
    ...(extra.notice ? { notice: extra.notice } : {}),
    ...(mode === 'decide' && deps.tabLink ? { tabUrl: deps.tabLink(tabViews.approval({ cohortId: application.cohortId, applicationId: application.id, memberId: approval.memberId })) } : {}),
  };
  return approvalCard(data, m);
}

/** The name of the person's manager in the directory, or '' when it names none. */
async function directoryManagerName(deps: Pick<ApprovalDeps, 'directory'>, personId: string): Promise<string> {
  const managerId = (await deps.directory.getPerson(personId))?.managerId;
  return managerId ? ((await deps.directory.getPerson(managerId))?.name ?? '') : '';
}

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Card data is untrusted: the decision and its inputs are parsed here. */
export function parseDecision(raw: Readonly<Record<string, string>>): Parsed<ManagerDecision> {
  const decision = raw.decision;
  const reason = (raw.reason ?? '').trim();
  if (decision === 'decline' || decision === 'requestChanges') {
    if (reason.length < LIMITS.reason.min) return { ok: false, errors: [{ field: 'reason', code: 'required' }] };
    if (reason.length > LIMITS.reason.max) return { ok: false, errors: [{ field: 'reason', code: 'tooLong', facts: { max: String(LIMITS.reason.max) } }] };
    return { ok: true, value: { kind: decision, reason } };
  }
  if (decision !== 'approve') return { ok: false, errors: [{ field: 'decision', code: 'invalid' }] };
  const errors: FieldError[] = [];
  const extent = Number((raw.extentPercent ?? '').trim());
  if (!Number.isInteger(extent)) errors.push({ field: 'extentPercent', code: 'invalid' });
  const date = (id: string) => {
    const value = (raw[id] ?? '').trim();
    if (!isIsoDate(value)) errors.push({ field: id, code: value ? 'invalid' : 'required' });
    return value;
  };
  const start = date('leaveStart');
  const end = date('leaveEnd');
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { kind: 'approve', leave: { extentPercent: extent, start, end }, attestPermanent: raw.attestPermanent === 'true', attestOneYear: raw.attestOneYear === 'true' } };
}
