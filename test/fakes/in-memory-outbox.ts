import { ConcurrencyConflict } from '../../src/domain/errors';
import type { Notification, OutboxMessage } from '../../src/domain/notification';
import type { LeaseStore, OutboxStore, Versioned } from '../../src/domain/ports';
import { aTurn, newEtag, stored } from './stored';

function positive(what: string, limit: number): void {
  if (!Number.isInteger(limit) || limit <= 0) throw new Error(`${what}: limit must be a positive integer, got ${limit}`);
}

const byDueAt = (a: Versioned<OutboxMessage>, b: Versioned<OutboxMessage>) => a.value.dueAt.localeCompare(b.value.dueAt);

/**
 * The outbox in memory, with Cosmos' semantics (held to test/contracts/outbox-store.contract.ts): the ETag check and
 * the write are one step, after a yield. Messages are keyed by id, as the worker's tests set them up; an
 * InMemoryApplicationRepository given this store writes the messages of its changes here, as the Cosmos pair shares
 * the `applications` container.
 */
export class InMemoryOutboxStore implements OutboxStore {
  constructor(readonly docs = new Map<string, Versioned<OutboxMessage>>()) {}

  /** The message a notification becomes when it is written at `at` (the change's instant, or the enqueue's). */
  static messageOf(n: Notification, at: string): OutboxMessage {
    return { ...n, id: `outbox:${n.idempotencyKey}`, status: 'pending', attempts: 0, dueAt: n.dueAt ?? at, createdAt: at };
  }

  async due(now: Date, limit: number) {
    positive('due', limit);
    await aTurn();
    const t = now.getTime();
    return [...this.docs.values()]
      .filter(({ value: m }) => (m.status === 'pending' && Date.parse(m.dueAt) <= t) || (m.status === 'sending' && m.leaseUntil !== undefined && Date.parse(m.leaseUntil) <= t))
      .sort(byDueAt)
      .slice(0, limit);
  }

  async replace(message: OutboxMessage, expectedEtag: string) {
    await aTurn();
    const current = this.docs.get(message.id);
    if (current?.etag !== expectedEtag || current.value.cohortId !== message.cohortId) throw new ConcurrencyConflict('outbox', message.id);
    const next = { value: stored(message), etag: newEtag() };
    this.docs.set(message.id, next);
    return next;
  }

  async inFlight(limit: number) {
    positive('inFlight', limit);
    await aTurn();
    return [...this.docs.values()].filter(({ value: m }) => m.status === 'sending').sort(byDueAt).slice(0, limit);
  }

  async get(cohortId: string, id: string) {
    await aTurn();
    const doc = this.docs.get(id);
    return doc?.value.cohortId === cohortId ? doc : null;
  }

  private campaign(cohortId: string, campaignId: string) {
    return [...this.docs.values()].map((d) => d.value).filter((m) => m.cohortId === cohortId && m.kind === 'announcement' && m.payload.campaignId === campaignId);
  }

  async campaignCounts(cohortId: string, campaignId: string) {
    const counts: Partial<Record<OutboxMessage['status'], number>> = {};
    for (const m of this.campaign(cohortId, campaignId)) counts[m.status] = (counts[m.status] ?? 0) + 1;
    return counts;
  }

  async campaignFailures(cohortId: string, campaignId: string, limit: number) {
    return this.campaign(cohortId, campaignId)
      .filter((m) => m.status === 'failed' || m.status === 'unreachable')
      .sort((a, b) => a.recipientId.localeCompare(b.recipientId))
      .slice(0, limit);
  }

  async forApplication(cohortId: string, applicationId: string) {
    return [...this.docs.values()]
      .map((d) => d.value)
      .filter((m) => m.cohortId === cohortId && m.applicationId === applicationId)
      .sort((a, b) => (a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1));
  }

  async enqueue(notifications: readonly Notification[], at: Date) {
    for (const n of notifications) {
      const message = InMemoryOutboxStore.messageOf(n, at.toISOString());
      if (!this.docs.has(message.id)) this.docs.set(message.id, { value: stored(message), etag: newEtag() });
    }
  }
}

/**
 * Leases in memory, one per name, with the Cosmos adapter's semantics (test/contracts/lease-store.contract.ts).
 * An owner in `frozen` cannot renew (its process is gone).
 */
export class InMemoryLeases implements LeaseStore {
  readonly frozen = new Set<string>();
  private readonly leases = new Map<string, { owner: string; until: number }>();

  async tryHold(name: string, owner: string, now: Date, until: Date) {
    await aTurn();
    if (this.frozen.has(owner)) throw new Error('gone');
    const lease = this.leases.get(name);
    if (lease && lease.owner !== owner && lease.until > now.getTime()) return false;
    this.leases.set(name, { owner, until: until.getTime() });
    return true;
  }

  async release(name: string, owner: string, now: Date) {
    await aTurn();
    if (this.leases.get(name)?.owner === owner) this.leases.set(name, { owner, until: now.getTime() });
  }
}
