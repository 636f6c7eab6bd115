import { recommendRefusalText } from '../../i18n/recommend-refusal';
import { declineRecommendation, recommend, type RecommendDeps, type RecommendRefused } from '../../use-cases/recommend';
import { noticeCard } from '../cards/application.cards';
import { plain } from '../cards/card-kit';
import { isEmail, type CohortRef } from './card-refs';
import type { ActionOutcome, Caller, Reply } from './turn';

/**
 * `rekommendera <e-post> <varför>` split at the first run of white space after the address: linear in the text,
 * which is capped before it gets here (commands.ts MAX_COMMAND_LENGTH) and again by the reason's own limit.
 */
export function recommendArgs(args: string): { email: string; reason: string } | null {
  const text = args.trim();
  if (!text) return null;
  const gap = /\s/.exec(text);
  return gap ? { email: text.slice(0, gap.index), reason: text.slice(gap.index + 1) } : { email: text, reason: '' };
}

/** Managers' recommendations (issue 17): the command, and the recommended person's "Nej tack". */
export class RecommendHandlers {
  constructor(private readonly deps: RecommendDeps) {}

  async recommend(caller: Caller, args: string): Promise<Reply[]> {
    const r = caller.m.recommend;
    const parsed = recommendArgs(args);
    if (!parsed) return [{ text: r.usage }];
    if (!isEmail(parsed.email)) return [{ text: `${caller.m.jury.commands.unknownPerson(plain(parsed.email.slice(0, 100)))} ${r.usage}` }];
    const done = await recommend(this.deps, caller, parsed);
    if (!done.ok) return [{ text: this.refusal(caller, done.error, parsed.email) }];
    return [{ text: r.sent(plain(done.value.recommendation.personName), plain(done.value.cohort.name)) }];
  }

  private refusal(caller: Caller, e: RecommendRefused, email: string): string {
    const text = recommendRefusalText(e.code, { personName: plain(e.personName ?? ''), cohortName: plain(e.cohortName ?? ''), email: plain(email) }, caller.m) ?? caller.m.recommend.usage;
    return e.code === 'reasonMissing' ? `${text} ${caller.m.recommend.usage}` : text;
  }

  /** "Nej tack": the caller's own recommendation in the card's cohort, whoever the card was shown to. */
  async decline(caller: Caller, ref: CohortRef): Promise<ActionOutcome> {
    const r = caller.m.recommend;
    const done = await declineRecommendation(this.deps, caller.id, ref.cohortId);
    return { send: [], card: done.ok ? noticeCard(r.declinedCard.title, r.declinedCard.body) : noticeCard(r.notYours) };
  }
}
