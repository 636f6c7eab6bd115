import { Badge, Button, Field, Input, Link, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { APPLICATION_SORTS, type ApplicationRef, type ApplicationRow, type ApplicationsQuery, type CoordinatorApplication } from '../../../src/adapters/tab/contract';
import { TARGET_GROUPS } from '../../../src/domain/application';
import { WAITING_FOR } from '../../../src/domain/application-list';
import { APPLICATION_STATES } from '../../../src/domain/application.state-machine';
import { MUNICIPALITIES } from '../../../src/domain/municipalities';
import { ApplicationView, Identity } from '../parts/ApplicationView';
import { Facts } from '../parts/Facts';
import { Heading } from '../parts/Heading';
import { Loading } from '../parts/Loading';
import { failureNotice, NoticeBar } from '../parts/Notice';
import { ApprovalList, stateColour, Timeline } from '../parts/Timeline';
import type { PlacedNotice } from '../parts/useActions';
import { useResource } from '../parts/useResource';
import { useSession } from '../session';
import { cohortQuery, ExportButton, focusLater, focusWhen, municipalityName, Pending, Refreshing, Scroll, stateName, useStyles, ViewHead, type CohortProps } from './parts';
import { BudgetPart } from '../parts/BudgetPart';
import { useCoordinatorMessages } from './texts';

type Sort = (typeof APPLICATION_SORTS)[number];
/** The filters as chosen; the texts are typed, and applied a moment after the typing stops. */
type Filters = Omit<ApplicationsQuery, 'cohortId' | 'after'>;

const useLocal = makeStyles({
  filters: { display: 'grid', gap: tokens.spacingHorizontalM, gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))', alignItems: 'end' },
  sortButton: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    border: 'none',
    background: 'none',
    padding: 0,
    font: 'inherit',
    fontWeight: 'inherit',
    color: 'inherit',
    cursor: 'pointer',
    textAlign: 'start',
    ':hover': { textDecoration: 'underline' },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  title: { textAlign: 'start' },
  // A long state name must not push the select out of its column.
  select: { width: '100%', minWidth: 0, '& select': { minWidth: 0, textOverflow: 'ellipsis' } },
});

/** Descending first where the biggest or newest is the interesting end. */
const DESC_FIRST: ReadonlySet<Sort> = new Set(['submittedAt', 'score']);
const rowId = (ref: ApplicationRef) => `app-row-${ref.applicationId}`;
const DEBOUNCE_MS = 350;

/** A text that follows what is typed a moment later (one request when the typing stops, not one per key). */
function useDebounced(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

/** 'Ansökningar': every application of the cohort, a page at a time, sorted, filtered and searched by the server. */
export function Applications({ cohortId }: CohortProps) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const local = useLocal();
  const { call } = useSession();
  const t = m.tab.applications;
  const [choices, setChoices] = useState<Omit<Filters, 'q' | 'administration'>>({ sort: 'submittedAt', desc: '1' });
  const [q, setQ] = useState('');
  const [administration, setAdministration] = useState('');
  const settledQ = useDebounced(q.trim());
  const settledAdministration = useDebounced(administration.trim());
  const filters: Filters = { ...choices, ...(settledQ ? { q: settledQ } : {}), ...(settledAdministration ? { administration: settledAdministration } : {}) };
  const request = { ...cohortQuery(cohortId), ...filters };
  const key = JSON.stringify(request);
  // The request is rebuilt every render; `key` says when it really changed (and with it, the request loaded).
  const load = useCallback(() => call('applications', JSON.parse(key) as typeof request), [call, key]);
  const { resource, reload, set } = useResource(load, key);
  const [more, setMore] = useState<'idle' | 'loading' | PlacedNotice>('idle');
  const [open, setOpen] = useState<ApplicationRef | null>(null);
  const data = resource.data;

  const loadMore = async () => {
    if (!data?.next) return;
    setMore('loading');
    const result = await call('applications', { ...request, after: data.next });
    if (!result.ok) {
      setMore({ ...failureNotice(result.failure, m), at: 'more' });
      return;
    }
    setMore('idle');
    const known = new Set(data.items.map((i) => i.ref.applicationId));
    const fresh = result.data.items.filter((i) => !known.has(i.ref.applicationId));
    set({ ...result.data, items: [...data.items, ...fresh] });
    if (fresh[0]) focusLater(rowId(fresh[0].ref));
  };

  if (open) {
    return (
      <ApplicationDetail
        reference={open}
        onBack={() => {
          setOpen(null);
          focusWhen(() => document.getElementById(rowId(open)) ?? document.getElementById('view-title'));
        }}
      />
    );
  }
  if (!data) return <Pending resource={resource} title={t.title} onRetry={() => void reload()} />;

  const sortBy = (sort: Sort) => setChoices((c) => ({ ...c, sort, desc: c.sort === sort ? (c.desc === '1' ? '0' : '1') : DESC_FIRST.has(sort) ? '1' : '0' }));
  const choose = <K extends keyof typeof choices>(field: K, value: string) => setChoices((c) => ({ ...c, [field]: value === '' ? undefined : value }));
  const filtered = Boolean(q || administration || choices.state || choices.municipality || choices.targetGroup || choices.team || choices.waitingFor);
  const header = (column: keyof typeof t.columns, sort?: Sort, numeric = false) => {
    const active = sort !== undefined && choices.sort === sort;
    return (
      <th scope="col" className={`${styles.th} ${numeric ? styles.num : ''}`} {...(active ? { 'aria-sort': choices.desc === '1' ? ('descending' as const) : ('ascending' as const) } : {})}>
        {sort ? (
          <button type="button" className={local.sortButton} onClick={() => sortBy(sort)}>
            {t.columns[column]}
            <span aria-hidden="true">{active ? (choices.desc === '1' ? '▼' : '▲') : '↕'}</span>
          </button>
        ) : (
          t.columns[column]
        )}
      </th>
    );
  };
  const exportRequest = { ...cohortQuery(cohortId), ...filters };

  return (
    <div className={styles.page}>
      <ViewHead title={t.title} cohort={data.cohort}>
        <ExportButton exportId="applications" request={exportRequest} />
      </ViewHead>
      <section className={styles.section} aria-labelledby="apps-filters">
        <Heading level={2} id="apps-filters">
          {t.filtersTitle}
        </Heading>
        <form className={local.filters} role="search" aria-labelledby="apps-filters" onSubmit={(e) => e.preventDefault()}>
          <Field label={t.search}>
            <Input type="search" value={q} onChange={(_e, d) => setQ(d.value)} maxLength={100} autoComplete="off" />
          </Field>
          <Field label={t.state}>
            <Select className={local.select} value={choices.state ?? ''} onChange={(_e, d) => choose('state', d.value)}>
              <option value="">{t.any}</option>
              {APPLICATION_STATES.map((s) => (
                <option key={s} value={s}>
                  {stateName(s, m)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t.municipality}>
            <Select className={local.select} value={choices.municipality ?? ''} onChange={(_e, d) => choose('municipality', d.value)}>
              <option value="">{t.any}</option>
              {MUNICIPALITIES.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t.administration}>
            <Input value={administration} onChange={(_e, d) => setAdministration(d.value)} maxLength={120} autoComplete="off" />
          </Field>
          <Field label={t.targetGroup}>
            <Select className={local.select} value={choices.targetGroup ?? ''} onChange={(_e, d) => choose('targetGroup', d.value)}>
              <option value="">{t.any}</option>
              {TARGET_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {m.intake.targetGroups[g]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t.team}>
            <Select className={local.select} value={choices.team ?? ''} onChange={(_e, d) => choose('team', d.value)}>
              <option value="">{t.any}</option>
              <option value="team">{t.teamOptions.team}</option>
              <option value="single">{t.teamOptions.single}</option>
            </Select>
          </Field>
          <Field label={t.waitingFor}>
            <Select className={local.select} value={choices.waitingFor ?? ''} onChange={(_e, d) => choose('waitingFor', d.value)}>
              <option value="">{t.any}</option>
              {WAITING_FOR.map((w) => (
                <option key={w} value={w}>
                  {t.waitingForOptions[w]}
                </option>
              ))}
            </Select>
          </Field>
          {filtered ? (
            <div>
              <Button
                appearance="subtle"
                onClick={() => {
                  setQ('');
                  setAdministration('');
                  setChoices((c) => ({ sort: c.sort, desc: c.desc }));
                }}
              >
                {t.clear}
              </Button>
            </div>
          ) : null}
        </form>
      </section>
      <p className={styles.text} role="status">
        <strong>{t.found(data.total)}</strong>
        {data.items.length < data.total ? ` ${t.shown(data.items.length, data.total)}` : ''}
      </p>
      <Refreshing resource={resource} onRetry={() => void reload()} />
      {data.items.length > 0 ? (
        <Scroll labelledBy="apps-caption">
          <table className={styles.table}>
            <caption id="apps-caption" className={styles.caption}>
              {t.caption}
            </caption>
            <thead>
              <tr>
                {header('title', 'title')}
                {header('applicant')}
                {header('municipality', 'municipality')}
                {header('administration')}
                {header('state', 'state')}
                {header('submittedAt', 'submittedAt')}
                {header('team')}
                {header('waitingFor')}
                {header('score', 'score', true)}
              </tr>
            </thead>
            <tbody>
              {data.items.map((row) => (
                <Row key={row.ref.applicationId} row={row} onOpen={() => {
                  setOpen(row.ref);
                  focusLater('view-title');
                }} />
              ))}
            </tbody>
          </table>
        </Scroll>
      ) : null}
      {typeof more === 'object' ? <NoticeBar notice={more} onRetry={() => void loadMore()} onDismiss={() => setMore('idle')} /> : null}
      {data.next ? (
        <div>
          <Button appearance="secondary" onClick={() => void loadMore()} disabledFocusable={more === 'loading'}>
            {m.tab.coordinator.more}
          </Button>
        </div>
      ) : null}
      {more === 'loading' ? <Loading /> : null}
    </div>
  );
}

function Row({ row, onOpen }: { row: ApplicationRow; onOpen: () => void }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const local = useLocal();
  const t = m.tab.applications;
  return (
    <tr>
      <th scope="row" className={styles.rowHead}>
        <Link as="button" id={rowId(row.ref)} className={local.title} onClick={onOpen}>
          {row.title || row.ref.applicationId}
        </Link>
      </th>
      <td className={styles.td}>{row.applicantName}</td>
      <td className={styles.td}>{municipalityName(row.municipality, m)}</td>
      <td className={styles.td}>{row.administration ?? m.tab.coordinator.none}</td>
      <td className={styles.td}>{stateName(row.state, m)}</td>
      <td className={`${styles.td} ${styles.nowrap}`}>{row.submittedAt ? m.date(row.submittedAt) : m.tab.coordinator.none}</td>
      <td className={`${styles.td} ${styles.nowrap}`}>{t.teamSize(row.teamSize)}</td>
      <td className={styles.td}>{row.waitingFor ? t.waitingForOptions[row.waitingFor] : m.tab.coordinator.none}</td>
      <td className={`${styles.td} ${styles.num}`}>{row.score === undefined ? m.tab.coordinator.none : t.score(m.tab.coordinator.decimal(row.score), row.scoreCount)}</td>
    </tr>
  );
}

/** One application in full for the coordinator: everything on it, the decisions, the programme, the whole log. */
function ApplicationDetail({ reference, onBack }: { reference: ApplicationRef; onBack: () => void }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.applications;
  const load = useCallback(() => call('applicationOne', reference), [call, reference]);
  const { resource, reload } = useResource(load);
  const data = resource.data;
  const back = (
    <div className={styles.row}>
      <Button appearance="secondary" onClick={onBack}>
        {t.back}
      </Button>
      {data ? <ExportButton exportId="audit" request={reference} label={t.exportAudit} /> : null}
    </div>
  );
  if (!data) {
    return (
      <div className={styles.page}>
        {back}
        <Pending resource={resource} title={t.title} onRetry={() => void reload()} />
      </div>
    );
  }
  const a = data.application;
  return (
    <div className={styles.page}>
      {back}
      <Heading level={1} id="view-title" focusable>
        {a.idea?.title ?? a.id}
      </Heading>
      <div className={styles.row}>
        <Badge appearance="tint" color={stateColour(a.state)} size="large">
          {stateName(a.state, m)}
        </Badge>
      </div>
      <Identity application={a} />
      <Refreshing resource={resource} onRetry={() => void reload()} />
      <Decisions data={data} />
      <ApplicationView application={a} level={1} showIdentity={false} idPrefix="coord-app" />
      <section className={styles.section} aria-labelledby="coord-app-decisions">
        <Heading level={2} id="coord-app-decisions">
          {m.tab.application.decisionsTitle}
        </Heading>
        <ApprovalList approvals={data.approvals} requested={a.leave} />
      </section>
      <section className={styles.section} aria-labelledby="coord-app-timeline">
        <Heading level={2} id="coord-app-timeline">
          {t.auditTitle}
        </Heading>
        <Timeline entries={data.timeline} />
      </section>
    </div>
  );
}

/** The selection, the jury's result, and the programme: mentor, sponsor, gate, outcome and budget. */
function Decisions({ data }: { data: CoordinatorApplication }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const t = m.tab.applications;
  const show = m.programme.show;
  const inProgramme = data.mentorName || data.sponsorName || data.gate || data.outcome || data.budget;
  return (
    <>
      {data.selection || data.jury ? (
        <section className={styles.section} aria-labelledby="coord-app-selection">
          <Heading level={2} id="coord-app-selection">
            {show.selection}
          </Heading>
          <Facts
            rows={[
              data.jury ? [show.jury, `${show.juryLine(data.jury.count, m.tab.coordinator.decimal(data.jury.mean))}${data.jury.recused > 0 ? `. ${t.recused(data.jury.recused)}` : ''}`] : null,
              data.selection ? [show.selection, t.selectionLine(m.jury.ranking.decision[data.selection.decision], data.selection.decidedByName, m.date(data.selection.decidedAt))] : null,
              data.selection?.feedback ? [m.tab.application.feedbackTitle, data.selection.feedback] : null,
            ]}
          />
        </section>
      ) : null}
      {inProgramme ? (
        <section className={styles.section} aria-labelledby="coord-app-programme">
          <Heading level={2} id="coord-app-programme">
            {t.programmeTitle}
          </Heading>
          <Facts
            columns
            rows={[
              [show.mentor, data.mentorName ?? m.tab.coordinator.nobody],
              [show.sponsor, data.sponsorName ?? m.tab.coordinator.nobody],
              data.gate ? [show.gate, m.tab.programme.gateOptions[data.gate]] : null,
              data.outcome ? [show.outcome, m.tab.programme.outcomeOptions[data.outcome.kind]] : null,
              data.outcome ? [m.tab.report.outcomeColumns.ipOwner, m.tab.report.ipOwner[data.outcome.ipOwner]] : null,
              data.outcome?.receivingAdministration ? [t.receiving, data.outcome.receivingAdministration] : null,
            ]}
          />
          {data.budget ? (
            <>
              <Heading level={3} id="coord-app-budget">
                {m.tab.participant.budgetTitle}
              </Heading>
              <BudgetPart budget={data.budget} caption={m.tab.programme.expensesCaption(data.application.idea?.title ?? data.application.id)} idPrefix="coord-app-budget" level={4} />
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
