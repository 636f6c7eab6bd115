import { z } from 'zod';
import { LIMITS, SELECTION_DECISIONS, type Application } from '../../domain/application';
import type { Cohort } from '../../domain/cohort';
import { conflictOf, criteriaOf, quorumOf, scoresSeenBy, SEEN_BY_JURY } from '../../domain/jury';
import { juryOf } from '../../domain/tally';
import { SCORE_MAX, SCORE_MIN } from '../../domain/scoring';
import { changeJury } from '../../use-cases/jury/change-jury';
import { decideSelection } from '../../use-cases/jury/decide-selection';
import type { ProgrammeDeps } from '../../use-cases/programme/deps';
import { lockJuryRound } from '../../use-cases/jury/lock-jury-round';
import { lockSelection } from '../../use-cases/jury/lock-selection';
import { openJuryRound } from '../../use-cases/jury/open-jury-round';
import { rankingOf, type RankingCursor } from '../../use-cases/jury/ranking';
import { recuseFromApplication } from '../../use-cases/jury/recuse';
import { remindJury } from '../../use-cases/jury/remind-jury';
import { reviewsOf } from '../../use-cases/jury/reviews';
import { scoreApplication } from '../../use-cases/jury/score-application';
import { noticeCard } from '../cards/application.cards';
import { rankingCard, reviewsCard, scoreCard, selectionCard } from '../cards/jury.cards';
import { plain } from '../cards/card-kit';
import { addOrRemove, isEmail, PageData, type ApplicationRef } from './card-refs';
import { explain } from './explain';
import { firstCard, type ActionOutcome, type Caller, type Reply } from './turn';

/** The ranking's cursor as its card carries it (flat). */
export const RankingPageData = PageData.extend({
  part: z.enum(['ranked', 'unranked', 'normalised']).optional().catch(undefined),
  mean: z.coerce.number().min(0).max(5).optional().catch(undefined),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined),
  seen: z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined),
  tiedBefore: z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined),
});
export type RankingPageData = z.output<typeof RankingPageData>;

/** The ranking's cursor flat, as a card's data carries it. */
function flatCursor(c: RankingCursor): Record<string, string | number> {
  if (c.part === 'ranked') return { part: c.part, page: c.page, mean: c.after.mean, after: c.after.id, seen: c.seen, tiedBefore: c.tiedBefore };
  if (c.part === 'unranked') return { part: c.part, page: c.page, ...(c.after ? { after: c.after } : {}) };
  return { part: c.part, page: c.page, offset: c.offset };
}

/** The jury's and the coordinators' side of the selection: scoring, recusal, ranking, selection, locks. */
export class JuryHandlers {
  constructor(private readonly deps: ProgrammeDeps) {}

  async reviews(caller: Caller, page = 1, after?: string): Promise<Reply[]> {
    const found = await reviewsOf(this.deps, caller.id, after);
    if (!found) return [{ text: caller.m.jury.reviews.notJuror }];
    const { cohort, items, left, total, next } = found;
    return [{ card: reviewsCard({ cohortName: cohort.name, items, left, total, page, ...(next !== undefined ? { next } : {}) }, caller.m) }];
  }

  /** Another page of `att bedöma`. */
  async reviewsPage(caller: Caller, data: PageData): Promise<ActionOutcome> {
    return firstCard(await this.reviews(caller, data.after ? data.page : 1, data.after));
  }

  /** `jury`, `jury lägg till <e-post>`, `jury ta bort <e-post>`. */
  async jury(caller: Caller, args: string): Promise<Reply[]> {
    const m = caller.m;
    const change = addOrRemove(args);
    if (args.trim() && !change) return [{ text: m.jury.commands.usage }];
    if (change) {
      const { add, email } = change;
      if (!isEmail(email)) return [{ text: m.jury.commands.unknownPerson(plain(email)) }];
      const changed = await changeJury(this.deps, caller.id, add ? { add: email } : { remove: email });
      if (!changed.ok) return [{ text: changed.error.code === 'NOT_FOUND' ? m.jury.commands.unknownPerson(plain(email)) : explain(changed.error, m) }];
      return [{ text: add ? m.jury.commands.added(changed.value.person.name) : m.jury.commands.removed(changed.value.person.name) }];
    }
    const view = await rankingOf(this.deps, caller.id);
    if (!view.ok) return [{ text: explain(view.error, m) }];
    const names = await Promise.all(view.value.cohort.jurorIds.map(async (id) => (await this.deps.directory.getPerson(id))?.name ?? id));
    return [{ text: names.length > 0 ? m.jury.commands.jury(m.list(names)) : m.jury.commands.juryEmpty }];
  }

  async openRound(caller: Caller): Promise<Reply[]> {
    const opened = await openJuryRound(this.deps, caller.id);
    return [{ text: opened.ok ? caller.m.jury.commands.opened(opened.value.applications) : explain(opened.error, caller.m) }];
  }

  async lockRound(caller: Caller): Promise<Reply[]> {
    const locked = await lockJuryRound(this.deps, caller.id);
    return [{ text: locked.ok ? caller.m.jury.commands.lockedRound : explain(locked.error, caller.m) }];
  }

  async ranking(caller: Caller, cursor?: RankingCursor): Promise<Reply[]> {
    const view = await rankingOf(this.deps, caller.id, cursor);
    if (!view.ok) return [{ text: explain(view.error, caller.m) }];
    const v = view.value;
    const missing = await Promise.all(v.missing.filter((x) => x.count > 0).map(async ({ jurorId, count }) => ({ juror: (await this.deps.directory.getPerson(jurorId))?.name ?? jurorId, count })));
    const { cohort } = v;
    return [
      {
        card: rankingCard(
          {
            cohortName: cohort.name,
            rows: v.rows,
            quorum: quorumOf(cohort),
            normalised: cohort.normalise ?? false,
            capacity: cohort.capacity,
            selectedCount: v.selectedCount,
            total: v.total,
            missing,
            page: v.page,
            ...(v.next ? { next: flatCursor(v.next) } : {}),
          },
          caller.m,
        ),
      },
    ];
  }

  async remind(caller: Caller): Promise<Reply[]> {
    const done = await remindJury(this.deps, caller.id);
    return [{ text: done.ok ? caller.m.jury.commands.reminded(done.value.reminded) : explain(done.error, caller.m) }];
  }

  async lockSelection(caller: Caller): Promise<Reply[]> {
    const done = await lockSelection(this.deps, caller.id);
    return [{ text: done.ok ? caller.m.jury.commands.selectionLocked(done.value.told) : explain(done.error, caller.m) }];
  }

  /** Another page of the ranking card; a cursor that does not hold together starts from the first page. */
  async rankingPage(caller: Caller, data: RankingPageData): Promise<ActionOutcome> {
    const { page, part, mean, after, offset, seen, tiedBefore } = data;
    // The places a page shows follow from `seen`: a coordinator who edits it misleads only themselves, and no more
    // than `seen` can share the last mean.
    const cursor: RankingCursor | undefined =
      part === 'ranked' && mean !== undefined && after && seen !== undefined && tiedBefore !== undefined
        ? { part, after: { mean, id: after }, page, seen, tiedBefore: Math.min(tiedBefore, seen) }
        : part === 'unranked'
          ? { part, page, ...(after ? { after } : {}) }
          : part === 'normalised' && offset !== undefined
            ? { part, offset, page }
            : undefined;
    return firstCard(await this.ranking(caller, cursor));
  }

  async open(caller: Caller, ref: ApplicationRef): Promise<ActionOutcome> {
    return { send: [], card: await this.scoreCardFor(caller, ref, {}) };
  }

  async score(caller: Caller, ref: ApplicationRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const m = caller.m;
    const cohort = (await this.deps.cohorts.get(ref.cohortId))?.value;
    const criteria = cohort ? criteriaOf(cohort) : [];
    const values: Record<string, number> = {};
    const errors: Record<string, string[]> = {};
    for (const c of criteria) {
      const v = Number(raw[`c_${c.id}`]);
      if (Number.isInteger(v) && v >= SCORE_MIN && v <= SCORE_MAX) values[c.id] = v;
      else errors[`c_${c.id}`] = [m.jury.invalidScore];
    }
    if (Object.keys(errors).length > 0) return { send: [], card: await this.scoreCardFor(caller, ref, { values: raw, errors }) };
    const comment = (raw.comment ?? '').trim().slice(0, LIMITS.reason.max);
    const scored = await scoreApplication(this.deps, caller.id, ref, values, comment);
    if (!scored.ok) return { send: [], card: await this.scoreCardFor(caller, ref, { notice: explain(scored.error, m) }) };
    return { send: [], card: await this.scoreCardFor(caller, ref, { notice: scored.value.changed ? m.jury.saved : m.jury.unchanged }) };
  }

  async recuse(caller: Caller, ref: ApplicationRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const reason = (raw.recuseReason ?? '').trim();
    if (reason.length < LIMITS.reason.min) return { send: [], card: await this.scoreCardFor(caller, ref, { values: raw, errors: { recuseReason: [caller.m.jury.reasonRequired] } }) };
    const done = await recuseFromApplication(this.deps, caller.id, ref, reason.slice(0, LIMITS.reason.max));
    return { send: [], card: await this.scoreCardFor(caller, ref, done.ok ? {} : { notice: explain(done.error, caller.m) }) };
  }

  /** The selection card (coordinators only: the route checks before anything is read). */
  async selectionOpen(caller: Caller, ref: ApplicationRef): Promise<ActionOutcome> {
    const found = await this.selectionTarget(ref);
    if (!found) return { send: [], card: noticeCard(caller.m.errors.NOT_FOUND) };
    const { application, locked } = found;
    return { send: [], card: selectionCard({ application, ...(application.selection ? { current: application.selection } : {}), locked }, caller.m) };
  }

  async selectionSave(caller: Caller, ref: ApplicationRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const m = caller.m;
    const found = await this.selectionTarget(ref);
    if (!found) return { send: [], card: noticeCard(m.errors.NOT_FOUND) };
    const { application, cohort, locked } = found;
    const decision = z.enum(SELECTION_DECISIONS).safeParse(raw.decision);
    const feedback = (raw.feedback ?? '').trim();
    if (!decision.success || feedback.length < LIMITS.reason.min || feedback.length > LIMITS.reason.max) {
      return { send: [], card: selectionCard({ application, locked, errors: [!decision.success ? m.intake.fieldErrors.required() : m.jury.selection.feedbackRequired] }, m) };
    }
    const saved = await decideSelection(this.deps, caller.id, ref, decision.data, feedback);
    if (!saved.ok) return { send: [], card: selectionCard({ application, locked, errors: [explain(saved.error, m)] }, m) };
    const notice = [m.jury.selection.saved(m.jury.ranking.decision[decision.data]), ...(saved.value.overCapacity ? [m.jury.ranking.overCapacity(saved.value.selectedCount, cohort.capacity)] : [])].join(' ');
    return { send: [], card: selectionCard({ application: saved.value.application, ...(saved.value.application.selection ? { current: saved.value.application.selection } : {}), locked, notice }, m) };
  }

  private async selectionTarget(ref: ApplicationRef): Promise<{ application: Application; cohort: Cohort; locked: boolean } | null> {
    const found = await this.deps.applications.get(ref.cohortId, ref.applicationId);
    const cohort = (await this.deps.cohorts.get(ref.cohortId))?.value;
    return found && cohort ? { application: found.value, cohort, locked: Boolean(cohort.selectionLockedAt) } : null;
  }

  /** The juror's card from stored state: others' scores only after this juror has scored. */
  private async scoreCardFor(
    caller: Caller,
    ref: { applicationId: string; cohortId: string },
    extra: { values?: Record<string, string>; errors?: Record<string, string[]>; notice?: string },
  ) {
    const m = caller.m;
    const [found, cohortV] = await Promise.all([this.deps.applications.get(ref.cohortId, ref.applicationId), this.deps.cohorts.get(ref.cohortId)]);
    if (!found || !cohortV) return noticeCard(m.errors.NOT_FOUND);
    const a: Application = found.value;
    const cohort = cohortV.value;
    if (!cohort.jurorIds.includes(caller.id)) return noticeCard(m.jury.notJuror);
    // A draft, or one still with the manager, is not the jury's to read: to a juror it does not exist.
    if (!SEEN_BY_JURY.includes(a.state)) return noticeCard(m.errors.NOT_FOUND);
    const criteria = criteriaOf(cohort);
    const recused = juryOf(a).recused.includes(caller.id);
    const conflict = conflictOf(a, caller.id);
    const afterOwn = scoresSeenBy(a, caller.id);
    const mine = afterOwn.own === undefined || recused || conflict ? undefined : (await this.deps.jury.scoreOf(ref.cohortId, ref.applicationId, caller.id))?.value;
    if (recused || conflict) {
      const why = conflict ? m.jury.recusedAuto[conflict] : m.jury.recused;
      return scoreCard({ application: a, criteria, mode: 'recused', notice: extra.notice ?? why }, m);
    }
    if (cohort.juryRound !== 'open' || a.state !== 'inReview') {
      return scoreCard({ application: a, criteria, mode: 'closed', notice: extra.notice ?? (cohort.juryRound === 'locked' ? m.jury.roundLocked : m.jury.roundNotOpen), ...afterOwn }, m);
    }
    const values = extra.values ?? Object.fromEntries([...Object.entries(mine?.values ?? {}).map(([k, v]) => [`c_${k}`, String(v)]), ['comment', mine?.comment ?? '']]);
    return scoreCard({ application: a, criteria, mode: 'score', values, ...(extra.errors ? { errors: extra.errors } : {}), ...(extra.notice ? { notice: extra.notice } : {}), ...afterOwn }, m);
  }
}
