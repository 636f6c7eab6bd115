import type { Application } from '../../src/domain/application';
import type { AuditEvent } from '../../src/domain/audit-event';

let counter = 0;

/** Test-data builder: a valid draft application, with any field overridden. */
export function anApplication(overrides: Partial<Application> = {}): Application {
  counter++;
  return {
    id: `A-${String(counter).padStart(4, '0')}`,
    cohortId: 'pilot-1',
    applicantId: `person-${counter}`,
    applicantName: `Person ${counter}`,
    coApplicants: [],
    approvals: [],
    deciderIds: [],
    idea: { title: `Idé nummer ${counter}`, problem: 'Ett problem som behöver lösas.', description: 'En idé som löser problemet.' },
    state: 'draft',
    step: 'idea',
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
}

export function creationAudit(app: Application, id = `audit-${app.id}-create`): AuditEvent {
  return {
    id,
    applicationId: app.id,
    cohortId: app.cohortId,
    at: app.createdAt,
    actorId: app.applicantId,
    actorKind: 'applicant',
    action: 'create',
    fromState: null,
    toState: app.state,
  };
}
