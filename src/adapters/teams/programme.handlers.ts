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
import { reportExpense, spendingTeamOf } from '../../use-cases/programme/report-expense';
import { participantsOf } from '../../use-cases/programme/participants';
import type { Refusal } from '../../domain/errors';
import { saveCohort } from '../../use-cases/programme/save-cohort';
import { setIntake } from '../../use-cases/programme/set-intake';
import { previewPhaseStart, startPhase } from '../../use-cases/programme/start-phase';
import { statistics } from '../../use-cases/programme/statistics';
import { reportOf } from '../../use-cases/programme/coordinator-views';
import { tabViews, type TabLink } from '../tab/deep-link';
import { currentCohort } from '../../use-cases/current-cohort';
import { noticeCard } from '../cards/application.cards';
import { applicationListCard, applicationViewCard, budgetLine, auditLogCard, LOG_SHOWN, cohortCard, expenseCard, GATE_LIST_SHOWN, gateCard, gateListCard, outcomeCard, participantsCard, phaseStartCard, reportCard, statisticsCard } from '../cards/programme.cards';
import { APPLICATION_STATES, type ApplicationState } from '../../domain/application.state-machine';
import { MUNICIPALITIES } from '../../domain/municipalities';
import { applicationIdFrom, isApplicationId, isCohortId, isExpenseId } from '../../domain/ids';
import { GATE_OUTCOMES, IP_OWNERS, LIMITS, OUTCOME_KINDS, type Application } from '../../domain/application';
import { hrContactOf } from '../../domain/person';
import { JOINABLE_STATES, PHASES } from '../../domain/programme';
import { addOrRemove, isEmail, type ApplicationRef, type ExpenseRef, type PageData } from './card-refs';
import { plain } from '../cards/card-kit';
import { explain } from './explain';
import { isCoordinator } from '../../use-cases/resolve-roles';
import { firstCard, type ActionOutcome, type Caller, type Reply } from './turn';

/** The answer on the phase start's confirmation card: which phase, and yes or no. Untrusted, so parsed. */
export const PhaseStartData = z.object({ phase: z.union([z.literal(1), z.literal(2), z.literal(3)]), answer: z.enum(['yes', 'no']) });
export type PhaseStartData = z.output<typeof PhaseStartData>;

/** The coordinators' programme management, and participants' expenses. */
export class ProgrammeHandlers {
  constructor(private readonly deps: ProgrammeDeps & { readonly tabLink?: TabLink }) {}

  async newCohort(_caller: Caller, m: Messages): Promise<Reply[]> {
    return [{ card: cohortCard({}, m) }];
  }

  async editCohort(caller: Caller): Promise<Reply[]> {
    if (!(await this.isCoordinator(caller.id))) return [{ text: caller.m.errors.NOT_ALLOWED }];
    const current = await currentCohort(this.deps);
    return [{ card: cohortCard(current ? { cohort: current.value } : {}, caller.m) }];
  }

  /** A cohort's card from the button on `kohorter`. */
  async cohortOpen(caller: Caller, cohortId: string): Promise<ActionOutcome> {
    const found = await this.deps.cohorts.get(cohortId);
    return { send: [{ card: found ? cohortCard({ cohort: found.value }, caller.m) : noticeCard(caller.m.errors.NOT_FOUND) }] };
  }

  async intake(caller: Caller, open: boolean, args = ''): Promise<Reply[]> {
    const done = await setIntake(this.deps, caller.id, open, args.trim());
    if (!done.ok) return [{ text: explain(done.error, caller.m) }];
    return [{ text: open ? caller.m.programme.intakeOpened(done.value.name, caller.m.date(done.value.intakeClosesAt)) : caller.m.programme.intakeClosedNow(done.value.name) }];
  }

  /**
   * `starta fas N` asks first: the card says how many applications move on and how many people are told, since
   * neither can be undone. Nothing moves until the coordinator confirms on the card.
   */
  async startPhase(caller: Caller, args: string): Promise<Reply[]> {
    const phase = PHASES.find((p) => p === Number(args.trim()));
    if (!phase) return [{ text: caller.m.commands.startPhase }];
    const preview = await previewPhaseStart(this.deps, caller.id, phase);
    if (!preview.ok) return [{ text: explain(preview.error, caller.m) }];
    const { cohort, teams, people, started } = preview.value;
    if (teams === 0) return [{ text: caller.m.programme.phaseConfirm.nothing(phase, started) }];
    return [{ card: phaseStartCard({ cohortName: cohort.name, phase, teams, people }, caller.m) }];
  }

  /** The answer on the confirmation card: start (once: a second click moves nobody and answers the same) or leave it. */
  async startPhaseConfirmed(caller: Caller, data: PhaseStartData): Promise<ActionOutcome> {
    const p = caller.m.programme.phaseConfirm;
    if (data.answer === 'no') return { send: [], card: noticeCard(p.cancelled(data.phase)) };
    const done = await startPhase(this.deps, caller.id, data.phase);
    if (!done.ok) return { send: [], card: noticeCard(explain(done.error, caller.m)) };
    // A second click (or a second coordinator) moves nobody: it answers with the phase as started, the saved result.
    const { moved, started } = done.value;
    return { send: [], card: noticeCard(moved > 0 || started > 0 ? caller.m.programme.phaseStarted(data.phase, Math.max(moved, started)) : p.nothing(data.phase, 0)) };
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

  /** The outcome card from the button on `visa`. */
  async outcomeOpen(caller: Caller, ref: ApplicationRef): Promise<ActionOutcome> {
    return this.withApplication(caller, ref, async (a) => ({ send: [], card: outcomeCard({ application: a }, caller.m) }));
  }

  /** `visa <id>` and `logg <id>`: the application or its trail, told to a coordinator about the applicant. */
  async show(caller: Caller, args: string, log: boolean): Promise<Reply[]> {
    const found = await this.applicationFor(caller, args);
    if (!('application' in found)) return found.replies;
    return [{ card: log ? await this.logCard(found.application, caller.m) : await this.viewCard(found.application, caller.m) }];
  }

  /** `visa` from a button (the application list). */
  async showOpen(caller: Caller, ref: ApplicationRef, log: boolean): Promise<ActionOutcome> {
    return this.withApplication(caller, ref, async (a) => ({ send: [{ card: log ? await this.logCard(a, caller.m) : await this.viewCard(a, caller.m) }] }));
  }

  private async viewCard(a: Application, m: Messages) {
    const name = async (id: string | undefined) => (id ? ((await this.deps.directory.getPerson(id))?.name ?? id) : undefined);
    const [cohort, managerName, mentorName, sponsorName] = await Promise.all([this.deps.cohorts.get(a.cohortId), name(a.about?.managerId), name(a.mentorId), name(a.sponsorId)]);
    return applicationViewCard(
      { application: a, cohortName: cohort?.value.name ?? a.cohortId, managerName: managerName ?? '', ...(mentorName ? { mentorName } : {}), ...(sponsorName ? { sponsorName } : {}) },
      m,
    );
  }

  private async logCard(a: Application, m: Messages) {
    const trail = await this.deps.applications.auditTrail(a.cohortId, a.id);
    const ids = [...new Set(trail.slice(-LOG_SHOWN).map((e) => e.actorId))];
    const people = await Promise.all(ids.map(async (id) => [id, (await this.deps.directory.getPerson(id))?.name] as const));
    const names = Object.fromEntries(people.filter((p): p is readonly [string, string] => Boolean(p[1])));
    return auditLogCard(a, trail, names, m);
  }

  async report(caller: Caller): Promise<Reply[]> {
    const r = await reportOf(this.deps, caller.id, 'current');
    return r.ok ? [{ card: reportCard({ cohortName: r.value.cohort.name, total: r.value.total, recommended: r.value.recommended }, caller.m, this.deps.tabLink?.(tabViews.report())) }] : [{ text: explain(r.error, caller.m) }];
  }

  async statistics(caller: Caller): Promise<Reply[]> {
    const s = await statistics(this.deps, caller.id);
    return s.ok ? [{ card: statisticsCard(s.value, caller.m) }] : [{ text: explain(s.error, caller.m) }];
  }

  /**
   * `utlägg 1 200 prototyp`: the amount is the longest run of leading words that reads as an amount. An amount too
   * large to be an expense at all (over 10 000 000 kr) is over the budget, and is answered so.
   */
  async expense(caller: Caller, args: string): Promise<Reply[]> {
    const x = caller.m.programme.expense;
    const words = args.trim().split(/\s+/).filter(Boolean);
    let split: { ore: number; description: string } | undefined;
    let tooLarge = false;
    for (let k = Math.min(words.length - 1, 6); k >= 1 && !split; k--) {
      const amount = parseAmount(words.slice(0, k).join(' '));
      if (amount.ok) split = { ore: amount.ore, description: words.slice(k).join(' ') };
      else if (amount.reason === 'tooLarge') tooLarge = true;
    }
    const refused = (error: Refusal): Reply[] => [{ text: error.code === 'OVERSPEND' ? x.overspend(formatSek(error.remainingOre)) : error.code === 'NOT_FOUND' ? x.noBudget : error.code === 'NOT_EDITABLE' ? x.programmeOver : x.usage }];
    if (!split && tooLarge) {
      const team = await spendingTeamOf(this.deps, caller.id);
      if (!team.ok) return refused(team.error);
      const budget = team.value.value.budget;
      return [{ text: budget ? x.overspend(formatSek(ledger(budget).remaining)) : x.noBudget }];
    }
    if (!split) return [{ text: /^\d/.test(words[0] ?? '') ? x.invalidAmount : x.usage }];
    const done = await reportExpense(this.deps, caller.id, split.ore, split.description);
    if (!done.ok) return refused(done.error);
    const budget = done.value.application.budget;
    return [{ text: x.reported(formatSek(split.ore), budget ? formatSek(ledger(budget).remaining) : '') }];
  }

  /** `samordnare lägg till|ta bort <e-post>`. */
  roles(caller: Caller, args: string): Promise<Reply[]> {
    return this.member(caller, args, 'coordinator');
  }

  /** `styrgrupp lägg till/ta bort <e-post>`: who reads the report (the steering group, Kommunchefsgruppen). */
  steeringGroup(caller: Caller, args: string): Promise<Reply[]> {
    return this.member(caller, args, 'steeringGroup');
  }

  /** Adds someone to or removes them from a programme-wide role kept as a list: coordinators, the steering group. */
  private async member(caller: Caller, args: string, kind: 'coordinator' | 'steeringGroup'): Promise<Reply[]> {
    const r = caller.m.programme.roles;
    const change = addOrRemove(args);
    if (!change) return [{ text: r.usage }];
    const { add, email } = change;
    if (!isEmail(email)) return [{ text: caller.m.jury.commands.unknownPerson(plain(email)) }];
    const done = await changeRole(this.deps, caller.id, { kind, add, email });
    if (!done.ok) {
      if (done.error.code === 'FIELD') return [{ text: caller.m.jury.commands.unknownPerson(plain(email)) }];
      // Refused for coordinators only when it would remove the last one.
      return [{ text: kind === 'coordinator' && done.error.code === 'NOT_ALLOWED' ? r.lastCoordinator : explain(done.error, caller.m) }];
    }
    const name = done.value.name;
    if (kind === 'coordinator') return [{ text: add ? r.coordinatorAdded(name) : r.coordinatorRemoved(name) }];
    return [{ text: add ? r.steeringGroupAdded(name) : r.steeringGroupRemoved(name) }];
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
    if (!done.ok) {
      const e = done.error;
      if (e.code === 'FIELD') return [{ text: caller.m.jury.commands.unknownPerson(plain(match[2] ?? '')) }];
      if (e.code === 'NOT_FOUND') return [{ text: caller.m.programme.show.notFound(plain(match[1] ?? '')) }];
      const state = e.code === 'ILLEGAL_TRANSITION' ? APPLICATION_STATES.find((st) => st === e.meta?.state) : undefined;
      return [{ text: state ? s.notParticipant(s.roleName[role], plain(match[1] ?? '').toUpperCase(), caller.m.states[state]) : explain(e, caller.m) }];
    }
    return [{ text: s.assigned(s.roleName[role] ?? role, done.value.name, done.value.application.id) }];
  }

  /** `ansökningar [status] [kommun]`: state in the Swedish or English display words, or its id; a municipality by name. */
  async list(caller: Caller, args: string, page = 1, after?: string): Promise<Reply[]> {
    const text = args.trim().toLowerCase();
    const municipality = MUNICIPALITIES.find((k) => text.includes(k.toLowerCase()));
    const rest = municipality ? text.replace(municipality.toLowerCase(), '').trim() : text;
    const state = rest ? APPLICATION_STATES.find((st) => st.toLowerCase() === rest || caller.m.states[st].toLowerCase().startsWith(rest)) : undefined;
    // A word that is neither a status nor one of the eleven (`ansökningar Malmö`) is said so, never silently dropped.
    if (rest && !state) return [{ text: caller.m.programme.list.unknownFilter(plain(args.trim().slice(0, 80)), caller.m.list([...MUNICIPALITIES])) }];
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

  /**
   * The gate decision. Every error comes back beside its field with the choices kept; a repeat of the decision
   * already saved (a double click) answers with the saved result, and a different one says what was decided.
   */
  async gateSave(caller: Caller, ref: ApplicationRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const m = caller.m;
    const g = m.programme.gate;
    const values = { outcome: (raw.outcome ?? '').slice(0, 40), joinedApplicationId: (raw.joinedApplicationId ?? '').slice(0, 40) };
    const outcome = z.enum(GATE_OUTCOMES).safeParse(raw.outcome);
    const asked = outcome.success ? outcome.data : undefined;
    const joined = asked === 'joinOtherTeam' && isApplicationId(values.joinedApplicationId) ? values.joinedApplicationId : undefined;
    const answer = (a: Application, notice?: string) => ({ send: [], card: gateCard({ application: a, teams: [], ...(notice ? { notice } : {}) }, m) });
    const decided = (a: Application) => {
      if (!a.gate) return null;
      const same = a.gate.outcome === asked && (asked !== 'joinOtherTeam' || a.gate.joinedApplicationId === joined);
      return answer(a, same ? g.saved(g.options[a.gate.outcome]) : g.decided(g.options[a.gate.outcome]));
    };
    return this.withApplication(caller, ref, async (a) => {
      const again = async (errors: Record<string, string[]>) => ({ send: [], card: gateCard({ application: a, teams: await this.teamsToJoin(ref), values, errors }, m) });
      const before = decided(a);
      if (before) return before;
      if (!asked) return again({ outcome: [g.outcomeRequired] });
      if (asked === 'joinOtherTeam' && !joined) return again({ joinedApplicationId: [g.teamRequired] });
      const done = await recordGate(this.deps, caller.id, ref, asked, joined);
      if (done.ok) return answer(done.value, g.saved(g.options[asked]));
      if (done.error.code === 'FIELD') return again({ joinedApplicationId: [g.teamRequired] });
      const now = (await this.deps.applications.get(ref.cohortId, ref.applicationId))?.value ?? a;
      return decided(now) ?? answer(now, explain(done.error, m));
    });
  }

  /** The phase 3 outcome, final: errors beside their fields with the choices kept; a repeat answers with the saved result. */
  async outcomeSave(caller: Caller, ref: ApplicationRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const m = caller.m;
    const o = m.programme.outcome;
    const values = { kind: (raw.kind ?? '').slice(0, 40), ipOwner: (raw.ipOwner ?? '').slice(0, 40), receivingAdministration: (raw.receivingAdministration ?? '').slice(0, LIMITS.administration.max) };
    const kind = z.enum(OUTCOME_KINDS).safeParse(raw.kind);
    const ip = z.enum(IP_OWNERS).safeParse(raw.ipOwner);
    const answer = (a: Application, notice?: string) => ({ send: [], card: outcomeCard({ application: a, ...(notice ? { notice } : {}) }, m) });
    const decided = (a: Application) => {
      if (!a.outcome) return null;
      const same = kind.success && ip.success && a.outcome.kind === kind.data && a.outcome.ipOwner === ip.data;
      return answer(a, same ? o.saved : o.decided(o.options[a.outcome.kind]));
    };
    return this.withApplication(caller, ref, async (a) => {
      const before = decided(a);
      if (before) return before;
      const errors: Record<string, string[]> = {};
      if (!kind.success) errors.kind = [o.kindRequired];
      if (!ip.success) errors.ipOwner = [o.ipRequired];
      if (kind.success && kind.data === 'handedToLine' && values.receivingAdministration.trim().length < LIMITS.administration.min) errors.receivingAdministration = [o.administrationRequired];
      if (!kind.success || !ip.success || Object.keys(errors).length > 0) return { send: [], card: outcomeCard({ application: a, values, errors }, m) };
      const done = await recordOutcome(this.deps, caller.id, ref, kind.data, ip.data, kind.data === 'handedToLine' ? values.receivingAdministration : undefined);
      if (done.ok) return answer(done.value, o.saved);
      if (done.error.code === 'FIELD') return { send: [], card: outcomeCard({ application: a, values, errors: { receivingAdministration: [o.administrationRequired] } }, m) };
      const now = (await this.deps.applications.get(ref.cohortId, ref.applicationId))?.value ?? a;
      return decided(now) ?? answer(now, explain(done.error, m));
    });
  }

  /**
   * The expense card is for the HR contact of the team's municipality (decided from the stored settings). A repeat
   * of the decision already taken (a double click) answers with the saved result; another decision says what it was.
   */
  async expenseDecide(caller: Caller, ref: ApplicationRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const m = caller.m;
    const x = m.programme.expense;
    const decision = z.enum(['approve', 'reject']).safeParse(raw.decision);
    const expenseId = isExpenseId(raw.expenseId) ? raw.expenseId : undefined;
    /** The card for the expense as stored in `a`, with the notice; null when the application has no such expense. */
    const answer = (a: Application, notice?: string, errors?: readonly string[]) => {
      const expense = a.budget?.expenses.find((e) => e.id === expenseId);
      return expense && a.budget ? { send: [], card: expenseCard({ application: a, expense, ledgerLine: budgetLine(a.budget, m), ...(notice ? { notice } : {}), ...(errors ? { errors } : {}) }, m) } : null;
    };
    const decided = (a: Application) => {
      const expense = a.budget?.expenses.find((e) => e.id === expenseId);
      if (!expense || expense.status === 'pending') return null;
      const asked = decision.success && (decision.data === 'approve') === (expense.status === 'approved');
      const saved = expense.status === 'approved' ? x.approved(formatSek(expense.ore)) : x.rejected(formatSek(expense.ore));
      return answer(a, asked ? saved : `${x.decidedAlready} ${saved}`);
    };
    return this.withApplication(caller, ref, async (a) => {
      if (!(await this.isHrContactOf(a, caller.id))) return { send: [], card: noticeCard(x.notYours) };
      if (!decision.success || !answer(a)) return { send: [], card: noticeCard(m.errors.NOT_FOUND) };
      const before = decided(a);
      if (before) return before;
      const reason = (raw.reason ?? '').trim();
      if (decision.data === 'reject' && reason.length < LIMITS.reason.min) return answer(a, undefined, [m.approval.reasonRequired]) ?? { send: [] };
      const done = await decideExpense(this.deps, caller.id, ref, expenseId ?? '', decision.data, reason || undefined);
      if (done.ok) return decided(done.value) ?? { send: [] };
      if (done.error.code === 'NOT_ALLOWED') return answer(a, x.notYours) ?? { send: [] };
      const now = (await this.deps.applications.get(ref.cohortId, ref.applicationId))?.value ?? a;
      return decided(now) ?? answer(now, explain(done.error, m)) ?? { send: [] };
    });
  }

  /** `deltagare [kommun]`: the teams in the programme in the HR contact's municipalities (a coordinator's: all). */
  async participants(caller: Caller, args = ''): Promise<Reply[]> {
    const wanted = args.trim().slice(0, 80);
    const only = MUNICIPALITIES.find((k) => k.toLowerCase() === wanted.toLowerCase());
    if (wanted && !only) return [{ text: caller.m.programme.roles.unknownMunicipality(plain(wanted)) }];
    const done = await participantsOf(this.deps, caller.id, only);
    if (!done.ok) return [{ text: explain(done.error, caller.m) }];
    const { cohort, municipalities, teams, total } = done.value;
    const scope = municipalities === 'all' ? caller.m.programme.participants.everywhere : caller.m.list([...municipalities]);
    return [{ card: participantsCard({ cohortName: cohort.name, scope, teams, total }, caller.m) }];
  }

  /** An expense's card from `deltagare`: to decide for the team's HR contact, to read for coordinators. */
  async expenseOpen(caller: Caller, ref: ExpenseRef): Promise<ActionOutcome> {
    const m = caller.m;
    return this.withApplication(caller, ref, async (a) => {
      const hr = await this.isHrContactOf(a, caller.id);
      if (!hr && !(await this.isCoordinator(caller.id))) return { send: [], card: noticeCard(m.programme.expense.notYours) };
      const expense = a.budget?.expenses.find((x) => x.id === ref.expenseId);
      if (!expense || !a.budget) return { send: [], card: noticeCard(m.errors.NOT_FOUND) };
      return { send: [{ card: expenseCard({ application: a, expense, ledgerLine: budgetLine(a.budget, m), readOnly: !hr }, m) }] };
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
