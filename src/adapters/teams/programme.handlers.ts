import { z } from 'zod';
import { formatSek, ledger, parseAmount } from '../../domain/budget';
import { addDays, isIsoDate, swedishInstant } from '../../domain/dates';
import type { Messages } from '../../i18n';
import { assignSupport } from '../../use-cases/programme/assign-support';
import { changeRole } from '../../use-cases/programme/change-role';
import { decideExpense } from '../../use-cases/programme/decide-expense';
import type { ProgrammeDeps } from '../../use-cases/programme/deps';
import { findApplicationById } from '../../use-cases/programme/find-application';
import { APPLICATIONS_PAGE, listApplications } from '../../use-cases/programme/list-applications';
import { recordGate } from '../../use-cases/programme/record-gate';
import { recordOutcome } from '../../use-cases/programme/record-outcome';
import { reportExpense } from '../../use-cases/programme/report-expense';
import { saveCohort } from '../../use-cases/programme/save-cohort';
import { setIntake } from '../../use-cases/programme/set-intake';
import { startPhase } from '../../use-cases/programme/start-phase';
import { statistics } from '../../use-cases/programme/statistics';
import { currentCohort } from '../../use-cases/current-cohort';
import { noticeCard } from '../cards/application.cards';
import { applicationListCard, auditLogCard, cohortCard, expenseCard, GATE_LIST_SHOWN, gateCard, gateListCard, outcomeCard, statisticsCard } from '../cards/programme.cards';
import { APPLICATION_STATES, type ApplicationState } from '../../domain/application.state-machine';
import { MUNICIPALITIES } from '../../domain/municipalities';
import { applicationIdFrom, isApplicationId, isCohortId, isExpenseId } from '../../domain/ids';
import { GATE_OUTCOMES, IP_OWNERS, LIMITS, OUTCOME_KINDS, type Application } from '../../domain/application';
import { hrContactOf } from '../../domain/person';
import { JOINABLE_STATES, PHASES } from '../../domain/programme';
import { addOrRemove, isEmail, type ApplicationRef, type PageData } from './card-refs';
import { plain } from '../cards/card-kit';
import { explain } from './explain';
import { renderStatusCard } from './intake.handlers';
import { isCoordinator } from '../../use-cases/resolve-roles';
import { firstCard, type ActionOutcome, type Caller, type Reply } from './turn';

/** The coordinators' programme management, and participants' expenses. */
export class ProgrammeHandlers {
  constructor(private readonly deps: ProgrammeDeps) {}

  async newCohort(_caller: Caller, m: Messages): Promise<Reply[]> {
    return [{ card: cohortCard({}, m) }];
  }

  async editCohort(caller: Caller): Promise<Reply[]> {
    if (!(await this.isCoordinator(caller.id))) return [{ text: caller.m.errors.NOT_ALLOWED }];
    const current = await currentCohort(this.deps);
    return [{ card: cohortCard(current ? { cohort: current.value } : {}, caller.m) }];
  }

  async intake(caller: Caller, open: boolean, args = ''): Promise<Reply[]> {
    const done = await setIntake(this.deps, caller.id, open, args.trim());
    if (!done.ok) return [{ text: explain(done.error, caller.m) }];
    return [{ text: open ? caller.m.programme.intakeOpened(done.value.name, caller.m.date(done.value.intakeClosesAt)) : caller.m.programme.intakeClosedNow(done.value.name) }];
  }

  async startPhase(caller: Caller, args: string): Promise<Reply[]> {
    const phase = PHASES.find((p) => p === Number(args.trim()));
    if (!phase) return [{ text: caller.m.commands.startPhase }];
    const done = await startPhase(this.deps, caller.id, phase);
    return [{ text: done.ok ? caller.m.programme.phaseStarted(phase, done.value.moved) : explain(done.error, caller.m) }];
  }

  async gate(caller: Caller): Promise<Reply[]> {
    if (!(await this.isCoordinator(caller.id))) return [{ text: caller.m.errors.NOT_ALLOWED }];
    const current = await currentCohort(this.deps);
    if (!current) return [{ text: caller.m.errors.NOT_FOUND }];
    // Participants at the gate are tens (the cohort's places); the card shows GATE_LIST_SHOWN of them.
    const apps = await this.deps.applications.page(current.value.id, { states: ['phase1'] }, GATE_LIST_SHOWN);
    return [{ card: gateListCard(apps.items.map((v) => v.value), caller.m) }];
  }

  async outcome(caller: Caller, args: string): Promise<Reply[]> {
    const found = await this.applicationFor(caller, args);
    return 'application' in found ? [{ card: outcomeCard({ application: found.application }, caller.m) }] : found.replies;
  }

  async show(caller: Caller, args: string, log: boolean): Promise<Reply[]> {
    const found = await this.applicationFor(caller, args);
    if (!('application' in found)) return found.replies;
    const a = found.application;
    if (!log) return [{ card: await renderStatusCard(this.deps, a, caller.m, 'coordinator') }];
    const trail = await this.deps.applications.auditTrail(a.cohortId, a.id);
    const names: Record<string, string> = {};
    for (const id of new Set(trail.map((e) => e.actorId))) names[id] = (await this.deps.directory.getPerson(id))?.name ?? id;
    return [{ card: auditLogCard(a, trail, names, caller.m) }];
  }

  async statistics(caller: Caller): Promise<Reply[]> {
    const s = await statistics(this.deps, caller.id);
    return s.ok ? [{ card: statisticsCard({ cohortName: s.value.cohort.name, rows: s.value.rows, waitingManagers: s.value.waitingManagers, jurorsBehind: s.value.jurorsBehind }, caller.m) }] : [{ text: explain(s.error, caller.m) }];
  }

  /** `utlägg 1 200 prototyp`: the amount is the longest run of leading words that reads as an amount. */
  async expense(caller: Caller, args: string): Promise<Reply[]> {
    const x = caller.m.programme.expense;
    const words = args.trim().split(/\s+/).filter(Boolean);
    let split: { ore: number; description: string } | undefined;
    for (let k = words.length - 1; k >= 1 && !split; k--) {
      const amount = parseAmount(words.slice(0, k).join(' '));
      if (amount.ok) split = { ore: amount.ore, description: words.slice(k).join(' ') };
    }
    if (!split) return [{ text: /^\d/.test(words[0] ?? '') ? x.invalidAmount : x.usage }];
    const amount = { ore: split.ore };
    const done = await reportExpense(this.deps, caller.id, split.ore, split.description);
    if (!done.ok) {
      if (done.error.code === 'OVERSPEND') return [{ text: x.overspend(formatSek(done.error.remainingOre)) }];
      if (done.error.code === 'NOT_FOUND') return [{ text: x.noBudget }];
      return [{ text: x.usage }];
    }
    const budget = done.value.application.budget;
    return [{ text: x.reported(formatSek(amount.ore), budget ? formatSek(ledger(budget).remaining) : '') }];
  }

  /** `samordnare lägg till|ta bort <e-post>`. */
  async roles(caller: Caller, args: string): Promise<Reply[]> {
    const r = caller.m.programme.roles;
    const change = addOrRemove(args);
    if (!change) return [{ text: r.usage }];
    const { add, email } = change;
    if (!isEmail(email)) return [{ text: caller.m.jury.commands.unknownPerson(plain(email)) }];
    const done = await changeRole(this.deps, caller.id, { kind: 'coordinator', add, email });
    if (!done.ok) return [{ text: done.error.code === 'FIELD' ? caller.m.jury.commands.unknownPerson(plain(email)) : done.error.code === 'NOT_ALLOWED' ? r.lastCoordinator : explain(done.error, caller.m) }];
    return [{ text: add ? r.coordinatorAdded(done.value.name) : r.coordinatorRemoved(done.value.name) }];
  }

  /** `hr <kommun> <e-post>`. */
  async hr(caller: Caller, args: string): Promise<Reply[]> {
    const r = caller.m.programme.roles;
    const match = /^(.+?)\s+(\S+@\S+)$/.exec(args.trim());
    if (!match) return [{ text: r.usage }];
    const municipality = MUNICIPALITIES.find((k) => k.toLowerCase() === (match[1] ?? '').trim().toLowerCase());
    if (!municipality) return [{ text: r.unknownMunicipality(plain(match[1] ?? '')) }];
    if (!isEmail(match[2] ?? '')) return [{ text: caller.m.jury.commands.unknownPerson(plain(match[2] ?? '')) }];
    const done = await changeRole(this.deps, caller.id, { kind: 'hrContact', municipality, email: match[2] ?? '' });
    if (!done.ok) return [{ text: done.error.code === 'FIELD' ? caller.m.jury.commands.unknownPerson(plain(match[2] ?? '')) : explain(done.error, caller.m) }];
    return [{ text: r.hrSet(done.value.name, municipality) }];
  }

  /** `mentor <id> <e-post>` / `sponsor <id> <e-post>`. */
  async support(caller: Caller, role: 'mentor' | 'sponsor', args: string): Promise<Reply[]> {
    const s = caller.m.programme.support;
    const match = /^(\S+)\s+(\S+@\S+)$/.exec(args.trim());
    if (!match) return [{ text: s.usage }];
    if (!applicationIdFrom(match[1] ?? '')) return [{ text: caller.m.programme.show.notFoundAny }];
    if (!isEmail(match[2] ?? '')) return [{ text: caller.m.jury.commands.unknownPerson(plain(match[2] ?? '')) }];
    const done = await assignSupport(this.deps, caller.id, match[1] ?? '', role, match[2] ?? '');
    if (!done.ok) return [{ text: done.error.code === 'FIELD' ? caller.m.jury.commands.unknownPerson(plain(match[2] ?? '')) : done.error.code === 'NOT_FOUND' ? caller.m.programme.show.notFound(plain(match[1] ?? '')) : explain(done.error, caller.m) }];
    return [{ text: s.assigned(s.roleName[role] ?? role, done.value.name, done.value.application.id) }];
  }

  /** `ansökningar [status] [kommun]`: state in the Swedish or English display words, or its id; a municipality by name. */
  async list(caller: Caller, args: string, page = 1, after?: string): Promise<Reply[]> {
    const text = args.trim().toLowerCase();
    const municipality = MUNICIPALITIES.find((k) => text.includes(k.toLowerCase()));
    const rest = municipality ? text.replace(municipality.toLowerCase(), '').trim() : text;
    const state = rest ? APPLICATION_STATES.find((st) => st.toLowerCase() === rest || caller.m.states[st].toLowerCase().startsWith(rest)) : undefined;
    const filter: { state?: ApplicationState; municipality?: (typeof MUNICIPALITIES)[number] } = { ...(state ? { state } : {}), ...(municipality ? { municipality } : {}) };
    const done = await listApplications(this.deps, caller.id, filter, after);
    if (!done.ok) return [{ text: explain(done.error, caller.m) }];
    const { cohort, applications, total, next } = done.value;
    return [{ card: applicationListCard({ cohortName: cohort.name, applications, total, page, pageSize: APPLICATIONS_PAGE, filter: args.trim(), ...(next !== undefined ? { next } : {}) }, caller.m) }];
  }

  /** Another page of the application list. */
  async listPage(caller: Caller, data: PageData, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    return firstCard(await this.list(caller, (raw.filter ?? '').slice(0, 80), data.after ? data.page : 1, data.after));
  }

  async gateOpen(caller: Caller, ref: ApplicationRef): Promise<ActionOutcome> {
    return this.withApplication(caller, ref, async (a) => ({ send: [], card: gateCard({ application: a, teams: await this.teamsToJoin(ref) }, caller.m) }));
  }

  async gateSave(caller: Caller, ref: ApplicationRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const m = caller.m;
    return this.withApplication(caller, ref, async (a) => {
      const again = async (error: string) => ({ send: [], card: gateCard({ application: a, teams: await this.teamsToJoin(ref), errors: [error] }, m) });
      const outcome = z.enum(GATE_OUTCOMES).safeParse(raw.outcome);
      if (!outcome.success) return again(m.intake.fieldErrors.required());
      const joined = raw.joinedApplicationId || undefined;
      if (joined !== undefined && !isApplicationId(joined)) return again(m.programme.gate.teamRequired);
      const done = await recordGate(this.deps, caller.id, ref, outcome.data, joined);
      if (!done.ok) return again(done.error.code === 'FIELD' ? m.programme.gate.teamRequired : explain(done.error, m));
      return { send: [], card: gateCard({ application: done.value, teams: [], notice: m.programme.gate.saved(m.programme.gate.options[outcome.data]) }, m) };
    });
  }

  async outcomeSave(caller: Caller, ref: ApplicationRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const m = caller.m;
    return this.withApplication(caller, ref, async (a) => {
      const kind = z.enum(OUTCOME_KINDS).safeParse(raw.kind);
      const ip = z.enum(IP_OWNERS).safeParse(raw.ipOwner);
      if (!kind.success || !ip.success) return { send: [], card: outcomeCard({ application: a, errors: [m.intake.fieldErrors.required()] }, m) };
      const done = await recordOutcome(this.deps, caller.id, ref, kind.data, ip.data, raw.receivingAdministration);
      if (!done.ok) return { send: [], card: outcomeCard({ application: a, errors: [done.error.code === 'FIELD' ? m.programme.outcome.administrationRequired : explain(done.error, m)] }, m) };
      return { send: [], card: outcomeCard({ application: done.value, notice: m.programme.outcome.saved }, m) };
    });
  }

  /** The expense card is for the HR contact of the team's municipality (decided from the stored settings). */
  async expenseDecide(caller: Caller, ref: ApplicationRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const m = caller.m;
    return this.withApplication(caller, ref, async (a) => {
      if (!(await this.isHrContactOf(a, caller.id))) return { send: [], card: noticeCard(m.programme.expense.notYours) };
      const decision = z.enum(['approve', 'reject']).safeParse(raw.decision);
      const expense = isExpenseId(raw.expenseId) ? a.budget?.expenses.find((e) => e.id === raw.expenseId) : undefined;
      if (!decision.success || !expense || !a.budget) return { send: [], card: noticeCard(m.errors.NOT_FOUND) };
      const reason = (raw.reason ?? '').trim();
      const line = (b: NonNullable<Application['budget']>) => {
        const l = ledger(b);
        return m.programme.expense.ledger(formatSek(l.allocated), formatSek(l.approved), formatSek(l.pending), formatSek(l.remaining));
      };
      if (decision.data === 'reject' && reason.length < LIMITS.reason.min) {
        return { send: [], card: expenseCard({ application: a, expense, ledgerLine: line(a.budget), errors: [m.approval.reasonRequired] }, m) };
      }
      const done = await decideExpense(this.deps, caller.id, ref, expense.id, decision.data, reason || undefined);
      if (!done.ok) {
        const text = done.error.code === 'NOT_ALLOWED' ? m.programme.expense.notYours : done.error.code === 'ILLEGAL_TRANSITION' ? m.programme.expense.decidedAlready : explain(done.error, m);
        return { send: [], card: expenseCard({ application: a, expense, ledgerLine: line(a.budget), notice: text }, m) };
      }
      const after = done.value.budget?.expenses.find((e) => e.id === expense.id) ?? expense;
      const notice = decision.data === 'approve' ? m.programme.expense.approved(formatSek(expense.ore)) : m.programme.expense.rejected(formatSek(expense.ore));
      return { send: [], card: expenseCard({ application: done.value, expense: after, ledgerLine: done.value.budget ? line(done.value.budget) : '', notice }, m) };
    });
  }

  /** The stored application a button names, or "not found". */
  private async withApplication(caller: Caller, ref: ApplicationRef, then: (a: Application) => Promise<ActionOutcome>): Promise<ActionOutcome> {
    const found = await this.deps.applications.get(ref.cohortId, ref.applicationId);
    return found ? then(found.value) : { send: [], card: noticeCard(caller.m.errors.NOT_FOUND) };
  }

  /** The teams a participant may join at the gate. */
  private async teamsToJoin(ref: ApplicationRef): Promise<Application[]> {
    return (await this.deps.applications.page(ref.cohortId, { states: JOINABLE_STATES }, GATE_LIST_SHOWN)).items.map((v) => v.value);
  }

  async saveCohort(caller: Caller, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const m = caller.m;
    const c = m.programme.cohortCard;
    const errors: Record<string, string[]> = {};
    const need = (id: string) => {
      const v = (raw[id] ?? '').trim();
      if (!v) (errors[id] ??= []).push(c.required);
      return v;
    };
    const name = need('name');
    if (name.length > 80) (errors.name ??= []).push(c.invalid);
    const dates = ['intakeOpensOn', 'intakeClosesOn', 'programmeStartsOn'].map((id) => {
      const v = need(id);
      if (v && !isIsoDate(v)) (errors[id] ??= []).push(c.invalid);
      return v;
    });
    const int = (id: string, min: number, max: number) => {
      const n = Number(need(id));
      if (!Number.isInteger(n) || n < min || n > max) (errors[id] ??= []).push(c.invalid);
      return n;
    };
    const capacity = int('capacity', 1, 500);
    const quorum = int('quorum', 1, 50);
    const budget = parseAmount(need('budgetKr'));
    if (!budget.ok) (errors.budgetKr ??= []).push(c.invalid);
    if (raw.cohortId && !isCohortId(raw.cohortId)) return { send: [], card: noticeCard(m.errors.NOT_FOUND) };
    const existing = raw.cohortId ? await this.deps.cohorts.get(raw.cohortId) : null;
    if (raw.cohortId && !existing) return { send: [], card: noticeCard(m.errors.NOT_FOUND) };
    const [opens, closes, starts] = dates;
    if (Object.keys(errors).length > 0 || !budget.ok || !opens || !closes || !starts) return { send: [], card: cohortCard({ ...(existing ? { cohort: existing.value } : {}), values: raw, errors }, m) };
    const closesAt = swedishInstant(addDays(closes, 1)).toISOString();
    const saved = await saveCohort(this.deps, caller.id, {
      ...(existing ? { id: existing.value.id } : {}),
      name,
      intakeOpensAt: swedishInstant(opens).toISOString(),
      intakeClosesAt: closesAt,
      programmeStartsOn: starts,
      capacity,
      budgetPerParticipantOre: budget.ore,
      quorum,
      normalise: raw.normalise === 'true',
    });
    if (!saved.ok) {
      if (saved.error.code === 'FIELD') return { send: [], card: cohortCard({ ...(existing ? { cohort: existing.value } : {}), values: raw, errors: { intakeClosesOn: [c.closesBeforeOpens] } }, m) };
      return { send: [], card: noticeCard(explain(saved.error, m)) };
    }
    return { send: [{ text: c.saved(saved.value.value.name) }], card: cohortCard({ cohort: saved.value.value }, m) };
  }

  private isCoordinator(personId: string): Promise<boolean> {
    return isCoordinator(this.deps, personId);
  }

  private async isHrContactOf(application: Application, personId: string): Promise<boolean> {
    const hr = hrContactOf((await this.deps.settings.get())?.value, application.about?.municipality);
    return Boolean(hr && hr === personId);
  }

  /** The application a coordinator's command names (`visa A-7K3QX2`), or the answer when there is none. */
  private async applicationFor(caller: Caller, args: string): Promise<{ application: Application } | { replies: Reply[] }> {
    if (!(await this.isCoordinator(caller.id))) return { replies: [{ text: caller.m.errors.NOT_ALLOWED }] };
    const id = applicationIdFrom(args);
    if (!id) return { replies: [{ text: caller.m.programme.show.notFoundAny }] };
    const application = await findApplicationById(this.deps, id);
    return application ? { application } : { replies: [{ text: caller.m.programme.show.notFound(id) }] };
  }
}
