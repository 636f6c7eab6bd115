import { randomBytes, randomUUID } from 'node:crypto';
import { CosmosApplicationRepository } from '../../../src/adapters/cosmos/application.repository';
import { CosmosFollowUpRepository } from '../../../src/adapters/cosmos/follow-up.repository';
import { CosmosJuryRepository } from '../../../src/adapters/cosmos/jury.repository';
import { CosmosOutboxStore } from '../../../src/adapters/cosmos/outbox.store';
import { CosmosCohortRepository, CosmosSettingsRepository } from '../../../src/adapters/cosmos/programme.repository';
import { withTurnCache } from '../../../src/adapters/cosmos/turn-cache';
import { LocalDirectory } from '../../../src/adapters/directory/local-directory';
import type { Application, SelectionChoice } from '../../../src/domain/application';
import type { ApplicationState } from '../../../src/domain/application.state-machine';
import type { AuditEvent } from '../../../src/domain/audit-event';
import { ConcurrencyConflict, type UseCaseResult } from '../../../src/domain/errors';
import { MUNICIPALITIES } from '../../../src/domain/municipalities';
import type { JurorRecusal, JurorScore } from '../../../src/domain/ports';
import { DEFAULT_CRITERIA, weightedMean } from '../../../src/domain/scoring';
import { JUDGED_STATES, recount, scoreMark, withoutZeros } from '../../../src/domain/tally';
import { withdrawApplication } from '../../../src/use-cases/intake';
import { decideSelection } from '../../../src/use-cases/jury/decide-selection';
import { openJuryRound } from '../../../src/use-cases/jury/open-jury-round';
import { recuseFromApplication } from '../../../src/use-cases/jury/recuse';
import { scoreApplication } from '../../../src/use-cases/jury/score-application';
import type { ProgrammeDeps } from '../../../src/use-cases/programme/deps';
import { creationAudit } from '../../builders/application.builder';
import { ManualClock } from '../../fakes/clock-and-ids';
import { embeddedStoreFor } from '../../helpers/embedded-cosmos';
import { seeded } from '../../helpers/seeded';
import { allApplications, allScores } from '../../helpers/store-reads';
import { aCohort, anApproval, aSubmitted, NOW, PEOPLE, SETTINGS } from '../../helpers/use-case-deps';

/**
 * Issue 12's must-show: the cohort's counters and the applications' jury summaries stay exact under concurrency.
 * The real use cases run on the real Cosmos adapters (embedded server, real @azure/cosmos client): several hundred
 * scores, revisions, repeats, recusals, selection decisions, withdrawals and the opening of the jury round (a batched
 * fan-out) are started at once in a seeded order, each in its own turn as the bot runs them. Some lose, as they may;
 * then the stored documents are recounted: the counters, every summary against the stored scores and recusals, and one
 * audit event per stored change and none for a lost one.
 */

const store = embeddedStoreFor(`tally-${randomUUID().slice(0, 8)}`);

const JURORS = ['juror-1', 'juror-2', 'juror-3', 'juror-4', 'juror-5', 'juror-6'];
const COORDINATOR = SETTINGS.coordinatorIds[0] ?? 'coordinator';
const IN_REVIEW = 30;
const APPROVED = 5;
const APPLICATIONS = IN_REVIEW + APPROVED;
/** Applications whose applicant's manager is on the jury (an automatic recusal when that juror scores). */
const MANAGED_BY_JUROR: Readonly<Record<number, string>> = { 4: 'juror-2', 9: 'juror-5', 17: 'juror-1', 26: 'juror-2', 33: 'juror-6' };
/**
 * Withdrawals go to any application, the approved ones too: the round's fan-out (updateMany of A-31 … A-35 in one
 * batch) then meets a withdrawal in the middle of its batch, whose guard refuses after others were replaced; the
 * batch is all or nothing (in Cosmos DB, and in the embedded server since patches/README.md §5), so nothing of it
 * stays, and the fan-out redoes the others one at a time.
 */
const WITHDRAWABLE = APPLICATIONS;
const CHOICES: readonly SelectionChoice[] = ['selected', 'waitlisted', 'notSelected'];
const KINDS = ['score', 'recuse', 'decide', 'withdraw', 'open'] as const;
type Kind = (typeof KINDS)[number];
/** What each kind of operation may legitimately answer when it loses. */
const LOSSES: Readonly<Record<Kind, readonly string[]>> = {
  score: ['CONCURRENCY_CONFLICT', 'ROUND_NOT_OPEN', 'RECUSED'],
  recuse: ['CONCURRENCY_CONFLICT', 'ROUND_NOT_OPEN'],
  decide: ['CONCURRENCY_CONFLICT', 'ILLEGAL_TRANSITION'],
  withdraw: ['CONCURRENCY_CONFLICT', 'ILLEGAL_TRANSITION'],
  open: [],
};
/** Audit actions that move an application from one state to another. */
const LIFECYCLE = ['openReview', 'select', 'waitlist', 'notSelect', 'withdraw'];

/** The cohorts of earlier seeds stay in the programme: each new one opens later, so it is the current one. */
let cohortsMade = 0;

interface Outcome {
  readonly kind: Kind;
  readonly applicationId?: string;
  readonly jurorId?: string;
  readonly ok: boolean;
  /** The refusal's code, or THREW with the message when the use case threw. */
  readonly code?: string;
  /** A score or a selection decision that was written (not the same one found stored). */
  readonly changed?: boolean;
  /** openJuryRound: how many applications it moved, in which cohort. */
  readonly moved?: number;
  readonly cohortId?: string;
}

const APP = (n: number) => `A-${n}`;

/** The adapter itself, counting the writes it refused as lost races (ConcurrencyConflict), which the use cases retry. */
function countingLostRaces<T extends object>(adapter: T, lost: { n: number }): T {
  return new Proxy(adapter, {
    get(target, name, receiver) {
      const member: unknown = Reflect.get(target, name, receiver);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        const answer: unknown = member.apply(target, args);
        return answer instanceof Promise
          ? answer.catch((e: unknown) => {
              if (e instanceof ConcurrencyConflict) lost.n++;
              throw e;
            })
          : answer;
      };
    },
  });
}

function programme(clock: ManualClock, lost = { n: 0 }): ProgrammeDeps {
  const { applications, programme: programmeContainer } = store().containers;
  return {
    applications: countingLostRaces(new CosmosApplicationRepository(applications), lost),
    jury: countingLostRaces(new CosmosJuryRepository(applications), lost),
    followUps: new CosmosFollowUpRepository(applications),
    cohorts: new CosmosCohortRepository(programmeContainer),
    settings: new CosmosSettingsRepository(programmeContainer),
    outbox: new CosmosOutboxStore(applications),
    directory: new LocalDirectory({ people: PEOPLE }),
    clock,
    ids: { uuid: () => randomUUID(), shortId: (prefix: string) => `${prefix}-${randomBytes(4).toString('hex').toUpperCase()}` },
  };
}

/** The applications of the scenario: in review and approved, over several municipalities, a few managed by a juror. */
function applicationsOf(cohortId: string, random: () => number): Application[] {
  return Array.from({ length: APPLICATIONS }, (_, i) => {
    const n = i + 1;
    const managerId = MANAGED_BY_JUROR[n] ?? `manager-${1 + Math.floor(random() * 4)}`;
    const municipality = MUNICIPALITIES[Math.floor(random() * 5) * 2] ?? 'Bjuv';
    const base = aSubmitted(n, n <= IN_REVIEW ? 'inReview' : 'approved', { cohortId });
    return {
      ...base,
      about: { ...(base.about ?? { administration: '', workplace: '', managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' }), municipality, managerId },
      approvals: [anApproval(base.applicantId, managerId)],
    };
  });
}

const valuesFrom = (random: () => number): Record<string, number> => Object.fromEntries(DEFAULT_CRITERIA.map((c) => [c.id, 1 + Math.floor(random() * 5)]));

/** Runs a use case in its own turn and keeps what it answered; a use case that throws is kept as THREW. */
async function outcome<T>(kind: Kind, where: { applicationId?: string; jurorId?: string }, run: () => Promise<UseCaseResult<T>>, seen: (value: T) => Partial<Outcome> = () => ({})): Promise<Outcome> {
  try {
    const result = await withTurnCache(run);
    return result.ok ? { kind, ...where, ok: true, ...seen(result.value) } : { kind, ...where, ok: false, code: result.error.code };
  } catch (e) {
    return { kind, ...where, ok: false, code: `THREW ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Every operation of one run, in a seeded order. */
function operations(deps: ProgrammeDeps, cohortId: string, random: () => number): (() => Promise<Outcome>)[] {
  const ops: (() => Promise<Outcome>)[] = [];
  const ref = (n: number) => ({ cohortId, applicationId: APP(n) });
  const pick = (n: number) => 1 + Math.floor(random() * n);
  const score = (jurorId: string, n: number, values: Record<string, number>, comment: string) =>
    ops.push(() => outcome('score', { applicationId: APP(n), jurorId }, () => scoreApplication(deps, jurorId, ref(n), values, comment), (v) => ({ changed: v.changed })));

  for (const jurorId of JURORS) {
    for (let n = 1; n <= APPLICATIONS; n++) {
      if (random() < 0.1) continue;
      const values = valuesFrom(random);
      const comment = random() < 0.5 ? '' : `Kommentar ${Math.floor(random() * 3)}`;
      score(jurorId, n, values, comment);
      const then = random();
      if (then < 0.25) score(jurorId, n, valuesFrom(random), comment); // a revision (or, by chance, the same values again)
      else if (then < 0.4) score(jurorId, n, values, comment); // the same score sent twice
    }
  }
  for (let i = 0; i < 30; i++) {
    const jurorId = JURORS[pick(JURORS.length) - 1] ?? 'juror-1';
    const n = pick(APPLICATIONS);
    ops.push(() => outcome('recuse', { applicationId: APP(n), jurorId }, () => recuseFromApplication(deps, jurorId, ref(n), 'Jag känner den sökande')));
  }
  for (let i = 0; i < 20; i++) {
    const n = pick(APPLICATIONS);
    const choice = CHOICES[pick(CHOICES.length) - 1] ?? 'selected';
    ops.push(() => outcome('decide', { applicationId: APP(n) }, () => decideSelection(deps, COORDINATOR, ref(n), choice, random() < 0.5 ? '' : 'Motivering'), (v) => ({ changed: v.changed })));
  }
  // Withdrawals of any application, and of the first approved one twice more: see WITHDRAWABLE.
  for (const n of [...Array.from({ length: 10 }, () => pick(WITHDRAWABLE)), IN_REVIEW + 1, IN_REVIEW + 3]) {
    ops.push(() => outcome('withdraw', { applicationId: APP(n) }, () => withdrawApplication(deps, `applicant-${n}`, ref(n), 'Ändrade planer')));
  }
  for (let i = 0; i < 2; i++) ops.push(() => outcome('open', {}, () => openJuryRound(deps, COORDINATOR), (v) => ({ moved: v.applications, cohortId: v.cohort.id })));

  // Fisher–Yates with the seeded generator: the order the operations start in.
  for (let i = ops.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ops[i], ops[j]] = [ops[j] as () => Promise<Outcome>, ops[i] as () => Promise<Outcome>];
  }
  return ops;
}

/** Every document of one type in the cohort's partition, straight from the container. */
async function documents<T>(cohortId: string, type: 'audit' | 'recusal'): Promise<T[]> {
  const { resources } = await store()
    .containers.applications.items.query<T>({ query: 'SELECT * FROM c WHERE c.type = @type AND c.cohortId = @c', parameters: [{ name: '@type', value: type }, { name: '@c', value: cohortId }] }, { partitionKey: cohortId })
    .fetchAll();
  return resources;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const sorted = (xs: Iterable<string>) => [...xs].sort();
const countBy = <T>(xs: readonly T[], key: (x: T) => string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
  return counts;
};

/** The states an application went through, from its creation audit event along its lifecycle events (each state is left once). */
function pathOf(events: readonly AuditEvent[]): ApplicationState[] {
  const created = events.filter((e) => e.action === 'create');
  if (created.length !== 1 || !created[0]) throw new Error(`${created.length} creation events`);
  const moves = events.filter((e) => LIFECYCLE.includes(e.action));
  const path: ApplicationState[] = [created[0].toState];
  for (let left = moves.length; left > 0; left--) {
    const from = path.at(-1);
    const next = moves.filter((e) => e.fromState === from);
    if (next.length !== 1 || !next[0]) throw new Error(`${next.length} lifecycle events leave ${String(from)}: ${JSON.stringify(moves)}`);
    path.push(next[0].toState);
  }
  return path;
}

describe('the counters and jury summaries under concurrency (real use cases, Cosmos adapters, embedded server)', () => {
  beforeAll(async () => {
    const deps = programme(new ManualClock(NOW.getTime()));
    await deps.settings.save(SETTINGS);
    // The client opens a TLS connection per request in flight and keeps it: opened here, so that the first seed's
    // operations meet as much as the later ones' instead of waiting on handshakes one after another.
    await Promise.all(Array.from({ length: 400 }, (_, i) => deps.applications.get('warm-up', `A-${i}`)));
  });

  it.each([7, 20260504, 4242])('seed %i: a recount of the stored documents finds what the counters and summaries say', async (seed) => {
    const random = seeded(seed);
    const clock = new ManualClock(NOW.getTime());
    const lost = { n: 0 };
    const deps = programme(clock, lost);
    const made = ++cohortsMade;
    const cohortId = `tally-${seed}`;
    await deps.cohorts.save(aCohort({ id: cohortId, name: `Tally ${seed}`, intakeOpensAt: `2026-03-0${made}T00:00:00.000Z`, jurorIds: JURORS, quorum: 2, capacity: 8, juryRound: 'open' }));
    const seededApplications = applicationsOf(cohortId, random);
    await Promise.all(seededApplications.map((a) => deps.applications.create(a, creationAudit(a, deps.ids.uuid()))));
    expect(withoutZeros(await deps.applications.counts(cohortId))).toEqual(withoutZeros(recount(seededApplications)));

    const ops = operations(deps, cohortId, random);
    expect(ops.length).toBeGreaterThanOrEqual(250);
    const outcomes = await Promise.all(ops.map((op) => op()));

    // Every operation answered a result or a refusal it may legitimately give, and each kind won some of the time.
    const threw = outcomes.filter((o) => o.code?.startsWith('THREW'));
    expect(threw).toEqual([]);
    for (const kind of KINDS) {
      const mine = outcomes.filter((o) => o.kind === kind);
      expect({ kind, unexpected: mine.filter((o) => !o.ok && !LOSSES[kind].includes(o.code ?? '')) }).toEqual({ kind, unexpected: [] });
      expect({ kind, won: mine.some((o) => o.ok) }).toEqual({ kind, won: true });
    }
    expect(outcomes.some((o) => o.kind === 'score' && o.ok && o.changed)).toBe(true);
    expect(outcomes.some((o) => o.kind === 'score' && o.ok && !o.changed)).toBe(true);
    expect(outcomes.some((o) => o.kind === 'score' && o.code === 'RECUSED')).toBe(true);
    expect(outcomes.reduce((n, o) => n + (o.moved ?? 0), 0)).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.kind === 'open').map((o) => o.cohortId)).toEqual([cohortId, cohortId]);
    // The operations did meet: writes lost races on the applications' guards and were decided again.
    expect(lost.n).toBeGreaterThan(0);

    const [applications, scores, recusals, audits] = await Promise.all([
      allApplications(deps.applications, cohortId),
      allScores(store().containers.applications, cohortId),
      documents<JurorRecusal>(cohortId, 'recusal'),
      documents<AuditEvent>(cohortId, 'audit'),
    ]);
    expect(applications).toHaveLength(APPLICATIONS);
    // The jurors who manage an applicant stood aside from that application by themselves, and nobody else did.
    const automatic = recusals.filter((r) => r.automatic);
    expect(automatic.length).toBeGreaterThan(0);
    expect(automatic.filter((r) => MANAGED_BY_JUROR[Number(r.applicationId.slice(2))] !== r.jurorId)).toEqual([]);

    // (a) The kept counters are a recount of the stored applications.
    expect(withoutZeros(await deps.applications.counts(cohortId))).toEqual(withoutZeros(recount(applications)));

    const initially = new Map(seededApplications.map((a) => [a.id, a.state]));
    for (const a of applications) {
      const jury = a.jury ?? { verdicts: {}, marks: {}, recused: [], count: 0, mean: 0 };
      const mine = scores.filter((s) => s.applicationId === a.id);
      const byJuror = new Map<string, JurorScore>(mine.map((s) => [s.jurorId, s]));
      expect(byJuror.size).toBe(mine.length);

      // (b) The summary is the stored scores and recusals: a verdict per juror who has a score and does not stand
      // aside, each the weighted mean of that juror's stored values, with its fingerprint; the count and mean of those.
      const recusedHere = recusals.filter((r) => r.applicationId === a.id).map((r) => r.jurorId);
      expect({ id: a.id, recused: sorted(jury.recused) }).toEqual({ id: a.id, recused: sorted(new Set(recusedHere)) });
      expect(recusedHere).toHaveLength(new Set(recusedHere).size);
      const counting = sorted([...byJuror.keys()].filter((j) => !jury.recused.includes(j)));
      expect({ id: a.id, verdicts: sorted(Object.keys(jury.verdicts)), marks: sorted(Object.keys(jury.marks)) }).toEqual({ id: a.id, verdicts: counting, marks: counting });
      for (const j of counting) {
        const s = byJuror.get(j) as JurorScore;
        expect({ id: a.id, j, verdict: jury.verdicts[j], mark: jury.marks[j] }).toEqual({ id: a.id, j, verdict: weightedMean(s.values, DEFAULT_CRITERIA), mark: scoreMark(s.values, s.comment ?? '') });
      }
      const verdicts = Object.values(jury.verdicts);
      expect({ id: a.id, count: jury.count, mean: jury.mean }).toEqual({ id: a.id, count: verdicts.length, mean: verdicts.length === 0 ? 0 : round3(verdicts.reduce((x, y) => x + y, 0) / verdicts.length) });

      // (c) One audit event per stored change, none for a lost one.
      const events = audits.filter((e) => e.applicationId === a.id);
      const won = outcomes.filter((o) => o.applicationId === a.id && o.ok);
      const scored = events.filter((e) => e.action === 'scored');
      // The jury scores an application in review, or one decided before the round is locked (issue 13).
      expect(scored.every((e) => e.fromState === e.toState && e.fromState !== null && JUDGED_STATES.includes(e.fromState))).toBe(true);
      const scoredBy = countBy(scored, (e) => e.actorId);
      const wroteBy = countBy(won.filter((o) => o.kind === 'score' && o.changed), (o) => o.jurorId ?? '');
      expect({ id: a.id, scoredBy: Object.fromEntries(scoredBy) }).toEqual({ id: a.id, scoredBy: Object.fromEntries(wroteBy) });
      expect(sorted(scoredBy.keys())).toEqual(sorted(byJuror.keys()));
      expect({ id: a.id, recusedEvents: events.filter((e) => e.action === 'recused').length }).toEqual({ id: a.id, recusedEvents: jury.recused.length });
      const decisions = events.filter((e) => ['select', 'waitlist', 'notSelect'].includes(e.action));
      expect({ id: a.id, decisions: decisions.length }).toEqual({ id: a.id, decisions: won.filter((o) => o.kind === 'decide' && o.changed !== false).length });
      expect({ id: a.id, withdrawals: events.filter((e) => e.action === 'withdraw').length }).toEqual({ id: a.id, withdrawals: won.filter((o) => o.kind === 'withdraw').length });
      expect(events.filter((e) => !['create', 'scored', 'recused', ...LIFECYCLE].includes(e.action))).toEqual([]);
      // The lifecycle events lead from the state it was created in to the state it is in.
      const path = pathOf(events);
      expect({ id: a.id, from: path[0], to: path.at(-1) }).toEqual({ id: a.id, from: initially.get(a.id), to: a.state });
    }
    const opened = audits.filter((e) => e.action === 'openReview');
    expect(opened).toHaveLength(outcomes.reduce((n, o) => n + (o.moved ?? 0), 0));
    // The round moved the approved applications nobody withdrew first, each once.
    const wentToReview = applications.filter((a) => initially.get(a.id) === 'approved' && pathOf(audits.filter((e) => e.applicationId === a.id))[1] === 'inReview');
    expect(sorted(opened.map((e) => e.applicationId))).toEqual(sorted(wentToReview.map((a) => a.id)));

  });
});
