import type { OutboxMessage } from '../../domain/notification';
import type { ApplicationRepository, Directory } from '../../domain/ports';
import { messages, type Locale } from '../../i18n';
import { invitationCard, managerNoticeCard } from '../cards/application.cards';
import { plain } from '../cards/card-kit';
import type { RenderedMessage } from './proactive-sender';

/**
 * Turns an outbox message into what the recipient sees, in their language, from the application as it is
 * now. Null means there is nothing to send any more (the application is gone, the invitation withdrawn).
 */
export function createNotificationRenderer(deps: { applications: ApplicationRepository; directory: Directory }) {
  return async (message: OutboxMessage, locale: Locale): Promise<RenderedMessage | null> => {
    const m = messages(locale);
    const found = await deps.applications.get(message.cohortId, message.applicationId);
    if (!found) return null;
    const a = found.value;
    switch (message.kind) {
      case 'coApplicantInvitation': {
        const invited = a.coApplicants.find((c) => c.personId === message.recipientId && c.status === 'invited');
        if (!invited) return null;
        const person = await deps.directory.getPerson(message.recipientId);
        return invitationCard({ application: a, permanent: person?.employeeType === 'permanent', employmentStart: person?.hireDate ?? '' }, m);
      }
      case 'coApplicantResponse': {
        const name = plain(message.payload.coApplicantName ?? '');
        return { text: message.payload.answer === 'confirmed' ? m.intake.response.confirmed(name) : m.intake.response.declined(name) };
      }
      case 'managerApprovalRequest':
        return managerNoticeCard(a, m);
      case 'applicationWithdrawn':
        return { text: m.intake.withdrawnNotice(plain(a.applicantName), plain(a.idea?.title ?? a.id)) };
    }
  };
}
