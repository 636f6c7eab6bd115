import { type Application } from '../../domain/application';
import type { Cohort } from '../../domain/cohort';
import { reviewStateOf } from '../../domain/jury';
import { currentCohort } from '../current-cohort';
import type { ProgrammeDeps } from '../programme/deps';

/** `att bedöma`: the applications in review for this juror, with their own state for each. */
export async function reviewsOf(deps: ProgrammeDeps, jurorId: string): Promise<{ cohort: Cohort; items: { application: Application; state: 'todo' | 'scored' | 'recused' }[] } | null> {
  const current = await currentCohort(deps);
  if (!current || !current.value.jurorIds.includes(jurorId)) return null;
  const cohort = current.value;
  const [applications, scores, recusals] = await Promise.all([deps.applications.listByCohort(cohort.id), deps.jury.scores(cohort.id), deps.jury.recusals(cohort.id)]);
  const items = applications.filter((a) => a.state === 'inReview').map((application) => ({ application, state: reviewStateOf(application, jurorId, scores, recusals) }));
  return { cohort, items };
}
