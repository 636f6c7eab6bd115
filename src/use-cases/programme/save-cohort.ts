import type { Cohort } from '../../domain/cohort';
import type { ReportSchedule } from '../../domain/report-schedule';
import { cohortIdFor } from '../../domain/ids';
import { AlreadyExists, domainError, type UseCaseResult } from '../../domain/errors';
import type { Versioned } from '../../domain/ports';
import { err, ok } from '../../domain/result';
import { changeCohort } from '../change';
import { closeJob, coordinatorOnly, type ProgrammeDeps } from './deps';
import { nextNoticeDue, retentionOf } from '../../domain/retention';
import { noticeJob } from './disposal';
import { nextReportJob } from './steering-report';

/** What the cohort card sets; jury, mentors and round state are kept from the stored cohort. */
export type CohortInput = Pick<Cohort, 'name' | 'intakeOpensAt' | 'intakeClosesAt' | 'programmeStartsOn' | 'capacity' | 'budgetPerParticipantOre'> & {
  readonly id?: string;
  readonly quorum: number;
  readonly normalise: boolean;
  /** When the steering group gets the report; absent: as the cohort has it (monthly for a new one). */
  readonly reportSchedule?: ReportSchedule;
};

/** The cohort as the card sets it: a deadline moved into the future opens it again. */
function withInput(base: Cohort, input: CohortInput, now: Date): Cohort {
  const { intakeClosedAt: _closed, ...rest } = base;
  const reopened = Date.parse(input.intakeClosesAt) > now.getTime();
  return { ...(reopened ? rest : base), ...input, id: base.id };
}

/** Creates a cohort, or edits one guarded by its ETag; the intake close at the deadline, the next steering report and the next disposal notice are scheduled. */
export async function saveCohort(deps: ProgrammeDeps, coordinatorId: string, input: CohortInput): Promise<UseCaseResult<Versioned<Cohort>>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  if (Date.parse(input.intakeClosesAt) <= Date.parse(input.intakeOpensAt)) return err({ code: 'FIELD', field: 'intakeClosesAt', reason: 'closesBeforeOpens' });
  let saved: Versioned<Cohort>;
  if (input.id) {
    const edited = await changeCohort(deps, input.id, (current, now) => ok(withInput(current, input, now)));
    if (!edited.ok) return edited;
    saved = edited.value.after;
  } else {
    const id = cohortIdFor(input.name) || deps.ids.shortId('k').toLowerCase();
    const empty: Cohort = { id, name: input.name, intakeOpensAt: '', intakeClosesAt: '', programmeStartsOn: '', capacity: 0, budgetPerParticipantOre: 0, jurorIds: [], mentorIds: [], sponsorIds: [] };
    try {
      saved = await deps.cohorts.save(withInput(empty, input, deps.clock.now()));
    } catch (e) {
      if (e instanceof AlreadyExists) return err(domainError('ALREADY_EXISTS', `cohort ${id} exists`));
      throw e;
    }
  }
  // The intake close at the deadline, the steering group's next scheduled report, and, once a disposal decision is
  // in force, the cohort's next disposal notice (each keyed: saved twice, one job).
  const now = deps.clock.now();
  const disposalDecided = retentionOf((await deps.settings.get())?.value.retention).decision !== undefined;
  await deps.outbox.enqueue([...closeJob(saved.value), ...nextReportJob(saved.value, now), ...(disposalDecided ? noticeJob(saved.value, nextNoticeDue(now).toISOString()) : [])], now);
  return ok(saved);
}
