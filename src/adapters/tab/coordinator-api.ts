import { APPLICATION_STATES } from '../../domain/application.state-machine';
import { LIMITS, teamNamesOf, type Application } from '../../domain/application';
import { searchKey, SEARCH_MAX, listKeysOf } from '../../domain/application-list';
import type { AuditEvent } from '../../domain/audit-event';
import { isIntakeOpen, type Cohort } from '../../domain/cohort';
import { criteriaOf, quorumOf } from '../../domain/jury';
import type { ApplicationFilter, JurorScore } from '../../domain/ports';
import { PHASE_STARTS } from '../../domain/programme';
import { juryOf } from '../../domain/tally';
import { currentCohort } from '../../use-cases/current-cohort';
import { changeJury } from '../../use-cases/jury/change-jury';
import { decideSelection } from '../../use-cases/jury/decide-selection';
import { lockSelection, selectionLockPreview } from '../../use-cases/jury/lock-selection';
import { rankingOf } from '../../use-cases/jury/ranking';
import { remindJury } from '../../use-cases/jury/remind-jury';
import { saveCriteria } from '../../use-cases/jury/save-criteria';
import { scoresOn } from '../../use-cases/jury/scores-on';
import { assignSupport } from '../../use-cases/programme/assign-support';
import { applicationsTable, juryOverview, overviewOf, programmeOf, remindDeciders, reportOf, type FunnelLine, type ReportLine } from '../../use-cases/programme/coordinator-views';
import { coordinatorOnly, coordinatorsCohort, type CohortChoice } from '../../use-cases/programme/deps';
import { recordGate } from '../../use-cases/programme/record-gate';
import { recordOutcome } from '../../use-cases/programme/record-outcome';
import { previewPhaseStart, startPhase } from '../../use-cases/programme/start-phase';
import { weightedMean } from '../../domain/scoring';
import { applicationFull, approvalSummary, budgetView, namesOf, ok, refusalAnswer, type TabAnswer, type TabRoute, type TabServices } from './answers';
import type {
  ApplicationRow,
  ApplicationsQuery,
  ApplicationsResponse,
  CohortHead,
  CoordinatorApplication,
  CriteriaResponse,
  CriterionFull,
  FunnelRow,
  JuryResponse,
  OverviewResponse,
  ProgrammeResponse,
  RankingDetail,
  RankingResponse,
  ReportResponse,
  ReportRow,
  TabRouteId,
} from './contract';
import { TAB_EXPORT_IDS, type AnnouncementsResponse } from './contract';
import { recentCampaigns } from '../../use-cases/announcements';
import { rankingCursor, sortCursor } from './cursor';

/**
 * The coordinators' and the steering group's routes (issue 15): each answers with the bot's own use cases, which decide
 * who may from the stored programme settings; the route's command (COMMANDS) gates it first, as in the chat.
 */

const whichOf = (r: { cohortId?: string | undefined }): CohortChoice => r.cohortId ?? 'current';

export function cohortHead(c: Cohort, now: Date): CohortHead {
  return {
    id: c.id,
    name: c.name,
    capacity: c.capacity,
    quorum: quorumOf(c),
    ...(c.juryRound ? { round: c.juryRound } : {}),
    ...(c.selectionLockedAt ? { selectionLockedAt: c.selectionLockedAt } : {}),
    intakeOpen: isIntakeOpen(c, now),
    intakeClosesAt: c.intakeClosesAt,
    programmeStartsOn: c.programmeStartsOn,
    normalise: Boolean(c.normalise),
  };
}

/** Every cohort for the picker, the latest intake first, and which one the programme works on now. */
async function cohortChoices(s: TabServices): Promise<OverviewResponse['cohorts']> {
  const [all, current] = await Promise.all([s.cohorts.list(), currentCohort(s)]);
  return [...all].sort((a, b) => b.intakeOpensAt.localeCompare(a.intakeOpensAt)).map((c) => ({ id: c.id, name: c.name, current: c.id === current?.value.id }));
}

export const criterionFull = (c: { id: string; weight: number; name?: string; guide?: { 1: string; 3: string; 5: string } }): CriterionFull => ({ id: c.id, weight: c.weight, ...(c.name ? { name: c.name } : {}), ...(c.guide ? { guide: { ...c.guide } } : {}) });

// ——— Översikt ———

async function overview(s: TabServices, callerId: string, which: CohortChoice): Promise<TabAnswer> {
  const found = await overviewOf(s, callerId, which, s.schedule);
  if (!found.ok) return refusalAnswer(found.error);
  const o = found.value;
  const [names, cohorts] = await Promise.all([namesOf(s, [...o.deciders.map((d) => d.id), ...o.jurors.map((j) => j.id)]), cohortChoices(s)]);
  const row = (l: FunnelLine): FunnelRow => ({ ...(l.municipality ? { municipality: l.municipality } : {}), stages: { ...l.funnel.stages }, inReview: l.inReview, drafts: l.funnel.drafts, withdrawn: l.funnel.withdrawn });
  return ok({
    cohort: cohortHead(o.cohort, s.clock.now()),
    cohorts,
    rows: o.rows.map(row),
    total: row(o.total),
    waitingDeciders: o.deciders.map((d) => ({ ...d, name: names.get(d.id) ?? '' })),
    waitingDecisions: o.waitingApplications,
    jurors: o.jurors.map((j) => ({ ...j, name: names.get(j.id) ?? '' })),
  } satisfies OverviewResponse);
}

// ——— Ansökningar ———

/** The table's filter from the request: drafts only when asked for by their state (they are the applicant's, unsent). */
export function tableFilter(r: Omit<ApplicationsQuery, 'after'>): ApplicationFilter {
  return {
    states: r.state ? [r.state] : APPLICATION_STATES.filter((x) => x !== 'draft'),
    ...(r.municipality ? { municipality: r.municipality } : {}),
    ...(r.administration?.trim() ? { administration: searchKey(r.administration) } : {}),
    ...(r.targetGroup ? { targetGroup: r.targetGroup } : {}),
    ...(r.team ? { team: r.team === 'team' } : {}),
    ...(r.waitingFor ? { waitingFor: r.waitingFor } : {}),
    ...(r.q?.trim() ? { titleContains: searchKey(r.q).slice(0, SEARCH_MAX) } : {}),
  };
}

/** The order asked for: the latest sent first unless another is chosen. */
export const tableOrder = (r: Pick<ApplicationsQuery, 'sort' | 'desc'>) => ({ by: r.sort ?? 'submittedAt', desc: r.desc === undefined ? r.sort === undefined || r.sort === 'score' : r.desc === '1' });

export function applicationRow(a: Application): ApplicationRow {
  const keys = listKeysOf(a);
  const jury = juryOf(a);
  return {
    ref: { cohortId: a.cohortId, applicationId: a.id },
    title: a.idea?.title ?? '',
    applicantName: a.applicantName,
    ...(a.about ? { municipality: a.about.municipality, administration: a.about.administration } : {}),
    state: a.state,
    ...(a.submittedAt ? { submittedAt: a.submittedAt } : {}),
    teamSize: keys.teamSize,
    ...(keys.waitingFor ? { waitingFor: keys.waitingFor } : {}),
    ...(jury.count > 0 ? { score: jury.mean } : {}),
    scoreCount: jury.count,
  };
}

async function applications(s: TabServices, callerId: string, r: ApplicationsQuery): Promise<TabAnswer> {
  const after = r.after === undefined ? undefined : sortCursor.decode(r.after);
  if (after === null) return { status: 400, body: { error: 'INVALID_INPUT' } };
  const table = await applicationsTable(s, callerId, whichOf(r), tableFilter(r), tableOrder(r), after);
  if (!table.ok) return refusalAnswer(table.error);
  const { cohort, items, total, next } = table.value;
  return ok({ cohort: cohortHead(cohort, s.clock.now()), total, items: items.map(applicationRow), ...(next ? { next: sortCursor.encode(next) } : {}) } satisfies ApplicationsResponse);
}

/** One application in full for the coordinator: every member's decision, the whole audit trail with reasons. */
export async function coordinatorApplication(s: TabServices, a: Application, trail: readonly AuditEvent[]): Promise<CoordinatorApplication> {
  const cohort = (await s.cohorts.get(a.cohortId))?.value;
  const names = await namesOf(s, [
    a.about?.managerId,
    a.mentorId,
    a.sponsorId,
    a.selection?.decidedBy,
    ...a.approvals.flatMap((x) => [x.managerId, x.decidedBy]),
    ...trail.map((e) => e.actorId),
    ...(a.budget?.expenses.map((x) => x.reportedBy) ?? []),
  ]);
  const jury = juryOf(a);
  const budget = a.budget;
  return {
    application: applicationFull(a, cohort?.name ?? '', 'decider', names),
    approvals: a.approvals
      .filter((x) => x.status !== 'superseded')
      .map((x) => approvalSummary(x, names)),
    timeline: trail.map((e) => ({ at: e.at, action: e.action, toState: e.toState, ...(e.actorKind !== 'system' && names.has(e.actorId) ? { actorName: names.get(e.actorId) } : {}), ...(e.reason ? { reason: e.reason } : {}) })),
    ...(a.selection ? { selection: { decision: a.selection.decision, feedback: a.selection.feedback, decidedByName: names.get(a.selection.decidedBy) ?? '', decidedAt: a.selection.decidedAt } } : {}),
    ...(jury.count > 0 || jury.recused.length > 0 ? { jury: { count: jury.count, mean: jury.mean, recused: jury.recused.length } } : {}),
    ...(a.mentorId ? { mentorName: names.get(a.mentorId) ?? '' } : {}),
    ...(a.sponsorId ? { sponsorName: names.get(a.sponsorId) ?? '' } : {}),
    ...(a.gate ? { gate: a.gate.outcome } : {}),
    ...(a.outcome ? { outcome: { kind: a.outcome.kind, ipOwner: a.outcome.ipOwner, ...(a.outcome.receivingAdministration ? { receivingAdministration: a.outcome.receivingAdministration } : {}) } } : {}),
    ...(budget ? { budget: budgetView(budget, names) } : {}),
  };
}

/** The application a coordinator asks for, with its trail: coordinators only (checked before anything is read). */
export async function readAsCoordinator(s: TabServices, callerId: string, ref: { cohortId: string; applicationId: string }): Promise<{ ok: true; application: Application; trail: readonly AuditEvent[] } | { ok: false; answer: TabAnswer }> {
  const allowed = await coordinatorOnly(s, callerId);
  if (!allowed.ok) return { ok: false, answer: refusalAnswer(allowed.error) };
  const [found, trail] = await Promise.all([s.applications.get(ref.cohortId, ref.applicationId), s.applications.auditTrail(ref.cohortId, ref.applicationId)]);
  if (!found) return { ok: false, answer: { status: 404, body: { error: 'NOT_FOUND' } } };
  return { ok: true, application: found.value, trail };
}

// ——— Urval ———

async function ranking(s: TabServices, callerId: string, r: { cohortId?: string | undefined; after?: string | undefined }): Promise<TabAnswer> {
  const after = r.after === undefined ? undefined : rankingCursor.decode(r.after);
  if (after === null) return { status: 400, body: { error: 'INVALID_INPUT' } };
  const view = await rankingOf(s, callerId, after, whichOf(r));
  if (!view.ok) return refusalAnswer(view.error);
  const v = view.value;
  const names = await namesOf(s, v.missing.map((x) => x.jurorId));
  return ok({
    cohort: cohortHead(v.cohort, s.clock.now()),
    criteria: criteriaOf(v.cohort).map(criterionFull),
    total: v.total,
    selectedCount: v.selectedCount,
    page: v.page,
    rows: v.rows.map((row) => ({
      ref: { cohortId: row.application.cohortId, applicationId: row.application.id },
      title: row.application.idea?.title ?? '',
      applicantName: row.application.applicantName,
      ...(row.application.about ? { municipality: row.application.about.municipality } : {}),
      state: row.application.state,
      place: row.rank,
      tiedWith: row.tiedWith,
      score: row.score,
      meanSoFar: row.meanSoFar,
      spread: row.spread,
      scoreCount: row.scoreCount,
      recusalCount: row.recusalCount,
      ...(row.application.selection ? { selection: { decision: row.application.selection.decision, feedback: row.application.selection.feedback } } : {}),
    })),
    missing: v.missing.filter((x) => x.count > 0).map((x) => ({ jurorName: names.get(x.jurorId) ?? '', count: x.count })),
    ...(v.next ? { next: rankingCursor.encode(v.next) } : {}),
  } satisfies RankingResponse);
}

/** Each criterion's mean over the scores that count, to two decimals. */
export function criterionMeans(scores: readonly JurorScore[], criteria: readonly { id: string }[]): Record<string, number> {
  return Object.fromEntries(
    criteria.flatMap((c) => {
      const values = scores.map((x) => x.values[c.id]).filter((v): v is number => typeof v === 'number');
      return values.length > 0 ? [[c.id, Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100]] : [];
    }),
  );
}

async function rankingRow(s: TabServices, callerId: string, ref: { cohortId: string; applicationId: string }): Promise<TabAnswer> {
  const found = await scoresOn(s, callerId, ref);
  if (!found.ok) return refusalAnswer(found.error);
  const { cohort, scores, recusals } = found.value;
  const criteria = criteriaOf(cohort);
  const names = await namesOf(s, [...scores.map((x) => x.jurorId), ...recusals.map((x) => x.jurorId)]);
  return ok({
    ref,
    criterionMeans: criterionMeans(scores, criteria),
    scores: scores.map((x) => ({ jurorName: names.get(x.jurorId) ?? '', values: { ...x.values }, ...(x.comment ? { comment: x.comment } : {}), at: x.at, mean: weightedMean(x.values, criteria) })),
    recusals: recusals.map((x) => ({ jurorName: names.get(x.jurorId) ?? '', reason: x.reason, automatic: x.automatic })),
  } satisfies RankingDetail);
}

// ——— Juryn ———

async function juryView(s: TabServices, callerId: string, which: CohortChoice): Promise<TabAnswer> {
  const found = await juryOverview(s, callerId, which);
  if (!found.ok) return refusalAnswer(found.error);
  const { cohort, total, jurors, recusals } = found.value;
  const people = new Map((await Promise.all(jurors.map((j) => s.directory.getPerson(j.id)))).flatMap((p) => (p ? [[p.id, p] as const] : [])));
  const titles = new Map((await Promise.all([...new Set(recusals.map((x) => x.applicationId))].map((id) => s.applications.get(cohort.id, id)))).flatMap((a) => (a ? [[a.value.id, a.value.idea?.title ?? ''] as const] : [])));
  return ok({
    cohort: cohortHead(cohort, s.clock.now()),
    total,
    jurors: jurors.map((j) => {
      const person = people.get(j.id);
      return {
        id: j.id,
        name: person?.name ?? '',
        email: person?.email ?? '',
        external: person?.guest === true,
        done: j.done,
        left: j.left,
        recusals: recusals.filter((x) => x.jurorId === j.id).map((x) => ({ ref: { cohortId: x.cohortId, applicationId: x.applicationId }, title: titles.get(x.applicationId) ?? '', reason: x.reason, automatic: x.automatic })),
      };
    }),
  } satisfies JuryResponse);
}

// ——— Program ———

async function programmeView(s: TabServices, callerId: string, which: CohortChoice): Promise<TabAnswer> {
  const found = await programmeOf(s, callerId, which);
  if (!found.ok) return refusalAnswer(found.error);
  const { cohort, teams, phases } = found.value;
  const [exports, cohorts] = await Promise.all([s.exportLog.recent(cohort.id, 20), cohortChoices(s)]);
  const names = await namesOf(s, [
    ...cohort.mentorIds,
    ...cohort.sponsorIds,
    ...exports.map((x) => x.actorId),
    ...teams.flatMap(({ application: a }) => [a.mentorId, a.sponsorId, ...(a.budget?.expenses.map((x) => x.reportedBy) ?? [])]),
  ]);
  return ok({
    cohort: {
      ...cohortHead(cohort, s.clock.now()),
      intakeOpensAt: cohort.intakeOpensAt,
      budgetPerParticipantOre: cohort.budgetPerParticipantOre,
      ...(cohort.intakeClosedAt ? { intakeClosedAt: cohort.intakeClosedAt } : {}),
    },
    cohorts,
    phases: phases.map((p) => ({ phase: String(p.phase) as '1' | '2' | '3', waiting: p.waiting, started: p.started })),
    teams: teams.map(({ application: a, mayGate, mayRecordOutcome, mayAssign }) => ({
      ref: { cohortId: a.cohortId, applicationId: a.id },
      title: a.idea?.title ?? '',
      teamNames: [...teamNamesOf(a)],
      ...(a.about ? { municipality: a.about.municipality } : {}),
      state: a.state,
      ...(a.mentorId ? { mentorName: names.get(a.mentorId) ?? '' } : {}),
      ...(a.sponsorId ? { sponsorName: names.get(a.sponsorId) ?? '' } : {}),
      ...(a.gate ? { gate: a.gate.outcome } : {}),
      ...(a.outcome ? { outcome: a.outcome.kind } : {}),
      mayGate,
      mayRecordOutcome,
      mayAssign,
      ...(a.budget ? { budget: budgetView(a.budget, names) } : {}),
    })),
    mentors: cohort.mentorIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    sponsors: cohort.sponsorIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    exports: exports.flatMap((x) => (isExportId(x.what) ? [{ at: x.at, byName: names.get(x.actorId) ?? '', what: x.what, rows: x.rows }] : [])),
  } satisfies ProgrammeResponse);
}

const isExportId = (what: string): what is (typeof TAB_EXPORT_IDS)[number] => (TAB_EXPORT_IDS as readonly string[]).includes(what);

// ——— Urvalskriterier ———

async function criteriaView(s: TabServices, cohort: Cohort): Promise<TabAnswer> {
  return ok({ cohort: cohortHead(cohort, s.clock.now()), locked: Boolean(cohort.juryRound), criteria: criteriaOf(cohort).map(criterionFull) } satisfies CriteriaResponse);
}

// ——— Rapport ———

const reportRow = (line: ReportLine): ReportRow => ({ ...line });

async function report(s: TabServices, callerId: string, which: CohortChoice): Promise<TabAnswer> {
  const found = await reportOf(s, callerId, which);
  if (!found.ok) return refusalAnswer(found.error);
  const r = found.value;
  const cohorts = await cohortChoices(s);
  const ref = (a: Application) => ({ cohortId: a.cohortId, applicationId: a.id });
  return ok({
    cohort: cohortHead(r.cohort, s.clock.now()),
    cohorts,
    generatedAt: s.clock.now().toISOString(),
    rows: r.rows.map(reportRow),
    total: reportRow(r.total),
    recommended: r.recommended,
    teams: r.teams.map((a) => ({ ref: ref(a), title: a.idea?.title ?? '', leadName: a.applicantName, ...(a.about ? { municipality: a.about.municipality } : {}), state: a.state })),
    outcomes: r.outcomes.flatMap((a) =>
      a.outcome
        ? [
            {
              ref: ref(a),
              title: a.idea?.title ?? '',
              leadName: a.applicantName,
              ...(a.about ? { municipality: a.about.municipality } : {}),
              kind: a.outcome.kind,
              ipOwner: a.outcome.ipOwner,
              ...(a.outcome.receivingAdministration ? { receivingAdministration: a.outcome.receivingAdministration } : {}),
              decidedAt: a.outcome.decidedAt,
            },
          ]
        : [],
    ),
    followUp: r.followUp.map((f) => ({ round: f.round, asked: f.asked, answered: f.answered, questions: f.questions ? [...f.questions] : null, ...(f.figures ? { figures: f.figures.map((q) => ({ mean: q.mean, distribution: [...q.distribution] })) } : {}), ...(f.comments ? { comments: [...f.comments] } : {}) })),
  } satisfies ReportResponse);
}

// ——— The routes ———

type CoordinatorRouteId = Exclude<TabRouteId, 'me' | 'application' | 'withdraw' | 'expense' | 'approvals' | 'decide' | 'reviews' | 'review' | 'score' | 'recuse' | 'recommend' | 'myData' | 'dataExtract' | 'privacy'>;

/** A feedback or reason typed in the tab, as the chat reads it: trimmed, required, within the programme's limits. */
const reasonProblem = (field: string, text: string): TabAnswer | null =>
  text.length < LIMITS.reason.min ? { status: 400, body: { error: 'FIELDS', fields: [{ field, code: text ? 'tooShort' : 'required', facts: { min: String(LIMITS.reason.min) } }] } } : null;

export const COORDINATOR_ROUTES: { readonly [R in CoordinatorRouteId]: TabRoute<R> } = {
  overview: { as: 'statistics', handle: (s, caller, r) => overview(s, caller.id, whichOf(r)) },
  remindDeciders: {
    as: 'statistics',
    async handle(s, caller, r) {
      const done = await remindDeciders(s, caller.id, r.cohortId, r.deciderId, s.schedule);
      return done.ok ? ok(done.value) : refusalAnswer(done.error);
    },
  },
  applications: { as: 'applications', handle: (s, caller, r) => applications(s, caller.id, r) },
  applicationOne: {
    as: 'show',
    async handle(s, caller, r) {
      const read = await readAsCoordinator(s, caller.id, r);
      return read.ok ? ok(await coordinatorApplication(s, read.application, read.trail)) : read.answer;
    },
  },
  ranking: { as: 'ranking', handle: (s, caller, r) => ranking(s, caller.id, r) },
  rankingRow: { as: 'ranking', handle: (s, caller, r) => rankingRow(s, caller.id, r) },
  decideSelection: {
    as: 'ranking',
    async handle(s, caller, r) {
      const feedback = r.feedback.trim();
      const problem = reasonProblem('feedback', feedback);
      if (problem) return problem;
      const done = await decideSelection(s, caller.id, { cohortId: r.cohortId, applicationId: r.applicationId }, r.decision, feedback.slice(0, LIMITS.reason.max));
      if (!done.ok) return refusalAnswer(done.error);
      const cohort = (await s.cohorts.get(r.cohortId))?.value;
      const a = done.value.application;
      return ok({
        selection: { decision: a.selection?.decision ?? r.decision, feedback: a.selection?.feedback ?? feedback },
        state: a.state,
        selectedCount: done.value.selectedCount,
        capacity: cohort?.capacity ?? 0,
        overCapacity: done.value.overCapacity,
        changed: done.value.changed,
      });
    },
  },
  lockPreview: {
    as: 'lockSelection',
    async handle(s, caller, r) {
      const preview = await selectionLockPreview(s, caller.id, whichOf(r));
      if (!preview.ok) return refusalAnswer(preview.error);
      const { decided, undecided, managers, hrContacts, alreadyLocked } = preview.value;
      return ok({ decided: { ...decided }, undecided, managers, hrContacts, alreadyLocked });
    },
  },
  lockSelection: {
    as: 'lockSelection',
    async handle(s, caller, r) {
      const done = await lockSelection(s, caller.id, r.cohortId);
      return done.ok ? ok(done.value) : refusalAnswer(done.error);
    },
  },
  jury: { as: 'jury', handle: (s, caller, r) => juryView(s, caller.id, whichOf(r)) },
  juryMember: {
    as: 'jury',
    async handle(s, caller, r) {
      const email = r.email.trim();
      const changed = await changeJury(s, caller.id, r.add ? { add: email } : { remove: email }, r.cohortId);
      if (!changed.ok) return changed.error.code === 'NOT_FOUND' ? { status: 400, body: { error: 'FIELDS', fields: [{ field: 'email', code: 'unknownPerson' }] } } : refusalAnswer(changed.error);
      return juryView(s, caller.id, r.cohortId);
    },
  },
  remindJury: {
    as: 'remindJury',
    async handle(s, caller, r) {
      const done = await remindJury(s, caller.id, r.cohortId, r.jurorId);
      return done.ok ? ok(done.value) : refusalAnswer(done.error);
    },
  },
  programme: { as: 'cohorts', handle: (s, caller, r) => programmeView(s, caller.id, whichOf(r)) },
  phasePreview: {
    as: 'startPhase',
    async handle(s, caller, r) {
      const preview = await previewPhaseStart(s, caller.id, Number(r.phase) as keyof typeof PHASE_STARTS, whichOf(r));
      return preview.ok ? ok({ teams: preview.value.teams, people: preview.value.people, already: preview.value.started }) : refusalAnswer(preview.error);
    },
  },
  startPhase: {
    as: 'startPhase',
    async handle(s, caller, r) {
      const done = await startPhase(s, caller.id, Number(r.phase) as keyof typeof PHASE_STARTS, r.cohortId);
      return done.ok ? programmeView(s, caller.id, r.cohortId) : refusalAnswer(done.error);
    },
  },
  gate: {
    as: 'gate',
    async handle(s, caller, r) {
      const done = await recordGate(s, caller.id, { cohortId: r.cohortId, applicationId: r.applicationId }, r.outcome, r.joinedApplicationId);
      return done.ok ? programmeView(s, caller.id, r.cohortId) : refusalAnswer(done.error);
    },
  },
  outcome: {
    as: 'outcome',
    async handle(s, caller, r) {
      const done = await recordOutcome(s, caller.id, { cohortId: r.cohortId, applicationId: r.applicationId }, r.kind, r.ipOwner, r.receivingAdministration);
      return done.ok ? programmeView(s, caller.id, r.cohortId) : refusalAnswer(done.error);
    },
  },
  assign: {
    as: 'mentor',
    async handle(s, caller, r) {
      const found = await s.applications.get(r.cohortId, r.applicationId);
      if (!found) return { status: 404, body: { error: 'NOT_FOUND' } };
      const done = await assignSupport(s, caller.id, r.applicationId, r.role, r.email.trim());
      return done.ok ? programmeView(s, caller.id, r.cohortId) : refusalAnswer(done.error);
    },
  },
  criteria: {
    as: 'editCohort',
    async handle(s, caller, r) {
      const cohort = await coordinatorsCohort(s, caller.id, whichOf(r));
      return cohort.ok ? criteriaView(s, cohort.value) : refusalAnswer(cohort.error);
    },
  },
  saveCriteria: {
    as: 'editCohort',
    async handle(s, caller, r) {
      const saved = await saveCriteria(s, caller.id, r.cohortId, r.criteria);
      return saved.ok ? criteriaView(s, saved.value) : refusalAnswer(saved.error);
    },
  },
  report: { as: 'report', handle: (s, caller, r) => report(s, caller.id, whichOf(r)) },
  announcements: {
    as: 'announce',
    async handle(s, caller) {
      const found = await recentCampaigns(s, caller.id);
      if (!found.ok) return refusalAnswer(found.error);
      return ok({
        campaigns: found.value.map(({ campaign, progress }) => ({ id: campaign.id, title: campaign.title, createdAt: campaign.createdAt, state: campaign.state, recipients: campaign.recipients, sent: progress.sent, failed: progress.failed, cancelled: progress.cancelled, left: progress.left })),
      } satisfies AnnouncementsResponse);
    },
  },
};

