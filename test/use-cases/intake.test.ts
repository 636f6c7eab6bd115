import { LocalDirectory } from '../../src/adapters/directory/local-directory';
import { demoCohort, DEMO_COHORT_ID, DEMO_PEOPLE } from '../../src/demo/demo';
import demoDirectory from '../../src/demo/directory.json';
import type { Cohort } from '../../src/domain/cohort';
import type { CohortRepository, Versioned } from '../../src/domain/ports';
import { reopenForEditing, respondAsCoApplicant, saveIntakeStep, startOrResumeApplication, submitApplication, withdrawApplication, type IntakeDeps } from '../../src/use-cases/intake';
import { InMemoryApplicationRepository, InMemorySettingsRepository } from '../fakes/in-memory-repositories';
import { DEMO_SETTINGS } from '../../src/demo/demo';

const NOW = new Date('2026-03-10T09:00:00Z');
const SARA = { id: DEMO_PEOPLE.employee, name: 'Sara Lindqvist' };
const NOOR = '00000000-0000-4000-8000-000000000007'; // hired 2025-11-03: not yet a year
const MAJA = '00000000-0000-4000-8000-000000000009';

class Cohorts implements CohortRepository {
  constructor(private readonly cohorts: Cohort[]) {}
  async get(id: string): Promise<Versioned<Cohort> | null> {
    const c = this.cohorts.find((x) => x.id === id);
    return c ? { value: c, etag: '1' } : null;
  }
  async list() {
    return this.cohorts;
  }
  async save(c: Cohort) {
    return { value: c, etag: '1' };
  }
}

function setup(now = NOW) {
  let n = 0;
  const applications = new InMemoryApplicationRepository();
  const deps: IntakeDeps = {
    applications,
    cohorts: new Cohorts([demoCohort(NOW)]),
    directory: new LocalDirectory(demoDirectory),
    settings: new InMemorySettingsRepository(DEMO_SETTINGS),
    clock: { now: () => now },
    ids: { uuid: () => `u-${++n}`, shortId: (p) => `${p}-${++n}` },
  };
  return { deps, applications };
}

async function completeDraft(deps: IntakeDeps, coApplicantEmails: string[] = []) {
  const started = await startOrResumeApplication(deps, SARA);
  if (!started.ok) throw new Error('start');
  const ref = { cohortId: DEMO_COHORT_ID, applicationId: started.value.application.value.id };
  const steps = [
    { step: 'idea', idea: { title: 'Trygg hemgång', problem: 'Äldre blir ensamma efter utskrivning.', description: 'En följeslagare första kvällen hemma.' } },
    { step: 'benefit', benefit: { targetGroups: ['residents'], benefit: 'Färre återinläggningar.', applicability: 'Alla kommuner har hemtjänst.' } },
    { step: 'about', about: { municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerEmail: '', permanentEmployment: true, employmentStart: '2018-03-01' } },
    { step: 'leave', leave: { extentPercent: 50, start: '2026-05-11', end: '2026-11-10' }, coApplicantEmails },
    { step: 'review', privacyAcknowledged: true },
  ] as const;
  for (const input of steps) {
    const saved = await saveIntakeStep(deps, SARA.id, ref, input, 'next');
    if (!saved.ok) throw new Error(`save ${input.step}: ${JSON.stringify(saved.error)}`);
  }
  return ref;
}

describe('intake use cases', () => {
  it('one application per person per cohort: two ansök at once give one draft', async () => {
    const { deps, applications } = setup();
    const [a, b] = await Promise.all([startOrResumeApplication(deps, SARA), startOrResumeApplication(deps, SARA)]);
    expect(a.ok && b.ok && a.value.application.value.id === b.value.application.value.id).toBe(true);
    expect(await applications.count(DEMO_COHORT_ID, {})).toBe(1);
  });

  it('submits once: a double click ends in one submission, one audit event and one manager request', async () => {
    const { deps, applications } = setup();
    const ref = await completeDraft(deps);
    const results = await Promise.all([submitApplication(deps, SARA.id, ref), submitApplication(deps, SARA.id, ref)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await applications.auditTrail(ref.cohortId, ref.applicationId)).map((e) => e.action)).toEqual(['create', 'submit']);
    expect(applications.notifications.filter((x) => x.kind === 'managerApprovalRequest').map((x) => [x.kind, x.recipientId])).toEqual([['managerApprovalRequest', DEMO_PEOPLE.manager]]);
  });

  it('invites co-applicants, waits for them, and refuses one who is not eligible', async () => {
    const { deps, applications } = setup();
    const ref = await completeDraft(deps, ['noor.karimi@bjuv.example.se', 'maja.strom@klippan.example.se']);
    expect(applications.notifications.map((x) => [x.kind, x.recipientId])).toEqual([
      ['coApplicantInvitation', NOOR],
      ['coApplicantInvitation', MAJA],
    ]);
    const waiting = await submitApplication(deps, SARA.id, ref);
    expect(!waiting.ok && waiting.error).toEqual({ code: 'CO_APPLICANTS_PENDING', names: ['Noor Karimi', 'Maja Ström'] });

    const stranger = await respondAsCoApplicant(deps, DEMO_PEOPLE.manager, ref, { accept: false });
    expect(!stranger.ok && stranger.error.code).toBe('NOT_ALLOWED');
    const noorJoins = await respondAsCoApplicant(deps, NOOR, ref, { accept: true, permanentEmployment: true, employmentStart: '2025-11-03' });
    expect(!noorJoins.ok && noorJoins.error).toMatchObject({ code: 'NOT_ELIGIBLE', failures: [{ personName: 'Noor Karimi', failure: { rule: 'employedOneYear', facts: { qualifiesOn: '2026-11-03' } } }] });
    expect(await respondAsCoApplicant(deps, NOOR, ref, { accept: false })).toMatchObject({ ok: true });
    expect(await respondAsCoApplicant(deps, MAJA, ref, { accept: true, permanentEmployment: true, employmentStart: '2017-06-12' })).toMatchObject({ ok: true });
    const twice = await respondAsCoApplicant(deps, MAJA, ref, { accept: false });
    expect(!twice.ok && twice.error.code).toBe('ALREADY_EXISTS');
    expect(applications.notifications.filter((x) => x.kind === 'coApplicantResponse').map((x) => x.payload.answer)).toEqual(['declined', 'confirmed']);

    const submitted = await submitApplication(deps, SARA.id, ref);
    expect(submitted.ok && submitted.value.application.value.coApplicants.map((c) => [c.name, c.status])).toEqual([['Maja Ström', 'confirmed']]);
  });

  it('an ineligible applicant is told every rule that fails, and the draft is kept', async () => {
    const { deps, applications } = setup();
    const ref = await completeDraft(deps);
    await saveIntakeStep(deps, SARA.id, ref, { step: 'about', about: { municipality: 'Höganäs', administration: 'Vård', workplace: 'Väst', managerEmail: '', permanentEmployment: false, employmentStart: '2025-09-01' } }, 'stay');
    const refused = await submitApplication(deps, SARA.id, ref);
    expect(!refused.ok && refused.error.code === 'NOT_ELIGIBLE' && refused.error.failures.map((f) => f.failure.rule)).toEqual(['permanentEmployment', 'employedOneYear']);
    const kept = await applications.get(ref.cohortId, ref.applicationId);
    expect(kept?.value).toMatchObject({ state: 'draft', about: { permanentEmployment: false } });
  });

  it('leave rules are checked as they are typed: nothing invalid is stored', async () => {
    const { deps, applications } = setup();
    const ref = await completeDraft(deps);
    const tooLong = await saveIntakeStep(deps, SARA.id, ref, { step: 'leave', leave: { extentPercent: 50, start: '2026-05-11', end: '2026-11-11' }, coApplicantEmails: [] }, 'next');
    expect(!tooLong.ok && tooLong.error).toEqual({ code: 'FIELDS', fields: [{ field: 'leaveEnd', code: 'rule', rule: 'leaveAtMostSixMonths', facts: { lastAllowed: '2026-11-10' } }] });
    expect((await applications.get(ref.cohortId, ref.applicationId))?.value.leave?.end).toBe('2026-11-10');
  });

  it('ändra before the manager decides reopens it; resubmitting asks the manager again', async () => {
    const { deps, applications } = setup();
    const ref = await completeDraft(deps);
    await submitApplication(deps, SARA.id, ref);
    const reopened = await reopenForEditing(deps, SARA.id, ref);
    expect(reopened.ok && reopened.value.application.value.state).toBe('draft');
    await submitApplication(deps, SARA.id, ref);
    expect((await applications.auditTrail(ref.cohortId, ref.applicationId)).map((e) => e.action)).toEqual(['create', 'submit', 'reopen', 'submit']);
    expect(applications.notifications.filter((x) => x.kind === 'managerApprovalRequest')).toHaveLength(2);
    expect(new Set(applications.notifications.map((x) => x.idempotencyKey)).size).toBe(applications.notifications.length);
  });

  it('withdrawing tells whoever was waiting, and only the applicant may', async () => {
    const { deps, applications } = setup();
    const ref = await completeDraft(deps, ['maja.strom@klippan.example.se']);
    await respondAsCoApplicant(deps, MAJA, ref, { accept: true, permanentEmployment: true, employmentStart: '2017-06-12' });
    await submitApplication(deps, SARA.id, ref);
    const byManager = await withdrawApplication(deps, DEMO_PEOPLE.manager, ref);
    expect(!byManager.ok && byManager.error.code).toBe('NOT_ALLOWED');
    const withdrawn = await withdrawApplication(deps, SARA.id, ref, 'Jag har bytt jobb.');
    expect(withdrawn.ok && withdrawn.value.application.value.state).toBe('withdrawn');
    // Sara's manager, Maja, and Maja's own manager (Anders Persson), who was also asked to decide.
    expect(applications.notifications.filter((x) => x.kind === 'applicationWithdrawn').map((x) => x.recipientId).sort()).toEqual([DEMO_PEOPLE.manager, MAJA, '00000000-0000-4000-8000-000000000016'].sort());
    expect((await applications.auditTrail(ref.cohortId, ref.applicationId)).at(-1)).toMatchObject({ action: 'withdraw', reason: 'Jag har bytt jobb.' });
    const again = await withdrawApplication(deps, SARA.id, ref);
    expect(!again.ok && again.error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('names in the form must be in the directory, and not the applicant', async () => {
    const { deps } = setup();
    const started = await startOrResumeApplication(deps, SARA);
    if (!started.ok) throw new Error('start');
    const ref = { cohortId: DEMO_COHORT_ID, applicationId: started.value.application.value.id };
    const unknown = await saveIntakeStep(deps, SARA.id, ref, { step: 'leave', leave: { extentPercent: 50, start: '2026-05-11', end: '2026-06-01' }, coApplicantEmails: ['nobody@example.se', 'sara.lindqvist@hoganas.example.se'] }, 'next');
    expect(!unknown.ok && unknown.error).toEqual({
      code: 'FIELDS',
      fields: [
        { field: 'coApplicants', code: 'unknownPerson', facts: { email: 'nobody@example.se' } },
        { field: 'coApplicants', code: 'self' },
      ],
    });
    const selfManager = await saveIntakeStep(deps, SARA.id, ref, { step: 'about', about: { municipality: 'Höganäs', administration: 'Vård', workplace: 'Väst', managerEmail: 'sara.lindqvist@hoganas.example.se', permanentEmployment: true, employmentStart: '2018-03-01' } }, 'next');
    expect(!selfManager.ok && selfManager.error).toEqual({ code: 'FIELDS', fields: [{ field: 'managerEmail', code: 'self' }] });
  });
});
