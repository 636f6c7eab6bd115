import type { Application } from '../../domain/application';
import type { Cohort } from '../../domain/cohort';
import { swedishDate } from '../../domain/dates';
import { AlreadyExists, ConcurrencyConflict, domainError, type UseCaseResult } from '../../domain/errors';
import { SYSTEM_RECIPIENT, type Notification } from '../../domain/notification';
import type { DisposalStore, Versioned } from '../../domain/ports';
import {
  disposalAfterNotice,
  DISPOSABLE_STATES,
  disposalOf,
  disposalRecordId,
  HOLD_REASON_MAX,
  isDueBy,
  isNoticeDue,
  nextNoticeDue,
  retentionOf,
  withDecision,
  withHold,
  withPeriod,
  type DisposalHold,
  type DisposalRecord,
  type DisposalRule,
  type PlannedDisposal,
  type RetentionPeriod,
  type RetentionSettings,
} from '../../domain/retention';
import { err, ok } from '../../domain/result';
import { changeSettings } from '../change';
import { findApplicationById } from './find-application';
import { cohortNotes, coordinatorOnly, type ProgrammeDeps } from './deps';

/** What disposal needs besides the programme's ports: where its runs are recorded and the disposal write. */
export interface DisposalDeps extends ProgrammeDeps {
  readonly disposals: DisposalStore;
}

/** How many of a cohort's applications a run reads at a time. */
const PAGE = 100;
/** How many past runs each cohort shows. */
const RECORDS_SHOWN = 5;

const noticeKey = (cohortId: string, due: string) => `${cohortId}/disposal-notice/${due}`;
const runKey = (cohortId: string, runAt: string) => `${cohortId}/disposal-run/${runAt}`;

/** The job that sends the cohort's dry-run list at `due` (keyed by it: enqueued twice, it is one job). */
export const noticeJob = (cohort: Cohort, due: string): Notification[] =>
  cohortNotes(cohort, 'disposalNotice', [SYSTEM_RECIPIENT], noticeKey(cohort.id, due), { due }).map((n) => ({ ...n, dueAt: due }));

/** Schedules each cohort's next notice (adopting the rules does this; the same notice twice is one job). */
async function scheduleDisposal(deps: Pick<ProgrammeDeps, 'outbox' | 'clock' | 'cohorts'>): Promise<Date> {
  const now = deps.clock.now();
  const next = nextNoticeDue(now);
  const jobs = (await deps.cohorts.list()).flatMap((c) => noticeJob(c, next.toISOString()));
  await deps.outbox.enqueue(jobs, now);
  return next;
}

/** The plan as coordinators see it: the rules in force, the decision, the next notice, the holds and each cohort's past runs. */
export interface DisposalPlan {
  readonly retention: RetentionSettings;
  readonly nextNotice: Date | null;
  readonly records: readonly (DisposalRecord & { readonly cohortName: string })[];
}

/** `gallringsplan`: coordinators only. */
export async function disposalPlan(deps: DisposalDeps, coordinatorId: string): Promise<UseCaseResult<DisposalPlan>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const retention = retentionOf((await deps.settings.get())?.value.retention);
  const cohorts = await deps.cohorts.list();
  const records = (await Promise.all(cohorts.map(async (c) => (await deps.disposals.recent(c.id, RECORDS_SHOWN)).map((r) => ({ ...r, cohortName: c.name }))))).flat();
  records.sort((a, b) => b.runAt.localeCompare(a.runAt));
  return ok({ retention, nextNotice: retention.decision ? nextNoticeDue(deps.clock.now()) : null, records: records.slice(0, RECORDS_SHOWN) });
}

/** Changes the retention settings (coordinators only), guarded by the settings' version like every settings change. */
async function changeRetention(deps: DisposalDeps, coordinatorId: string, change: (r: RetentionSettings) => RetentionSettings | null): Promise<UseCaseResult<RetentionSettings>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const saved = await changeSettings(deps, (s) => {
    const next = change(retentionOf(s.retention));
    return next ? ok({ ...s, retention: next }) : err(domainError('INVALID_INPUT', 'retention'));
  });
  return saved.ok ? ok(retentionOf(saved.value.value.retention)) : saved;
}

/** `gallringsplan beslut <diarienummer>`: the rules adopted by the decision; each cohort's next notice scheduled. */
export async function adoptRetention(deps: DisposalDeps, coordinatorId: string, reference: string): Promise<UseCaseResult<{ retention: RetentionSettings; nextNotice: Date }>> {
  const done = await changeRetention(deps, coordinatorId, (r) => withDecision(r, reference, coordinatorId, deps.clock.now()));
  if (!done.ok) return done;
  return ok({ retention: done.value, nextNotice: await scheduleDisposal(deps) });
}

/** `gallringsplan <regel> <antal>`: one period changed; the decision must be taken again before anything is disposed of. */
export const setRetentionPeriod = (deps: DisposalDeps, coordinatorId: string, period: RetentionPeriod, n: number) => changeRetention(deps, coordinatorId, (r) => withPeriod(r, period, n));

/** `spärra gallring <id> <skäl>`: the application is held (an appeal, a request); `häv spärr <id>` lifts it. */
export async function holdDisposal(deps: DisposalDeps, coordinatorId: string, typedId: string, reason: string | null): Promise<UseCaseResult<{ application: Application; held: boolean }>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const application = await findApplicationById(deps, typedId);
  if (!application) return err(domainError('NOT_FOUND', 'no application'));
  const why = reason?.trim() ?? '';
  if (reason !== null && (!why || why.length > HOLD_REASON_MAX)) return err(domainError('INVALID_INPUT', 'reason'));
  const ref = { cohortId: application.cohortId, applicationId: application.id };
  const hold: DisposalHold = { ...ref, reason: why, by: coordinatorId, at: deps.clock.now().toISOString() };
  const done = await changeRetention(deps, coordinatorId, (r) => withHold(r, reason === null ? ref : hold, reason !== null));
  return done.ok ? ok({ application, held: reason !== null }) : done;
}

/** The cohort's applications some rule disposes of by `date` (YYYY-MM-DD), a page at a time. */
async function dueIn(deps: DisposalDeps, cohort: Cohort, retention: RetentionSettings, date: string): Promise<PlannedDisposal[]> {
  const planned: PlannedDisposal[] = [];
  let after: string | undefined;
  do {
    const page = await deps.applications.page(cohort.id, { states: DISPOSABLE_STATES }, PAGE, after);
    for (const { value } of page.items) {
      const d = disposalOf(value, cohort, retention);
      if (isDueBy(d, date)) planned.push({ applicationId: value.id, rule: d.rule, on: d.on });
    }
    after = page.next;
  } while (after);
  return planned;
}

/**
 * The notice at `due` (a job, ADR 0005): the list of what the run NOTICE_DAYS later will dispose of, under which rule
 * and on which date, recorded as a planned disposal record and sent to every coordinator; the run's job and the next
 * notice enqueued. Without an adopted decision it does nothing and schedules nothing. Idempotent: the record, the
 * cards and the jobs are keyed by the run, so a notice done twice or by two instances sends nobody a second list.
 */
export async function runDisposalNotice(deps: DisposalDeps, cohortId: string, due: string): Promise<{ ran: boolean; planned: number }> {
  const settings = (await deps.settings.get())?.value;
  const retention = retentionOf(settings?.retention);
  const cohort = (await deps.cohorts.get(cohortId))?.value;
  if (!cohort || !retention.decision || !isNoticeDue(due)) return { ran: false, planned: 0 };
  const runAt = disposalAfterNotice(new Date(due)).toISOString();
  const planned = await dueIn(deps, cohort, retention, swedishDate(new Date(runAt)));
  const next = noticeJob(cohort, nextNoticeDue(new Date(due)).toISOString());
  if (planned.length === 0) {
    await deps.outbox.enqueue(next, deps.clock.now());
    return { ran: true, planned: 0 };
  }
  const id = disposalRecordId(runAt);
  const record: DisposalRecord = { id, cohortId, noticeAt: due, runAt, status: 'planned', decision: retention.decision, planned };
  const stored = await deps.disposals.save(record).catch(async (e: unknown) => {
    if (!(e instanceof AlreadyExists)) throw e;
    return (await deps.disposals.get(cohortId, id)) as Versioned<DisposalRecord>;
  });
  const coordinators = settings?.coordinatorIds ?? [];
  const cards = cohortNotes(cohort, 'disposalList', coordinators, noticeKey(cohortId, due), { recordId: id });
  const run = cohortNotes(cohort, 'disposalRun', [SYSTEM_RECIPIENT], runKey(cohortId, runAt), { recordId: id }).map((n) => ({ ...n, dueAt: runAt }));
  await deps.outbox.enqueue([...cards, ...run, ...next], deps.clock.now());
  return { ran: true, planned: stored.value.planned.length };
}

/**
 * The run announced by a record (a job at its date): each application on the list is disposed of, with everything
 * that follows it, only if a rule still disposes of it today (the decision still stands, the period unchanged, not
 * held); each through the guarded disposal write. Then the record says what was disposed of under which rule and
 * what was held. A record already done is left as it is: a run done twice, or by two instances, disposes once.
 */
export async function runDisposal(deps: DisposalDeps, cohortId: string, recordId: string): Promise<{ ran: boolean; disposed: number }> {
  const found = await deps.disposals.get(cohortId, recordId);
  const cohort = (await deps.cohorts.get(cohortId))?.value;
  if (!found || found.value.status === 'done' || !cohort) return { ran: false, disposed: 0 };
  const retention = retentionOf((await deps.settings.get())?.value.retention);
  const today = swedishDate(deps.clock.now());
  const disposed: Partial<Record<DisposalRule, number>> = {};
  const held: string[] = [];
  const count = (rule: DisposalRule) => (disposed[rule] = (disposed[rule] ?? 0) + 1);
  for (const item of found.value.planned) {
    const stored = await deps.applications.get(cohortId, item.applicationId);
    // Gone already: disposed of by this run before (a crash, or the other instance); applications are never deleted otherwise.
    if (!stored) {
      count(item.rule);
      continue;
    }
    const now = disposalOf(stored.value, cohort, retention);
    if (now.kind === 'held') held.push(item.applicationId);
    if (!isDueBy(now, today) || now.rule !== item.rule) continue;
    try {
      await deps.disposals.dispose(stored);
      count(item.rule);
    } catch (e) {
      // Changed since it was read: it is disposed of by the next run if a rule still says so.
      if (!(e instanceof ConcurrencyConflict)) throw e;
    }
  }
  try {
    await deps.disposals.save({ ...found.value, status: 'done', disposed, held, doneAt: deps.clock.now().toISOString() }, found.etag);
  } catch (e) {
    if (!(e instanceof ConcurrencyConflict)) throw e;
    return { ran: false, disposed: 0 };
  }
  return { ran: true, disposed: Object.values(disposed).reduce((s, n) => s + n, 0) };
}
