import { z } from 'zod';
import { LIMITS, SELECTION_DECISIONS } from '../../domain/application';
import type { Cohort } from '../../domain/cohort';
import { criteriaOf, isConflict, JUDGED_STATES, quorumOf, scoresSeenBy } from '../../domain/jury';
import { juryOf } from '../../domain/tally';
import { SCORE_MAX, SCORE_MIN } from '../../domain/scoring';
import { changeJury } from '../../use-cases/jury/change-jury';
import { juryLockPreview } from '../../use-cases/jury/lock-jury-round';
import { juryRoundPreview } from '../../use-cases/jury/open-jury-round';
import { selectionLockPreview } from '../../use-cases/jury/lock-selection';
import { progressOf } from '../../use-cases/jury/reviews';
import { scoresOn } from '../../use-cases/jury/scores-on';
import { decideSelection } from '../../use-cases/jury/decide-selection';
import { coordinatorsCohort, type ProgrammeDeps } from '../../use-cases/programme/deps';
import { lockJuryRound } from '../../use-cases/jury/lock-jury-round';
import { lockSelection } from '../../use-cases/jury/lock-selection';
import { openJuryRound } from '../../use-cases/jury/open-jury-round';
import { rankingOf, type RankingCursor } from '../../use-cases/jury/ranking';
import { recuseFromApplication } from '../../use-cases/jury/recuse';
import { remindJury } from '../../use-cases/jury/remind-jury';
import { reviewsOf } from '../../use-cases/jury/reviews';
import { scoreApplication } from '../../use-cases/jury/score-application';
import { noticeCard } from '../cards/application.cards';
import { confirmationCard, rankingCard, reviewsCard, scoreCard, selectionCard, type SelectionCardData } from '../cards/jury.cards';
import { VERBS } from '../cards/verbs';
import { plain } from '../cards/card-kit';
import { addOrRemove, ApplicationRef, isEmail, PageData, type CohortRef } from './card-refs';
import { explain } from './explain';
import { firstCard, type ActionOutcome, type Caller, type Reply } from './turn';
import { tabViews, type TabLink } from '../tab/deep-link';
import { reviewOf } from '../../use-cases/jury/review-of';

/** The ranking's cursor as its card carries it (flat). */
export const RankingPageData = PageData.extend({
  part: z.enum(['ranked', 'unranked', 'normalised']).optional().catch(undefined),
  mean: z.coerce.number().min(0).max(5).optional().catch(undefined),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined),
  seen: z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined),
  tiedBefore: z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined),
});
export type RankingPageData = z.output<typeof RankingPageData>;

/**
 * A ranking row's decision card: the application, and the ranking page it was opened from (flat, as the ranking card
 * carries it), so that the coordinator gets back to the same page. Untrusted: a cursor that does not hold is page 1.
 */
export const SelectionRef = z.object({ ...RankingPageData.shape, ...ApplicationRef.shape });
export type SelectionRef = z.output<typeof SelectionRef>;


/** The ranking's cursor from a card's data; one that does not hold together is the first page. */
function cursorOf(data: RankingPageData): RankingCursor | undefined {
  const { page, part, mean, after, offset, seen, tiedBefore } = data;
  // The places a page shows follow from `seen`: a coordinator who edits it misleads only themselves, and no more
  // than `seen` can share the last mean.
  return part === 'ranked' && mean !== undefined && after && seen !== undefined && tiedBefore !== undefined
    ? { part, after: { mean, id: after }, page, seen, tiedBefore: Math.min(tiedBefore, seen) }
    : part === 'unranked'
      ? { part, page, ...(after ? { after } : {}) }
      : part === 'normalised' && offset !== undefined
        ? { part, offset, page }
        : undefined;
}

/** The ranking's cursor flat, as a card's data carries it (none: the first page). */
function flatCursor(c: RankingCursor | undefined): Record<string, string | number> {
  if (!c) return { page: 1 };
  if (c.part === 'ranked') return { part: c.part, page: c.page, mean: c.after.mean, after: c.after.id, seen: c.seen, tiedBefore: c.tiedBefore };
  if (c.part === 'unranked') return { part: c.part, page: c.page, ...(c.after ? { after: c.after } : {}) };
  return { part: c.part, page: c.page, offset: c.offset };
}

/** The jury's and the coordinators' side of the selection: scoring, recusal, ranking, selection, locks. */
export class JuryHandlers {
  constructor(private readonly deps: ProgrammeDeps & { readonly tabLink?: TabLink }) {}

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
    const cohort = await coordinatorsCohort(this.deps, caller.id);
    if (!cohort.ok) return [{ text: explain(cohort.error, m) }];
    const names = await this.names(cohort.value.jurorIds);
    return [{ text: names.length > 0 ? m.jury.commands.jury(m.list(names)) : m.jury.commands.juryEmpty }];
  }

  /** `öppna juryrunda`: a confirmation card first (what goes to the jury, who is told, and that intake closes). */
  async openRound(caller: Caller): Promise<Reply[]> {
    const m = caller.m;
    const c = m.jury.confirm;
    const preview = await juryRoundPreview(this.deps, caller.id);
    if (!preview.ok) return [{ text: explain(preview.error, m) }];
    const p = preview.value;
    const lines = [
      ...(p.withJury > 0 ? [c.openAgain(p.withJury)] : []),
      c.openApplications(p.applications),
      c.openJurors(p.jurors),
    ];
    const card = confirmationCard({ title: c.openTitle(plain(p.cohort.name)), lines, warnings: p.closesIntake ? [c.openClosesIntake] : [], confirm: { label: c.openConfirm, verb: VERBS.juryRoundOpen, data: { cohortId: p.cohort.id } } }, m);
    return [{ card }];
  }

  /** The confirmation of `öppna juryrunda`: opens (closing intake if it is still open); a second click answers the same. */
  async openRoundConfirmed(caller: Caller, ref: CohortRef): Promise<ActionOutcome> {
    const m = caller.m;
    const opened = await openJuryRound(this.deps, caller.id, ref.cohortId);
    if (!opened.ok) return { send: [], card: noticeCard(explain(opened.error, m)) };
    const { applications, intakeClosed, alreadyOpen } = opened.value;
    const said = alreadyOpen && applications === 0 ? m.jury.commands.alreadyOpen : m.jury.commands.opened(applications);
    return { send: [], card: noticeCard([said, ...(intakeClosed ? [m.jury.commands.intakeClosed] : [])].join(' ')) };
  }

  /** `lås juryrunda`: a confirmation card first, naming each juror who has not finished. */
  async lockRound(caller: Caller): Promise<Reply[]> {
    const m = caller.m;
    const c = m.jury.confirm;
    const preview = await juryLockPreview(this.deps, caller.id);
    if (!preview.ok) return [{ text: explain(preview.error, m) }];
    const p = preview.value;
    if (p.alreadyLocked) return [{ card: confirmationCard({ title: c.lockTitle(plain(p.cohort.name)), lines: [c.lockAlready] }, m) }];
    const names = await this.names(p.behind.map((b) => b.jurorId));
    const behind = p.behind.map((b, i) => m.jury.ranking.missing(plain(names[i] ?? b.jurorId), b.left));
    const card = confirmationCard(
      {
        title: c.lockTitle(plain(p.cohort.name)),
        warnings: behind.length > 0 ? [c.lockBehind, behind.join('\n\n')] : [],
        lines: [...(behind.length === 0 ? [c.lockAllDone(p.applications)] : []), c.lockFinal, c.lockTold],
        confirm: { label: c.lockConfirm, verb: VERBS.juryRoundLock, data: { cohortId: p.cohort.id } },
      },
      m,
    );
    return [{ card }];
  }

  /** The confirmation of `lås juryrunda`: locks once; a second click answers the same. */
  async lockRoundConfirmed(caller: Caller, ref: CohortRef): Promise<ActionOutcome> {
    const locked = await lockJuryRound(this.deps, caller.id, ref.cohortId);
    return { send: [], card: noticeCard(locked.ok ? caller.m.jury.commands.lockedRound : explain(locked.error, caller.m)) };
  }

  /** A confirmation card cancelled: nothing changes. */
  async cancel(caller: Caller): Promise<ActionOutcome> {
    return { send: [], card: noticeCard(caller.m.jury.confirm.cancelled) };
  }

  async ranking(caller: Caller, cursor?: RankingCursor): Promise<Reply[]> {
    const view = await rankingOf(this.deps, caller.id, cursor);
    if (!view.ok) return [{ text: explain(view.error, caller.m) }];
    const v = view.value;
    const behind = v.missing.filter((x) => x.count > 0);
    const names = await this.names(behind.map((x) => x.jurorId));
    const missing = behind.map(({ jurorId, count }, i) => ({ juror: names[i] ?? jurorId, count }));
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
            here: flatCursor(cursor),
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

  /** `lås urval`: a confirmation card first, saying who will be told. */
  async lockSelection(caller: Caller): Promise<Reply[]> {
    const m = caller.m;
    const c = m.jury.confirm;
    const preview = await selectionLockPreview(this.deps, caller.id);
    if (!preview.ok) return [{ text: explain(preview.error, m) }];
    const p = preview.value;
    if (p.alreadyLocked) return [{ card: confirmationCard({ title: c.selectionTitle(plain(p.cohort.name)), lines: [c.selectionAlready] }, m) }];
    const decided = p.decided.selected + p.decided.waitlisted + p.decided.notSelected;
    const labels = m.jury.ranking.decision;
    const lines = [
      ...(decided > 0 ? [c.selectionTold(decided), `${labels.selected}: ${p.decided.selected} · ${labels.waitlisted}: ${p.decided.waitlisted} · ${labels.notSelected}: ${p.decided.notSelected}`] : [c.selectionNone]),
      ...(p.decided.selected > 0 ? [c.selectionLine(p.managers, p.hrContacts)] : []),
      c.selectionFinal,
    ];
    const card = confirmationCard(
      { title: c.selectionTitle(plain(p.cohort.name)), warnings: p.undecided > 0 ? [c.selectionUndecided(p.undecided)] : [], lines, confirm: { label: c.selectionConfirm, verb: VERBS.selectionLock, data: { cohortId: p.cohort.id } } },
      m,
    );
    return [{ card }];
  }

  /** The confirmation of `lås urval`: locks once and tells everyone once; a second click answers the same. */
  async lockSelectionConfirmed(caller: Caller, ref: CohortRef): Promise<ActionOutcome> {
    const done = await lockSelection(this.deps, caller.id, ref.cohortId);
    return { send: [], card: noticeCard(done.ok ? caller.m.jury.commands.selectionLocked(done.value.told) : explain(done.error, caller.m)) };
  }

  /** Another page of the ranking card; a cursor that does not hold together starts from the first page. */
  async rankingPage(caller: Caller, data: RankingPageData): Promise<ActionOutcome> {
    return firstCard(await this.ranking(caller, cursorOf(data)));
  }

  async open(caller: Caller, ref: ApplicationRef): Promise<ActionOutcome> {
    return { send: [], card: await this.scoreCardFor(caller, ref, {}) };
  }

  async score(caller: Caller, ref: ApplicationRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const m = caller.m;
    const cohort = (await this.deps.cohorts.get(ref.cohortId))?.value;
    const criteria = cohort ? criteriaOf(cohort) : [];
    const values: Record<string, number> = {};
    // The rule is said once at the top; each field that is wrong says only that a value is missing there.
    const errors: Record<string, string[]> = {};
    for (const c of criteria) {
      const v = Number(raw[`c_${c.id}`]);
      if (Number.isInteger(v) && v >= SCORE_MIN && v <= SCORE_MAX) values[c.id] = v;
      else errors[`c_${c.id}`] = [m.jury.chooseValue];
    }
    if (Object.keys(errors).length > 0) return { send: [], card: await this.scoreCardFor(caller, ref, { values: raw, errors: { ...errors, score: [m.jury.invalidScore] } }) };
    const comment = (raw.comment ?? '').trim().slice(0, LIMITS.reason.max);
    const scored = await scoreApplication(this.deps, caller.id, ref, values, comment);
    if (!scored.ok) return { send: [], card: await this.scoreCardFor(caller, ref, { notice: explain(scored.error, m) }) };
    const { done, total } = await progressOf(this.deps, ref.cohortId, caller.id);
    return { send: [], card: await this.scoreCardFor(caller, ref, { notice: `${scored.value.changed ? m.jury.saved : m.jury.unchanged} ${m.jury.progress(done, total)}` }) };
  }

  async recuse(caller: Caller, ref: ApplicationRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const reason = (raw.recuseReason ?? '').trim();
    if (reason.length < LIMITS.reason.min) return { send: [], card: await this.scoreCardFor(caller, ref, { values: raw, errors: { recuseReason: [caller.m.jury.reasonRequired] } }) };
    const done = await recuseFromApplication(this.deps, caller.id, ref, reason.slice(0, LIMITS.reason.max));
    return { send: [], card: await this.scoreCardFor(caller, ref, done.ok ? {} : { notice: explain(done.error, caller.m) }) };
  }

  /** The selection card (coordinators only: the route checks before anything is read), with the jury's scores and comments. */
  async selectionOpen(caller: Caller, ref: SelectionRef): Promise<ActionOutcome> {
    const shown = await this.selectionView(caller, ref);
    if (!shown) return { send: [], card: noticeCard(caller.m.errors.NOT_FOUND) };
    const { application } = shown;
    return { send: [], card: selectionCard({ ...shown, ...(application.selection ? { current: application.selection } : {}) }, caller.m) };
  }

  async selectionSave(caller: Caller, ref: SelectionRef, raw: Readonly<Record<string, string>>): Promise<ActionOutcome> {
    const m = caller.m;
    const shown = await this.selectionView(caller, ref);
    if (!shown) return { send: [], card: noticeCard(m.errors.NOT_FOUND) };
    const decision = z.enum(SELECTION_DECISIONS).safeParse(raw.decision);
    const feedback = (raw.feedback ?? '').trim();
    if (!decision.success || feedback.length < LIMITS.reason.min || feedback.length > LIMITS.reason.max) {
      return { send: [], card: selectionCard({ ...shown, errors: [!decision.success ? m.intake.fieldErrors.required() : m.jury.selection.feedbackRequired] }, m) };
    }
    const saved = await decideSelection(this.deps, caller.id, ref, decision.data, feedback);
    if (!saved.ok) return { send: [], card: selectionCard({ ...shown, ...(shown.application.selection ? { current: shown.application.selection } : {}), errors: [explain(saved.error, m)] }, m) };
    const label = m.jury.ranking.decision[decision.data];
    const notice = [saved.value.changed ? m.jury.selection.saved(label) : m.jury.selection.unchanged(label), ...(saved.value.overCapacity ? [m.jury.ranking.overCapacity(saved.value.selectedCount, shown.cohort.capacity)] : [])].join(' ');
    const application = saved.value.application;
    return { send: [], card: selectionCard({ ...shown, application, ...(application.selection ? { current: application.selection } : {}), notice }, m) };
  }

  /** What the decision card shows: the application, its jury's scores and comments (coordinators see all), the way back. */
  private async selectionView(caller: Caller, ref: SelectionRef): Promise<(SelectionCardData & { cohort: Cohort }) | null> {
    const found = await scoresOn(this.deps, caller.id, ref);
    if (!found.ok) return null;
    const { application, cohort, scores, recusals } = found.value;
    const names = await this.names([...scores.map((x) => x.jurorId), ...recusals.map((r) => r.jurorId)]);
    const criteria = criteriaOf(cohort);
    const verdicts = juryOf(application).verdicts;
    return {
      application,
      cohort,
      locked: Boolean(cohort.selectionLockedAt),
      back: flatCursor(cursorOf(ref)),
      jury: {
        criteria,
        quorum: quorumOf(cohort),
        scores: scores.map((x, i) => ({ juror: names[i] ?? x.jurorId, values: x.values, verdict: verdicts[x.jurorId] ?? 0, ...(x.comment ? { comment: x.comment } : {}) })),
        recused: recusals.map((r, i) => names[scores.length + i] ?? r.jurorId),
      },
    };
  }

  /** People's names from the directory, in the order asked (their id when the directory does not know them). */
  private async names(ids: readonly string[]): Promise<string[]> {
    return Promise.all(ids.map(async (id) => (await this.deps.directory.getPerson(id))?.name ?? id));
  }

  /** The juror's card from stored state: the jury's mean and the others' comments only after this juror has scored. */
  private async scoreCardFor(
    caller: Caller,
    ref: { applicationId: string; cohortId: string },
    extra: { values?: Record<string, string>; errors?: Record<string, string[]>; notice?: string },
  ) {
    const m = caller.m;
    const found = await reviewOf(this.deps, caller.id, ref);
    if (!found.ok) return noticeCard(found.error.code === 'NOT_JUROR' ? m.jury.notJuror : m.errors.NOT_FOUND);
    const { application: a, cohort, state, recusal, own: mine, others } = found.value;
    const criteria = criteriaOf(cohort);
    if (state === 'recused') {
      const why = recusal?.automatic && isConflict(recusal.reason) ? m.jury.recusedAuto[recusal.reason] : m.jury.recused;
      return scoreCard({ application: a, criteria, mode: 'recused', notice: extra.notice ?? why }, m);
    }
    // Only after this juror's own score (reviewOf): their stored score to fill in the card, and the others' comments.
    const { others: _ids, ...seen } = scoresSeenBy(a, caller.id);
    const commented = others.filter((x) => x.comment);
    const names = await this.names(commented.map((x) => x.jurorId));
    const comments = commented.map((x, i) => ({ juror: names[i] ?? x.jurorId, comment: x.comment ?? '' }));
    const afterOwn = { ...seen, ...(comments.length > 0 ? { comments } : {}) };
    if (cohort.juryRound !== 'open' || cohort.selectionLockedAt || !JUDGED_STATES.includes(a.state)) {
      return scoreCard({ application: a, criteria, mode: 'closed', notice: extra.notice ?? (cohort.juryRound === 'locked' || cohort.selectionLockedAt ? m.jury.roundLocked : m.jury.roundNotOpen), ...afterOwn }, m);
    }
    const values = extra.values ?? Object.fromEntries([...Object.entries(mine?.values ?? {}).map(([k, v]) => [`c_${k}`, String(v)]), ['comment', mine?.comment ?? '']]);
    const tabUrl = this.deps.tabLink?.(tabViews.review(ref));
    return scoreCard({ application: a, criteria, mode: 'score', values, ...(tabUrl ? { tabUrl } : {}), ...(extra.errors ? { errors: extra.errors } : {}), ...(extra.notice ? { notice: extra.notice } : {}), ...afterOwn }, m);
  }
}
