import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ApplicationFull } from '../../../src/adapters/tab/contract';
import type { Messages } from '../../../src/i18n';
import { useMessages } from '../i18n';
import { Facts } from './Facts';
import { below, Heading, type Level } from './Heading';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalL },
  section: { display: 'grid', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
  text: { margin: 0 },
});

/** A leave as the catalog writes it: "50 %, 1 april 2027–30 september 2027". */
export const leaveText = (leave: { extentPercent: number; start: string; end: string }, m: Messages): string =>
  m.intake.review.leaveValue(leave.extentPercent, m.date(leave.start), m.date(leave.end));

/**
 * An application in full, as everyone who decides on it reads it: the idea, the benefit and the statement about the
 * eleven municipalities, the workplace and the manager, the employment facts (when the reader may see them), the
 * leave asked for and the co-applicants. Sections are headed one level below `level`.
 */
export function ApplicationView({
  application: a,
  level,
  viewerIsApplicant = false,
  showEmployment = true,
  showIdentity = true,
  idPrefix,
}: {
  application: ApplicationFull;
  level: Level;
  viewerIsApplicant?: boolean;
  /** False where the page shows the employment facts of the member it is about instead (approvals). */
  showEmployment?: boolean;
  /** False where the page shows the case number, round and applicant itself (Min ansökan, beside the state). */
  showIdentity?: boolean;
  idPrefix: string;
}) {
  const m = useMessages();
  const styles = useStyles();
  const t = m.tab.application;
  const sub = below(level);
  // Parts of one application, not landmarks of the page: several applications on one page (approvals) would
  // otherwise give it many regions of the same name.
  const section = (key: string, title: string, body: ReactNode) => (
    <div className={styles.section}>
      <Heading level={sub} id={`${idPrefix}-${key}`}>
        {title}
      </Heading>
      {body}
    </div>
  );
  const about = a.about;
  const manager = about?.managerName
    ? about.managerFromDirectory === false
      ? m.intake.status.managerNamed(about.managerName, viewerIsApplicant)
      : about.managerName
    : undefined;
  const hasEmployment = showEmployment && about && (about.permanentEmployment !== undefined || about.employmentStart !== undefined);

  return (
    <div className={styles.root}>
      {showIdentity ? <Identity application={a} /> : null}
      {section(
        'idea',
        m.programme.show.idea,
        a.idea ? (
          <Facts
            rows={[
              [m.intake.fields.title, a.idea.title],
              [m.intake.fields.problem, a.idea.problem],
              [m.intake.fields.description, a.idea.description],
            ]}
          />
        ) : (
          <p className={styles.text}>{t.notGiven}</p>
        ),
      )}
      {section(
        'benefit',
        m.programme.show.benefit,
        a.benefit ? (
          <Facts
            rows={[
              [m.intake.fields.targetGroups, a.benefit.targetGroups.map((g) => m.intake.targetGroups[g]).join(', ')],
              [m.intake.fields.benefit, a.benefit.benefit],
              [m.intake.fields.applicability, a.benefit.applicability],
            ]}
          />
        ) : (
          <p className={styles.text}>{t.notGiven}</p>
        ),
      )}
      {section(
        'about',
        t.aboutTitle,
        about ? (
          <Facts
            rows={[
              [m.intake.fields.municipality, about.municipality],
              [m.intake.fields.administration, about.administration],
              [m.intake.fields.workplace, about.workplace],
              manager ? [m.intake.fields.manager, manager] : null,
            ]}
          />
        ) : (
          <p className={styles.text}>{t.notGiven}</p>
        ),
      )}
      {hasEmployment
        ? section(
            'employment',
            t.employmentTitle,
            <Facts
              rows={[
                about.permanentEmployment !== undefined ? [t.permanent, about.permanentEmployment ? t.yes : t.no] : null,
                about.employmentStart ? [m.intake.fields.employedSince, m.date(about.employmentStart)] : null,
              ]}
            />,
          )
        : null}
      {a.leave ? section('leave', t.leaveTitle, <Facts rows={[[m.approval.requestedLeave, leaveText(a.leave, m)]]} />) : null}
      {section(
        'team',
        m.programme.show.coApplicants,
        a.coApplicants.length === 0 ? (
          <p className={styles.text}>{t.coApplicantsNone}</p>
        ) : (
          <ul className={styles.list}>
            {a.coApplicants.map((c, i) => (
              <li key={`${c.name}-${i}`}>
                {c.name}: {c.respondedAt ? t.coApplicantAnswered(m.intake.review.coStatus[c.status], m.date(c.respondedAt)) : m.intake.review.coStatus[c.status]}
              </li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}

/** The case number, the round, who applies and when it was sent. */
export function Identity({ application: a }: { application: ApplicationFull }) {
  const m = useMessages();
  return (
    <Facts
      columns
      rows={[
        [m.intake.status.id, a.id],
        [m.intake.status.cohort, a.cohortName],
        [m.programme.show.applicant, a.applicantName],
        a.submittedAt ? [m.tab.application.submittedAt, m.tab.at(a.submittedAt)] : null,
        a.recommendedByName ? [m.recommend.recommendedByLabel, a.recommendedByName] : null,
      ]}
    />
  );
}
