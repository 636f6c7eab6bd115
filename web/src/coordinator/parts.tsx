import { Button, Field, makeStyles, Select, tokens, typographyStyles } from '@fluentui/react-components';
import { useRef, useState, type ReactNode } from 'react';
import type { TabExportId } from '../../../src/adapters/tab/contract';
import type { Municipality } from '../../../src/domain/municipalities';
import type { ExportRequestOf } from '../api';
import { Heading } from '../parts/Heading';
import { Loading } from '../parts/Loading';
import { FailureBar, failureNotice, NoticeBar, type Notice } from '../parts/Notice';
import type { PlacedNotice } from '../parts/useActions';
import type { Resource } from '../parts/useResource';
import { useSession } from '../session';
import { useCoordinatorMessages, type CMessages } from './texts';

/** What every coordinator view gets from the page: the cohort shown (undefined: the current one) and how to change it. */
export interface CohortProps {
  readonly cohortId: string | undefined;
  readonly onCohort: (cohortId: string | undefined) => void;
}

/** A request's cohort: named when one is chosen, absent for the current one. */
export const cohortQuery = (cohortId: string | undefined): { cohortId?: string } => (cohortId ? { cohortId } : {});

export const useStyles = makeStyles({
  page: { display: 'grid', gap: tokens.spacingVerticalXL, minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'end', justifyContent: 'space-between' },
  headText: { display: 'grid', gap: tokens.spacingVerticalXS },
  text: { margin: 0, maxWidth: '60rem' },
  muted: { margin: 0, color: tokens.colorNeutralForeground2 },
  section: { display: 'grid', gap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  table: { borderCollapse: 'collapse', width: '100%', ...typographyStyles.body1, color: tokens.colorNeutralForeground1 },
  caption: { ...typographyStyles.body1Strong, textAlign: 'start', paddingBottom: tokens.spacingVerticalS, color: tokens.colorNeutralForeground1 },
  th: {
    textAlign: 'start',
    verticalAlign: 'bottom',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    ...typographyStyles.body1Strong,
  },
  rowHead: { textAlign: 'start', verticalAlign: 'top', fontWeight: tokens.fontWeightRegular, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  td: { textAlign: 'start', verticalAlign: 'top', padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  num: { textAlign: 'end', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  total: { fontWeight: tokens.fontWeightSemibold, borderTop: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}` },
  card: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '36rem' },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS, minWidth: 0 },
  legend: { ...typographyStyles.body1Strong, padding: 0, marginBottom: tokens.spacingVerticalS, color: tokens.colorNeutralForeground1 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'grid', gap: tokens.spacingVerticalXS },
  bare: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM },
  nowrap: { whiteSpace: 'nowrap' },
  picker: { minWidth: '14rem' },
  /** Read by screen readers, not shown. */
  srOnly: { position: 'absolute', width: '1px', height: '1px', margin: '-1px', padding: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 },
});

/** A state as said about someone else: the catalog's names, but not the ones that speak to the applicant. */
export const stateName = (state: keyof CMessages['states'], m: CMessages): string => m.tab.coordinator.states[state] ?? m.states[state];

/** A municipality, or that none was given (a draft that has not got that far). */
export const municipalityName = (municipality: Municipality | undefined, m: CMessages): string => municipality ?? m.tab.coordinator.noMunicipality;

/** The heading of a coordinator view: the title, the cohort (a picker where the answer lists the cohorts), and its buttons. */
export function ViewHead({
  title,
  cohort,
  cohorts,
  onCohort,
  children,
}: {
  title: string;
  cohort?: { id: string; name: string } | undefined;
  cohorts?: readonly { id: string; name: string; current: boolean }[] | undefined;
  onCohort?: (id: string | undefined) => void;
  children?: ReactNode;
}) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  return (
    <div className={styles.head}>
      <div className={styles.headText}>
        <Heading level={1} id="view-title" focusable>
          {title}
        </Heading>
        {cohort && !(cohorts && onCohort && cohorts.length > 1) ? <p className={styles.muted}>{m.tab.coordinator.cohortLine(cohort.name)}</p> : null}
      </div>
      <div className={styles.row}>
        {cohort && cohorts && onCohort && cohorts.length > 1 ? <CohortPicker cohorts={cohorts} value={cohort.id} onCohort={onCohort} /> : null}
        {children}
      </div>
    </div>
  );
}

/** Which cohort the view shows: every cohort, newest first, the current one marked. */
export function CohortPicker({ cohorts, value, onCohort }: { cohorts: readonly { id: string; name: string; current: boolean }[]; value: string; onCohort: (id: string | undefined) => void }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  return (
    <Field label={m.tab.coordinator.cohort} className={styles.picker} data-print="hide">
      <Select
        value={value}
        onChange={(_e, d) => {
          const chosen = cohorts.find((c) => c.id === d.value);
          onCohort(chosen?.current ? undefined : d.value);
        }}
      >
        {cohorts.map((c) => (
          <option key={c.id} value={c.id}>
            {c.current ? m.tab.coordinator.cohortCurrent(c.name) : c.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** "Ladda ner som Excel": the export with the view's filters; what happened is said beside it. */
export function ExportButton<E extends TabExportId>({ exportId, request, label }: { exportId: E; request: ExportRequestOf<E>; label?: string }) {
  const m = useCoordinatorMessages();
  const { download } = useSession();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const running = useRef(false);
  const run = async () => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setNotice(null);
    try {
      // The file's headers and words in the person's language.
      const result = await download(exportId, { ...request, lang: m.tab.lang === 'en' ? 'en' : 'sv' } as ExportRequestOf<E>);
      setNotice(result.ok ? { intent: 'success', text: m.tab.coordinator.exported(result.data) } : failureNotice(result.failure, m));
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return (
    <>
      <Button appearance="secondary" onClick={() => void run()} disabled={busy} data-export={exportId}>
        {busy ? m.tab.coordinator.exporting : (label ?? m.tab.coordinator.exportExcel)}
      </Button>
      {notice ? <NoticeBar notice={notice} onRetry={() => void run()} onDismiss={() => setNotice(null)} /> : null}
    </>
  );
}

/** A notice shown where its action happened. */
export function Placed({ notice, at, onDismiss }: { notice: PlacedNotice | null; at: string; onDismiss: () => void }) {
  if (!notice || notice.at !== at) return null;
  return <NoticeBar notice={notice} {...(notice.retry ? { onRetry: notice.retry } : {})} onDismiss={onDismiss} />;
}

/** The first load of a view: the spinner, or the failure with "Försök igen" under the view's title. */
export function Pending<T>({ resource, title, onRetry }: { resource: Resource<T>; title: string; onRetry: () => void }) {
  if (resource.status === 'failed') {
    return (
      <>
        <Heading level={1} id="view-title" focusable>
          {title}
        </Heading>
        <FailureBar failure={resource.failure} onRetry={onRetry} />
      </>
    );
  }
  return <Loading />;
}

/** A reload that failed while the old answer stays on screen, and the spinner while one runs. */
export function Refreshing<T>({ resource, onRetry }: { resource: Resource<T>; onRetry: () => void }) {
  if (resource.status === 'failed') return <FailureBar failure={resource.failure} onRetry={onRetry} />;
  if (resource.status === 'loading') return <Loading />;
  return null;
}

/** A wide table that scrolls sideways on a narrow screen: a named region the keyboard can scroll too. */
export function Scroll({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.scroll} role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * Moves the keyboard to what `find` finds once a render has put it there: an answer that arrives after a request
 * renders a moment later, so it looks again each frame, for about a third of a second.
 */
export function focusWhen(find: () => HTMLElement | null | undefined, frames = 20): void {
  const el = find();
  if (el) {
    el.focus();
    return;
  }
  if (frames > 0) requestAnimationFrame(() => focusWhen(find, frames - 1));
}

/** Moves the keyboard to an element by id once a render has put it there. */
export const focusLater = (id: string): void => {
  requestAnimationFrame(() => focusWhen(() => document.getElementById(id)));
};
