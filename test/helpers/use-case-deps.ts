import { LocalDirectory } from '../../src/adapters/directory/local-directory';
import type { Application, ManagerApproval } from '../../src/domain/application';
import type { ApplicationState } from '../../src/domain/application.state-machine';
import type { AuditEvent } from '../../src/domain/audit-event';
import type { Cohort } from '../../src/domain/cohort';
import type { Municipality } from '../../src/domain/municipalities';
import type { NotificationKind, OutboxMessage } from '../../src/domain/notification';
import type { ProgrammeSettings } from '../../src/domain/person';
import type { ProgrammeDeps } from '../../src/use-cases/programme/deps';
import { anApplication, creationAudit } from '../builders/application.builder';
import { ManualClock, SequentialIds } from '../fakes/clock-and-ids';
import { InMemoryOutboxStore } from '../fakes/in-memory-outbox';
import { InMemoryApplicationRepository, InMemoryCohortRepository, InMemoryFollowUpRepository, InMemoryJuryRepository, InMemorySettingsRepository } from '../fakes/in-memory-repositories';

/**
 * The programme the jury and programme use-case tests run in: a handful of people in a local directory, one cohort
 * whose intake has opened, the programme settings, and every port an in-memory fake (test/fakes), wired as the
 * Cosmos adapters share their containers (the audit trail of applications and of the jury in one list, the
 * messages of application changes and of enqueues in one outbox). No timers, no HTTP, no Cosmos.
 */

export const NOW = new Date('2026-05-04T08:00:00.000Z');
export const COHORT_ID = 'pilot-1';

/** Who is who; each id is also the local part of the person's e-mail (`${id}@example.se`). */
export const P = {
  coordinator: 'coordinator',
  juror1: 'juror-1',
  juror2: 'juror-2',
  juror3: 'juror-3',
  outsider: 'outsider',
  hrHoganas: 'hr-hoganas',
  hrBjuv: 'hr-bjuv',
  manager1: 'manager-1',
  manager2: 'manager-2',
} as const;

export const emailOf = (id: string) => `${id}@example.se`;

const person = (id: string, municipality: Municipality, managerId?: string) => ({ id, name: `Namn ${id}`, email: emailOf(id), municipality, employeeType: 'permanent' as const, ...(managerId ? { managerId } : {}) });

/** The directory: staff, and applicants `applicant-1` … `applicant-6` (odd ones in Höganäs under manager-1, even ones in Bjuv under manager-2). */
export const PEOPLE = [
  ...[P.coordinator, P.juror1, P.juror2, P.juror3, P.outsider, P.hrHoganas, P.manager1].map((id) => person(id, 'Höganäs')),
  ...[P.hrBjuv, P.manager2].map((id) => person(id, 'Bjuv')),
  ...[1, 2, 3, 4, 5, 6].map((n) => (n % 2 ? person(`applicant-${n}`, 'Höganäs', P.manager1) : person(`applicant-${n}`, 'Bjuv', P.manager2))),
];

export const SETTINGS: ProgrammeSettings = { coordinatorIds: [P.coordinator], hrContactIds: { Höganäs: P.hrHoganas, Bjuv: P.hrBjuv }, steeringGroupIds: [] };

/** The cohort the programme works on now (its intake opened before NOW), with three jurors and a quorum of two. */
export const aCohort = (overrides: Partial<Cohort> = {}): Cohort => ({
  id: COHORT_ID,
  name: 'Pilot 1',
  intakeOpensAt: '2026-03-01T00:00:00.000Z',
  intakeClosesAt: '2026-04-01T00:00:00.000Z',
  programmeStartsOn: '2026-09-01',
  capacity: 2,
  budgetPerParticipantOre: 1_000_000,
  jurorIds: [P.juror1, P.juror2, P.juror3],
  mentorIds: [],
  sponsorIds: [],
  quorum: 2,
  ...overrides,
});

/** Where `applicant-${n}` works, as the about step stores it (the directory's municipality and manager). */
export function aboutOf(n: number): NonNullable<Application['about']> {
  const { municipality, managerId = '' } = PEOPLE.find((p) => p.id === `applicant-${n}`) ?? person(`applicant-${n}`, 'Höganäs');
  return { municipality, administration: 'Vård och omsorg', workplace: 'Hemtjänst', managerId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' };
}

/** A member's approval, decided by `decidedBy` (default: the manager). */
export const anApproval = (memberId: string, managerId: string, decidedBy = managerId): ManagerApproval => ({
  memberId,
  memberName: `Namn ${memberId}`,
  managerId,
  status: 'approved',
  requestedAt: '2026-03-05T09:00:00.000Z',
  decidedBy,
  decidedAt: '2026-03-06T09:00:00.000Z',
});

/**
 * A submitted application `A-${n}` of `applicant-${n}` in `state`: filled in (aboutOf) and approved by the
 * directory's manager; any field overridden.
 */
export function aSubmitted(n: number, state: ApplicationState, overrides: Partial<Application> = {}): Application {
  const about = aboutOf(n);
  return anApplication({
    id: `A-${n}`,
    cohortId: COHORT_ID,
    applicantId: `applicant-${n}`,
    applicantName: `Namn applicant-${n}`,
    state,
    step: 'review',
    about,
    approvals: [anApproval(`applicant-${n}`, about.managerId)],
    submittedAt: '2026-03-05T09:00:00.000Z',
    ...overrides,
  });
}

/** A co-applicant on an application, in the shape intake stores them. */
export const aCoApplicant = (personId: string, status: 'invited' | 'confirmed' | 'declined' = 'confirmed') => ({ personId, name: `Namn ${personId}`, status, invitedAt: '2026-03-02T09:00:00.000Z' });

export interface World {
  readonly deps: ProgrammeDeps;
  readonly clock: ManualClock;
  readonly applications: InMemoryApplicationRepository;
  readonly cohorts: InMemoryCohortRepository;
  readonly settings: InMemorySettingsRepository;
  readonly jury: InMemoryJuryRepository;
  readonly outbox: InMemoryOutboxStore;
  /** Every audit event written, of applications and of the jury, in order. */
  readonly audit: AuditEvent[];
  /** The application as stored now. */
  stored(id: string, cohortId?: string): Promise<Application>;
  /** The cohort as stored now. */
  cohort(id?: string): Promise<Cohort>;
  /** Every message in the outbox, or those of one kind, in the order they were written. */
  messages(kind?: NotificationKind): OutboxMessage[];
  /** Who gets a message of `kind`, sorted. */
  recipients(kind: NotificationKind): string[];
  /** The audit actions written for one application, in order. */
  actions(applicationId: string): string[];
}

/** A fresh programme: `cohorts` (default: aCohort()), the settings (default: SETTINGS) and these applications, created with their creation audit. */
export async function world(options: { cohorts?: readonly Cohort[]; settings?: ProgrammeSettings | null; applications?: readonly Application[] } = {}): Promise<World> {
  const outbox = new InMemoryOutboxStore();
  const audit: AuditEvent[] = [];
  const applications = new InMemoryApplicationRepository(outbox, audit);
  const cohorts = new InMemoryCohortRepository(options.cohorts ?? [aCohort()]);
  const settings = new InMemorySettingsRepository(options.settings === null ? undefined : (options.settings ?? SETTINGS));
  const jury = new InMemoryJuryRepository(applications);
  const clock = new ManualClock(NOW.getTime());
  const deps: ProgrammeDeps = { applications, cohorts, settings, jury, followUps: new InMemoryFollowUpRepository(), outbox, clock, ids: new SequentialIds(), directory: new LocalDirectory({ people: PEOPLE }) };
  for (const a of options.applications ?? []) await applications.create(a, creationAudit(a));
  const messages = (kind?: NotificationKind) => [...outbox.docs.values()].map((d) => d.value).filter((m) => !kind || m.kind === kind);
  return {
    deps,
    clock,
    applications,
    cohorts,
    settings,
    jury,
    outbox,
    audit,
    messages,
    recipients: (kind) => messages(kind).map((m) => m.recipientId).sort(),
    actions: (applicationId) => audit.filter((e) => e.applicationId === applicationId).map((e) => e.action),
    async stored(id, cohortId = COHORT_ID) {
      const found = await applications.get(cohortId, id);
      if (!found) throw new Error(`no application ${id} in ${cohortId}`);
      return found.value;
    },
    async cohort(id = COHORT_ID) {
      const found = await cohorts.get(id);
      if (!found) throw new Error(`no cohort ${id}`);
      return found.value;
    },
  };
}

/** The value of an ok result, or the test fails naming the refusal. */
export function valueOf<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The refusal's code of a result that must not be ok. */
export function codeOf(result: { ok: true } | { ok: false; error: { code: string } }): string {
  if (result.ok) throw new Error('expected a refusal, got ok');
  return result.error.code;
}
