import { outboxId } from '../../src/adapters/cosmos/documents';
import type { OutboxMessage } from '../../src/domain/notification';
import { reportDeliveryProblem } from '../../src/use-cases/report-delivery-problem';
import { ManualClock } from '../fakes/clock-and-ids';
import { InMemoryOutboxStore } from '../fakes/in-memory-outbox';
import { InMemorySettingsRepository } from '../fakes/in-memory-repositories';

describe('reportDeliveryProblem: a message given up on is reported to the coordinators', () => {
  const at = '2026-03-02T09:00:00.000Z';
  const gaveUp = (kind: OutboxMessage['kind'], status: OutboxMessage['status'] = 'unreachable'): OutboxMessage => ({
    id: outboxId(`k/${kind}`), idempotencyKey: `k/${kind}`, kind, recipientId: 'person-1', cohortId: 'pilot-1', applicationId: 'A-7K3QX2',
    payload: {}, status, attempts: 3, dueAt: at, createdAt: at,
  });
  const setup = () => {
    const outbox = new InMemoryOutboxStore();
    const deps = { settings: new InMemorySettingsRepository({ coordinatorIds: ['coord-1', 'coord-2'], hrContactIds: {}, steeringGroupIds: [] }), outbox, clock: new ManualClock(Date.parse(at)) };
    return { deps, outbox };
  };

  it('tells each coordinator once, about the application and who was not reached, however often it is reported', async () => {
    const { deps, outbox } = setup();
    await reportDeliveryProblem(deps, gaveUp('applicationApproved', 'failed'));
    await reportDeliveryProblem(deps, gaveUp('applicationApproved', 'failed'));
    const reports = await outbox.forApplication('pilot-1', 'A-7K3QX2');
    expect(reports.map((r) => [r.kind, r.recipientId, r.payload])).toEqual([
      ['deliveryProblem', 'coord-1', { recipientId: 'person-1', status: 'failed' }],
      ['deliveryProblem', 'coord-2', { recipientId: 'person-1', status: 'failed' }],
    ]);
  });

  it('does not report a report that could not be delivered', async () => {
    const { deps, outbox } = setup();
    await reportDeliveryProblem(deps, gaveUp('deliveryProblem'));
    expect(await outbox.forApplication('pilot-1', 'A-7K3QX2')).toEqual([]);
  });
});
