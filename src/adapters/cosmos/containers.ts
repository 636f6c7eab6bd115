/**
 * Containers and partition keys, chosen for the real queries (docs/decisions/0002-cosmos-containers.md).
 * - programme: cohorts and the programme settings document; tens of documents, read on most turns.
 * - applications: applications and their audit events, partitioned by cohort so that an application and
 *   its audit event are written in one transactional batch, and a cohort's listing is one partition.
 *   Thousands of applications per cohort at most, well under the 20 GB logical partition limit.
 * - conversations: one conversation reference per person (up to 30,000), point reads by person id.
 * - botState: botbuilder dialog and conversation state, point reads by key; the outbox's sender lease (ADR 0005).
 */
export const CONTAINERS = {
  programme: { id: 'programme', partitionKey: '/id' },
  applications: { id: 'applications', partitionKey: '/cohortId' },
  conversations: { id: 'conversations', partitionKey: '/id' },
  botState: { id: 'botState', partitionKey: '/id' },
} as const;

export type ContainerName = keyof typeof CONTAINERS;
