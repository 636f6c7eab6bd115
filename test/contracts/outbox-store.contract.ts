import { ConcurrencyConflict } from '../../src/domain/errors';
import type { Notification, OutboxMessage } from '../../src/domain/notification';
import type { ApplicationRepository, OutboxStore, Versioned } from '../../src/domain/ports';
import { anApplication, creationAudit } from '../builders/application.builder';
import { contractSuite } from './contract-suite';

const at = (iso: string) => new Date(iso);

/** A notification of `app` for `recipientId`, keyed by both (one per recipient and application). */
export function notification(app: { id: string; cohortId: string }, recipientId: string, key = `${app.id}/invite/${recipientId}`): Notification {
  return { idempotencyKey: key, kind: 'coApplicantInvitation', recipientId, cohortId: app.cohortId, applicationId: app.id, payload: { inviter: 'Anna' } };
}

/** An outbox and the application repository that writes its messages, over one store (as the Cosmos pair shares a container). */
export interface OutboxPair {
  readonly outbox: OutboxStore;
  readonly applications: ApplicationRepository;
}

/**
 * One suite, every OutboxStore (ARCHITECTURE.md, habit 8): the in-memory fake the worker's fast tests use and the
 * Cosmos adapter. `make` gives an empty pair for each test (`due` and `inFlight` look across the whole outbox).
 */
export function outboxStoreContract(name: string, make: () => Promise<OutboxPair>) {
  contractSuite(`OutboxStore contract: ${name}`, make, { scope: 'each' }, (made) => {
    const outbox = () => made().outbox;
    const applications = () => made().applications;

    /** An application created at `createdAt` with notifications to `recipients`: its outbox messages are due from then. */
    async function changeWith(createdAt: string, recipients: string[], cohortId = 'pilot-1') {
      const app = anApplication({ cohortId, createdAt, updatedAt: createdAt });
      await applications().create(app, creationAudit(app), recipients.map((r) => notification(app, r)));
      return app;
    }

    async function theOnlyDue(now: string): Promise<Versioned<OutboxMessage>> {
      const [item, ...more] = await outbox().due(at(now), 10);
      if (!item || more.length > 0) throw new Error(`expected one due message, found ${more.length + (item ? 1 : 0)}`);
      return item;
    }

    const claim = (item: Versioned<OutboxMessage>, owner: string, leaseUntil = '2026-03-01T09:01:00.000Z') =>
      outbox().replace({ ...item.value, status: 'sending', leaseOwner: owner, leaseUntil, attempts: item.value.attempts + 1 }, item.etag);

    it('finds the messages written with an application, pending and due from the change', async () => {
      const app = await changeWith('2026-03-01T09:00:00.000Z', ['bo', 'cia']);

      const messages = await outbox().forApplication(app.cohortId, app.id);
      expect(messages.map((m) => m.recipientId).sort()).toEqual(['bo', 'cia']);
      expect(messages[0]).toMatchObject({ status: 'pending', attempts: 0, dueAt: '2026-03-01T09:00:00.000Z', createdAt: '2026-03-01T09:00:00.000Z', kind: 'coApplicantInvitation', payload: { inviter: 'Anna' } });
      expect(messages[0]).not.toHaveProperty('_etag');
      expect(messages[0]).not.toHaveProperty('type');
      expect(await outbox().forApplication('pilot-2', app.id)).toEqual([]);
      expect(await outbox().forApplication(app.cohortId, 'A-none')).toEqual([]);
    });

    it('also finds the messages written with an update', async () => {
      const app = anApplication({ createdAt: '2026-03-01T09:00:00.000Z' });
      const created = await applications().create(app, creationAudit(app));
      const changed = { ...app, updatedAt: '2026-03-02T10:00:00.000Z' };
      await applications().update({ application: changed, previous: created, audit: { ...creationAudit(changed, `audit-${app.id}-2`), at: '2026-03-02T10:00:00.000Z' }, notifications: [notification(app, 'manager-1')] });

      expect((await outbox().due(at('2026-03-02T10:00:00.000Z'), 10)).map((m) => m.value.recipientId)).toEqual(['manager-1']);
    });

    it('answers only pending messages that are due, across cohorts, oldest first, at most `limit`', async () => {
      await changeWith('2026-03-01T09:00:02.000Z', ['late'], 'pilot-2');
      await changeWith('2026-03-01T09:00:00.000Z', ['early'], 'pilot-1');
      await changeWith('2026-03-01T09:00:01.000Z', ['middle'], 'pilot-3');
      await changeWith('2026-03-01T10:00:00.000Z', ['future'], 'pilot-1');

      const due = await outbox().due(at('2026-03-01T09:30:00.000Z'), 10);
      expect(due.map((m) => m.value.recipientId)).toEqual(['early', 'middle', 'late']);
      expect(due.every((m) => typeof m.etag === 'string' && m.etag.length > 0)).toBe(true);
      expect((await outbox().due(at('2026-03-01T09:30:00.000Z'), 2)).map((m) => m.value.recipientId)).toEqual(['early', 'middle']);
      expect(await outbox().due(at('2026-03-01T08:59:59.999Z'), 10)).toEqual([]);
      expect(await outbox().due(at('2026-03-01T09:00:00.000Z'), 10)).toHaveLength(1); // dueAt <= now
    });

    it("keeps a notification's own dueAt: a scheduled message is not due before it", async () => {
      const app = anApplication({ createdAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-01T09:00:00.000Z' });
      await applications().create(app, creationAudit(app), [{ ...notification(app, 'manager-1'), kind: 'approvalReminder', dueAt: '2026-03-04T07:00:00.000Z' }]);

      expect(await outbox().due(at('2026-03-04T06:59:59.999Z'), 10)).toEqual([]);
      expect((await theOnlyDue('2026-03-04T07:00:00.000Z')).value).toMatchObject({ kind: 'approvalReminder', dueAt: '2026-03-04T07:00:00.000Z', createdAt: '2026-03-01T09:00:00.000Z' });
    });

    it('refuses a limit that is not a positive whole number', async () => {
      for (const limit of [0, -1, 1.5]) {
        await expect(outbox().due(at('2026-03-01T09:00:00.000Z'), limit)).rejects.toThrow(/limit must be a positive integer/);
        await expect(outbox().inFlight(limit)).rejects.toThrow(/limit must be a positive integer/);
      }
    });

    it('replaces under the ETag; a stale ETag is a ConcurrencyConflict and changes nothing', async () => {
      await changeWith('2026-03-01T09:00:00.000Z', ['bo']);
      const item = await theOnlyDue('2026-03-01T09:00:00.000Z');

      const claimed = await claim(item, 'w1');
      expect(claimed.etag).not.toBe(item.etag);
      expect(claimed.value).toMatchObject({ status: 'sending', leaseOwner: 'w1', attempts: 1 });

      await expect(claim(item, 'w2')).rejects.toBeInstanceOf(ConcurrencyConflict);
      const [stored] = await outbox().forApplication(item.value.cohortId, item.value.applicationId);
      expect(stored?.leaseOwner).toBe('w1');
    });

    it('a replace naming another cohort finds no such message: ConcurrencyConflict', async () => {
      await changeWith('2026-03-01T09:00:00.000Z', ['bo']);
      const item = await theOnlyDue('2026-03-01T09:00:00.000Z');
      await expect(outbox().replace({ ...item.value, cohortId: 'pilot-2', status: 'sent' }, item.etag)).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect((await outbox().get(item.value.cohortId, item.value.id))?.value.status).toBe('pending');
    });

    it('two claims racing on the same version: exactly one wins', async () => {
      await changeWith('2026-03-01T09:00:00.000Z', ['bo']);
      const item = await theOnlyDue('2026-03-01T09:00:00.000Z');

      const results = await Promise.allSettled([claim(item, 'w1'), claim(item, 'w2'), claim(item, 'w3')]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyConflict)).toHaveLength(2);
    });

    it('a claimed message is not due until its lease expires; then it is, for another worker to take over', async () => {
      await changeWith('2026-03-01T09:00:00.000Z', ['bo']);
      await claim(await theOnlyDue('2026-03-01T09:00:00.000Z'), 'crashed');

      expect(await outbox().due(at('2026-03-01T09:00:59.999Z'), 10)).toEqual([]);
      const expired = await theOnlyDue('2026-03-01T09:01:00.000Z');
      expect(expired.value).toMatchObject({ status: 'sending', leaseOwner: 'crashed', attempts: 1 });
      const taken = await claim(expired, 'w2', '2026-03-01T09:02:00.000Z');
      expect(taken.value).toMatchObject({ leaseOwner: 'w2', attempts: 2 });
    });

    it('never answers finished messages, and keeps what the worker recorded (lease cleared)', async () => {
      const app = await changeWith('2026-03-01T09:00:00.000Z', ['sent', 'failed', 'unreachable', 'cancelled']);
      for (const item of await outbox().due(at('2026-03-01T09:00:00.000Z'), 10)) {
        const status = item.value.recipientId as OutboxMessage['status'];
        const finished: OutboxMessage = {
          ...item.value,
          status,
          attempts: 1,
          ...(status === 'sent' ? { sentAt: '2026-03-01T09:00:01.000Z', sentActivityId: '1700000000001', sentConversationId: 'a:1:1-sent' } : { lastError: `${status}: because` }),
        };
        await outbox().replace(finished, item.etag);
      }

      expect(await outbox().due(at('2030-01-01T00:00:00.000Z'), 10)).toEqual([]);
      expect(await outbox().inFlight(10)).toEqual([]);
      const byRecipient = new Map((await outbox().forApplication(app.cohortId, app.id)).map((m) => [m.recipientId, m]));
      expect(byRecipient.get('sent')).toMatchObject({ status: 'sent', sentActivityId: '1700000000001', sentConversationId: 'a:1:1-sent' });
      expect(byRecipient.get('sent')).not.toHaveProperty('leaseOwner');
      expect(byRecipient.get('unreachable')).toMatchObject({ status: 'unreachable', lastError: 'unreachable: because' });
    });

    it('drops a lease the worker leaves undefined, as a stored document has no undefined properties', async () => {
      await changeWith('2026-03-01T09:00:00.000Z', ['bo']);
      const claimed = await claim(await theOnlyDue('2026-03-01T09:00:00.000Z'), 'w1');
      const sent = await outbox().replace({ ...claimed.value, status: 'sent', leaseOwner: undefined, leaseUntil: undefined }, claimed.etag);
      expect(sent.value).not.toHaveProperty('leaseOwner');
      expect((await outbox().get(sent.value.cohortId, sent.value.id))?.value).not.toHaveProperty('leaseUntil');
    });

    it('lists the claims in flight, expired or not, of every worker and cohort, oldest due first, at most `limit`', async () => {
      await changeWith('2026-03-01T09:00:01.000Z', ['second'], 'pilot-2');
      await changeWith('2026-03-01T09:00:00.000Z', ['first'], 'pilot-1');
      await changeWith('2026-03-01T09:00:02.000Z', ['third', 'waiting'], 'pilot-3');
      for (const item of await outbox().due(at('2026-03-01T09:00:02.000Z'), 10)) {
        if (item.value.recipientId !== 'waiting') await claim(item, `w-${item.value.recipientId}`, item.value.recipientId === 'first' ? '2026-03-01T08:00:00.000Z' : undefined);
      }

      const inFlight = await outbox().inFlight(10);
      expect(inFlight.map((m) => [m.value.recipientId, m.value.leaseOwner])).toEqual([
        ['first', 'w-first'],
        ['second', 'w-second'],
        ['third', 'w-third'],
      ]);
      expect(inFlight.every((m) => m.value.status === 'sending' && m.etag.length > 0)).toBe(true);
      expect((await outbox().inFlight(2)).map((m) => m.value.recipientId)).toEqual(['first', 'second']);
    });

    it('gets one message as stored now, with the version a replace needs; null for an id or cohort that has none', async () => {
      await changeWith('2026-03-01T09:00:00.000Z', ['bo']);
      const item = await theOnlyDue('2026-03-01T09:00:00.000Z');
      expect(await outbox().get(item.value.cohortId, item.value.id)).toEqual(item);

      const claimed = await claim(item, 'w1');
      const read = await outbox().get(item.value.cohortId, item.value.id);
      expect(read).toEqual(claimed);
      await expect(outbox().replace({ ...(read as Versioned<OutboxMessage>).value, status: 'sent' }, (read as Versioned<OutboxMessage>).etag)).resolves.toBeDefined();
      expect(await outbox().get('pilot-2', item.value.id)).toBeNull();
      expect(await outbox().get(item.value.cohortId, 'outbox:none')).toBeNull();
      expect(await outbox().get(item.value.cohortId, 'not/an?id')).toBeNull();
    });

    it('enqueues messages no change caused, due at their dueAt or at once, and lists them with their application', async () => {
      const app = anApplication();
      const report = { ...notification(app, 'coordinator-1', `${app.id}/deliveryProblem/1`), kind: 'deliveryProblem' as const };
      const later = { ...notification(app, 'coordinator-2', `${app.id}/deliveryProblem/2`), kind: 'deliveryProblem' as const, dueAt: '2026-03-01T12:00:00.000Z' };
      await outbox().enqueue([report, later], at('2026-03-01T09:00:00.000Z'));

      expect((await theOnlyDue('2026-03-01T11:59:59.999Z')).value).toMatchObject({ ...report, status: 'pending', attempts: 0, dueAt: '2026-03-01T09:00:00.000Z', createdAt: '2026-03-01T09:00:00.000Z' });
      expect((await outbox().forApplication(app.cohortId, app.id)).map((m) => [m.recipientId, m.dueAt]).sort()).toEqual([
        ['coordinator-1', '2026-03-01T09:00:00.000Z'],
        ['coordinator-2', '2026-03-01T12:00:00.000Z'],
      ]);
      await outbox().enqueue([], at('2026-03-01T09:00:00.000Z'));
      expect(await outbox().forApplication(app.cohortId, app.id)).toHaveLength(2);
    });

    it('enqueue is idempotent: a key already in the outbox, enqueued or written by a change, is left as it is', async () => {
      const app = await changeWith('2026-03-01T09:00:00.000Z', ['bo']);
      const claimed = await claim(await theOnlyDue('2026-03-01T09:00:00.000Z'), 'w1');
      const report = { ...notification(app, 'coordinator-1', `${app.id}/deliveryProblem/1`), kind: 'deliveryProblem' as const };
      await outbox().enqueue([report], at('2026-03-01T09:05:00.000Z'));

      await outbox().enqueue([notification(app, 'bo'), { ...report, payload: { again: 'yes' } }], at('2026-03-01T10:00:00.000Z'));
      await Promise.all([outbox().enqueue([report], at('2026-03-01T11:00:00.000Z')), outbox().enqueue([report], at('2026-03-01T11:00:00.000Z'))]);

      const messages = await outbox().forApplication(app.cohortId, app.id);
      expect(messages.map((m) => [m.recipientId, m.status, m.createdAt, m.payload])).toEqual([
        ['bo', 'sending', '2026-03-01T09:00:00.000Z', { inviter: 'Anna' }],
        ['coordinator-1', 'pending', '2026-03-01T09:05:00.000Z', { inviter: 'Anna' }],
      ]);
      expect(await outbox().get(app.cohortId, claimed.value.id)).toEqual(claimed);
    });

    it('lists the messages of one application oldest first, whoever caused them', async () => {
      const app = anApplication({ createdAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-01T09:00:00.000Z' });
      const created = await applications().create(app, creationAudit(app), [notification(app, 'first')]);
      await outbox().enqueue([notification(app, 'third')], at('2026-03-03T09:00:00.000Z'));
      const changed = { ...app, updatedAt: '2026-03-02T09:00:00.000Z' };
      await applications().update({ application: changed, previous: created, audit: null, notifications: [notification(app, 'second')] });
      const other = await changeWith('2026-03-01T08:00:00.000Z', ['elsewhere']);

      expect((await outbox().forApplication(app.cohortId, app.id)).map((m) => [m.recipientId, m.createdAt])).toEqual([
        ['first', '2026-03-01T09:00:00.000Z'],
        ['second', '2026-03-02T09:00:00.000Z'],
        ['third', '2026-03-03T09:00:00.000Z'],
      ]);
      expect((await outbox().forApplication(other.cohortId, other.id)).map((m) => m.recipientId)).toEqual(['elsewhere']);
    });
  });
}
