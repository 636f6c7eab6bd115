import { progressOf, secondsLeft, type Campaign, type CampaignProgress } from '../../domain/announcement';
import type { CampaignRepository, ConversationAddressBook, Directory, OutboxStore } from '../../domain/ports';
import { localeFrom, messages, type Locale } from '../../i18n';
import type { ShowProgress } from '../../use-cases/announcements';
import { progressNote } from '../../use-cases/announcements';
import { failureReason, progressCard } from '../cards/announcement.cards';
import type { AdaptiveCard } from '../cards/card-kit';
import { outboxId } from '../cosmos/documents';
import type { TabLink } from '../tab/deep-link';
import type { RenderedMessage } from './proactive-sender';

export interface ProgressDeps {
  readonly campaigns: CampaignRepository;
  readonly outbox: OutboxStore;
  readonly directory: Directory;
  readonly addresses: ConversationAddressBook;
  /** The outbox's pace (OUTBOX_SEND_RATE): what the time left is estimated from. */
  readonly perSecond: number;
  readonly tabLink?: TabLink;
  readonly localeOverride?: Locale;
}

/** The failures the final card names (the rest are in the tab's Excel list). */
const FAILURES_SHOWN = 10;

/** The coordinator's progress card of a campaign, as it stands now or with the counts given. */
export async function progressCardOf(deps: ProgressDeps, campaign: Campaign, locale: Locale, known?: { progress: CampaignProgress; final: boolean }): Promise<AdaptiveCard> {
  const progress = known?.progress ?? progressOf(await deps.outbox.campaignCounts(campaign.cohortId, campaign.id));
  const final = known?.final ?? false;
  const m = messages(locale);
  const failures = final && progress.failed > 0 ? await deps.outbox.campaignFailures(campaign.cohortId, campaign.id, FAILURES_SHOWN) : [];
  const named = await Promise.all(failures.map(async (f) => ({ name: (await deps.directory.getPerson(f.recipientId))?.name ?? f.recipientId, reason: failureReason(f, m) })));
  return progressCard({ campaign, progress, secondsLeft: secondsLeft(progress, deps.perSecond), final, failures: named, ...(deps.tabLink ? { listLink: deps.tabLink('overview') } : {}) }, m);
}

/**
 * Brings the coordinator's progress card up to date in place (a tick of the campaign). Before the card itself has
 * gone out there is nothing to update: it shows the counts of the moment it is sent.
 */
export function showProgressWith(deps: ProgressDeps, update: (recipientId: string, conversationId: string, activityId: string, content: RenderedMessage) => Promise<void>): ShowProgress {
  return async (campaign, progress, final) => {
    const [note] = progressNote(campaign);
    const sent = note ? await deps.outbox.get(campaign.cohortId, outboxId(note.idempotencyKey)) : null;
    const { sentActivityId, sentConversationId } = sent?.value ?? {};
    if (!sentActivityId || !sentConversationId) return;
    const stored = await deps.addresses.get(campaign.createdBy);
    const locale = localeFrom(stored?.locale, deps.localeOverride);
    await update(campaign.createdBy, sentConversationId, sentActivityId, await progressCardOf(deps, campaign, locale, { progress, final }));
  };
}
