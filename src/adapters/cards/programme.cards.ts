import { DEFAULT_QUORUM } from '../../domain/scoring';
import { LIMITS, type Application, type TeamExpense } from '../../domain/application';
import { APPLICATION_STATES, type ApplicationState } from '../../domain/application.state-machine';
import type { AuditEvent } from '../../domain/audit-event';
import { formatSek } from '../../domain/budget';
import type { Cohort } from '../../domain/cohort';
import type { Messages } from '../../i18n';
import { card, errorLines, choiceInput, dateInput, executeAction, facts, field, numberInput, plain, text, textInput, title, toggleInput, userText, type AdaptiveCard, type CardElement } from './card-kit';
import { VERBS, type Verb } from './verbs';

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
    ],
    [executeAction(c.save, VERBS.cohortSave, { cohortId: k?.id ?? '' }, 'positive')],
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
  readonly errors?: readonly string[];
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
  return card([...head, ...errorLines(data.errors), ...spec.inputs], [executeAction(spec.save, spec.verb, refOf(a), 'positive')]);
}

/** The gate decision for one application: continue, back to the job, or join another team (which). */
export function gateCard(data: DecisionData & { teams: readonly Application[] }, m: Messages): AdaptiveCard {
  const g = m.programme.gate;
  const others = data.teams.filter((t) => t.id !== data.application.id).map((t) => [t.id, `${t.id}: ${(t.idea?.title ?? '').slice(0, 60)}`] as const);
  const inputs = [choiceInput('outcome', g.choose, '', Object.entries(g.options)), choiceInput('joinedApplicationId', g.team, '', others)];
  return decisionCard(data, m, { heading: g.title, openIn: 'phase1', inputs, save: g.save, verb: VERBS.gateSave });
}

/** The phase 3 outcome for one application, with who owns the idea. */
export function outcomeCard(data: DecisionData, m: Messages): AdaptiveCard {
  const o = m.programme.outcome;
  const inputs = [
    choiceInput('kind', o.choose, '', Object.entries(o.options)),
    textInput('receivingAdministration', o.administration, '', { maxLength: LIMITS.administration.max }),
    choiceInput('ipOwner', o.ip, '', Object.entries(o.ipOptions)),
  ];
  return decisionCard(data, m, { heading: o.title, openIn: 'phase3', inputs, save: o.save, verb: VERBS.outcomeSave });
}

/** To the HR contact: an expense to approve or reject, with the team's ledger. */
export function expenseCard(data: { application: Application; expense: TeamExpense; ledgerLine: string; notice?: string; errors?: readonly string[] }, m: Messages): AdaptiveCard {
  const x = m.programme.expense;
  const a = data.application;
  const e = data.expense;
  const body: CardElement[] = [
    title(x.cardTitle(plain(a.applicantName))),
    facts([
      [m.intake.status.id, a.id],
      ['', formatSek(e.ore)],
    ]),
    userText(e.description),
    text(data.ledgerLine, { isSubtle: true }),
    ...(data.notice ? [text(data.notice, { weight: 'Bolder' })] : []),
    ...errorLines(data.errors),
  ];
  if (e.status !== 'pending') return card(body);
  return card(
    [...body, ...field(textInput('reason', x.reason, '', { maxLength: 500 }))],
    [
      executeAction(x.approve, VERBS.expenseDecide, { ...refOf(a), expenseId: e.id, decision: 'approve' }, 'positive'),
      executeAction(x.reject, VERBS.expenseDecide, { ...refOf(a), expenseId: e.id, decision: 'reject' }, 'destructive'),
    ],
  );
}

/** The funnel per municipality and what is stuck. */
export function statisticsCard(data: { cohortName: string; rows: readonly { municipality: string; counts: Readonly<Partial<Record<string, number>>> }[]; waitingManagers: number; jurorsBehind: number }, m: Messages): AdaptiveCard {
  const s = m.programme.stats;
  if (data.rows.length === 0) return card([title(s.title(plain(data.cohortName))), text(s.none)]);
  return card([
    title(s.title(plain(data.cohortName))),
    ...data.rows.map((r) => ({
      type: 'Container',
      separator: true,
      items: [
        text(r.municipality, { weight: 'Bolder' }),
        facts(APPLICATION_STATES.filter((st) => r.counts[st]).map((st) => [m.states[st], String(r.counts[st])] as const)),
      ],
    })),
    text(s.stuck(data.waitingManagers), { color: data.waitingManagers > 0 ? 'Attention' : 'Default' }),
    text(s.jurorsBehind(data.jurorsBehind), { color: data.jurorsBehind > 0 ? 'Attention' : 'Default' }),
  ]);
}

/** `logg <id>`: the audit trail, newest last. */
export function auditLogCard(application: Application, trail: readonly AuditEvent[], names: Readonly<Record<string, string>>, m: Messages): AdaptiveCard {
  return card([
    title(m.programme.show.logTitle(application.id)),
    userText(application.idea?.title ?? application.id, { weight: 'Bolder' }),
    facts(trail.slice(-60).map((e) => [new Date(e.at).toISOString().slice(0, 16).replace('T', ' '), `${m.intake.events[e.action]} · ${plain(names[e.actorId] ?? e.actorId)}${e.reason ? ` · ${plain(e.reason.slice(0, 120))}` : ''}`] as const)),
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
        items: [userText(a.idea?.title ?? a.id, { weight: 'Bolder' }), text(`${a.id} · ${m.states[a.state]} · ${a.about?.municipality ?? ''} · ${plain(a.applicantName)}`, { isSubtle: true, size: 'Small', spacing: 'None' })],
      })),
    ],
    [
      ...(data.page > 1 ? [executeAction(m.jury.ranking.first, VERBS.listPage, { page: 1, filter: data.filter })] : []),
      ...(data.next ? [executeAction(m.jury.ranking.next, VERBS.listPage, { page: data.page + 1, after: data.next, filter: data.filter })] : []),
    ],
  );
}
