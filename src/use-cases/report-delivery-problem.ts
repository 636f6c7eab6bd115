import { aboutApplication, notify, type OutboxMessage } from '../domain/notification';
import type { Clock, OutboxStore, SettingsRepository } from '../domain/ports';

/**
 * A message the outbox gave up on (unreachable, failed) is reported to the coordinators, once per message, so a
 * person who never heard of their application is found; a report about a report is not sent.
 */
export async function reportDeliveryProblem(deps: { readonly settings: SettingsRepository; readonly outbox: OutboxStore; readonly clock: Clock }, message: OutboxMessage): Promise<void> {
  if (message.kind === 'deliveryProblem') return;
  const coordinators = (await deps.settings.get())?.value.coordinatorIds ?? [];
  const subject = aboutApplication({ id: message.applicationId, cohortId: message.cohortId });
  await deps.outbox.enqueue(notify(subject, 'deliveryProblem', coordinators, `${message.id}/problem`, { recipientId: message.recipientId, status: message.status }), deps.clock.now());
}
