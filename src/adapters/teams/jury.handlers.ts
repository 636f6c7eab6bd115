import { z } from 'zod';
import type { Application } from '../../domain/application';
import { LIMITS } from '../../domain/application';
import { conflictOf, criteriaOf, scoresSeenBy, SEEN_BY_JURY } from '../../domain/jury';
import type { Messages } from '../../i18n';
import { changeJury } from '../../use-cases/jury/change-jury';
import { decideSelection } from '../../use-cases/jury/decide-selection';
import type { JuryDeps, JuryError } from '../../use-cases/jury/deps';
import { lockJuryRound } from '../../use-cases/jury/lock-jury-round';
import { lockSelection } from '../../use-cases/jury/lock-selection';
import { openJuryRound } from '../../use-cases/jury/open-jury-round';
import { rankingOf } from '../../use-cases/jury/ranking';
import { recuseFromApplication } from '../../use-cases/jury/recuse';
import { remindJury } from '../../use-cases/jury/remind-jury';
import { reviewsOf } from '../../use-cases/jury/reviews';
import { scoreApplication } from '../../use-cases/jury/score-application';
import { noticeCard } from '../cards/application.cards';
import { rankingCard, reviewsCard, scoreCard, selectionCard } from '../cards/jury.cards';
import { VERBS } from '../cards/verbs';
import { ApplicationRef, isEmail, refused } from './card-refs';
import { plain } from '../cards/card-kit';
import { isCoordinator } from '../../use-cases/resolve-roles';
import { rawValues } from './intake.input';
import type { ActionOutcome, Caller, Reply } from './turn';

/** The jury's and the coordinators' side of the selection: scoring, recusal, ranking, selection, locks. */
export class JuryHandlers {
  constructor(private readonly deps: JuryDeps) {}

  static readonly VERBS: readonly string[] = [VERBS.juryOpen, VERBS.juryScore, VERBS.juryRecuse, VERBS.rankingPage, VERBS.selectionOpen, VERBS.selectionSave];

  async reviews(caller: Caller): Promise<Reply[]> {
    const found = await reviewsOf(this.deps, caller.id);
    if (!found) return [{ text: caller.m.jury.reviews.notJuror }];
    return [{ card: reviewsCard({ cohortName: found.cohort.name, items: found.items }, caller.m) }];
  }

  /** `jury`, `jury lägg till <e-post>`, `jury ta bort <e-post>`. */
  async jury(caller: Caller, args: string): Promise<Reply[]> {
    const m = caller.m;
    const match = /^(lägg till|lagg till|add|ta bort|remove)\s+(\S+@\S+)$/i.exec(args.trim());
    if (args.trim() && !match) return [{ text: m.jury.commands.usage }];
    if (match) {
      const add = /^(lägg|lagg|add)/i.test(match[1] ?? '');
      const email = match[2] ?? '';
      if (!isEmail(email)) return [{ text: m.jury.commands.unknownPerson(plain(email)) }];
      const changed = await changeJury(this.deps, caller.id, add ? { add: email } : { remove: email });
      if (!changed.ok) return [{ text: changed.error.code === 'NOT_FOUND' ? m.jury.commands.unknownPerson(plain(email)) : this.explain(changed.error, m) }];
      return [{ text: add ? m.jury.commands.added(changed.value.person.name) : m.jury.commands.removed(changed.value.person.name) }];
    }
    const view = await rankingOf(this.deps, caller.id);
    if (!view.ok) return [{ text: this.explain(view.error, m) }];
    const names = await Promise.all(view.value.cohort.jurorIds.map(async (id) => (await this.deps.directory.getPerson(id))?.name ?? id));
    return [{ text: names.length > 0 ? m.jury.commands.jury(m.list(names)) : m.jury.commands.juryEmpty }];
  }

  async openRound(caller: Caller): Promise<Reply[]> {
    const opened = await openJuryRound(this.deps, caller.id);
    return [{ text: opened.ok ? caller.m.jury.commands.opened(opened.value.applications) : this.explain(opened.error, caller.m) }];
  }

  async lockRound(caller: Caller): Promise<Reply[]> {
    const locked = await lockJuryRound(this.deps, caller.id);
    return [{ text: locked.ok ? caller.m.jury.commands.lockedRound : this.explain(locked.error, caller.m) }];
  }

  async ranking(caller: Caller, page = 1): Promise<Reply[]> {
    const view = await rankingOf(this.deps, caller.id);
    if (!view.ok) return [{ text: this.explain(view.error, caller.m) }];
    const v = view.value;
    const missing = await Promise.all(
      Object.entries(v.missing).map(async ([jurorId, apps]) => ({ juror: (await this.deps.directory.getPerson(jurorId))?.name ?? jurorId, count: apps.length })),
    );
    return [
      {
        card: rankingCard(
          { cohortName: v.cohort.name, rows: v.rows, quorum: v.cohort.quorum ?? 3, normalised: v.cohort.normalise ?? false, capacity: v.cohort.capacity, selectedCount: v.selectedCount, missing, page },
          caller.m,
        ),
      },
    ];
  }

  async remind(caller: Caller): Promise<Reply[]> {
    const done = await remindJury(this.deps, caller.id);
    return [{ text: done.ok ? caller.m.jury.commands.reminded(done.value.reminded) : this.explain(done.error, caller.m) }];
  }

  async lockSelection(caller: Caller): Promise<Reply[]> {
    const done = await lockSelection(this.deps, caller.id);
    return [{ text: done.ok ? caller.m.jury.commands.selectionLocked(done.value.told) : this.explain(done.error, caller.m) }];
  }

  async action(caller: Caller, verb: string, data: Record<string, unknown>): Promise<ActionOutcome> {
    const m = caller.m;
    if (verb === VERBS.rankingPage) {
      const page = z.coerce.number().int().min(1).max(1000).safeParse(data.page);
      const replies = await this.ranking(caller, page.success ? page.data : 1);
      const first = replies[0];
      return first && 'card' in first ? { send: [], card: first.card } : { send: replies };
    }
    const ref = ApplicationRef.safeParse(data);
    if (!ref.success) return refused(ref.error, m);
    const raw = rawValues(data);
    switch (verb) {
      case VERBS.juryOpen:
        return { send: [], card: await this.scoreCardFor(caller, ref.data, {}) };
      case VERBS.juryScore: {
        const cohort = (await this.deps.cohorts.get(ref.data.cohortId))?.value;
        const criteria = cohort ? criteriaOf(cohort) : [];
        const values: Record<string, number> = {};
        const errors: Record<string, string[]> = {};
        for (const c of criteria) {
          const v = Number(raw[`c_${c.id}`]);
          if (Number.isInteger(v) && v >= 1 && v <= 5) values[c.id] = v;
          else errors[`c_${c.id}`] = [m.jury.invalidScore];
        }
        if (Object.keys(errors).length > 0) return { send: [], card: await this.scoreCardFor(caller, ref.data, { values: raw, errors }) };
        const comment = (raw.comment ?? '').trim().slice(0, LIMITS.reason.max);
        const scored = await scoreApplication(this.deps, caller.id, ref.data, values, comment);
        if (!scored.ok) return { send: [], card: await this.scoreCardFor(caller, ref.data, { notice: this.explain(scored.error, m) }) };
        return { send: [], card: await this.scoreCardFor(caller, ref.data, { notice: scored.value.changed ? m.jury.saved : m.jury.unchanged }) };
      }
      case VERBS.juryRecuse: {
        const reason = (raw.recuseReason ?? '').trim();
        if (reason.length < LIMITS.reason.min) return { send: [], card: await this.scoreCardFor(caller, ref.data, { values: raw, errors: { recuseReason: [m.jury.reasonRequired] } }) };
        const done = await recuseFromApplication(this.deps, caller.id, ref.data, reason.slice(0, LIMITS.reason.max));
        return { send: [], card: await this.scoreCardFor(caller, ref.data, done.ok ? {} : { notice: this.explain(done.error, m) }) };
      }
      case VERBS.selectionOpen:
      case VERBS.selectionSave: {
        // Coordinators only, decided before anything is read: anyone else learns nothing, not even whether it exists.
        if (!(await isCoordinator(this.deps, caller.id))) return { send: [], card: noticeCard(m.errors.NOT_ALLOWED) };
        const found = await this.deps.applications.get(ref.data.cohortId, ref.data.applicationId);
        const cohort = (await this.deps.cohorts.get(ref.data.cohortId))?.value;
        if (!found || !cohort) return { send: [], card: noticeCard(m.errors.NOT_FOUND) };
        const locked = Boolean(cohort.selectionLockedAt);
        if (verb === VERBS.selectionOpen) return { send: [], card: selectionCard({ application: found.value, ...(found.value.selection ? { current: found.value.selection } : {}), locked }, m) };
        const decision = z.enum(['selected', 'waitlisted', 'notSelected']).safeParse(raw.decision);
        const feedback = (raw.feedback ?? '').trim();
        if (!decision.success || feedback.length < LIMITS.reason.min || feedback.length > LIMITS.reason.max) {
          return { send: [], card: selectionCard({ application: found.value, locked, errors: [!decision.success ? m.intake.fieldErrors.required() : m.jury.selection.feedbackRequired] }, m) };
        }
        const saved = await decideSelection(this.deps, caller.id, ref.data, decision.data, feedback);
        if (!saved.ok) return { send: [], card: selectionCard({ application: found.value, locked, errors: [this.explain(saved.error, m)] }, m) };
        const notice = [m.jury.selection.saved(m.jury.ranking.decision[decision.data] ?? ''), ...(saved.value.overCapacity ? [m.jury.ranking.overCapacity(saved.value.selectedCount, cohort.capacity)] : [])].join(' ');
        return { send: [], card: selectionCard({ application: saved.value.application, ...(saved.value.application.selection ? { current: saved.value.application.selection } : {}), locked, notice }, m) };
      }
      default:
        return { send: [{ text: m.unknownAction }] };
    }
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
    const [scores, recusals] = await Promise.all([this.deps.jury.scores(ref.cohortId), this.deps.jury.recusals(ref.cohortId)]);
    const mine = scores.find((s) => s.applicationId === a.id && s.jurorId === caller.id);
    const recused = recusals.find((r) => r.applicationId === a.id && r.jurorId === caller.id);
    const conflict = conflictOf(a, caller.id);
    const afterOwn = scoresSeenBy(caller.id, a.id, scores, criteria);
    if (recused || conflict) {
      const why = conflict ? (m.jury.recusedAuto[conflict] ?? m.jury.recused) : m.jury.recused;
      return scoreCard({ application: a, criteria, mode: 'recused', notice: extra.notice ?? why }, m);
    }
    if (cohort.juryRound !== 'open' || a.state !== 'inReview') {
      return scoreCard({ application: a, criteria, mode: 'closed', notice: extra.notice ?? (cohort.juryRound === 'locked' ? m.jury.roundLocked : m.jury.roundNotOpen), ...afterOwn }, m);
    }
    const values = extra.values ?? Object.fromEntries([...Object.entries(mine?.values ?? {}).map(([k, v]) => [`c_${k}`, String(v)]), ['comment', mine?.comment ?? '']]);
    return scoreCard({ application: a, criteria, mode: 'score', values, ...(extra.errors ? { errors: extra.errors } : {}), ...(extra.notice ? { notice: extra.notice } : {}), ...afterOwn }, m);
  }

  private explain(e: JuryError, m: Messages): string {
    switch (e.code) {
      case 'ROUND_LOCKED':
        return m.jury.roundLocked;
      case 'ROUND_NOT_OPEN':
        return m.jury.roundNotOpen;
      case 'RECUSED':
        return m.jury.recusedAuto[e.reason] ?? m.jury.recused;
      case 'INVALID_SCORE':
        return m.jury.invalidScore;
      case 'NOT_ALLOWED':
        return m.jury.notJuror;
      default:
        return m.errors[e.code];
    }
  }
}
