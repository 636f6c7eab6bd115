import type { IndexingPolicy } from '@azure/cosmos';

/**
 * Containers and partition keys, chosen for the real queries (docs/decisions/0002-cosmos-containers.md).
 * - programme: cohorts and the programme settings document; tens of documents in one logical partition, so the
 *   whole programme is one query (no query plan), read once per turn.
 * - applications: applications, their audit events, outbox, scores, recusals, the follow-up rounds and the cohort's counters, partitioned
 *   by cohort so that a change and everything it moves are written in one transactional batch, and every list of
 *   a cohort is one partition. Thousands of applications per cohort at most, well under the 20 GB partition limit.
 * - conversations: one conversation reference per person (up to 30,000), point reads by person id.
 * - botState: botbuilder dialog and conversation state, point reads by key; the outbox's sender lease (ADR 0005).
 */
export const CONTAINERS = {
  programme: { id: 'programme', partitionKey: '/partition' },
  applications: {
    id: 'applications',
    partitionKey: '/cohortId',
    // The ranking's order: by the jury's mean, equal means by id (application.repository.ts rankedPage); and each order
    // of the coordinators' table both ways, equal keys by id in the same direction (sortedPage). Cosmos DB would serve a
    // reverse from one index; the embedded server wants each as it is asked, and two cost little.
    indexingPolicy: {
      compositeIndexes: [
        [{ path: '/jury/mean', order: 'descending' }, { path: '/id', order: 'ascending' }],
        ...['/list/submittedAt', '/list/title', '/list/municipality', '/state', '/list/score'].flatMap((path) =>
          (['ascending', 'descending'] as const).map((order) => [
            { path, order },
            { path: '/id', order },
          ]),
        ),
      ],
    } satisfies IndexingPolicy,
  },
  conversations: { id: 'conversations', partitionKey: '/id' },
  botState: { id: 'botState', partitionKey: '/id' },
} as const;

/** The one logical partition of the programme container. */
export const PROGRAMME_PARTITION = 'programme';

export type ContainerName = keyof typeof CONTAINERS;
