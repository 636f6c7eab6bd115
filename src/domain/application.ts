import type { Municipality } from './municipalities';
import type { ApplicationState } from './application.state-machine';

/**
 * An application (ansökan) to one cohort: one idea, one lead applicant, optional co-applicants.
 * The idea's content grows with the intake issue; the lifecycle is complete here.
 */
export interface Application {
  readonly id: string;
  readonly cohortId: string;
  readonly applicantId: string;
  readonly coApplicantIds: readonly string[];
  readonly municipality: Municipality;
  readonly title: string;
  readonly state: ApplicationState;
  readonly createdAt: string;
  readonly updatedAt: string;
}
