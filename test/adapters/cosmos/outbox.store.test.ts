import { CosmosApplicationRepository } from '../../../src/adapters/cosmos/application.repository';
import type { CosmosStore } from '../../../src/adapters/cosmos/connection';
import { outboxId } from '../../../src/adapters/cosmos/documents';
import { CosmosOutboxStore } from '../../../src/adapters/cosmos/outbox.store';
import { ConcurrencyConflict } from '../../../src/domain/errors';
import type { Notification, OutboxMessage } from '../../../src/domain/notification';
import type { Versioned } from '../../../src/domain/ports';
import { anApplication, creationAudit } from '../../builders/application.builder';
import { openTestStore } from '../../helpers/embedded-cosmos';

const at = (iso: string) => new Date(iso);

function notification(app: { id: string; cohortId: string }, recipientId: string, key = `${app.id}/invite/${recipientId}`): Notification {
  return { idempotencyKey: key, kind: 'coApplicantInvitation', recipientId, cohortId: app.cohortId, applicationId: app.id, payload: { inviter: 'Anna' } };
}

describe('CosmosOutboxStore (embedded Cosmos, real @azure/cosmos client)', () => {
  let store: CosmosStore;
  let applications: CosmosApplicationRepository;
  let outbox: CosmosOutboxStore;

  beforeEach(async () => {
    store = await openTestStore();
    applications = new CosmosApplicationRepository(store.containers.applications);
    outbox = new CosmosOutboxStore(store.containers.applications);
  });
  afterEach(() => store.close());

  /** An application created at `createdAt` with notifications to `recipients`: its outbox messages are due from then. */
  async function enqueue(createdAt: string, recipients: string[], cohortId = 'pilot-1') {
    const app = anApplication({ cohortId, createdAt, updatedAt: createdAt });
    await applications.create(app, creationAudit(app), recipients.map((r) => notification(app, r)));
    return app;
  }

  it('finds the messages written with an application, pending and due from the change', async () => {
    const app = await enqueue('2026-03-01T09:00:00.000Z', ['bo', 'cia']);

    const messages = await outbox.forApplication(app.cohortId, app.id);
    expect(messages.map((m) => m.recipientId).sort()).toEqual(['bo', 'cia']);
    expect(messages[0]).toMatchObject({ status: 'pending', attempts: 0, dueAt: '2026-03-01T09:00:00.000Z', kind: 'coApplicantInvitation', payload: { inviter: 'Anna' } });
    expect(messages[0]?.id).toBe(outboxId(messages[0]?.idempotencyKey ?? ''));
    expect(messages[0]).not.toHaveProperty('_etag');
    expect(messages[0]).not.toHaveProperty('type');
    expect(await outbox.forApplication('pilot-2', app.id)).toEqual([]);
  });

  it('also finds the messages written with an update', async () => {
    const app = anApplication({ createdAt: '2026-03-01T09:00:00.000Z' });
    const created = await applications.create(app, creationAudit(app));
    const changed = { ...app, updatedAt: '2026-03-02T10:00:00.000Z' };
    await applications.update(changed, created.etag, { ...creationAudit(changed, `audit-${app.id}-2`), at: '2026-03-02T10:00:00.000Z' }, [notification(app, 'manager-1')]);

    expect((await outbox.due(at('2026-03-02T10:00:00.000Z'), 10)).map((m) => m.value.recipientId)).toEqual(['manager-1']);
  });

  it('answers only pending messages that are due, across cohorts, oldest first, at most `limit`', async () => {
    await enqueue('2026-03-01T09:00:02.000Z', ['late'], 'pilot-2');
    await enqueue('2026-03-01T09:00:00.000Z', ['early'], 'pilot-1');
    await enqueue('2026-03-01T09:00:01.000Z', ['middle'], 'pilot-3');
    await enqueue('2026-03-01T10:00:00.000Z', ['future'], 'pilot-1');

    const due = await outbox.due(at('2026-03-01T09:30:00.000Z'), 10);
    expect(due.map((m) => m.value.recipientId)).toEqual(['early', 'middle', 'late']);
    expect(due.every((m) => typeof m.etag === 'string' && m.etag.length > 0)).toBe(true);
    expect((await outbox.due(at('2026-03-01T09:30:00.000Z'), 2)).map((m) => m.value.recipientId)).toEqual(['early', 'middle']);
    expect(await outbox.due(at('2026-03-01T08:59:59.999Z'), 10)).toEqual([]);
    expect(await outbox.due(at('2026-03-01T09:00:00.000Z'), 10)).toHaveLength(1); // dueAt <= now
  });

  it('replaces under the ETag; a stale ETag is a ConcurrencyConflict and changes nothing', async () => {
    await enqueue('2026-03-01T09:00:00.000Z', ['bo']);
    const [item] = await outbox.due(at('2026-03-01T09:00:00.000Z'), 1);
    if (!item) throw new Error('no message');

    const claimed = await outbox.replace({ ...item.value, status: 'sending', leaseOwner: 'w1', leaseUntil: '2026-03-01T09:01:00.000Z', attempts: 1 }, item.etag);
    expect(claimed.etag).not.toBe(item.etag);
    expect(claimed.value).toMatchObject({ status: 'sending', leaseOwner: 'w1', attempts: 1 });

    const second = outbox.replace({ ...item.value, status: 'sending', leaseOwner: 'w2', leaseUntil: '2026-03-01T09:01:00.000Z', attempts: 1 }, item.etag);
    await expect(second).rejects.toBeInstanceOf(ConcurrencyConflict);
    const [stored] = await outbox.forApplication(item.value.cohortId, item.value.applicationId);
    expect(stored?.leaseOwner).toBe('w1');
  });

  it('two claims racing on the same version: exactly one wins', async () => {
    await enqueue('2026-03-01T09:00:00.000Z', ['bo']);
    const [item] = await outbox.due(at('2026-03-01T09:00:00.000Z'), 1);
    if (!item) throw new Error('no message');
    const claim = (owner: string) => outbox.replace({ ...item.value, status: 'sending', leaseOwner: owner, leaseUntil: '2026-03-01T09:01:00.000Z', attempts: 1 }, item.etag);

    const results = await Promise.allSettled([claim('w1'), claim('w2'), claim('w3')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyConflict)).toHaveLength(2);
  });

  it('a claimed message is not due until its lease expires; then it is, for another worker to take over', async () => {
    await enqueue('2026-03-01T09:00:00.000Z', ['bo']);
    const [item] = await outbox.due(at('2026-03-01T09:00:00.000Z'), 1);
    if (!item) throw new Error('no message');
    await outbox.replace({ ...item.value, status: 'sending', leaseOwner: 'crashed', leaseUntil: '2026-03-01T09:01:00.000Z', attempts: 1 }, item.etag);

    expect(await outbox.due(at('2026-03-01T09:00:59.999Z'), 10)).toEqual([]);
    const [expired] = await outbox.due(at('2026-03-01T09:01:00.000Z'), 10);
    expect(expired?.value).toMatchObject({ status: 'sending', leaseOwner: 'crashed', attempts: 1 });
    const taken = await outbox.replace({ ...(expired as Versioned<OutboxMessage>).value, leaseOwner: 'w2', leaseUntil: '2026-03-01T09:02:00.000Z', attempts: 2 }, (expired as Versioned<OutboxMessage>).etag);
    expect(taken.value.leaseOwner).toBe('w2');
  });

  it('never answers finished messages, and keeps what the worker recorded (lease cleared)', async () => {
    const app = await enqueue('2026-03-01T09:00:00.000Z', ['sent', 'failed', 'unreachable', 'cancelled']);
    for (const item of await outbox.due(at('2026-03-01T09:00:00.000Z'), 10)) {
      const status = item.value.recipientId as OutboxMessage['status'];
      const finished: OutboxMessage = {
        ...item.value,
        status,
        attempts: 1,
        ...(status === 'sent' ? { sentAt: '2026-03-01T09:00:01.000Z', sentActivityId: '1700000000001', sentConversationId: 'a:1:1-sent' } : { lastError: `${status}: because` }),
      };
      await outbox.replace(finished, item.etag);
    }

    expect(await outbox.due(at('2030-01-01T00:00:00.000Z'), 10)).toEqual([]);
    const byRecipient = new Map((await outbox.forApplication(app.cohortId, app.id)).map((m) => [m.recipientId, m]));
    expect(byRecipient.get('sent')).toMatchObject({ status: 'sent', sentActivityId: '1700000000001', sentConversationId: 'a:1:1-sent' });
    expect(byRecipient.get('sent')).not.toHaveProperty('leaseOwner');
    expect(byRecipient.get('unreachable')).toMatchObject({ status: 'unreachable', lastError: 'unreachable: because' });
  });

  it('a message whose document is gone is a ConcurrencyConflict too', async () => {
    const app = await enqueue('2026-03-01T09:00:00.000Z', ['bo']);
    const [item] = await outbox.due(at('2026-03-01T09:00:00.000Z'), 1);
    if (!item) throw new Error('no message');
    await store.containers.applications.item(item.value.id, app.cohortId).delete();
    await expect(outbox.replace(item.value, item.etag)).rejects.toBeInstanceOf(ConcurrencyConflict);
  });
});
