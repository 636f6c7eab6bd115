import type { IndexingPolicy } from '@azure/cosmos';
import { NOT_RECORD_TTL_DAYS } from '../../domain/retention';

/**
 * Containers and partition keys, chosen for the real queries (docs/decisions/0002-cosmos-containers.md).
 * - programme: cohorts and the programme settings document; tens of documents in one logical partition, so the
 *   whole programme is one query (no query plan), read once per turn.
 * - applications: applications, their audit events, outbox, scores, recusals, the follow-up rounds and the cohort's counters, partitioned
 *   by cohort so that a change and everything it moves are written in one transactional batch, and every list of
 *   a cohort is one partition. Thousands of applications per cohort at most, well under the 20 GB partition limit.
 * - conversations: one conversation reference per person (up to 30,000), point reads by person id.
 * - botState: botbuilder dialog and conversation state, point reads by key; the outbox's sender lease (ADR 0005).
 * `defaultTtl: -1` turns Cosmos DB's time to live on without expiring anything by default: only the items that say
 * so (`ttl`, in seconds after their last write) expire, i.e. delivered messages and conversation state, which are not
 * records (ADR 0018). Everything else stays until a disposal run removes it.
 */
export const CONTAINERS = {
  programme: { id: 'programme', partitionKey: '/partition' },
  applications: {
    id: 'applications',
    partitionKey: '/cohortId',
    defaultTtl: -1,
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
  botState: { id: 'botState', partitionKey: '/id', defaultTtl: -1 },
} as const;

/** The one logical partition of the programme container. */
export const PROGRAMME_PARTITION = 'programme';

export type ContainerName = keyof typeof CONTAINERS;

/** Seconds a non-record lives after its last write (Cosmos `ttl`): delivered messages and conversation state. */
export const NOT_RECORD_TTL_SECONDS = NOT_RECORD_TTL_DAYS * 86_400;
