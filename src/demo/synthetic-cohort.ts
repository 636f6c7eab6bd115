import type { Container, OperationInput } from '@azure/cosmos';
import { applicationBody } from '../adapters/cosmos/documents';
import { TARGET_GROUPS, type Application } from '../domain/application';
import type { ApplicationState } from '../domain/application.state-machine';
import { allocate, type Budget } from '../domain/budget';
import { statesFrom } from '../domain/funnel';
import { SEEN_BY_JURY } from '../domain/jury';
import { MUNICIPALITIES } from '../domain/municipalities';
import { DEFAULT_CRITERIA, weightedMean } from '../domain/scoring';
import { recount, scoreMark, withVerdict } from '../domain/tally';

/**
 * A cohort of made-up applications for the bench and the tests at scale (issue 12 and 15): spread over the eleven
 * municipalities, six administrations, the target groups, teams and single applicants; most in review with the jury's
 * scores, some waiting for their manager, approved, decided, a few teams on in the programme with budgets and
 * outcomes, a few drafts. Deterministic: the i-th application is always the same.
 */
export interface SyntheticOptions {
  readonly cohortId: string;
  readonly n: number;
  readonly jurorIds: readonly string[];
  /** Every applicant's manager (a real person of the directory, so the approvals have a decider). */
  readonly managerId: string;
  readonly coordinatorId: string;
  /** People of the directory who apply first (applications 0, 1, …), so the bot can reach and name them. */
  readonly applicants?: readonly { readonly id: string; readonly name: string }[];
  /** How many of the first applications wait for the manager (the bench's full page of approvals). */
  readonly awaitingFirst?: number;
  /** This juror leaves every tenth application unscored (the bench's "left to do"). */
  readonly lateJurorId?: string;
  readonly start?: Date;
}

const ADMINISTRATIONS = ['Vård- och omsorgsförvaltningen', 'Skol- och fritidsförvaltningen', 'Stadsbyggnadsförvaltningen', 'Socialförvaltningen', 'Kulturförvaltningen', 'Miljöförvaltningen'];
const IDEAS = ['Digital matsedel för äldreboenden', 'Lånecyklar för hemtjänsten', 'Språkcafé på biblioteket', 'Gröna tak på förskolor', 'Appen för öppna lekplatser', 'Snabbare bygglov med chatt', 'Skolskjuts som går att följa', 'Trygghetsvandringar för unga', 'Återbruk av möbler', 'Mötesrum som alla kan boka'];
const TEXT = 'Invånare och medarbetare får en enklare vardag när kommunen vågar pröva nytt. ';
const text = (seed: number, n: number) => `Idé ${seed}: ${TEXT.repeat(Math.ceil(n / TEXT.length) + 1)}`.slice(0, n);
const DAY = 86_400_000;

/**
 * The states after the selection, handed out to the first decided applications (a cohort has a dozen places): decisions
 * not locked yet come first, so that a small cohort has some for the lock to tell too.
 */
const PROGRAMME_STATES: readonly ApplicationState[] = ['selected', 'phase1', 'waitlisted', 'continuing', 'notSelected', 'phase2', 'phase3', 'keptAsProject', 'handedToLine', 'returnedToJob', 'phase1', 'selected'];

function stateOf(i: number, options: SyntheticOptions): ApplicationState {
  if (i < (options.awaitingFirst ?? 0)) return 'awaitingManager';
  const roll = i % 20;
  if (roll < 14) return 'inReview';
  if (roll < 16) return 'approved';
  if (roll < 18) return 'awaitingManager';
  if (roll === 19) return 'draft';
  const decided = Math.floor(i / 20);
  return decided < PROGRAMME_STATES.length ? (PROGRAMME_STATES[decided] as ApplicationState) : ((['selected', 'waitlisted', 'notSelected'] as const)[i % 3] as ApplicationState);
}

/** Scored by the jury: every state from review on; holding a budget: every state from phase 1 on. */
const JUDGED = SEEN_BY_JURY;
const AFTER_SELECTION = statesFrom('phase1');

export function syntheticApplication(i: number, options: SyntheticOptions): Application {
  const own = options.applicants?.[i];
  const id = `A-S${String(i).padStart(6, '0')}`;
  const submitted = new Date((options.start ?? new Date(Date.UTC(2026, 2, 1))).getTime() + i * 1000 + (i % 13) * DAY);
  const at = submitted.toISOString();
  const municipality = MUNICIPALITIES[i % MUNICIPALITIES.length] ?? 'Helsingborg';
  const state = stateOf(i, options);
  const applicantId = own?.id ?? `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`;
  const applicantName = own?.name ?? `Sökande ${i}`;
  const decidedAt = new Date(submitted.getTime() + ((i % 9) + 1) * DAY).toISOString();
  const selectedAt = new Date(submitted.getTime() + (30 + (i % 5)) * DAY).toISOString();
  const team = i % 7 === 3;
  const targetGroups = [TARGET_GROUPS[i % TARGET_GROUPS.length] ?? 'residents', ...(i % 3 === 0 ? (['organisation'] as const) : [])];
  const decision = state === 'waitlisted' || state === 'notSelected' ? state : JUDGED.includes(state) && state !== 'inReview' ? 'selected' : undefined;
  const budget: Budget | undefined = AFTER_SELECTION.includes(state) ? withExpense(allocate(team ? 10_000_000 : 5_000_000, id), i, applicantId, decidedAt) : undefined;
  const base: Application = {
    id,
    cohortId: options.cohortId,
    applicantId,
    applicantName,
    state,
    step: 'review',
    idea: { title: `${IDEAS[i % IDEAS.length]} ${i}`, problem: text(i, 600), description: text(i + 1, 1200) },
    benefit: { targetGroups: [...new Set(targetGroups)], benefit: text(i + 2, 300), applicability: text(i + 3, 300) },
    about: { municipality, administration: ADMINISTRATIONS[i % ADMINISTRATIONS.length] ?? '', workplace: `Arbetsplats ${i % 97}`, managerId: options.managerId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
    leave: { extentPercent: 50, start: '2026-09-01', end: '2027-02-28' },
    coApplicants: team ? [{ personId: `00000000-0000-4000-b000-${String(i).padStart(12, '0')}`, name: `Medsökande ${i}`, status: 'confirmed', invitedAt: at, respondedAt: at, permanentEmployment: true, employmentStart: '2019-01-01' }] : [],
    approvals:
      state === 'draft'
        ? []
        : [{ memberId: applicantId, memberName: applicantName, managerId: options.managerId, status: state === 'awaitingManager' ? 'pending' : 'approved', requestedAt: at, ...(state === 'awaitingManager' ? {} : { decidedBy: options.managerId, decidedAt }) }],
    deciderIds: state === 'awaitingManager' ? [options.managerId] : [],
    ...(decision ? { selection: { decision, feedback: text(i, 200), decidedBy: options.coordinatorId, decidedAt: selectedAt } } : {}),
    ...(state === 'continuing' || state === 'phase2' || state === 'phase3' || state === 'keptAsProject' || state === 'handedToLine' ? { gate: { outcome: 'continue' as const, decidedBy: options.coordinatorId, decidedAt: selectedAt } } : {}),
    ...(state === 'returnedToJob' ? { gate: { outcome: 'returnToJob' as const, decidedBy: options.coordinatorId, decidedAt: selectedAt } } : {}),
    ...(state === 'keptAsProject' ? { outcome: { kind: 'keptAsProject' as const, ipOwner: 'municipality' as const, decidedBy: options.coordinatorId, decidedAt: selectedAt } } : {}),
    ...(state === 'handedToLine' ? { outcome: { kind: 'handedToLine' as const, ipOwner: 'municipality' as const, receivingAdministration: ADMINISTRATIONS[(i + 1) % ADMINISTRATIONS.length] ?? '', decidedBy: options.coordinatorId, decidedAt: selectedAt } } : {}),
    ...(budget ? { budget } : {}),
    privacyAcknowledgedAt: at,
    ...(state === 'draft' ? {} : { submittedAt: at }),
    createdAt: at,
    updatedAt: at,
  };
  if (!JUDGED.includes(state)) return base;
  // Scores spread out, each juror a little stricter or kinder; the late juror leaves one in ten to do.
  let jury = base.jury;
  for (const [j, jurorId] of options.jurorIds.entries()) {
    if (jurorId === options.lateJurorId && i % 10 === 0) continue;
    const values = scoreValues(i, j);
    jury = withVerdict(jury, jurorId, weightedMean(values, DEFAULT_CRITERIA), scoreMark(values, ''));
  }
  return jury ? { ...base, jury } : base;
}

/** How strict or kind each juror is, on the 1–5 scale. */
const JUROR_BIAS = [0, -0.4, 0.3, -0.2, 0.5, 0.1, -0.3, 0.2, -0.1, 0.4];

/**
 * The j-th juror's values for the i-th application, on the programme's five criteria: the application's own quality
 * (the first ten, by people of the directory, among the best), the juror's strictness, and some disagreement per
 * criterion, so that the ranking has spread, a few ties and jurors who differ.
 */
export function scoreValues(i: number, j: number): Record<string, number> {
  const quality = i < 10 ? 4.3 - i * 0.08 : 1.4 + ((i * 37 + 11) % 31) / 10;
  const bias = JUROR_BIAS[j % JUROR_BIAS.length] ?? 0;
  return Object.fromEntries(DEFAULT_CRITERIA.map((c, k) => [c.id, Math.min(5, Math.max(1, Math.round(quality + bias + (((i * 13 + j * 7 + k * 31) % 11) - 5) / 5)))]));
}

function withExpense(budget: Budget, i: number, reportedBy: string, at: string): Budget {
  return { ...budget, expenses: [{ id: `E-${i}`, ore: 125_050 + i * 100, description: `Material till workshop ${i}`, status: Math.floor(i / 20) % 2 === 0 ? 'approved' : 'pending', reportedBy, reportedAt: at, ...(Math.floor(i / 20) % 2 === 0 ? { decidedBy: reportedBy, decidedAt: at } : {}) }] };
}

/** The documents of one application as the store keeps them: the application, its applicant index, audit events and scores. */
export function syntheticDocuments(a: Application, options: Pick<SyntheticOptions, 'managerId'>): Record<string, unknown>[] {
  const audit = (action: string, from: string | null, to: string, k: string, actorId: string, actorKind: string, at = a.createdAt) => ({
    type: 'audit', id: `audit-${a.id}-${k}`, applicationId: a.id, cohortId: a.cohortId, at, actorId, actorKind, action, fromState: from, toState: to,
  });
  const docs: Record<string, unknown>[] = [applicationBody(a), { type: 'applicantIndex', id: `applicant:${a.applicantId}`, cohortId: a.cohortId, applicantId: a.applicantId, applicationId: a.id }, audit('create', null, 'draft', '0', a.applicantId, 'applicant')];
  if (a.state !== 'draft') docs.push(audit('submit', 'draft', 'awaitingManager', '1', a.applicantId, 'applicant'));
  const decided = a.approvals[0]?.decidedAt;
  if (decided) docs.push(audit('approveAsManager', 'awaitingManager', 'approved', '2', options.managerId, 'manager', decided));
  for (const [j, jurorId] of Object.keys(a.jury?.verdicts ?? {}).entries()) {
    const index = Number(a.id.slice(3));
    docs.push({ type: 'score', id: `score:${a.id}:${jurorId}`, cohortId: a.cohortId, applicationId: a.id, jurorId, values: scoreValues(index, j), at: a.createdAt });
    docs.push({ ...audit('scored', 'inReview', 'inReview', `s-${jurorId}`, jurorId, 'juror'), reason: undefined });
  }
  if (a.selection) docs.push(audit(a.selection.decision === 'selected' ? 'select' : a.selection.decision === 'waitlisted' ? 'waitlist' : 'notSelect', 'inReview', a.selection.decision, '3', a.selection.decidedBy, 'coordinator', a.selection.decidedAt));
  return docs;
}

/**
 * Writes the applications into the `applications` container in bulk (a few requests in flight), with the cohort's
 * counters recounted from them: for a cohort that has no applications yet (what is there is replaced).
 */
export async function writeSynthetic(container: Container, applications: readonly Application[], options: Pick<SyntheticOptions, 'managerId' | 'cohortId'>): Promise<void> {
  const docs = applications.flatMap((a) => syntheticDocuments(a, options));
  const counts = recount(applications);
  const inFlight = 8;
  for (let i = 0; i < docs.length; i += 100 * inFlight) {
    await Promise.all(
      Array.from({ length: inFlight }, async (_, k) => {
        const chunk = docs.slice(i + k * 100, i + (k + 1) * 100);
        if (chunk.length === 0) return;
        const results = await container.items.bulk(chunk.map((d): OperationInput => ({ operationType: 'Upsert', resourceBody: JSON.parse(JSON.stringify(d)) as never })));
        const failed = results.find((r) => r.statusCode >= 400);
        if (failed) throw new Error(`seeding failed with ${failed.statusCode}`);
      }),
    );
  }
  await container.items.upsert({ type: 'counts', id: 'counts', cohortId: options.cohortId, byState: counts.byState, reviewed: counts.reviewed, recommended: counts.recommended });
}
