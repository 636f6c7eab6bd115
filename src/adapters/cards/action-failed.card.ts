import type { Messages } from '../../i18n';
import { card, executeAction, text, title, type AdaptiveCard } from './card-kit';

/** What the card that replaces a failed card action shows. */
export interface ActionFailedData {
  /** The id the error was logged with, for the person to quote. */
  readonly correlationId: string;
  /**
   * The click that failed, offered again as "Försök igen". Repeating it is what clicking the original button
   * again would do, and every card verb already has to come out the same after a double click (ETags, the
   * state machine, one decision per click twice): so a repeat of a click that did in fact go through is
   * answered as such. It also carries the inputs the person had typed, which the replaced card no longer shows.
   */
  readonly retry?: { readonly verb: string; readonly data: Readonly<Record<string, unknown>> };
}

/** With the inputs of a long form the retry would make the card heavy; past this it is left out. */
export const MAX_ACTION_FAILED_BYTES = 20 * 1024;

/** "It did not work just now, nothing is lost, try again", with the correlation id (issue 10, finding 9). */
export function actionFailedCard(data: ActionFailedData, m: Messages): AdaptiveCard {
  const t = m.actionFailed;
  const body = [title(t.title), text(t.body), text(t.code(data.correlationId), { isSubtle: true, size: 'Small' })];
  if (data.retry) {
    const withRetry = card(body, [executeAction(t.retry, data.retry.verb, { ...data.retry.data })]);
    if (Buffer.byteLength(JSON.stringify(withRetry), 'utf8') <= MAX_ACTION_FAILED_BYTES) return withRetry;
  }
  return card(body);
}
