import type { Cohort } from '../domain/cohort';
import { AlreadyExists, ConcurrencyConflict } from '../domain/errors';
import { aboutCohort, notify } from '../domain/notification';
import type { ApplicationRepository, Clock, CohortRepository, Directory, RecommendationRepository } from '../domain/ports';
import { declined, mayRecommend, newRecommendation, reasonOf, recommendationCohort, type Recommendation, type RecommendRefusal } from '../domain/recommendation';
import { err, ok, type Result } from '../domain/result';

export interface RecommendDeps {
  readonly recommendations: RecommendationRepository;
  readonly applications: ApplicationRepository;
  readonly cohorts: CohortRepository;
  readonly directory: Directory;
  readonly clock: Clock;
}

/** A refusal, with what the manager's answer names (the person, the cohort) when it is known. */
export interface RecommendRefused {
  readonly code: RecommendRefusal;
  readonly personName?: string;
  readonly cohortName?: string;
}

/**
 * `rekommendera <e-post> <varför>`: a manager recommends someone who reports to them, per the directory (never the
 * input), for the cohort open for intake now or the next to open (domain/recommendation.ts). The recommendation and
 * the invitation to the person are written together; a second recommendation of the same person in the cohort, by
 * anyone, collides on the stored id and is refused.
 */
export async function recommend(
  deps: RecommendDeps,
  recommender: { readonly id: string; readonly name: string },
  input: { readonly email: string; readonly reason: string },
): Promise<Result<{ recommendation: Recommendation; cohort: Cohort }, RecommendRefused>> {
  const reason = reasonOf(input.reason);
  if (!reason.ok) return err({ code: reason.error });
  const person = await deps.directory.findByEmail(input.email);
  const allowed = mayRecommend(recommender.id, person);
  if (!allowed.ok || !person) return err({ code: allowed.ok ? 'notYourReport' : allowed.error });
  const now = deps.clock.now();
  const cohort = recommendationCohort(await deps.cohorts.list(), now);
  if (!cohort) return err({ code: 'noCohort' });
  const named = { personName: person.name, cohortName: cohort.name };
  if (await deps.applications.findByApplicant(cohort.id, person.id)) return err({ code: 'alreadyApplied', ...named });
  if (await deps.recommendations.get(cohort.id, person.id)) return err({ code: 'alreadyRecommended', ...named });
  const recommendation = newRecommendation({
    cohortId: cohort.id,
    personId: person.id,
    personName: person.name,
    recommenderId: recommender.id,
    recommenderName: recommender.name,
    reason: reason.value,
    at: now.toISOString(),
  });
  const invitation = notify(aboutCohort(cohort), 'recommendation', [person.id], `${cohort.id}/recommendation/${person.id}`, { cohortName: cohort.name });
  try {
    await deps.recommendations.create(recommendation, invitation);
  } catch (e) {
    // Two managers at once (or one twice): the store lets one in.
    if (e instanceof AlreadyExists) return err({ code: 'alreadyRecommended', ...named });
    throw e;
  }
  return ok({ recommendation, cohort });
}

/**
 * "Nej tack" on the invitation: the caller's own recommendation in the cohort (found by their verified id, so card
 * data can name nothing else), declined once; the manager is told briefly. A second click answers as the first.
 */
export async function declineRecommendation(deps: RecommendDeps, personId: string, cohortId: string): Promise<Result<{ recommendation: Recommendation }, 'notFound'>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const found = await deps.recommendations.get(cohortId, personId);
    if (!found) return err('notFound');
    const cohort = (await deps.cohorts.get(cohortId))?.value;
    const { recommendation, changed } = declined(found.value, deps.clock.now().toISOString());
    if (!changed) return ok({ recommendation });
    const told = notify(aboutCohort({ id: cohortId }), 'recommendationDeclined', [recommendation.recommenderId], `${cohortId}/recommendation-declined/${personId}`, {
      cohortName: cohort?.name ?? cohortId,
      personName: recommendation.personName,
    });
    try {
      await deps.recommendations.update(recommendation, found.etag, told);
      return ok({ recommendation });
    } catch (e) {
      if (!(e instanceof ConcurrencyConflict)) throw e;
    }
  }
  throw new ConcurrencyConflict('recommendation', personId);
}

/** Who recommended the person in the cohort, for the application they start there; undefined when nobody did. */
export async function recommendedByOf(deps: Pick<RecommendDeps, 'recommendations'>, cohortId: string, personId: string): Promise<{ id: string; name: string } | undefined> {
  const found = await deps.recommendations.get(cohortId, personId);
  return found ? { id: found.value.recommenderId, name: found.value.recommenderName } : undefined;
}
