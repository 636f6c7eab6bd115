import { Badge, Button, ProgressBar, Field } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { FunnelRow, OverviewResponse } from '../../../src/adapters/tab/contract';
import { FUNNEL_STAGES } from '../../../src/domain/funnel';
import { Heading } from '../parts/Heading';
import { useActions } from '../parts/useActions';
import { useResource } from '../parts/useResource';
import { useSession } from '../session';
import { GroupedBars } from './charts';
import { cohortQuery, ExportButton, municipalityName, Pending, Placed, Refreshing, Scroll, useStyles, ViewHead, type CohortProps } from './parts';
import { useCoordinatorMessages } from './texts';

/** 'Översikt': the funnel per municipality as a chart and a table, who is late with a decision, and the jury's progress. */
export function Overview({ cohortId, onCohort }: CohortProps) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.overview;
  const load = useCallback(() => call('overview', cohortQuery(cohortId)), [call, cohortId]);
  const { resource, reload } = useResource(load, cohortId);
  const actions = useActions(reload);
  const data = resource.data;
  if (!data) return <Pending resource={resource} title={t.title} onRetry={() => void reload()} />;

  const remind = (deciderId: string | undefined, at: string) =>
    void actions.perform(at, () => call('remindDeciders', { cohortId: data.cohort.id, ...(deciderId ? { deciderId } : {}) }), {
      ok: (answer) => {
        void reload();
        return { intent: answer.reminded > 0 ? 'success' : 'info', text: t.reminded(answer.reminded) };
      },
    });
  const late = data.waitingDeciders.filter((d) => d.late).length;

  return (
    <div className={styles.page}>
      <ViewHead title={t.title} cohort={data.cohort} cohorts={data.cohorts} onCohort={onCohort} />
      <Refreshing resource={resource} onRetry={() => void reload()} />
      <section className={styles.section} aria-labelledby="ov-funnel">
        <Heading level={2} id="ov-funnel">
          {m.programme.stats.funnelTitle}
        </Heading>
        <p className={styles.text}>{m.programme.stats.funnelLegend}</p>
        <GroupedBars
          title={t.chartTitle}
          series={FUNNEL_STAGES.map((s) => m.programme.stats.stages[s])}
          groups={data.rows.map((r) => ({ name: municipalityName(r.municipality, m), values: FUNNEL_STAGES.map((s) => r.stages[s] ?? 0) }))}
          format={m.tab.coordinator.number}
        />
        <FunnelTable rows={data.rows} total={data.total} />
      </section>

      <section className={styles.section} aria-labelledby="ov-waiting">
        <Heading level={2} id="ov-waiting">
          {t.waitingTitle}
        </Heading>
        {data.waitingDeciders.length === 0 ? (
          <p className={styles.text}>{t.waitingNone}</p>
        ) : (
          <>
            <p className={styles.text}>{t.waitingIntro(data.waitingDecisions)}</p>
            <Scroll labelledBy="ov-waiting-caption">
              <table className={styles.table}>
                <caption id="ov-waiting-caption" className={styles.caption}>
                  {t.waitingCaption}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className={styles.th}>
                      {t.columns.name}
                    </th>
                    <th scope="col" className={`${styles.th} ${styles.num}`}>
                      {t.columns.waiting}
                    </th>
                    <th scope="col" className={styles.th}>
                      {t.columns.since}
                    </th>
                    <th scope="col" className={styles.th}>
                      {t.columns.late}
                    </th>
                    <th scope="col" className={styles.th}>
                      {t.columns.action}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.waitingDeciders.map((d) => (
                    <tr key={d.id}>
                      <th scope="row" className={styles.rowHead}>
                        {d.name}
                        {d.asHrContact ? <span className={styles.muted}> ({t.asHrContact})</span> : null}
                      </th>
                      <td className={`${styles.td} ${styles.num}`}>{t.waitingCount(d.waiting)}</td>
                      <td className={styles.td}>
                        <time dateTime={d.since}>{m.date(d.since)}</time>
                      </td>
                      <td className={styles.td}>
                        {d.late ? (
                          <Badge appearance="tint" color="danger">
                            {t.late}
                          </Badge>
                        ) : (
                          <span className={styles.muted}>{t.notLate}</span>
                        )}
                      </td>
                      <td className={styles.td}>
                        <Button size="small" aria-label={t.remindLabel(d.name)} onClick={() => remind(d.id, `remind-${d.id}`)} disabledFocusable={actions.busy !== null}>
                          {t.remind}
                        </Button>
                        <Placed notice={actions.notice} at={`remind-${d.id}`} onDismiss={() => actions.setNotice(null)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
            {late > 0 ? (
              <div className={styles.row}>
                <Button appearance="primary" onClick={() => remind(undefined, 'remind-late')} disabledFocusable={actions.busy !== null}>
                  {t.remindLate}
                </Button>
              </div>
            ) : null}
            <Placed notice={actions.notice} at="remind-late" onDismiss={() => actions.setNotice(null)} />
          </>
        )}
      </section>

      <Announcements />

      <section className={styles.section} aria-labelledby="ov-jury">
        <Heading level={2} id="ov-jury">
          {t.juryTitle}
        </Heading>
        {data.jurors.length === 0 ? (
          <p className={styles.text}>{t.juryNone}</p>
        ) : (
          <ul className={styles.bare}>
            {data.jurors.map((j) => (
              <li key={j.id}>
                <Field label={j.name} hint={t.jurorProgress(j.done, j.left)} validationState="none">
                  <ProgressBar aria-label={t.jurorBar(j.name)} value={j.done} max={Math.max(1, j.done + j.left)} thickness="large" />
                </Field>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** The latest announcements (kungörelser): how each went, and who it did not reach as an Excel list. */
function Announcements() {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.overview.announcements;
  const n = m.tab.coordinator.number;
  const load = useCallback(() => call('announcements', {}), [call]);
  const { resource } = useResource(load, 'announcements');
  const campaigns = resource.data?.campaigns;
  if (!campaigns) return null;
  return (
    <section className={styles.section} aria-labelledby="ov-announcements">
      <Heading level={2} id="ov-announcements">
        {t.title}
      </Heading>
      {campaigns.length === 0 ? (
        <p className={styles.text}>{t.none}</p>
      ) : (
        <Scroll labelledBy="ov-announcements-caption">
          <table className={styles.table}>
            <caption id="ov-announcements-caption" className={styles.caption}>
              {t.caption}
            </caption>
            <thead>
              <tr>
                <th scope="col" className={styles.th}>
                  {t.columns.title}
                </th>
                <th scope="col" className={styles.th}>
                  {t.columns.state}
                </th>
                {(['sent', 'failed', 'left'] as const).map((k) => (
                  <th key={k} scope="col" className={`${styles.th} ${styles.num}`}>
                    {t.columns[k]}
                  </th>
                ))}
                <th scope="col" className={styles.th}>
                  <span className={styles.muted}>Excel</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => (
                <tr key={c.id}>
                  <th scope="row" className={styles.rowHead}>
                    {c.title} <span className={styles.muted}>{m.date(c.createdAt)}</span>
                  </th>
                  <td className={styles.td}>{t.states[c.state]}</td>
                  <td className={`${styles.td} ${styles.num}`}>{n(c.sent)}</td>
                  <td className={`${styles.td} ${styles.num}`}>{n(c.failed)}</td>
                  <td className={`${styles.td} ${styles.num}`}>{n(c.left)}</td>
                  <td className={styles.td}>{c.failed > 0 ? <ExportButton exportId="announcement" request={{ campaignId: c.id }} label={t.downloadShort} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  );
}

/** The funnel as a table: municipalities down, stages across, and the total last. */
function FunnelTable({ rows, total }: { rows: OverviewResponse['rows']; total: FunnelRow }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const t = m.tab.overview;
  const n = m.tab.coordinator.number;
  const cells = (r: FunnelRow, extra = '') => (
    <>
      {FUNNEL_STAGES.map((s) => (
        <td key={s} className={`${styles.td} ${styles.num} ${extra}`}>
          {n(r.stages[s] ?? 0)}
        </td>
      ))}
      <td className={`${styles.td} ${styles.num} ${extra}`}>{n(r.inReview)}</td>
      <td className={`${styles.td} ${styles.num} ${extra}`}>{n(r.drafts)}</td>
      <td className={`${styles.td} ${styles.num} ${extra}`}>{n(r.withdrawn)}</td>
    </>
  );
  return (
    <Scroll labelledBy="ov-funnel-caption">
      <table className={styles.table}>
        <caption id="ov-funnel-caption" className={styles.caption}>
          {t.funnelCaption}
        </caption>
        <thead>
          <tr>
            <th scope="col" className={styles.th}>
              {m.programme.stats.municipality}
            </th>
            {FUNNEL_STAGES.map((s) => (
              <th key={s} scope="col" className={`${styles.th} ${styles.num}`}>
                {m.programme.stats.stages[s]}
              </th>
            ))}
            <th scope="col" className={`${styles.th} ${styles.num}`}>
              {t.inReview}
            </th>
            <th scope="col" className={`${styles.th} ${styles.num}`}>
              {t.drafts}
            </th>
            <th scope="col" className={`${styles.th} ${styles.num}`}>
              {t.withdrawn}
            </th>
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
