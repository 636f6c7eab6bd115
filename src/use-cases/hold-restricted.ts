import { HELD_RESTRICTED, RESTRICTION_HOLD_MINUTES, restrictedIdsOf } from '../domain/restriction';
import type { OutboxMessage } from '../domain/notification';
import type { Clock, MessageSender, SendAttempt, SendOutcome, SettingsRepository } from '../domain/ports';

/**
 * Nothing goes to a person whose data is restricted (GDPR art. 18, ADR 0019). Their messages are held, not dropped:
 * each stays `pending` in the outbox with the reason, and is looked at again every RESTRICTION_HOLD_MINUTES; once the
 * restriction is lifted it goes at its next look, rendered as the situation then is (a message whose reason is gone
 * is cancelled by the renderer, as any other). Nothing is claimed or tried while held, so no attempt is spent.
 */
export class HoldForRestricted implements MessageSender {
  constructor(
    private readonly inner: MessageSender,
    private readonly deps: { readonly settings: SettingsRepository; readonly clock: Clock },
  ) {}

  async send(message: OutboxMessage, attempt: SendAttempt): Promise<SendOutcome> {
    const restricted = restrictedIdsOf((await this.deps.settings.get())?.value);
    if (restricted.includes(message.recipientId)) {
      return { kind: 'held', until: new Date(this.deps.clock.now().getTime() + RESTRICTION_HOLD_MINUTES * 60_000), reason: HELD_RESTRICTED };
    }
    return this.inner.send(message, attempt);
  }
}
