import type { Application, IntakeStep } from '../../domain/application';
import { TERMINAL_STATES } from '../../domain/application.state-machine';
import type { Cohort } from '../../domain/cohort';
import type { OutboxStore } from '../../domain/ports';
import type { Messages } from '../../i18n';
import {
  currentApplicationOf,
  namedManagerProblem,
  reopenForEditing,
  respondAsCoApplicant,
  saveIntakeStep,
  startOrResumeApplication,
  submitApplication,
  withdrawApplication,
  type IntakeDeps,
} from '../../use-cases/intake';
import { isEditable, LIMITS, managerNamedByApplicant, missingSections } from '../../domain/application';
import { eligibilityOf, isWithdrawable } from '../../domain/intake';
import type { FieldError } from '../../domain/errors';
import { invitationCard, noticeCard, statusCard, withdrawCard } from '../cards/application.cards';
import { formValues, intakeClosedCard, intakeStepCard, reviewCard, submittedCard, type FormValues } from '../cards/intake.card';
import { plain, plainFacts } from '../cards/card-kit';
import { parseInvitationAnswer, parseStepInput, type IntakeActionData } from './intake.input';
import type { ApplicationRef } from './card-refs';
import { explain } from './explain';
import type { ActionOutcome, Caller, Reply } from './turn';
import { tabViews, type TabLink } from '../tab/deep-link';

export interface IntakeHandlerDeps extends IntakeDeps {
  /** Where delivery problems are read for the status card; absent until the outbox worker is wired. */
  readonly outbox?: OutboxStore;
  /** Links into the tab (absent when the tab is off). */
  readonly tabLink?: TabLink;
}

/** The intake's commands and card actions: parse, call a use case, render a card (habit 6). */
export class IntakeHandlers {
  constructor(private readonly deps: IntakeHandlerDeps) {}

  /** `ansök`: the form at the step the applicant is on, or why intake is closed. */
  async apply(caller: Caller): Promise<Reply[]> {
    const started = await startOrResumeApplication(this.deps, { id: caller.id, name: caller.name });
    if (!started.ok) {
      const e = started.error;
      if (e.code === 'INTAKE_CLOSED') {
        const current = await currentApplicationOf(this.deps, caller.id);
        if (current && !TERMINAL_STATES.includes(current.value.state)) return [{ card: await this.statusCardFor(current.value, caller.m) }];
        return [{ card: intakeClosedCard('nextOpensAt' in e && e.nextOpensAt ? { nextOpensAt: e.nextOpensAt } : {}, caller.m) }];
      }
      return [{ text: explain(e, caller.m) }];
    }
    const { application, cohort, resumed } = started.value;
    const a = application.value;
    if (isEditable(a)) {
      return [{ card: await this.formCard(a, cohort, caller.m, { values: await this.storedValues(a), ...(resumed ? { notice: { text: caller.m.intake.resumed } } : {}) }) }];
    }
    return [{ card: await this.statusCardFor(a, caller.m) }];
  }

  /** `status`: the newest application with its timeline. */
  async status(caller: Caller): Promise<Reply[]> {
    const current = await currentApplicationOf(this.deps, caller.id);
    return current ? [{ card: await this.statusCardFor(current.value, caller.m) }] : [{ text: caller.m.intake.status.none }];
  }

  /** `ändra`: back into the form; a submitted application is reopened first (before the manager decides). */
  async edit(caller: Caller): Promise<Reply[]> {
    const current = await currentApplicationOf(this.deps, caller.id);
    if (!current) return [{ text: caller.m.intake.status.none }];
    return [await this.editOutcome(caller, current.value.cohortId, current.value.id)].map((o) => (o.card ? { card: o.card } : (o.send[0] ?? { text: '' })));
  }

  /** `dra tillbaka`: asks for confirmation first, only when the application can still be withdrawn. */
  async withdraw(caller: Caller): Promise<Reply[]> {
    const current = await currentApplicationOf(this.deps, caller.id);
    if (!current) return [{ text: caller.m.intake.withdraw.nothing }];
    const refused = withdrawRefusal(current.value, caller.m);
    return refused ? [{ text: refused }] : [{ card: withdrawCard(current.value, caller.m) }];
  }

  /** `Ansök` on a card. */
  async startAction(caller: Caller): Promise<ActionOutcome> {
    return { send: await this.apply(caller) };
  }

  /** `Visa status` on a card. */
  async statusAction(caller: Caller): Promise<ActionOutcome> {
    return { send: await this.status(caller) };
  }

  /** Back into the form from a card: a submitted application is reopened first. */
  async editAction(caller: Caller, ref: ApplicationRef): Promise<ActionOutcome> {
    return this.editOutcome(caller, ref.cohortId, ref.applicationId);
  }

  async withdrawAsk(caller: Caller, ref: ApplicationRef): Promise<ActionOutcome> {
    const found = await this.deps.applications.get(ref.cohortId, ref.applicationId);
    if (!found || found.value.applicantId !== caller.id) return { send: [], card: noticeCard(caller.m.errors.NOT_ALLOWED) };
    // An old card's button says what typing `dra tillbaka` says: no confirmation that cannot succeed.
    const refused = withdrawRefusal(found.value, caller.m);
    return { send: [], card: refused ? noticeCard(refused) : withdrawCard(found.value, caller.m) };
  }

  async withdrawKeep(caller: Caller): Promise<ActionOutcome> {
    return { send: [], card: noticeCard(caller.m.intake.withdraw.kept) };
  }

  async withdrawConfirm(caller: Caller, ref: ApplicationRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const reason = (raw.reason ?? '').trim().slice(0, LIMITS.reason.max);
    const done = await withdrawApplication(this.deps, caller.id, ref, reason || undefined);
    if (done.ok) return { send: [], card: noticeCard(caller.m.intake.withdraw.done) };
    // Decided or withdrawn meanwhile (or a second click): the same answer as the other two ways.
    const fresh = done.error.code === 'ILLEGAL_TRANSITION' ? await this.deps.applications.get(ref.cohortId, ref.applicationId) : null;
    const refused = fresh ? withdrawRefusal(fresh.value, caller.m) : null;
    return { send: [], card: noticeCard(refused ?? explain(done.error, caller.m)) };
  }

  async save(caller: Caller, ref: IntakeActionData, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const m = caller.m;
    const found = await this.deps.applications.get(ref.cohortId, ref.applicationId);
    if (!found || found.value.applicantId !== caller.id) return { send: [], card: noticeCard(m.errors.NOT_ALLOWED) };
    const cohort = await this.cohortOf(found.value);
    const parsed = parseStepInput(ref.step, raw);
    if (!parsed.ok) return { send: [], card: await this.formCard(found.value, cohort, m, { step: ref.step, values: raw, fieldErrors: parsed.errors }) };
    const saved = await saveIntakeStep(this.deps, caller.id, ref, parsed.value, ref.nav);
    if (!saved.ok) {
      if (saved.error.code === 'FIELDS') return { send: [], card: await this.formCard(found.value, cohort, m, { step: ref.step, values: raw, fieldErrors: saved.error.fields }) };
      return { send: [], card: noticeCard(explain(saved.error, m)) };
    }
    const a = saved.value.application.value;
    return { send: [], card: await this.formCard(a, cohort, m, { values: await this.storedValues(a) }) };
  }

  async submit(caller: Caller, ref: ApplicationRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const m = caller.m;
    const found = await this.deps.applications.get(ref.cohortId, ref.applicationId);
    if (!found || found.value.applicantId !== caller.id) return { send: [], card: noticeCard(m.errors.NOT_ALLOWED) };
    const cohort = await this.cohortOf(found.value);
    if (!isEditable(found.value)) {
      return { send: [], card: await this.statusCardFor(found.value, m) }; // a second click, or a stale card
    }
    if (raw.privacyAcknowledged === 'true' && !found.value.privacyAcknowledgedAt) {
      const ack = await saveIntakeStep(this.deps, caller.id, ref, { step: 'review', privacyAcknowledged: true }, 'stay');
      if (!ack.ok) return { send: [], card: noticeCard(explain(ack.error, m)) };
    }
    const submitted = await submitApplication(this.deps, caller.id, ref);
    if (submitted.ok) {
      const a = submitted.value.application.value;
      const manager = a.about ? await this.deps.directory.getPerson(a.about.managerId) : null;
      return { send: [], card: submittedCard({ applicationId: a.id, title: a.idea?.title ?? '', managerName: manager?.name ?? '', managerNamedByApplicant: managerNamedByApplicant(a) }, m) };
    }
    const fresh = (await this.deps.applications.get(ref.cohortId, ref.applicationId))?.value ?? found.value;
    const privacyMissing = submitted.error.code === 'INCOMPLETE' && submitted.error.missing.includes('privacy');
    return {
      send: [],
      card: await this.formCard(fresh, cohort, m, {
        step: 'review',
        values: { ...(await this.storedValues(fresh)), ...raw },
        ...(privacyMissing ? { fieldErrors: [{ field: 'privacyAcknowledged', code: 'notChecked' }] } : {}),
        notice: { text: explain(submitted.error, m), attention: true },
      }),
    };
  }

  private async editOutcome(caller: Caller, cohortId: string, applicationId: string): Promise<ActionOutcome> {
    const m = caller.m;
    const reopened = await reopenForEditing(this.deps, caller.id, { cohortId, applicationId });
    if (!reopened.ok) {
      const e = reopened.error;
      if (e.code !== 'NOT_EDITABLE') return { send: [], card: noticeCard(explain(e, m)) };
      const state = (await this.deps.applications.get(cohortId, applicationId))?.value.state;
      return { send: [], card: noticeCard(!state || state === 'approved' ? m.intake.notEditable : m.intake.notEditableIn(m.states[state])) };
    }
    const a = reopened.value.application.value;
    return { send: [], card: await this.formCard(a, await this.cohortOf(a), m, { values: await this.storedValues(a) }) };
  }

  async respond(caller: Caller, ref: ApplicationRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const m = caller.m;
    const { cohortId, applicationId } = ref;
    const parsed = parseInvitationAnswer(raw);
    const found = await this.deps.applications.get(cohortId, applicationId);
    // An answer already given (a double click, or an old card): the same answer gets the saved result as the first time.
    const given = found ? [...found.value.coApplicants, ...(found.value.formerCoApplicants ?? [])].find((c) => c.personId === caller.id && c.status !== 'invited') : undefined;
    if (found && given) {
      const lead = plain(found.value.applicantName);
      const accepted = given.status !== 'declined';
      const onTeam = found.value.coApplicants.some((c) => c.personId === caller.id);
      // Who said yes and was taken off the team since is told so below; a no stays a no either way.
      if (parsed.ok && parsed.value.accept === accepted && (onTeam || !accepted)) {
        return { send: [], card: noticeCard(accepted ? m.intake.invitation.accepted(lead) : m.intake.invitation.declined(lead)) };
      }
      if (onTeam) return { send: [], card: noticeCard(m.intake.invitation.answeredOther(accepted)) };
    }
    if (found && (found.value.formerCoApplicants ?? []).some((c) => c.personId === caller.id) && !found.value.coApplicants.some((c) => c.personId === caller.id)) {
      return { send: [], card: noticeCard(m.intake.invitation.removed(plain(found.value.applicantName))) };
    }
    if (!found || !found.value.coApplicants.some((c) => c.personId === caller.id)) return { send: [], card: noticeCard(m.intake.invitation.notInvited) };
    const a = found.value;
    const invitation = (errors: string[]) => ({
      send: [],
      card: invitationCard({ application: a, permanent: raw.permanentEmployment === 'true', employmentStart: raw.employmentStart ?? '', errors }, m),
    });
    if (!parsed.ok) return invitation(parsed.errors.map((e) => this.fieldText(e, m)));
    const answered = await respondAsCoApplicant(this.deps, caller.id, { cohortId, applicationId }, parsed.value);
    if (!answered.ok) {
      if (answered.error.code === 'NOT_ELIGIBLE') return invitation(answered.error.failures.map((f) => m.intake.rules[f.failure.rule](f.failure.facts)));
      if (answered.error.code === 'ALREADY_EXISTS') return { send: [], card: noticeCard(m.intake.invitation.answered) };
      return { send: [], card: noticeCard(explain(answered.error, m)) };
    }
    const lead = plain(a.applicantName);
    return { send: [], card: noticeCard(parsed.value.accept ? m.intake.invitation.accepted(lead) : m.intake.invitation.declined(lead)) };
  }

  /** The card for a step (form or review), from stored values or the values just typed. */
  private async formCard(
    a: Application,
    cohort: Cohort | null,
    m: Messages,
    options: { step?: IntakeStep; values: FormValues; fieldErrors?: readonly FieldError[]; notice?: { text: string; attention?: boolean } },
  ) {
    const step = options.step ?? a.step;
    const errors: Record<string, string[]> = {};
    for (const e of options.fieldErrors ?? []) (errors[e.field] ??= []).push(this.fieldText(e, m));
    const me = await this.deps.directory.getPerson(a.applicantId);
    const directoryManager = me?.managerId ? await this.deps.directory.getPerson(me.managerId) : null;
    const notice = options.notice ?? (options.fieldErrors?.length ? { text: m.intake.fixFields, attention: true } : undefined);
    const base = {
      applicationId: a.id,
      cohortId: a.cohortId,
      cohortName: cohort?.name ?? a.cohortId,
      step,
      values: options.values,
      errors,
      ...(notice ? { notice } : {}),
      ...(directoryManager ? { directoryManagerName: directoryManager.name } : {}),
      ...(cohort ? { programmeStartsOn: cohort.programmeStartsOn } : {}),
    };
    if (step !== 'review') return intakeStepCard(base, m);
    const now = this.deps.clock.now();
    const blockers = cohort
      ? eligibilityOf(a, cohort, now, a.state !== 'changesRequested').map((f) => {
          const t = m.intake.rules[f.failure.rule](f.failure.facts);
          return f.personName === a.applicantName ? t : m.intake.review.whose(plain(f.personName), t);
        })
      : [];
    const pending = a.coApplicants.filter((c) => c.status === 'invited');
    if (pending.length > 0) blockers.push(m.intake.coApplicantsPending(m.list(pending.map((c) => plain(c.name)))));
    const namedProblem = await namedManagerProblem(this.deps, a);
    if (namedProblem) blockers.push(explain(namedProblem, m));
    const manager = a.about ? await this.deps.directory.getPerson(a.about.managerId) : null;
    return reviewCard(
      {
        ...base,
        application: a,
        ...(manager ? { managerName: manager.name, managerNamedByApplicant: managerNamedByApplicant(a) } : {}),
        // The privacy notice is acknowledged on this very card, so it is not listed as missing here.
        missing: missingSections(a).filter((s) => s !== 'privacy').map((s) => m.intake.missingSection[s]),
        blockers,
      },
      m,
    );
  }

  private async storedValues(a: Application): Promise<FormValues> {
    const me = await this.deps.directory.getPerson(a.applicantId);
    const manager = a.about && !a.about.managerFromDirectory ? await this.deps.directory.getPerson(a.about.managerId) : null;
    const coEmails = await Promise.all(a.coApplicants.map(async (c) => (await this.deps.directory.getPerson(c.personId))?.email ?? ''));
    return formValues(a, {
      ...(me?.municipality ? { municipality: me.municipality } : {}),
      ...(me?.administration ? { administration: me.administration } : {}),
      ...(me?.workplace ? { workplace: me.workplace } : {}),
      ...(me?.hireDate ? { employmentStart: me.hireDate } : {}),
      ...(me && me.employeeType !== 'unknown' ? { permanent: me.employeeType === 'permanent' } : {}),
      ...(manager ? { managerEmail: manager.email } : {}),
      coApplicantEmails: coEmails.filter(Boolean),
    });
  }

  private async statusCardFor(a: Application, m: Messages) {
    return renderStatusCard(this.deps, a, m);
  }

  private async cohortOf(a: Application): Promise<Cohort | null> {
    return (await this.deps.cohorts.get(a.cohortId))?.value ?? null;
  }

  private fieldText(e: FieldError, m: Messages): string {
    const facts = plainFacts(e.facts);
    return e.code === 'rule' && e.rule ? m.intake.rules[e.rule](facts) : m.intake.fieldErrors[e.code](facts);
  }
}

/** Why the application cannot be withdrawn (with its state), or null when it can: one answer for the command, the button and the confirmation. */
function withdrawRefusal(a: Application, m: Messages): string | null {
  if (isWithdrawable(a)) return null;
  return a.state === 'withdrawn' ? m.intake.withdraw.already : m.intake.withdraw.notWithdrawable(m.states[a.state]);
}

/**
 * `status`: the applicant's card from the stored application, with who the bot cannot reach, and the manager marked
 * when the applicant named them rather than the directory. (Coordinators read `visa`, told about the applicant.)
 */
export async function renderStatusCard(deps: Pick<IntakeHandlerDeps, 'applications' | 'cohorts' | 'directory' | 'outbox' | 'tabLink'>, a: Application, m: Messages) {
  const cohort = (await deps.cohorts.get(a.cohortId))?.value;
  const trail = await deps.applications.auditTrail(a.cohortId, a.id);
  const messages = deps.outbox ? await deps.outbox.forApplication(a.cohortId, a.id) : [];
  const unreachable = await Promise.all(
    messages.filter((x) => x.status === 'unreachable' || x.status === 'failed').map(async (x) => (await deps.directory.getPerson(x.recipientId))?.name ?? x.recipientId),
  );
  const manager = a.about ? { name: (await deps.directory.getPerson(a.about.managerId))?.name ?? a.about.managerId, namedByApplicant: managerNamedByApplicant(a) } : undefined;
  const tabUrl = deps.tabLink?.(tabViews.application());
  return statusCard({ application: a, cohortName: cohort?.name ?? a.cohortId, trail, unreachable: [...new Set(unreachable)], ...(manager ? { manager } : {}), ...(tabUrl ? { tabUrl } : {}) }, m);
}
