import { ANNOUNCEMENT_LIMITS, UNCERTAIN, type Campaign, type CampaignProgress } from '../../domain/announcement';
import { MUNICIPALITIES } from '../../domain/municipalities';
import type { OutboxMessage } from '../../domain/notification';
import type { Messages } from '../../i18n';
import { card, choiceInput, executeAction, facts, field, openUrlAction, text, textInput, title, userText, type AdaptiveCard } from './card-kit';
import { VERBS } from './verbs';

/** What the compose card shows again after a refused preview: the values as typed, and what to correct. */
export interface ComposeValues {
  readonly values?: Readonly<Record<string, string>>;
  readonly errors?: Readonly<Record<string, readonly string[]>>;
}

/** The coordinator's form: heading, text, optional link, the audience. */
export function composeCard({ values = {}, errors = {} }: ComposeValues, m: Messages): AdaptiveCard {
  const x = m.announce.compose;
  const v = (k: string) => values[k] ?? '';
  return card(
    [
      title(x.title),
      text(x.intro, { isSubtle: true }),
      ...field(textInput('title', x.heading, v('title'), { maxLength: ANNOUNCEMENT_LIMITS.title }), errors.title),
      ...field(textInput('text', x.text, v('text'), { maxLength: ANNOUNCEMENT_LIMITS.text, multiline: true }), errors.text),
      ...field(textInput('link', x.link, v('link'), { maxLength: ANNOUNCEMENT_LIMITS.link, placeholder: 'https://' }), errors.link, x.linkHint),
      ...field(choiceInput('audience', x.audience, v('audience') || 'everyone', (['everyone', 'municipalities', 'managers', 'emails'] as const).map((k) => [k, x.audiences[k]])), errors.audience),
      ...field(choiceInput('municipalities', x.municipalities, v('municipalities'), MUNICIPALITIES.map((k) => [k, k]), true), errors.municipalities),
      ...field(textInput('emails', x.emails, v('emails'), { maxLength: ANNOUNCEMENT_LIMITS.emails * 80, multiline: true }), errors.emails),
    ],
    [executeAction(x.preview, VERBS.announcePreview)],
  );
}

/** The announcement as each recipient sees it (and the coordinator in the preview). */
export function announcementCard(campaign: Pick<Campaign, 'title' | 'text' | 'link'>, m: Messages): AdaptiveCard {
  const x = m.announce.card;
  return card(
    [text(campaign.title, { size: 'Large', weight: 'Bolder', style: 'heading' }), userText(campaign.text), text(x.from, { isSubtle: true, size: 'Small' })],
    [executeAction(x.apply, VERBS.intakeStart, {}, 'positive'), ...(campaign.link ? [openUrlAction(x.readMore, campaign.link)] : [])],
  );
}

/** Asks the coordinator to confirm, with the number of recipients and the addresses nobody has. */
export function confirmCard(campaign: Campaign, unknownEmails: readonly string[], m: Messages): AdaptiveCard {
  const x = m.announce.confirm;
  const ref = { campaignId: campaign.id };
  return card(
    [
      title(x.title),
      text(x.previewAbove),
      text(campaign.recipients > 0 ? x.recipients(campaign.recipients) : x.none, { weight: 'Bolder' }),
      ...(unknownEmails.length > 0 ? [userText(x.unknown(unknownEmails.slice(0, 50).join(', ')))] : []),
      text(x.installNote, { isSubtle: true, size: 'Small' }),
    ],
    campaign.recipients > 0 ? [executeAction(x.send(campaign.recipients), VERBS.announceSend, ref, 'positive'), executeAction(x.cancel, VERBS.announceCancel, ref)] : [],
  );
}

/** Why a recipient was not reached, in words (the stored error is for the log, in English). */
export function failureReason(message: Pick<OutboxMessage, 'status' | 'lastError'>, m: Messages): string {
  const r = m.announce.progress.reasons;
  if (message.status === 'unreachable') return r.unreachable;
  return message.lastError?.startsWith(UNCERTAIN) ? r.uncertain : r.failed;
}

/** The coordinator's progress card: the counts, the time left and a stop button; at the end, the summary. */
export function progressCard(
  input: { campaign: Campaign; progress: CampaignProgress; secondsLeft: number; final: boolean; failures: readonly { name: string; reason: string }[]; listLink?: string },
  m: Messages,
): AdaptiveCard {
  const x = m.announce.progress;
  const { campaign, progress, final } = input;
  const stopped = campaign.state === 'cancelled';
  const numbers = facts([
    [x.sent, m.number(progress.sent)],
    [x.failed, m.number(progress.failed)],
    ...(progress.cancelled > 0 ? [[x.cancelled, m.number(progress.cancelled)] as const] : []),
    [x.left, m.number(progress.left)],
  ]);
  const status = final
    ? text(stopped ? x.doneCancelled(progress.sent, progress.total) : x.done(progress.sent, progress.total), { weight: 'Bolder' })
    : text(stopped ? x.stopped : x.timeLeft(input.secondsLeft));
  const shown = input.failures.slice(0, 10);
  const failures =
    final && progress.failed > 0
      ? [text(x.failures, { weight: 'Bolder', spacing: 'Medium' }), facts(shown.map((f) => [f.name, f.reason])), ...(progress.failed > shown.length ? [text(x.moreFailures(progress.failed - shown.length), { isSubtle: true })] : [])]
      : [];
  const actions = [
    ...(!final && !stopped ? [executeAction(x.stop, VERBS.announceCancel, { campaignId: campaign.id }, 'destructive')] : []),
    ...(final && progress.failed > 0 && input.listLink ? [openUrlAction(x.openList, input.listLink)] : []),
  ];
  return card([title(x.title(campaign.title)), numbers, status, ...failures], actions);
}
