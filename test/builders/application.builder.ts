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

/**
 * A complete application the manager has approved, in the review step (sent, with its idea, benefit, workplace and
 * leave), for tests that start after intake and approval: `overrides` names who applies and anything else.
 */
export function anApprovedApplication(applicant: { readonly aadObjectId: string; readonly name: string }, managerId: string, overrides: Partial<Application> = {}, at = new Date().toISOString()): Application {
  return anApplication({
    applicantId: applicant.aadObjectId,
    applicantName: applicant.name,
    state: 'approved',
    step: 'review',
    idea: { title: 'En idé', problem: 'Ett problem som många kommuner delar och som ingen har löst.', description: 'En idé som prövas i programmet.' },
    benefit: { targetGroups: ['residents'], benefit: 'Nytta för invånarna.', applicability: 'Fungerar i alla elva kommuner.' },
    about: { municipality: 'Höganäs', administration: 'Vård och omsorg', workplace: 'Hemtjänst Väst', managerId, managerFromDirectory: true, permanentEmployment: true, employmentStart: '2018-03-01' },
    leave: { extentPercent: 50, start: '2027-01-04', end: '2027-06-30' },
    approvals: [{ memberId: applicant.aadObjectId, memberName: applicant.name, managerId, status: 'approved', requestedAt: at, decidedBy: managerId, decidedAt: at }],
    submittedAt: at,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  });
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
