import { changeJury } from '../../src/use-cases/jury/change-jury';
import { decideSelection } from '../../src/use-cases/jury/decide-selection';
import { juryLockPreview, lockJuryRound } from '../../src/use-cases/jury/lock-jury-round';
import { lockSelection, selectionLockPreview } from '../../src/use-cases/jury/lock-selection';
import { juryRoundPreview, openJuryRound } from '../../src/use-cases/jury/open-jury-round';
import { scoresOn } from '../../src/use-cases/jury/scores-on';
import { RANKING_PAGE, rankingOf, type RankingCursor, type RankingRowView } from '../../src/use-cases/jury/ranking';
import { rank } from '../../src/domain/scoring';
import { recuseFromApplication } from '../../src/use-cases/jury/recuse';
import { remindJury } from '../../src/use-cases/jury/remind-jury';
import { reviewsOf } from '../../src/use-cases/jury/reviews';
import { scoreApplication } from '../../src/use-cases/jury/score-application';
import type { ProgrammeDeps } from '../../src/use-cases/programme/deps';
import { aboutOf, anApproval, aCoApplicant, aCohort, aSubmitted, codeOf, COHORT_ID, emailOf, NOW, P, valueOf, world, type World } from '../helpers/use-case-deps';

/**
 * The jury's use cases against in-memory ports (PROGRAMME.md §4, Selection): milliseconds each. The HTTP suite
 * (test/http/jury.test.ts) keeps the wiring; this one the rules.
 */

const ref = (n: number) => ({ cohortId: COHORT_ID, applicationId: `A-${n}` });
const all = (v: number) => ({ benefit: v, boldness: v, applicability: v, feasibility: v, drive: v });
const OPEN = aCohort({ juryRound: 'open' });

/** A round open with applications A-1 … A-n in review. */
const inReview = (n: number, extra: Parameters<typeof world>[0] = {}) =>
  world({ cohorts: [OPEN], applications: Array.from({ length: n }, (_, i) => aSubmitted(i + 1, 'inReview')), ...extra });

const score = (w: World, jurorId: string, n: number, v: number, comment = '') => scoreApplication(w.deps, jurorId, ref(n), all(v), comment);

describe('coordinators only', () => {
  type Answer = { ok: true } | { ok: false; error: { code: string } };
  const coordinatorActions: [string, (deps: ProgrammeDeps, who: string) => Promise<Answer>][] = [
    ['changeJury', (d, who) => changeJury(d, who, { add: emailOf(P.outsider) })],
    ['openJuryRound', (d, who) => openJuryRound(d, who)],
    ['lockJuryRound', (d, who) => lockJuryRound(d, who)],
    ['rankingOf', (d, who) => rankingOf(d, who)],
    ['decideSelection', (d, who) => decideSelection(d, who, ref(1), 'selected', '')],
    ['lockSelection', (d, who) => lockSelection(d, who)],
    ['remindJury', (d, who) => remindJury(d, who)],
    ['juryRoundPreview', (d, who) => juryRoundPreview(d, who)],
    ['juryLockPreview', (d, who) => juryLockPreview(d, who)],
    ['selectionLockPreview', (d, who) => selectionLockPreview(d, who)],
  ];

  it.each(coordinatorActions)('%s refuses a juror (NOT_ALLOWED) and changes nothing', async (_name, act) => {
    const w = await inReview(1);
    const before = { cohort: await w.cohort(), application: await w.stored('A-1'), audit: w.audit.length };
    expect(codeOf(await act(w.deps, P.juror1))).toBe('NOT_ALLOWED');
    expect({ cohort: await w.cohort(), application: await w.stored('A-1'), audit: w.audit.length }).toEqual(before);
    expect(w.messages()).toEqual([]);
  });

  it.each(coordinatorActions.filter(([name]) => name !== 'decideSelection'))('%s finds no cohort before any intake has opened (NOT_FOUND)', async (_name, act) => {
    const w = await world({ cohorts: [aCohort({ intakeOpensAt: '2026-06-01T00:00:00.000Z', intakeClosesAt: '2026-07-01T00:00:00.000Z' })] });
    expect(codeOf(await act(w.deps, P.coordinator))).toBe('NOT_FOUND');
  });
});

describe('changing the jury', () => {
  it('adds a juror found by e-mail once, tells them once, and removes them again', async () => {
    const w = await world();
    const added = valueOf(await changeJury(w.deps, P.coordinator, { add: ` ${emailOf(P.outsider).toUpperCase()} ` }));
    expect(added.person.id).toBe(P.outsider);
    w.clock.advance(60_000);
    valueOf(await changeJury(w.deps, P.coordinator, { add: emailOf(P.outsider) }));
    expect((await w.cohort()).jurorIds).toEqual([P.juror1, P.juror2, P.juror3, P.outsider]);
    expect(w.recipients('jurorAdded')).toEqual([P.outsider]);

    valueOf(await changeJury(w.deps, P.coordinator, { remove: emailOf(P.juror2) }));
    expect((await w.cohort()).jurorIds).toEqual([P.juror1, P.juror3, P.outsider]);
    expect(w.messages()).toHaveLength(1);
  });

  it('refuses an e-mail nobody has (NOT_FOUND)', async () => {
    const w = await world();
    expect(codeOf(await changeJury(w.deps, P.coordinator, { add: 'nobody@example.se' }))).toBe('NOT_FOUND');
    expect((await w.cohort()).jurorIds).toHaveLength(3);
  });
});

describe('the round', () => {
  it('opening sends every manager-approved application to review (audited) and each juror a card; nothing else moves', async () => {
    const w = await world({ applications: [aSubmitted(1, 'approved'), aSubmitted(2, 'approved'), aSubmitted(3, 'awaitingManager'), aSubmitted(4, 'draft')] });
    const opened = valueOf(await openJuryRound(w.deps, P.coordinator));
    expect(opened.applications).toBe(2);
    expect((await w.cohort()).juryRound).toBe('open');
    expect((await Promise.all([1, 2, 3, 4].map((n) => w.stored(`A-${n}`)))).map((a) => a.state)).toEqual(['inReview', 'inReview', 'awaitingManager', 'draft']);
    expect(w.actions('A-1')).toEqual(['create', 'openReview']);
    expect(w.recipients('reviewAssignment')).toEqual([P.juror1, P.juror2, P.juror3]);
  });

  it('a locked round cannot be opened again (ROUND_LOCKED) and takes no more scores', async () => {
    const w = await inReview(1);
    expect(valueOf(await lockJuryRound(w.deps, P.coordinator)).cohort.juryRound).toBe('locked');
    expect((await w.cohort()).juryRound).toBe('locked');
    expect(codeOf(await openJuryRound(w.deps, P.coordinator))).toBe('ROUND_LOCKED');
    expect(codeOf(await score(w, P.juror1, 1, 4))).toBe('ROUND_LOCKED');
    expect(await w.jury.scores(COHORT_ID)).toEqual([]);
  });

  it.each([
    ['before the round opens', aCohort(), 'inReview'],
    ['for an application not in review', OPEN, 'approved'],
  ] as const)('a score %s is refused (ROUND_NOT_OPEN)', async (_when, cohort, state) => {
    const w = await world({ cohorts: [cohort], applications: [aSubmitted(1, state)] });
    expect(codeOf(await score(w, P.juror1, 1, 4))).toBe('ROUND_NOT_OPEN');
    expect(await w.jury.scores(COHORT_ID)).toEqual([]);
  });
});

describe('scoring', () => {
  it('stores a valid score with its audit event', async () => {
    const w = await inReview(1);
    const scored = valueOf(await score(w, P.juror1, 1, 4, 'Djärv'));
    expect(scored.changed).toBe(true);
    expect((await w.jury.scoreOf(COHORT_ID, 'A-1', P.juror1))?.value).toMatchObject({ values: all(4), comment: 'Djärv', at: NOW.toISOString() });
    expect(w.audit.filter((e) => e.action === 'scored')).toEqual([expect.objectContaining({ applicationId: 'A-1', actorId: P.juror1, actorKind: 'juror' })]);
  });

  it('an identical score sent twice counts once (changed:false, one audit event), also when both arrive at once', async () => {
    const w = await inReview(2);
    valueOf(await score(w, P.juror1, 1, 4));
    expect(valueOf(await score(w, P.juror1, 1, 4)).changed).toBe(false);
    const both = await Promise.all([score(w, P.juror1, 2, 3), score(w, P.juror1, 2, 3)]);
    expect(both.map((r) => valueOf(r).changed).sort()).toEqual([false, true]);
    expect(w.audit.filter((e) => e.action === 'scored').map((e) => e.applicationId)).toEqual(['A-1', 'A-2']);
    expect(await w.jury.scores(COHORT_ID)).toHaveLength(2);
  });

  it.each([
    ['other values', 5, ''],
    ['another comment', 4, 'ändrad'],
  ])('a revised score (%s) replaces the stored one and is audited again', async (_what, v, comment) => {
    const w = await inReview(1);
    valueOf(await score(w, P.juror1, 1, 4));
    expect(valueOf(await score(w, P.juror1, 1, v, comment)).changed).toBe(true);
    expect(await w.jury.scores(COHORT_ID)).toEqual([expect.objectContaining({ values: all(v), ...(comment ? { comment } : {}) })]);
    expect(w.audit.filter((e) => e.action === 'scored')).toHaveLength(2);
  });

  it.each([
    ['a value over 5', { ...all(4), drive: 6 }, { criterionId: 'drive', code: 'outOfRange' }],
    ['a criterion left out', { benefit: 3, boldness: 3, applicability: 3, feasibility: 3 }, { criterionId: 'drive', code: 'missing' }],
    ['a criterion the cohort does not have', { ...all(3), charm: 3 }, { criterionId: 'charm', code: 'unknown' }],
  ])('refuses %s (INVALID_SCORE) and stores nothing', async (_what, values, problem) => {
    const w = await inReview(1);
    const refused = await scoreApplication(w.deps, P.juror1, ref(1), values, '');
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'INVALID_SCORE', problems: expect.arrayContaining([problem]) }) });
    expect(await w.jury.scores(COHORT_ID)).toEqual([]);
  });

  it('refuses someone not on the jury (NOT_JUROR) and an application that does not exist (NOT_FOUND)', async () => {
    const w = await inReview(1);
    expect(codeOf(await score(w, P.outsider, 1, 4))).toBe('NOT_JUROR');
    expect(codeOf(await score(w, P.juror1, 9, 4))).toBe('NOT_FOUND');
    expect(await w.jury.scores(COHORT_ID)).toEqual([]);
  });
});

describe('recusal', () => {
  it.each([
    ['applicant', aSubmitted(1, 'inReview', { applicantId: P.juror1 })],
    ['coApplicant', aSubmitted(1, 'inReview', { coApplicants: [aCoApplicant(P.juror1)] })],
    ['coApplicant', aSubmitted(1, 'inReview', { coApplicants: [aCoApplicant(P.juror1, 'invited')] })],
    ['manager', aSubmitted(1, 'inReview', { about: { ...aboutOf(1), managerId: P.juror1, managerFromDirectory: false } })],
    ['manager', aSubmitted(1, 'inReview', { approvals: [anApproval('applicant-1', P.juror1)] })],
  ])('a juror who is the %s is recused automatically, once, and stays recused', async (conflict, application) => {
    const w = await world({ cohorts: [OPEN], applications: [application] });
    const first = await score(w, P.juror1, 1, 4);
    expect(first).toEqual({ ok: false, error: { code: 'RECUSED', automatic: true, reason: conflict } });
    expect(await score(w, P.juror1, 1, 4)).toEqual(first);
    expect(await w.jury.recusals(COHORT_ID)).toEqual([expect.objectContaining({ applicationId: 'A-1', jurorId: P.juror1, automatic: true, reason: conflict })]);
    expect(w.audit.filter((e) => e.action === 'recused')).toEqual([expect.objectContaining({ actorKind: 'system' })]);
    expect(await w.jury.scores(COHORT_ID)).toEqual([]);
  });

  it('a co-applicant who said no is no conflict: that juror scores', async () => {
    const w = await world({ cohorts: [OPEN], applications: [aSubmitted(1, 'inReview', { coApplicants: [aCoApplicant(P.juror1, 'declined')] })] });
    expect(valueOf(await score(w, P.juror1, 1, 4)).changed).toBe(true);
    expect(await w.jury.recusals(COHORT_ID)).toEqual([]);
  });

  it('a juror recuses by hand with a reason; their score is refused afterwards', async () => {
    const w = await inReview(1);
    valueOf(await recuseFromApplication(w.deps, P.juror2, ref(1), 'Grannar'));
    expect(await score(w, P.juror2, 1, 4)).toEqual({ ok: false, error: { code: 'RECUSED', automatic: false, reason: 'Grannar' } });
    expect(w.audit.filter((e) => e.action === 'recused')).toEqual([expect.objectContaining({ actorId: P.juror2, actorKind: 'juror', reason: 'Grannar' })]);
    expect(codeOf(await recuseFromApplication(w.deps, P.outsider, ref(1), 'x'))).toBe('NOT_JUROR');
  });

  it('reviews show each juror their own state per application; someone not on the jury gets none', async () => {
    const w = await world({ cohorts: [OPEN], applications: [aSubmitted(1, 'inReview'), aSubmitted(2, 'inReview', { applicantId: P.juror1 }), aSubmitted(3, 'inReview'), aSubmitted(4, 'approved')] });
    valueOf(await score(w, P.juror1, 1, 4));
    const reviews = await reviewsOf(w.deps, P.juror1);
    expect(reviews?.items.map((i) => [i.application.id, i.state])).toEqual([['A-1', 'scored'], ['A-2', 'recused'], ['A-3', 'todo']]);
    expect(await reviewsOf(w.deps, P.outsider)).toBeNull();
  });
});

describe('the ranking and reminders', () => {
  /** 5, 4 and 3 (mean 4); A-2: 4 and 4 (4, a tie); A-3: 2 and a recusal (under the quorum of 2); A-4: nothing. */
  const scored = async (quorum = 2) => {
    const w = await world({ cohorts: [aCohort({ juryRound: 'open', quorum })], applications: [1, 2, 3, 4].map((n) => aSubmitted(n, 'inReview')) });
    for (const [juror, n, v] of [[P.juror1, 1, 5], [P.juror2, 1, 4], [P.juror3, 1, 3], [P.juror1, 2, 4], [P.juror2, 2, 4], [P.juror1, 3, 2]] as const) valueOf(await score(w, juror, n, v));
    valueOf(await recuseFromApplication(w.deps, P.juror2, ref(3), 'Jäv'));
    return w;
  };

  it('ranks by the mean over the jurors who scored, ties as ties, under the quorum unranked, and lists what each juror has left', async () => {
    const w = await scored();
    const view = valueOf(await rankingOf(w.deps, P.coordinator));
    expect(view.rows.map((r) => [r.application.id, r.score, r.rank, r.tiedWith, r.scoreCount, r.recusalCount])).toEqual([
      ['A-1', 4, 1, 1, 3, 0],
      ['A-2', 4, 1, 1, 2, 0],
      ['A-3', null, null, 0, 1, 1],
      ['A-4', null, null, 0, 0, 0],
    ]);
    expect(view.missing).toEqual([
      { jurorId: P.juror1, count: 1 },
      { jurorId: P.juror2, count: 1 },
      { jurorId: P.juror3, count: 3 },
    ]);
    expect([view.total, view.page, view.next]).toEqual([4, 1, undefined]);
  });

  it('a quorum of three leaves an application with two scores unranked', async () => {
    const w = await scored(3);
    const rows = valueOf(await rankingOf(w.deps, P.coordinator)).rows;
    expect(rows.filter((r) => r.rank !== null).map((r) => r.application.id)).toEqual(['A-1']);
  });

  it('reminds only the jurors with applications left, once per reminder', async () => {
    const w = await inReview(1);
    valueOf(await score(w, P.juror1, 1, 4));
    valueOf(await recuseFromApplication(w.deps, P.juror2, ref(1), 'Jäv'));
    expect(valueOf(await remindJury(w.deps, P.coordinator)).reminded).toBe(1);
    expect(w.recipients('juryReminder')).toEqual([P.juror3]);
  });
});

describe('the ranking, page by page', () => {
  /**
   * Sixty applications whose means fall in runs of equal values that straddle the pages (of RANKING_PAGE), some under
   * the quorum: walked page by page through the cursors, the places and ties are those of the domain's rank over all.
   */
  it('gives every row the place and tie of the whole ranking, across page boundaries, then those under the quorum', async () => {
    const means = [4.8, 4.8, 4.6, ...Array<number>(20).fill(4.2), 4, 3.8, 3.8, 3.8, ...Array.from({ length: 30 }, (_, i) => 3.6 - Math.floor(i / 4) * 0.2)];
    // Five whole-number verdicts that add up to five times the mean (a few with one verdict: under the quorum of 2).
    const apps = means.map((target, i) => {
      const count = i % 13 === 5 ? 1 : 5;
      const sum = Math.round(target * count);
      const values = Array.from({ length: count }, (_, k) => Math.floor(sum / count) + (k < sum % count ? 1 : 0));
      const verdicts = Object.fromEntries(values.map((v, k) => [`j${k}`, v]));
      const mean = Math.round((sum / count) * 1000) / 1000;
      return aSubmitted(i + 1, 'inReview', { jury: { verdicts, marks: {}, recused: [], count, mean } });
    });
    const w = await world({ cohorts: [aCohort({ juryRound: 'open', quorum: 2 })], applications: apps });
    const shown: RankingRowView[] = [];
    let cursor: RankingCursor | undefined;
    let pages = 0;
    do {
      const view = valueOf(await rankingOf(w.deps, P.coordinator, cursor));
      expect(view.page).toBe(++pages);
      expect(view.rows.length).toBeLessThanOrEqual(RANKING_PAGE);
      shown.push(...view.rows);
      cursor = view.next;
    } while (cursor);
    const reference = rank({
      applicationIds: apps.map((a) => a.id),
      criteria: [{ id: 'v', weight: 1 }],
      scores: apps.flatMap((a) => Object.entries(a.jury?.verdicts ?? {}).map(([jurorId, v]) => ({ jurorId, applicationId: a.id, values: { v } }))),
      recusals: [],
      quorum: 2,
      normalise: false,
    });
    expect(pages).toBe(Math.ceil(apps.length / RANKING_PAGE));
    // Within a tie, and among those under the quorum, the order is by id (as the store orders ids).
    const byId = (a: readonly unknown[], b: readonly unknown[]) => (String(a[0]) < String(b[0]) ? -1 : 1);
    const inOrder = (rows: (string | number | null)[][]) => rows.sort((a, b) => (a[2] === b[2] ? byId(a, b) : a[2] === null ? 1 : b[2] === null ? -1 : Number(a[2]) - Number(b[2])));
    const got = shown.map((r) => [r.application.id, r.score, r.rank, r.tiedWith]);
    expect(got).toEqual(inOrder([...got]));
    expect(got).toEqual(inOrder(reference.map((r) => [r.applicationId, r.score, r.rank, r.tiedWith])));
  });
});

describe('the selection', () => {
  it.each([
    ['selected', 'select'],
    ['waitlisted', 'waitlist'],
    ['notSelected', 'notSelect'],
  ] as const)('records %s with the feedback, audited (%s), and tells nobody yet', async (decision, event) => {
    const w = await inReview(1);
    valueOf(await decideSelection(w.deps, P.coordinator, ref(1), decision, 'Stark idé'));
    expect(await w.stored('A-1')).toMatchObject({ state: decision, selection: { decision, feedback: 'Stark idé', decidedBy: P.coordinator } });
    expect(w.actions('A-1')).toEqual(['create', event]);
    expect(w.audit.at(-1)).toMatchObject({ actorId: P.coordinator, fromState: 'inReview', toState: decision });
    expect(w.messages()).toEqual([]);
  });

  it('counts the selected and says when they are over the cohort capacity', async () => {
    const w = await inReview(3);
    const answers = [];
    for (const n of [1, 2, 3]) answers.push(valueOf(await decideSelection(w.deps, P.coordinator, ref(n), 'selected', '')));
    expect(answers.map((a) => [a.selectedCount, a.overCapacity])).toEqual([[1, false], [2, false], [3, true]]);
  });

  it('refuses an application that is not in review (ILLEGAL_TRANSITION), one that does not exist, and any decision after the lock', async () => {
    const w = await world({ cohorts: [OPEN], applications: [aSubmitted(1, 'approved'), aSubmitted(2, 'inReview')] });
    expect(codeOf(await decideSelection(w.deps, P.coordinator, ref(1), 'selected', ''))).toBe('ILLEGAL_TRANSITION');
    expect(codeOf(await decideSelection(w.deps, P.coordinator, ref(9), 'selected', ''))).toBe('NOT_FOUND');
    expect(codeOf(await decideSelection(w.deps, P.coordinator, { cohortId: 'pilot-9', applicationId: 'A-2' }, 'selected', ''))).toBe('NOT_FOUND');
    valueOf(await lockSelection(w.deps, P.coordinator));
    expect(codeOf(await decideSelection(w.deps, P.coordinator, ref(2), 'selected', ''))).toBe('ROUND_LOCKED');
    expect((await w.stored('A-2')).state).toBe('inReview');
  });

  it('the lock tells each team its outcome, and the line (managers and HR contact) of the selected only; run twice, nobody is told twice', async () => {
    const team = aSubmitted(1, 'inReview', {
      coApplicants: [aCoApplicant('applicant-2'), aCoApplicant('applicant-4', 'declined')],
      // applicant-2's manager did not answer; the HR contact it was escalated to decided.
      approvals: [anApproval('applicant-1', P.manager1), anApproval('applicant-2', P.manager2, P.hrBjuv)],
    });
    const w = await world({ cohorts: [OPEN], applications: [team, aSubmitted(3, 'inReview'), aSubmitted(5, 'inReview'), aSubmitted(6, 'inReview')] });
    valueOf(await decideSelection(w.deps, P.coordinator, ref(1), 'selected', 'Bra'));
    valueOf(await decideSelection(w.deps, P.coordinator, ref(3), 'waitlisted', 'Nästan'));
    valueOf(await decideSelection(w.deps, P.coordinator, ref(5), 'notSelected', 'Inte nu'));

    const first = valueOf(await lockSelection(w.deps, P.coordinator));
    const cohort = await w.cohort();
    expect(cohort).toMatchObject({ juryRound: 'locked', selectionLockedAt: NOW.toISOString() });
    expect(w.messages('selectionOutcome').map((m) => [m.applicationId, m.recipientId, m.payload.decision])).toEqual([
      ['A-1', 'applicant-1', 'selected'],
      ['A-1', 'applicant-2', 'selected'],
      ['A-3', 'applicant-3', 'waitlisted'],
      ['A-5', 'applicant-5', 'notSelected'],
    ]);
    expect(w.recipients('leaveStarts')).toEqual([P.hrBjuv, P.hrHoganas, P.manager1, P.manager2]);
    expect(w.messages('leaveStarts').every((m) => m.applicationId === 'A-1' && m.payload.programmeStartsOn === cohort.programmeStartsOn)).toBe(true);
    expect(first.told).toBe(w.messages().length);

    w.clock.advance(3_600_000);
    valueOf(await lockSelection(w.deps, P.coordinator));
    expect(w.messages()).toHaveLength(first.told);
    expect((await w.cohort()).selectionLockedAt).toBe(NOW.toISOString());
  });
});

describe('issue 13: the round, the locks and the selection as the coordinator decides them', () => {
  it('defects 18 and 21: opening the round closes an intake that is still open, says so, and tells the jurors once', async () => {
    const w = await world({ cohorts: [aCohort({ intakeClosesAt: '2026-06-01T00:00:00.000Z' })], applications: [aSubmitted(1, 'approved')] });
    expect(valueOf(await juryRoundPreview(w.deps, P.coordinator))).toMatchObject({ applications: 1, withJury: 0, jurors: 3, closesIntake: true });
    expect(await w.stored('A-1')).toMatchObject({ state: 'approved' });
    const opened = valueOf(await openJuryRound(w.deps, P.coordinator));
    expect(opened).toMatchObject({ applications: 1, intakeClosed: true, alreadyOpen: false });
    expect(await w.cohort()).toMatchObject({ juryRound: 'open', intakeClosedAt: NOW.toISOString(), intakeClosesAt: NOW.toISOString() });
    expect(valueOf(await juryRoundPreview(w.deps, P.coordinator))).toMatchObject({ applications: 0, withJury: 1, closesIntake: false });

    // A second confirm: nothing moves, intake stays as it is, and no juror is told again.
    w.clock.advance(60_000);
    expect(valueOf(await openJuryRound(w.deps, P.coordinator))).toMatchObject({ applications: 0, intakeClosed: false, alreadyOpen: true });
    expect(w.recipients('reviewAssignment')).toEqual([P.juror1, P.juror2, P.juror3]);
  });

  it('defect 21: an intake closed at its deadline stays as it was when the round opens', async () => {
    const w = await world({ applications: [aSubmitted(1, 'approved')] });
    const before = await w.cohort();
    expect(valueOf(await openJuryRound(w.deps, P.coordinator)).intakeClosed).toBe(false);
    expect(await w.cohort()).toEqual({ ...before, juryRound: 'open' });
  });

  it('defect 6: before locking, each juror with scores left is named, decided applications included', async () => {
    const w = await inReview(2);
    valueOf(await score(w, P.juror1, 1, 4));
    valueOf(await score(w, P.juror1, 2, 4));
    valueOf(await score(w, P.juror2, 1, 3));
    valueOf(await decideSelection(w.deps, P.coordinator, ref(1), 'selected', 'Stark idé.'));
    valueOf(await decideSelection(w.deps, P.coordinator, ref(2), 'notSelected', 'Sök igen.'));
    const preview = valueOf(await juryLockPreview(w.deps, P.coordinator));
    expect(preview.behind).toEqual([
      { jurorId: P.juror2, left: 1 },
      { jurorId: P.juror3, left: 2 },
    ]);
    expect(preview).toMatchObject({ applications: 2, alreadyLocked: false });
    // The jury may still score a decided application until the round is locked.
    valueOf(await score(w, P.juror3, 1, 5));
    expect(valueOf(await juryLockPreview(w.deps, P.coordinator)).behind).toEqual([
      { jurorId: P.juror2, left: 1 },
      { jurorId: P.juror3, left: 1 },
    ]);
    expect(valueOf(await lockJuryRound(w.deps, P.coordinator)).alreadyLocked).toBe(false);
    expect(valueOf(await lockJuryRound(w.deps, P.coordinator)).alreadyLocked).toBe(true);
    expect(codeOf(await score(w, P.juror2, 2, 5))).toBe('ROUND_LOCKED');
  });

  it('defect 19: before the selection lock, the decisions and the distinct managers and HR contacts of the selected are counted', async () => {
    const w = await inReview(4);
    valueOf(await decideSelection(w.deps, P.coordinator, ref(1), 'selected', 'Stark idé.'));
    valueOf(await decideSelection(w.deps, P.coordinator, ref(2), 'selected', 'Stark idé.'));
    valueOf(await decideSelection(w.deps, P.coordinator, ref(3), 'waitlisted', 'Nästan.'));
    const preview = valueOf(await selectionLockPreview(w.deps, P.coordinator));
    expect(preview).toMatchObject({ decided: { selected: 2, waitlisted: 1, notSelected: 0 }, undecided: 1, managers: 2, hrContacts: 2, alreadyLocked: false });
    const locked = valueOf(await lockSelection(w.deps, P.coordinator));
    const again = valueOf(await lockSelection(w.deps, P.coordinator));
    expect([locked.alreadyLocked, again.alreadyLocked]).toEqual([false, true]);
    expect(again.told).toBe(locked.told);
    expect(w.messages()).toHaveLength(7); // each once: 3 applicants, 2 managers and 2 HR contacts
    expect(valueOf(await selectionLockPreview(w.deps, P.coordinator)).alreadyLocked).toBe(true);
  });

  it('defect 3: the same selection sent twice, also at once, is written once and answered with the saved decision', async () => {
    const w = await inReview(1);
    const both = await Promise.all([1, 2].map(() => decideSelection(w.deps, P.coordinator, ref(1), 'selected', 'Stark idé.')));
    expect(both.map((r) => valueOf(r).changed).sort()).toEqual([false, true]);
    expect(both.map((r) => valueOf(r).application.selection?.decision)).toEqual(['selected', 'selected']);
    expect(w.actions('A-1')).toEqual(['create', 'select']);
    expect(codeOf(await decideSelection(w.deps, P.coordinator, ref(1), 'waitlisted', 'Stark idé.'))).toBe('ILLEGAL_TRANSITION');
  });

  it('defect 5: the admitted count includes those that have moved on in the programme', async () => {
    const w = await world({ cohorts: [OPEN], applications: [aSubmitted(1, 'phase1'), aSubmitted(2, 'continuing'), aSubmitted(3, 'inReview'), aSubmitted(4, 'withdrawn')] });
    const view = valueOf(await rankingOf(w.deps, P.coordinator));
    expect(view.selectedCount).toBe(2);
    expect(view.total).toBe(3);
    expect(valueOf(await decideSelection(w.deps, P.coordinator, ref(3), 'selected', 'Ja.'))).toMatchObject({ selectedCount: 3, overCapacity: true });
  });

  it('a row opened by a coordinator: every score with its values and comment, and who stands aside; nobody else may', async () => {
    const w = await inReview(1);
    valueOf(await score(w, P.juror1, 1, 4, 'Djärv'));
    valueOf(await recuseFromApplication(w.deps, P.juror2, ref(1), 'Jag känner sökande.'));
    const seen = valueOf(await scoresOn(w.deps, P.coordinator, ref(1)));
    expect(seen.scores.map((x) => [x.jurorId, x.values, x.comment])).toEqual([[P.juror1, all(4), 'Djärv']]);
    expect(seen.recusals.map((r) => [r.jurorId, r.reason])).toEqual([[P.juror2, 'Jag känner sökande.']]);
    expect(codeOf(await scoresOn(w.deps, P.juror1, ref(1)))).toBe('NOT_ALLOWED');
  });
});
