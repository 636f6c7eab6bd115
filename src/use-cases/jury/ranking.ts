import { type Application } from '../../domain/application';
import type { Cohort } from '../../domain/cohort';
import { domainError, type UseCaseResult } from '../../domain/errors';
import { err, ok } from '../../domain/result';
import { criteriaOf, quorumOf, RANKED_STATES } from '../../domain/jury';
import { missingScores, rank, type RankingRow } from '../../domain/scoring';
import { currentCohort } from '../current-cohort';
import { coordinatorOnly, type ProgrammeDeps } from '../programme/deps';

export interface RankingView {
  readonly cohort: Cohort;
  readonly rows: readonly (RankingRow & { readonly application: Application })[];
  /** Per juror, the applications they have neither scored nor recused from. */
  readonly missing: Readonly<Record<string, readonly string[]>>;
  readonly selectedCount: number;
}

/** The ranking for coordinators: scores, spread, counts, ties, and who has not scored what. */
export async function rankingOf(deps: ProgrammeDeps, coordinatorId: string): Promise<UseCaseResult<RankingView>> {
  const allowed = await coordinatorOnly(deps, coordinatorId);
  if (!allowed.ok) return allowed;
  const current = await currentCohort(deps);
  if (!current) return err(domainError('NOT_FOUND', 'no cohort'));
  const cohort = current.value;
  const applications = (await deps.applications.listByCohort(cohort.id)).filter((a) => RANKED_STATES.includes(a.state));
  const [scores, recusals] = await Promise.all([deps.jury.scores(cohort.id), deps.jury.recusals(cohort.id)]);
  const ids = applications.map((a) => a.id);
  const rows = rank({ applicationIds: ids, criteria: criteriaOf(cohort), scores, recusals, quorum: quorumOf(cohort), normalise: cohort.normalise ?? false });
  const byId = new Map(applications.map((a) => [a.id, a]));
  return ok({
    cohort,
    rows: rows.flatMap((r) => {
      const application = byId.get(r.applicationId);
      return application ? [{ ...r, application }] : [];
    }),
    missing: missingScores(ids, cohort.jurorIds, scores, recusals),
    selectedCount: applications.filter((a) => a.state === 'selected').length,
  });
}
