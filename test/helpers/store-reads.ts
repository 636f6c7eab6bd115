import type { Container } from '@azure/cosmos';
import type { Application } from '../../src/domain/application';
import type { ApplicationRepository, JurorScore } from '../../src/domain/ports';

/** Every application of a cohort, through the repository's pages (a test looks at the whole; the bot never does). */
export async function allApplications(repo: Pick<ApplicationRepository, 'page'>, cohortId: string): Promise<Application[]> {
  const all: Application[] = [];
  let after: string | undefined;
  do {
    const page = await repo.page(cohortId, {}, 100, after);
    all.push(...page.items.map((v) => v.value));
    after = page.next;
  } while (after !== undefined);
  return all;
}

/** Every stored score of a cohort, read straight from the container (no port reads them all any more). */
export async function allScores(container: Container, cohortId: string): Promise<JurorScore[]> {
  const { resources } = await container.items
    .query<JurorScore>({ query: "SELECT c.cohortId, c.applicationId, c.jurorId, c['values'], c.comment, c.at FROM c WHERE c.type = 'score' AND c.cohortId = @c", parameters: [{ name: '@c', value: cohortId }] }, { partitionKey: cohortId })
    .fetchAll();
  return resources;
}
