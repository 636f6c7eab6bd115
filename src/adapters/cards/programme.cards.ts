import { DEFAULT_QUORUM } from '../../domain/scoring';
import { DEFAULT_REPORT_SCHEDULE } from '../../domain/report-schedule';
import { LIMITS, teamNamesOf, type Application, type OutcomeDecision, type TeamExpense } from '../../domain/application';
import type { ApplicationState } from '../../domain/application.state-machine';
import type { AuditAction, AuditEvent } from '../../domain/audit-event';
import { formatSek, ledger, type Budget } from '../../domain/budget';
import type { Cohort } from '../../domain/cohort';
import type { Phase } from '../../domain/programme';
import { FUNNEL_STAGES } from '../../domain/funnel';
import type { Statistics } from '../../use-cases/programme/statistics';
import type { Report } from '../../use-cases/programme/coordinator-views';
import { followUpSection } from './follow-up.cards';
import type { Messages } from '../../i18n';
import { card, errorLines, heading, choiceInput, dateInput, executeAction, facts, field, numberInput, openUrlAction, plain, text, textInput, title, toggleInput, userText, type AdaptiveCard, type CardElement } from './card-kit';
import { VERBS, type Verb } from './verbs';
import { leaveRows, leaveText } from './approval.card';
import { meetingSection } from './candidate-meeting.cards';

const refOf = (a: Application) => ({ applicationId: a.id, cohortId: a.cohortId });

/** Create or edit a cohort. Dates are calendar days; intake closes at midnight after the closing day. */
export function cohortCard(data: { cohort?: Cohort; values?: Readonly<Record<string, string>>; errors?: Readonly<Record<string, readonly string[]>> }, m: Messages): AdaptiveCard {
  const c = m.programme.cohortCard;
  const k = data.cohort;
  const v = (id: string, fallback: string) => data.values?.[id] ?? fallback;
  const e = (id: string) => data.errors?.[id] ?? [];
  const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '');
  const closingDay = k ? new Date(Date.parse(k.intakeClosesAt) - 1).toISOString().slice(0, 10) : '';
  return card(
    [
      title(k ? c.titleEdit(plain(k.name)) : c.titleNew),
      ...field(textInput('name', c.name, v('name', k?.name ?? ''), { maxLength: 80 }), e('name')),
      ...field(dateInput('intakeOpensOn', c.intakeOpensAt, v('intakeOpensOn', day(k?.intakeOpensAt))), e('intakeOpensOn')),
      ...field(dateInput('intakeClosesOn', c.intakeClosesAt, v('intakeClosesOn', closingDay)), e('intakeClosesOn')),
      ...field(dateInput('programmeStartsOn', c.programmeStartsOn, v('programmeStartsOn', k?.programmeStartsOn ?? '')), e('programmeStartsOn')),
      ...field(numberInput('capacity', c.capacity, v('capacity', k ? String(k.capacity) : '12'), 1, 500), e('capacity')),
      ...field(textInput('budgetKr', c.budget, v('budgetKr', k ? String(k.budgetPerParticipantOre / 100) : '50000'), { maxLength: 20 }), e('budgetKr')),
      ...field(numberInput('quorum', c.quorum, v('quorum', String(k?.quorum ?? DEFAULT_QUORUM)), 1, 50), e('quorum')),
      toggleInput('normalise', c.normalise, v('normalise', String(k?.normalise ?? false)) === 'true'),
      toggleInput('monthlyReport', c.monthlyReport, v('monthlyReport', String((k?.reportSchedule ?? DEFAULT_REPORT_SCHEDULE) === 'monthly')) === 'true'),
    ],
    [executeAction(c.save, VERBS.cohortSave, { cohortId: k?.id ?? '' }, 'positive')],
  );
}

/** Before `starta fas N`: how many applications move on and how many people are told; yes or no. */
export function phaseStartCard(data: { cohortName: string; phase: Phase; teams: number; people: number }, m: Messages): AdaptiveCard {
  const p = m.programme.phaseConfirm;
  return card(
    [title(p.title(data.phase, plain(data.cohortName))), text(p.body(data.phase, data.teams, data.people)), ...(data.phase === 1 ? [text(p.budget)] : []), text(p.final, { weight: 'Bolder' })],
    [executeAction(p.yes(data.phase), VERBS.phaseStart, { phase: data.phase, answer: 'yes' }, 'positive'), executeAction(p.no, VERBS.phaseStart, { phase: data.phase, answer: 'no' })],
  );
}

/** How many participants the gate's cards list: a cohort's places are tens; more than this is not a gate but a mistake. */
export const GATE_LIST_SHOWN = 30;

/** The applications in phase 1 waiting for the gate, each with a button to decide. */
export function gateListCard(applications: readonly Application[], m: Messages): AdaptiveCard {
  const g = m.programme.gate;
  if (applications.length === 0) return card([title(g.listTitle), text(g.none)]);
  return card([
    title(g.listTitle),
    ...applications.slice(0, GATE_LIST_SHOWN).map((a) => ({
      type: 'Container',
      separator: true,
      items: [userText(a.idea?.title ?? a.id, { weight: 'Bolder' }), text(`${a.id} · ${plain(a.applicantName)}`, { isSubtle: true, spacing: 'None' }), { type: 'ActionSet', actions: [executeAction(g.open, VERBS.gateOpen, refOf(a))] }],
    })),
  ]);
}

interface DecisionData {
  readonly application: Application;
  /** What the coordinator chose, kept when the card comes back with errors. */
  readonly values?: Readonly<Record<string, string>>;
  /** The errors beside each field, by input id. */
  readonly errors?: Readonly<Record<string, readonly string[]>>;
  readonly notice?: string;
}

/**
 * A coordinator's decision on one application: its title, the application, what was just saved, and the inputs
 * with their save button while the application is where the decision is taken (else the card only reports).
 */
function decisionCard(data: DecisionData, m: Messages, spec: { heading: (title: string) => string; openIn: ApplicationState; inputs: CardElement[]; save: string; verb: Verb }): AdaptiveCard {
  const a = data.application;
  const head = [
    title(spec.heading(plain(a.idea?.title ?? a.id))),
    text(`${a.id} · ${plain(a.applicantName)} · ${m.states[a.state]}`, { isSubtle: true }),
    ...(data.notice ? [text(data.notice, { color: 'Good', weight: 'Bolder' })] : []),
  ];
  if (a.state !== spec.openIn) return card(head);
  return card([...head, ...spec.inputs], [executeAction(spec.save, spec.verb, refOf(a), 'positive')]);
}

/** An input of a decision card with the value the coordinator chose and the errors beside it. */
const decisionField = (data: DecisionData, id: string, input: (value: string) => CardElement): CardElement[] => field(input(data.values?.[id] ?? ''), data.errors?.[id]);

/**
 * The gate decision for one application: continue, back to the job, or join another team as partner. Joining is
 * offered only when there is another team in the programme to join, with those teams to choose from.
 */
export function gateCard(data: DecisionData & { teams: readonly Application[] }, m: Messages): AdaptiveCard {
  const g = m.programme.gate;
  const others = data.teams.filter((t) => t.id !== data.application.id).map((t) => [t.id, `${t.id}: ${(t.idea?.title ?? '').slice(0, 60)}`] as const);
  const options = Object.entries(g.options).filter(([outcome]) => outcome !== 'joinOtherTeam' || others.length > 0);
  // Asked to join with no team left to join (a card from before the others moved on): said beside the choice.
  const noTeam = others.length === 0 && data.errors?.joinedApplicationId ? [g.noTeamToJoin] : [];
  const chosen = options.some(([outcome]) => outcome === data.values?.outcome) ? (data.values?.outcome ?? '') : '';
  const inputs = [
    ...field(choiceInput('outcome', g.choose, chosen, options), [...(data.errors?.outcome ?? []), ...noTeam]),
    ...(others.length > 0 ? decisionField(data, 'joinedApplicationId', (v) => choiceInput('joinedApplicationId', g.team, v, others)) : []),
  ];
  return decisionCard(data, m, { heading: g.title, openIn: 'phase1', inputs, save: g.save, verb: VERBS.gateSave });
}

/** The phase 3 outcome for one application, with who owns the idea. */
export function outcomeCard(data: DecisionData, m: Messages): AdaptiveCard {
  const o = m.programme.outcome;
  const inputs = [
    ...decisionField(data, 'kind', (v) => choiceInput('kind', o.choose, v, Object.entries(o.options))),
    ...decisionField(data, 'receivingAdministration', (v) => textInput('receivingAdministration', o.administration, v, { maxLength: LIMITS.administration.max })),
    ...decisionField(data, 'ipOwner', (v) => choiceInput('ipOwner', o.ip, v, Object.entries(o.ipOptions))),
  ];
  return decisionCard(data, m, { heading: o.title, openIn: 'phase3', inputs, save: o.save, verb: VERBS.outcomeSave });
}

/** A team's budget in one line: given, approved, waiting for HR, left. */
export function budgetLine(budget: Budget, m: Messages): string {
  const l = ledger(budget);
  return m.programme.expense.ledger(formatSek(l.allocated), formatSek(l.approved), formatSek(l.pending), formatSek(l.remaining));
}

/** To the HR contact: an expense to approve or reject, with the team's ledger. */
export function expenseCard(data: { application: Application; expense: TeamExpense; ledgerLine: string; notice?: string; errors?: readonly string[]; readOnly?: boolean }, m: Messages): AdaptiveCard {
  const x = m.programme.expense;
  const a = data.application;
  const e = data.expense;
  const body: CardElement[] = [
    title(x.cardTitle(plain(a.applicantName))),
    facts([
      [m.intake.status.id, a.id],
      [x.amount, formatSek(e.ore)],
    ]),
    userText(e.description),
    text(data.ledgerLine, { isSubtle: true }),
    ...(data.notice ? [text(data.notice, { weight: 'Bolder' })] : []),
    ...errorLines(data.errors),
  ];
  if (e.status !== 'pending' || data.readOnly) return card(body);
  return card(
    [...body, ...field(textInput('reason', x.reason, '', { maxLength: 500 }))],
    [
      executeAction(x.approve, VERBS.expenseDecide, { ...refOf(a), expenseId: e.id, decision: 'approve' }, 'positive'),
      executeAction(x.reject, VERBS.expenseDecide, { ...refOf(a), expenseId: e.id, decision: 'reject' }, 'destructive'),
    ],
  );
}

/** A table (Adaptive Cards 1.5) with a header row; the first column is the name, the others numbers on the right. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): CardElement {
  const cell = (value: string, bold = false) => ({ type: 'TableCell', items: [text(value, { ...(bold ? { weight: 'Bolder' } : {}), size: 'Small' })] });
  return {
    type: 'Table',
    firstRowAsHeader: true,
    showGridLines: false,
    columns: header.map((_, i) => ({ width: i === 0 ? 3 : 2 })),
    rows: [header, ...rows].map((r, i) => ({ type: 'TableRow', cells: r.map((v) => cell(v, i === 0 || i === rows.length)) })),
  };
}

/**
 * `statistik`: the funnel per municipality (how far applications have come, a column per stage), the budget for
 * initial costs per municipality, and what is stuck; each table ends with the cohort's total.
 */
export function statisticsCard(data: Statistics, m: Messages): AdaptiveCard {
  const s = m.programme.stats;
  const name = plain(data.cohort.name);
  if (data.rows.length === 0) return card([title(s.title(name)), text(s.none)]);
  const n = (x: number) => m.programme.stats.number(x);
  const kr = (ore: number) => formatSek(ore);
  const all = [...data.rows, { ...data.total, municipality: s.total }];
  const withBudget = all.filter((r) => r.budget.allocated > 0);
  return card([
    title(s.title(name)),
    heading(s.funnelTitle),
    text(s.funnelLegend, { isSubtle: true, size: 'Small', spacing: 'None' }),
    // Two tables of four and five columns, so that the numbers keep their headers on a phone too.
    ...[FUNNEL_STAGES.slice(0, 3), FUNNEL_STAGES.slice(3)].map((stages) => table([s.municipality, ...stages.map((st) => s.stages[st])], all.map((r) => [r.municipality, ...stages.map((st) => n(r.funnel.stages[st]))]))),
    ...(data.total.funnel.drafts + data.total.funnel.withdrawn > 0 ? [text(s.beside(data.total.funnel.drafts, data.total.funnel.withdrawn), { isSubtle: true, size: 'Small' })] : []),
    heading(s.budgetTitle),
    ...(withBudget.length > 1
      ? [table([s.municipality, s.allocated, s.approved, s.pending, s.remaining], withBudget.map((r) => [r.municipality, kr(r.budget.allocated), kr(r.budget.approved), kr(r.budget.pending), kr(r.budget.allocated - r.budget.approved - r.budget.pending)]))]
      : [text(s.noBudget, { isSubtle: true })]),
    heading(s.stuckTitle),
    text(s.stuck(data.waitingManagers), { color: data.waitingManagers > 0 ? 'Attention' : 'Default' }),
    text(s.jurorsBehind(data.jurorsBehind), { color: data.jurorsBehind > 0 ? 'Attention' : 'Default' }),
    text(m.recommend.statsLine(data.recommended, name)),
  ]);
}

/**
 * `rapport`, and the steering group's scheduled report (the same card from the same computation, cohortReport): the key
 * figures for the whole cohort, the figures per municipality, the follow-up's aggregates, and the way to the whole
 * report in the tab.
 */
export function reportCard(data: Pick<Report, 'rows' | 'total' | 'followUp'> & { cohortName: string; recommended?: number }, m: Messages, tabUrl?: string): AdaptiveCard {
  const r = m.programme.report;
  const t = data.total;
  const n = (x: number) => m.programme.stats.number(x);
  const s = m.programme.stats;
  const rows = [...data.rows.map((x) => ({ ...x, name: x.municipality ?? '' })), { ...t, name: s.total }];
  return card(
    [
      title(r.title(plain(data.cohortName))),
      text(r.intro, { isSubtle: true }),
      facts([
        [r.submitted, n(t.submitted)],
        [r.approved, n(t.approved)],
        [r.declined, n(t.declined)],
        [r.selected, n(t.selected)],
        [r.inPhase(1), n(t.phase1)],
        [r.inPhase(2), n(t.phase2)],
        [r.inPhase(3), n(t.phase3)],
        [r.outcomes, n(t.outcomes)],
        [r.budget, r.budgetUsed(formatSek(t.spentOre), formatSek(t.allocatedOre))],
        [r.toDecision, r.days(t.medianDaysToDecision)],
        [r.toSelection, r.days(t.medianDaysToSelection)],
      ]),
      ...(data.recommended !== undefined ? [text(m.recommend.statsLine(data.recommended, plain(data.cohortName)), { isSubtle: true })] : []),
      ...(data.rows.length > 0
        ? [
            heading(r.perMunicipality),
            // Two tables of five columns, so that the numbers keep their headers on a phone too.
            table([s.municipality, r.columns.submitted, r.columns.approved, r.columns.selected, r.columns.outcomes], rows.map((x) => [x.name, n(x.submitted), n(x.approved), n(x.selected), n(x.outcomes)])),
            table([s.municipality, r.columns.phase1, r.columns.phase2, r.columns.phase3, r.columns.spent], rows.map((x) => [x.name, n(x.phase1), n(x.phase2), n(x.phase3), formatSek(x.spentOre)])),
          ]
        : []),
      ...followUpSection(data.followUp, m),
    ],
    tabUrl ? [openUrlAction(r.openInTab, tabUrl)] : undefined,
  );
}

/**
 * `deltagare`, for HR contacts and coordinators: the teams in the programme, each with its members, where it is, the
 * leave the lead applicant's manager approved, the budget, and the expenses waiting for HR with a button to the
 * oldest (decided, the next one takes its place).
 */
export function participantsCard(data: { cohortName: string; scope: string; teams: readonly Application[]; total: number }, m: Messages): AdaptiveCard {
  const p = m.programme.participants;
  const head = [title(p.title(plain(data.scope), plain(data.cohortName))), ...(data.total > data.teams.length ? [text(p.more(data.teams.length, data.total), { isSubtle: true })] : [])];
  if (data.teams.length === 0) return card([...head, text(p.none)]);
  return card([
    ...head,
    ...data.teams.map((a) => {
      const lead = a.approvals.find((x) => x.memberId === a.applicantId);
      const leave = lead?.status === 'approved' ? (lead.leave ?? a.leave) : undefined;
      const pending = (a.budget?.expenses ?? []).filter((x) => x.status === 'pending');
      return {
        type: 'Container',
        separator: true,
        items: [
          userText((a.idea?.title ?? a.id).slice(0, 80), { weight: 'Bolder' }),
          text(`${a.id} · ${m.states[a.state]} · ${a.about?.municipality ?? ''}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
          facts([
            [p.team, teamNamesOf(a).map((n) => plain(n.slice(0, 60))).join(', ')],
            ...(leave ? [[m.approval.approvedLeave, leaveText(leave, m)] as const] : []),
            ...(a.budget ? [[p.budget, budgetLine(a.budget, m)] as const] : []),
          ]),
          ...(pending[0] ? [{ type: 'ActionSet', actions: [executeAction(p.pending(pending.length), VERBS.expenseOpen, { ...refOf(a), expenseId: pending[0].id })] }] : []),
        ],
      };
    }),
  ]);
}

/** Who owns the idea after phase 3, and the administration that took it over if one did. */
function ownerAndTaker(outcome: OutcomeDecision, m: Messages): string {
  return [m.programme.log.ip(m.programme.outcome.ipOptions[outcome.ipOwner]), ...(outcome.receivingAdministration ? [plain(outcome.receivingAdministration)] : [])].join(' · ');
}

/** What `visa` shows beside the stored application: names the directory knows, and the cohort's name. */
export interface ApplicationViewData {
  readonly application: Application;
  readonly cohortName: string;
  readonly managerName: string;
  readonly mentorName?: string;
  readonly sponsorName?: string;
}

/**
 * `visa <id>`, for coordinators: the whole application told about the applicant (never to them): the team, the
 * manager, the leave, the idea in full, the jury so far, every decision taken, the support and the budget; with
 * buttons to the log and to the decision the application waits for.
 */
export function applicationViewCard(data: ApplicationViewData, m: Messages): AdaptiveCard {
  const a = data.application;
  const v = m.programme.show;
  const team = a.coApplicants.map((c) => `${plain(c.name)} (${m.intake.review.coStatus[c.status]})`);
  const lead = a.approvals.find((x) => x.memberId === a.applicantId);
  const section = (heading_: string, value: string | undefined) => (value ? [heading(heading_), userText(value.slice(0, 1000))] : []);
  const rows: (readonly [string, string])[] = [
    [v.applicant, plain(a.applicantName)],
    ...(a.recommendedBy ? [[m.recommend.recommendedByLabel, plain(a.recommendedBy.name)] as const] : []),
    ...(team.length > 0 ? [[v.coApplicants, team.join(', ')] as const] : []),
    ...(a.about ? [[v.workplace, `${a.about.municipality} · ${plain(a.about.administration)} · ${plain(a.about.workplace)}`] as const] : []),
    ...(a.about ? [[v.manager, a.about.managerFromDirectory ? plain(data.managerName) : m.intake.status.managerNamed(plain(data.managerName), false)] as const] : []),
    // The leave asked for and, beside it, what the lead applicant's manager approved (marked when changed).
    ...leaveRows(a.leave, lead?.status === 'approved' ? lead.leave : undefined, { requested: m.approval.requestedLeave, approved: m.approval.approvedLeave }, m),
    ...(a.jury ? [[v.jury, v.juryLine(a.jury.count, v.mean(a.jury.mean))] as const] : []),
    ...(a.selection ? [[v.selection, m.jury.ranking.decision[a.selection.decision]] as const] : []),
    ...(a.gate ? [[v.gate, m.programme.gate.options[a.gate.outcome]] as const] : []),
    ...(a.outcome ? [[v.outcome, `${m.programme.outcome.options[a.outcome.kind]} · ${ownerAndTaker(a.outcome, m)}`] as const] : []),
    ...(data.mentorName ? [[v.mentor, plain(data.mentorName)] as const] : []),
    ...(data.sponsorName ? [[v.sponsor, plain(data.sponsorName)] as const] : []),
  ];
  return card(
    [
      title(plain(a.idea?.title ?? a.id)),
      text(v.subtitle(a.id, plain(data.cohortName), m.states[a.state]), { isSubtle: true, spacing: 'None' }),
      facts(rows),
      ...(a.budget ? [heading(v.budget), text(budgetLine(a.budget, m))] : []),
      ...section(v.problem, a.idea?.problem),
      ...section(v.idea, a.idea?.description),
      ...(a.benefit ? [heading(v.benefit), text(a.benefit.targetGroups.map((g) => m.intake.targetGroups[g]).join(', '), { isSubtle: true }), userText(a.benefit.benefit.slice(0, 1000))] : []),
      ...section(v.applicability, a.benefit?.applicability),
      ...meetingSection(a, m),
    ],
    [
      executeAction(v.log, VERBS.applicationLog, refOf(a)),
      ...(a.state === 'phase1' ? [executeAction(m.programme.gate.open, VERBS.gateOpen, refOf(a))] : []),
      ...(a.state === 'phase3' ? [executeAction(m.programme.outcome.open, VERBS.outcomeOpen, refOf(a))] : []),
    ],
  );
}

/** How many of the latest events `logg` shows: a card has room for a few screens, not a year of history. */
export const LOG_SHOWN = 60;

const OUTCOME_ACTIONS: ReadonlySet<AuditAction> = new Set(['keepAsProject', 'handToLine', 'spinOut', 'end']);
const EXPENSE_ACTIONS: ReadonlySet<AuditAction> = new Set(['expenseReported', 'expenseApproved', 'expenseRejected']);

/**
 * What an event adds to its line, in words: the expense (amount and what) for a budget event, who owns the idea and
 * who took it over for an outcome, the reason typed by a person otherwise. Never a raw stored value.
 */
function eventDetail(application: Application, e: AuditEvent, m: Messages): string | undefined {
  const l = m.programme.log;
  if (EXPENSE_ACTIONS.has(e.action)) {
    const x = application.budget?.expenses.find((ex) => ex.id === e.reason);
    return x ? l.expense(formatSek(x.ore), plain(x.description.slice(0, 120))) : undefined;
  }
  if (OUTCOME_ACTIONS.has(e.action)) return application.outcome ? ownerAndTaker(application.outcome, m) : undefined;
  return e.reason ? plain(e.reason.slice(0, 120)) : undefined;
}

/** `logg <id>`: the audit trail in Swedish local time, told about the applicant (never to them), newest last. */
export function auditLogCard(application: Application, trail: readonly AuditEvent[], names: Readonly<Record<string, string>>, m: Messages): AdaptiveCard {
  const l = m.programme.log;
  const shown = trail.slice(-LOG_SHOWN);
  return card([
    title(m.programme.show.logTitle(application.id)),
    userText(application.idea?.title ?? application.id, { weight: 'Bolder' }),
    ...(trail.length > shown.length ? [text(l.shown(shown.length, trail.length), { isSubtle: true })] : []),
    ...shown.map((e) => {
      const detail = eventDetail(application, e, m);
      const what = l.line(l.at(e.at), l.events[e.action], plain(names[e.actorId] ?? l.someone));
      return text(detail ? `${what} · ${detail}` : what, { spacing: 'Small' });
    }),
  ]);
}

/** `ansökningar`: twenty a page, with the filter carried to the next and previous page. */
export function applicationListCard(data: { cohortName: string; applications: readonly Application[]; total: number; page: number; pageSize: number; filter: string; next?: string }, m: Messages): AdaptiveCard {
  const l = m.programme.list;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return card(
    [
      title(l.title(plain(data.cohortName), data.total)),
      ...(pages > 1 ? [text(l.page(Math.min(data.page, pages), pages), { isSubtle: true })] : []),
      ...(data.applications.length === 0 ? [text(l.none)] : []),
      ...data.applications.map((a) => ({
        type: 'Container',
        separator: true,
        items: [
          userText(a.idea?.title ?? a.id, { weight: 'Bolder' }),
          text(`${a.id} · ${m.states[a.state]} · ${a.about?.municipality ?? ''} · ${plain(a.applicantName)}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
          { type: 'ActionSet', actions: [executeAction(l.open, VERBS.applicationShow, refOf(a))] },
        ],
      })),
    ],
    [
      ...(data.page > 1 ? [executeAction(m.jury.ranking.first, VERBS.listPage, { page: 1, filter: data.filter })] : []),
      ...(data.next ? [executeAction(m.jury.ranking.next, VERBS.listPage, { page: data.page + 1, after: data.next, filter: data.filter })] : []),
    ],
  );
}
