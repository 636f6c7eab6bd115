import { Button, makeStaticStyles } from '@fluentui/react-components';
import { useCallback, type ReactNode } from 'react';
import type { FollowUpRoundReport, ReportResponse, ReportRow } from '../../../src/adapters/tab/contract';
import { formatSek } from '../../../src/domain/budget';
import { Heading } from '../parts/Heading';
import { useResource } from '../parts/useResource';
import { useSession } from '../session';
import { GroupedBars } from './charts';
import { cohortQuery, ExportButton, municipalityName, Pending, Refreshing, Scroll, stateName, useStyles, ViewHead, type CohortProps } from './parts';
import { useCoordinatorMessages, type CMessages } from './texts';

/**
 * On paper the report is its figures: no header, tabs, buttons or notices; text and tables black on white whatever the
 * theme (the charts keep their colours and legends), tables kept whole where they fit.
 */
const usePrintStyles = makeStaticStyles(`
@media print {
  header, nav, main button:not(figure *), .fui-MessageBar, [data-print="hide"] { display: none !important; }
  html, body, #root, .fui-FluentProvider, main, main > div { background: #fff !important; color: #000 !important; }
  main { padding: 0 !important; }
  main *:not(figure *) { color: #000 !important; background-color: transparent !important; }
  figure *:not(svg *) { color: #000 !important; }
  th, td { border-color: #000 !important; }
  [role="region"] { overflow: visible !important; }
  table, figure { break-inside: avoid; }
  svg text { fill: #000 !important; }
}
`);

type Column = { readonly key: string; readonly head: string; readonly value: (r: ReportRow) => string; readonly numeric?: boolean };

/** 'Rapport': read-only, for the steering group and coordinators; printable, and downloadable as Excel. */
export function Report({ cohortId, onCohort }: CohortProps) {
  usePrintStyles();
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.report;
  const load = useCallback(() => call('report', cohortQuery(cohortId)), [call, cohortId]);
  const { resource, reload } = useResource(load, cohortId);
  const data = resource.data;
  if (!data) return <Pending resource={resource} title={t.title} onRetry={() => void reload()} />;
  const n = m.tab.coordinator.number;
  const c = t.columns;
  const kr = (ore: number) => formatSek(ore);
  const rows = data.rows;
  const groups = (values: (r: ReportRow) => number[]) => rows.map((r) => ({ name: municipalityName(r.municipality, m), values: values(r) }));

  return (
    <div className={styles.page}>
      <ViewHead title={t.title} cohort={data.cohort} cohorts={data.cohorts} onCohort={onCohort}>
        <ExportButton exportId="report" request={cohortQuery(cohortId)} label={t.exportReport} />
        <Button appearance="secondary" onClick={() => window.print()}>
          {t.print}
        </Button>
      </ViewHead>
      <Refreshing resource={resource} onRetry={() => void reload()} />
      <p className={styles.text}>
        {m.tab.coordinator.cohortLine(data.cohort.name)}. {t.generatedAt(m.tab.at(data.generatedAt))}
      </p>

      <Part id="rep-applications" title={t.applicationsTitle}>
        <GroupedBars title={t.chartApplications} series={[c.submitted, c.approved, c.selected]} groups={groups((r) => [r.submitted, r.approved, r.selected])} format={n} />
        <Figures
          id="rep-applications-table"
          caption={t.applicationsTitle}
          rows={rows}
          total={data.total}
          columns={[
            { key: 'submitted', head: c.submitted, value: (r) => n(r.submitted), numeric: true },
            { key: 'approved', head: c.approved, value: (r) => n(r.approved), numeric: true },
            { key: 'declined', head: c.declined, value: (r) => n(r.declined), numeric: true },
            { key: 'withdrawn', head: c.withdrawn, value: (r) => n(r.withdrawn), numeric: true },
            { key: 'selected', head: c.selected, value: (r) => n(r.selected), numeric: true },
            { key: 'waitlisted', head: c.waitlisted, value: (r) => n(r.waitlisted), numeric: true },
            { key: 'notSelected', head: c.notSelected, value: (r) => n(r.notSelected), numeric: true },
          ]}
        />
        {data.recommended !== undefined ? <p className={styles.text}>{m.recommend.statsLine(data.recommended, data.cohort.name)}</p> : null}
      </Part>

      <Part id="rep-programme" title={t.programmeTitle}>
        <Figures
          id="rep-programme-table"
          caption={t.programmeTitle}
          rows={rows}
          total={data.total}
          columns={[
            { key: 'phase1', head: c.phase1, value: (r) => n(r.phase1), numeric: true },
            { key: 'phase2', head: c.phase2, value: (r) => n(r.phase2), numeric: true },
            { key: 'phase3', head: c.phase3, value: (r) => n(r.phase3), numeric: true },
            { key: 'continued', head: c.continued, value: (r) => n(r.continued), numeric: true },
            { key: 'returnedToJob', head: c.returnedToJob, value: (r) => n(r.returnedToJob), numeric: true },
            { key: 'joinedOtherTeam', head: c.joinedOtherTeam, value: (r) => n(r.joinedOtherTeam), numeric: true },
            { key: 'outcomes', head: c.outcomes, value: (r) => n(r.outcomes), numeric: true },
          ]}
        />
      </Part>

      <Part id="rep-budget" title={t.budgetTitle}>
        <GroupedBars
          title={t.chartBudget}
          series={[c.allocated, c.spent, c.pending]}
          groups={groups((r) => [r.allocatedOre / 100, r.spentOre / 100, r.pendingOre / 100])}
          format={t.kronor}
        />
        <Figures
          id="rep-budget-table"
          caption={t.budgetTitle}
          rows={rows}
          total={data.total}
          columns={[
            { key: 'allocated', head: c.allocated, value: (r) => kr(r.allocatedOre), numeric: true },
            { key: 'spent', head: c.spent, value: (r) => kr(r.spentOre), numeric: true },
            { key: 'pending', head: c.pending, value: (r) => kr(r.pendingOre), numeric: true },
          ]}
        />
      </Part>

      <Part id="rep-times" title={t.timesTitle}>
        <p className={styles.text}>{t.timesIntro}</p>
        <Figures
          id="rep-times-table"
          caption={t.timesTitle}
          rows={rows}
          total={data.total}
          columns={[
            { key: 'toDecision', head: c.toDecision, value: (r) => m.tab.coordinator.days(r.medianDaysToDecision), numeric: true },
            { key: 'toSelection', head: c.toSelection, value: (r) => m.tab.coordinator.days(r.medianDaysToSelection), numeric: true },
          ]}
        />
      </Part>

      <Part id="rep-teams" title={t.teamsTitle}>
        {data.teams.length === 0 ? <p className={styles.text}>{t.teamsNone}</p> : <Teams data={data} m={m} />}
      </Part>

      <Part id="rep-outcomes" title={t.outcomesTitle}>
        {data.outcomes.length === 0 ? <p className={styles.text}>{t.outcomesNone}</p> : <Outcomes data={data} m={m} />}
      </Part>

      {data.followUp.length > 0 && (
        <Part id="rep-follow-up" title={m.followUp.report.title}>
          {data.followUp.map((f) => (
            <FollowUp key={f.round} round={f} m={m} />
          ))}
        </Part>
      )}
    </div>
  );
}

/** One follow-up round: the response rate always; each question's mean and spread, and the comments without names, only from three answers. */
function FollowUp({ round, m }: { round: FollowUpRoundReport; m: CMessages }) {
  const styles = useStyles();
  const r = m.followUp.report;
  const questions = round.questions ?? m.followUp.defaultQuestions;
  return (
    <div data-follow-up={round.round}>
      <p className={styles.text}>
        <strong>{r.rate(m.followUp.round[round.round], round.answered, round.asked)}</strong>
      </p>
      {!round.figures ? (
        <p className={styles.text}>{r.tooFew}</p>
      ) : (
        <>
          <ul>
            {round.figures.map((q, i) => (
              <li key={i} className={styles.text}>
                {r.question(i + 1, q.mean)}: {questions[i] ?? ''} ({r.distribution(q.distribution)})
              </li>
            ))}
          </ul>
          {round.comments && round.comments.length > 0 && (
            <ul aria-label={m.followUp.card.comment}>
              {round.comments.map((c, i) => (
                <li key={i} className={styles.text}>
                  {c}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/** Municipalities down, the figures across, the cohort's total last. */
function Figures({ id, caption, rows, total, columns }: { id: string; caption: string; rows: readonly ReportRow[]; total: ReportRow; columns: readonly Column[] }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const cells = (r: ReportRow, extra = '') =>
    columns.map((col) => (
      <td key={col.key} className={`${styles.td} ${col.numeric ? styles.num : ''} ${extra}`}>
        {col.value(r)}
      </td>
    ));
  return (
    <Scroll labelledBy={`${id}-caption`}>
      <table className={styles.table}>
        <caption id={`${id}-caption`} className={styles.srOnly}>
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" className={styles.th}>
              {m.tab.report.columns.municipality}
            </th>
            {columns.map((col) => (
              <th key={col.key} scope="col" className={`${styles.th} ${col.numeric ? styles.num : ''}`}>
                {col.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.municipality ?? '-'}>
              <th scope="row" className={styles.rowHead}>
                {municipalityName(r.municipality, m)}
              </th>
              {cells(r)}
            </tr>
          ))}
          <tr>
            <th scope="row" className={`${styles.rowHead} ${styles.total}`}>
              {m.tab.coordinator.total}
            </th>
            {cells(total, styles.total)}
          </tr>
        </tbody>
      </table>
    </Scroll>
  );
}

function Teams({ data, m }: { data: ReportResponse; m: CMessages }) {
  const t = m.tab.report.teamColumns;
  return (
    <ListTable
      id="rep-teams"
      caption={m.tab.report.teamsTitle}
      heads={[t.title, t.lead, t.municipality, t.state]}
      rows={data.teams.map((x) => ({ key: x.ref.applicationId, head: x.title, cells: [x.leadName, municipalityName(x.municipality, m), stateName(x.state, m)] }))}
    />
  );
}

function Outcomes({ data, m }: { data: ReportResponse; m: CMessages }) {
  const styles = useStyles();
  const t = m.tab.report.outcomeColumns;
  return (
    <ListTable
      id="rep-outcomes"
      caption={m.tab.report.outcomesTitle}
      heads={[t.title, t.lead, t.municipality, t.kind, t.ipOwner, t.receiving, t.decidedAt]}
      rows={data.outcomes.map((x) => ({
        key: x.ref.applicationId,
        head: x.title,
        cells: [x.leadName, municipalityName(x.municipality, m), m.tab.programme.outcomeOptions[x.kind], m.tab.report.ipOwner[x.ipOwner], x.receivingAdministration ?? m.tab.coordinator.none, <span className={styles.nowrap}>{m.date(x.decidedAt)}</span>],
      }))}
    />
  );
}

/** A list as a table: a row per thing, its name as the row's header, the rest as cells. */
function ListTable({ id, caption, heads, rows }: { id: string; caption: string; heads: readonly string[]; rows: readonly { key: string; head: string; cells: readonly ReactNode[] }[] }) {
  const styles = useStyles();
  return (
    <Scroll labelledBy={`${id}-caption`}>
      <table className={styles.table}>
        <caption id={`${id}-caption`} className={styles.srOnly}>
          {caption}
        </caption>
        <thead>
          <tr>
            {heads.map((h) => (
              <th key={h} scope="col" className={styles.th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className={styles.rowHead}>
                {r.head}
              </th>
              {r.cells.map((cell, i) => (
                <td key={i} className={styles.td}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  );
}
