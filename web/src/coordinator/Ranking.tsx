import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import type { ApiError, CriterionFull, LockPreviewResponse, RankingResponse, RankingRow } from '../../../src/adapters/tab/contract';
import { SELECTION_DECISIONS, type SelectionChoice } from '../../../src/domain/application';
import { Heading } from '../parts/Heading';
import { Loading } from '../parts/Loading';
import { FailureBar, failureNotice, NoticeBar, type Notice } from '../parts/Notice';
import { useActions, type PlacedNotice } from '../parts/useActions';
import { useResource } from '../parts/useResource';
import { useSession } from '../session';
import { cohortQuery, ExportButton, focusLater, municipalityName, Pending, Placed, Refreshing, Scroll, useStyles, ViewHead, type CohortProps } from './parts';
import { useCoordinatorMessages, type CMessages } from './texts';

type Ranking = RankingResponse;
const FEEDBACK_MIN = 3;
const FEEDBACK_MAX = 1000;
const COLUMNS = 9;

const useLocal = makeStyles({
  panel: { display: 'grid', gap: tokens.spacingVerticalL, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}`, backgroundColor: tokens.colorNeutralBackground2 },
  columns: { display: 'grid', gap: tokens.spacingHorizontalXXL, gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 22rem), 1fr))', alignItems: 'start' },
  open: { backgroundColor: tokens.colorNeutralBackground1Selected },
});

const rowKey = (row: RankingRow) => row.ref.applicationId;
const toggleId = (row: RankingRow) => `rank-toggle-${rowKey(row)}`;

/** A criterion's name: the cohort's own, or the programme's words for one of its five. */
export const criterionName = (c: { id: string; name?: string | undefined }, m: CMessages): string => c.name ?? m.jury.criteria[c.id] ?? c.id;

/** 'Urval': the ranking a page at a time, each application's scores, the decision in place, and locking the selection. */
export function Ranking({ cohortId }: CohortProps) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.ranking;
  const load = useCallback(() => call('ranking', cohortQuery(cohortId)), [call, cohortId]);
  const { resource, reload, set } = useResource(load, cohortId);
  const actions = useActions(reload);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [more, setMore] = useState<'idle' | 'loading' | PlacedNotice>('idle');
  const data = resource.data;
  if (!data) return <Pending resource={resource} title={t.title} onRetry={() => void reload()} />;

  const locked = Boolean(data.cohort.selectionLockedAt);
  const toggle = (row: RankingRow) =>
    setOpen((o) => {
      const next = new Set(o);
      if (next.has(rowKey(row))) next.delete(rowKey(row));
      else next.add(rowKey(row));
      return next;
    });
  const loadMore = async () => {
    if (!data.next) return;
    setMore('loading');
    const result = await call('ranking', { ...cohortQuery(cohortId), after: data.next });
    if (!result.ok) {
      setMore({ ...failureNotice(result.failure, m), at: 'more' });
      return;
    }
    setMore('idle');
    const known = new Set(data.rows.map(rowKey));
    const fresh = result.data.rows.filter((r) => !known.has(rowKey(r)));
    set({ ...result.data, rows: [...data.rows, ...fresh] });
    if (fresh[0]) focusLater(toggleId(fresh[0]));
  };
  /** A decision saved: the row shows it, the capacity counts it. */
  const decided = (ref: RankingRow['ref'], selection: NonNullable<RankingRow['selection']>, state: RankingRow['state'], selectedCount: number) =>
    set({ ...data, selectedCount, rows: data.rows.map((r) => (r.ref.applicationId === ref.applicationId ? { ...r, selection, state } : r)) });

  const capacity = data.cohort.capacity;
  const over = data.selectedCount > capacity;

  return (
    <div className={styles.page}>
      <ViewHead title={t.title} cohort={data.cohort}>
        <ExportButton exportId="ranking" request={cohortQuery(cohortId)} label={t.exportRanking} />
        {locked ? null : (
          <LockDialog
            data={data}
            onStale={() => void reload()}
            onLocked={(told) => {
              void reload();
              actions.setNotice({ intent: 'success', text: m.jury.commands.selectionLocked(told), at: 'lock' });
              focusLater('view-title');
            }}
          />
        )}
      </ViewHead>
      <Placed notice={actions.notice} at="lock" onDismiss={() => actions.setNotice(null)} />
      <Refreshing resource={resource} onRetry={() => void reload()} />
      {locked ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t.locked(m.tab.at(data.cohort.selectionLockedAt!))}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.section}>
        <p className={styles.text} role="status">
          <strong>{m.jury.ranking.capacity(data.selectedCount, capacity)}</strong>
        </p>
        {over ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{m.jury.ranking.overCapacity(data.selectedCount, capacity)}</MessageBarBody>
          </MessageBar>
        ) : null}
        <p className={styles.text}>{m.jury.ranking.legend}</p>
        <p className={styles.muted}>{m.tab.coordinator.applications(data.total)}</p>
      </div>
      {data.rows.length === 0 ? (
        <p className={styles.text}>{m.jury.reviews.none}</p>
      ) : (
        <Scroll labelledBy="rank-caption">
          <table className={styles.table}>
            <caption id="rank-caption" className={styles.caption}>
              {t.caption}
            </caption>
            <thead>
              <tr>
                <th scope="col" className={`${styles.th} ${styles.num}`}>
                  {t.columns.place}
                </th>
                <th scope="col" className={styles.th}>
                  {t.columns.title}
                </th>
                <th scope="col" className={styles.th}>
                  {t.columns.applicant}
                </th>
                <th scope="col" className={styles.th}>
                  {t.columns.municipality}
                </th>
                <th scope="col" className={`${styles.th} ${styles.num}`}>
                  {t.columns.score}
                </th>
                <th scope="col" className={`${styles.th} ${styles.num}`}>
                  {t.columns.spread}
                </th>
                <th scope="col" className={styles.th}>
                  {t.columns.scores}
                </th>
                <th scope="col" className={styles.th}>
                  {t.columns.decision}
                </th>
                <th scope="col" className={styles.th}>
                  <span className={styles.srOnly}>{t.open}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <RankRow
                  key={rowKey(row)}
                  row={row}
                  quorum={data.cohort.quorum}
                  criteria={data.criteria}
                  cohortId={data.cohort.id}
                  locked={locked}
                  expanded={open.has(rowKey(row))}
                  onToggle={() => toggle(row)}
                  onDecided={decided}
                  onConflict={() => void reload()}
                />
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {typeof more === 'object' ? <NoticeBar notice={more} onRetry={() => void loadMore()} onDismiss={() => setMore('idle')} /> : null}
      {data.next ? (
        <div>
          <Button appearance="secondary" onClick={() => void loadMore()} disabledFocusable={more === 'loading'}>
            {m.tab.coordinator.more}
          </Button>
        </div>
      ) : null}
      {more === 'loading' ? <Loading /> : null}
      <section className={styles.section} aria-labelledby="rank-missing">
        <Heading level={2} id="rank-missing">
          {m.jury.ranking.missingTitle}
        </Heading>
        {data.missing.length === 0 ? (
          <p className={styles.text}>{t.missingNone}</p>
        ) : (
          <ul className={styles.list}>
            {data.missing.map((x) => (
              <li key={x.jurorName}>{m.jury.ranking.missing(x.jurorName, x.count)}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

interface RowProps {
  row: RankingRow;
  quorum: number;
  criteria: readonly CriterionFull[];
  cohortId: string;
  locked: boolean;
  expanded: boolean;
  onToggle: () => void;
  onDecided: (ref: RankingRow['ref'], selection: NonNullable<RankingRow['selection']>, state: RankingRow['state'], selectedCount: number) => void;
  onConflict: () => void;
}

function RankRow({ row, quorum, criteria, locked, expanded, onToggle, onDecided, onConflict }: RowProps) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const local = useLocal();
  const t = m.tab.ranking;
  const d = m.tab.coordinator.decimal;
  const panelId = `rank-panel-${rowKey(row)}`;
  const place =
    row.place === null ? (
      m.tab.coordinator.none
    ) : row.tiedWith > 0 ? (
      <>
        <span aria-hidden="true">={row.place}</span>
        <span className={styles.srOnly}>{t.shared(row.place)}</span>
      </>
    ) : (
      String(row.place)
    );
  return (
    <>
      <tr className={expanded ? local.open : undefined}>
        <td className={`${styles.td} ${styles.num}`}>{place}</td>
        <th scope="row" className={styles.rowHead}>
          {row.title}
        </th>
        <td className={styles.td}>{row.applicantName}</td>
        <td className={styles.td}>{municipalityName(row.municipality, m)}</td>
        <td className={`${styles.td} ${styles.num}`}>
          {row.score !== null ? d(row.score) : row.meanSoFar !== null ? <span className={styles.muted}>{t.soFar(d(row.meanSoFar))}</span> : m.tab.coordinator.none}
        </td>
        <td className={`${styles.td} ${styles.num}`}>{row.spread !== null ? d(row.spread) : m.tab.coordinator.none}</td>
        <td className={`${styles.td} ${styles.nowrap}`}>
          {t.scores(row.scoreCount, quorum)}
          {row.recusalCount > 0 ? <span className={styles.muted}>, {t.recusals(row.recusalCount)}</span> : null}
          {row.place === null ? (
            <>
              <br />
              <span className={styles.muted}>{t.unranked}</span>
            </>
          ) : null}
        </td>
        <td className={styles.td}>
          {row.selection ? (
            <Badge appearance="tint" color={row.selection.decision === 'selected' ? 'success' : row.selection.decision === 'waitlisted' ? 'warning' : 'danger'}>
              {m.jury.ranking.decision[row.selection.decision]}
            </Badge>
          ) : (
            <span className={`${styles.muted} ${styles.nowrap}`}>{t.undecided}</span>
          )}
        </td>
        <td className={styles.td}>
          <Button
            id={toggleId(row)}
            className={styles.nowrap}
            size="small"
            appearance={expanded ? 'subtle' : 'secondary'}
            aria-expanded={expanded}
            aria-controls={expanded ? panelId : undefined}
            aria-label={expanded ? t.hideLabel(row.title) : locked ? t.openLockedLabel(row.title) : t.openLabel(row.title)}
            onClick={onToggle}
          >
            {expanded ? t.hide : locked ? t.openLocked : t.open}
          </Button>
        </td>
      </tr>
      {expanded ? (
        <tr id={panelId}>
          <td colSpan={COLUMNS} className={styles.td}>
            <Panel row={row} criteria={criteria} locked={locked} onDecided={onDecided} onConflict={onConflict} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** One application's scores (each criterion's mean, each juror's values and comment, the recusals) and the decision. */
function Panel({ row, criteria, locked, onDecided, onConflict }: Pick<RowProps, 'row' | 'criteria' | 'locked' | 'onDecided' | 'onConflict'>) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const local = useLocal();
  const { call } = useSession();
  const t = m.tab.ranking;
  const d = m.tab.coordinator.decimal;
  const load = useCallback(() => call('rankingRow', row.ref), [call, row.ref]);
  const { resource, reload } = useResource(load);
  const detail = resource.data;
  const id = rowKey(row);
  return (
    <div className={local.panel}>
      {detail === undefined ? (
        resource.status === 'failed' ? (
          <FailureBar failure={resource.failure} onRetry={() => void reload()} />
        ) : (
          <Loading />
        )
      ) : (
        <div className={local.columns}>
          <div className={styles.section}>
            <Heading level={3} id={`rank-${id}-means`}>
              {t.meansTitle}
            </Heading>
            <table className={styles.table} aria-labelledby={`rank-${id}-means`}>
              <thead>
                <tr>
                  <th scope="col" className={styles.th}>
                    {t.criterion}
                  </th>
                  <th scope="col" className={`${styles.th} ${styles.num}`}>
                    {t.mean}
                  </th>
                </tr>
              </thead>
              <tbody>
                {criteria.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" className={styles.rowHead}>
                      {t.weighted(criterionName(c, m), c.weight)}
                    </th>
                    <td className={`${styles.td} ${styles.num}`}>{detail.criterionMeans[c.id] === undefined ? m.tab.coordinator.none : d(detail.criterionMeans[c.id]!)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {detail.recusals.length > 0 ? (
              <>
                <Heading level={4} id={`rank-${id}-recusals`}>
                  {t.recusalsTitle}
                </Heading>
                <ul className={styles.list} aria-labelledby={`rank-${id}-recusals`}>
                  {detail.recusals.map((r, i) => (
                    <li key={`${r.jurorName}-${i}`}>{t.recusal(r.jurorName, recusalReason(r, m))}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
          {locked ? null : <DecisionForm row={row} onDecided={onDecided} onConflict={onConflict} />}
          {locked && row.selection ? (
            <div className={styles.section}>
              <Heading level={3} id={`rank-${id}-decision`}>
                {t.decisionTitle}
              </Heading>
              <p className={styles.text}>
                <strong>{m.jury.ranking.decision[row.selection.decision]}</strong>
              </p>
              <p className={styles.text}>{m.tab.applications.feedback(row.selection.feedback)}</p>
            </div>
          ) : null}
        </div>
      )}
      {detail ? (
        <div className={styles.section}>
          <Heading level={3} id={`rank-${id}-scores`}>
            {m.jury.selection.scoresTitle}
          </Heading>
          {detail.scores.length === 0 ? (
            <p className={styles.text}>{m.jury.selection.noScores}</p>
          ) : (
            <Scroll labelledBy={`rank-${id}-scores-caption`}>
              <table className={styles.table}>
                <caption id={`rank-${id}-scores-caption`} className={styles.srOnly}>
                  {t.scoresCaption}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className={styles.th}>
                      {t.juror}
                    </th>
                    {criteria.map((c) => (
                      <th key={c.id} scope="col" className={`${styles.th} ${styles.num}`}>
                        {criterionName(c, m)}
                      </th>
                    ))}
                    <th scope="col" className={`${styles.th} ${styles.num}`}>
                      {t.jurorMean}
                    </th>
                    <th scope="col" className={styles.th}>
                      {t.comment}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {detail.scores.map((s, i) => (
                    <tr key={`${s.jurorName}-${i}`}>
                      <th scope="row" className={styles.rowHead}>
                        {s.jurorName}
                      </th>
                      {criteria.map((c) => (
                        <td key={c.id} className={`${styles.td} ${styles.num}`}>
                          {s.values[c.id] ?? m.tab.coordinator.none}
                        </td>
                      ))}
                      <td className={`${styles.td} ${styles.num}`}>{d(s.mean)}</td>
                      <td className={styles.td}>{s.comment ?? m.tab.coordinator.none}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Scroll>
          )}
        </div>
      ) : null}
    </div>
  );
}

/** Why a juror stands aside: their own words, or the conflict Acceleratorn found. */
export function recusalReason(r: { reason: string; automatic: boolean }, m: CMessages): string {
  if (!r.automatic) return r.reason;
  const conflicts = m.tab.ranking.conflict as Readonly<Record<string, string>>;
  return conflicts[r.reason] ?? m.tab.ranking.automatic;
}

/** The decision on one application: selected, waitlisted or not selected, with feedback the applicant reads. */
function DecisionForm({ row, onDecided, onConflict }: Pick<RowProps, 'row' | 'onDecided' | 'onConflict'>) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.ranking;
  const [decision, setDecision] = useState<SelectionChoice | undefined>(row.selection?.decision);
  const [feedback, setFeedback] = useState(row.selection?.feedback ?? '');
  const [errors, setErrors] = useState<{ decision?: string; feedback?: string }>({});
  const reloadNothing = useCallback(async () => ({ ok: false as const, failure: { kind: 'broken' as const } }), []);
  const actions = useActions(reloadNothing);
  const id = rowKey(row);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = feedback.trim();
    const found = {
      ...(decision ? {} : { decision: m.programme.gate.outcomeRequired }),
      ...(text.length < FEEDBACK_MIN ? { feedback: t.feedbackRequired } : text.length > FEEDBACK_MAX ? { feedback: t.feedbackTooLong } : {}),
    };
    setErrors(found);
    if (!decision || Object.keys(found).length > 0) {
      focusLater(found.decision ? `rank-${id}-decision-first` : `rank-${id}-feedback`);
      return;
    }
    void actions.perform('decide', () => call('decideSelection', { ...row.ref, decision, feedback: text }), {
      ok: (answer) => {
        onDecided(row.ref, answer.selection, answer.state, answer.selectedCount);
        const name = m.jury.ranking.decision[answer.selection.decision];
        const said: Notice = { intent: 'success', text: answer.changed ? t.saved(row.title, name) : t.unchanged(row.title, name) };
        return answer.overCapacity ? { ...said, intent: 'warning', text: `${said.text} ${m.jury.ranking.overCapacity(answer.selectedCount, answer.capacity)}` } : said;
      },
      refused: (err: ApiError) => {
        const field = err.fields?.find((f) => f.field === 'feedback');
        if (!field) return false;
        setErrors({ feedback: field.code === 'tooLong' ? t.feedbackTooLong : t.feedbackRequired });
        focusLater(`rank-${id}-feedback`);
        return true;
      },
      conflict: (err) => {
        onConflict();
        return failureNotice({ kind: 'conflict', ...(err ? { error: err } : {}) }, m);
      },
    });
  };
  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-labelledby={`rank-${id}-decision`}>
      <Heading level={3} id={`rank-${id}-decision`}>
        {t.decisionTitle}
      </Heading>
      <Field label={m.jury.selection.choose} required {...(errors.decision ? { validationMessage: errors.decision, validationState: 'error' as const } : {})}>
        <RadioGroup layout="horizontal" value={decision ?? ''} onChange={(_e, d) => setDecision(d.value as SelectionChoice)}>
          {SELECTION_DECISIONS.map((choice, i) => (
            <Radio key={choice} value={choice} label={m.jury.ranking.decision[choice]} {...(i === 0 ? { id: `rank-${id}-decision-first` } : {})} />
          ))}
        </RadioGroup>
      </Field>
      <Field label={m.jury.selection.feedback} hint={t.feedbackHint} required {...(errors.feedback ? { validationMessage: errors.feedback, validationState: 'error' as const } : {})}>
        <Textarea id={`rank-${id}-feedback`} value={feedback} onChange={(_e, d) => setFeedback(d.value)} maxLength={FEEDBACK_MAX} resize="vertical" />
      </Field>
      {actions.notice ? <NoticeBar notice={actions.notice} {...(actions.notice.retry ? { onRetry: actions.notice.retry } : {})} onDismiss={() => actions.setNotice(null)} /> : null}
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabledFocusable={actions.busy !== null}>
          {m.jury.selection.save}
        </Button>
      </div>
    </form>
  );
}

/** "Lås urvalet": asks first, saying who will be told, then locks and tells them. */
function LockDialog({ data, onLocked, onStale }: { data: Ranking; onLocked: (told: number) => void; onStale: () => void }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.ranking;
  const c = m.jury.confirm;
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<LockPreviewResponse | null>(null);
  const [problem, setProblem] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const cohortId = data.cohort.id;
  const loadPreview = async () => {
    setPreview(null);
    setProblem(null);
    const result = await call('lockPreview', { cohortId });
    if (result.ok) setPreview(result.data);
    else setProblem(failureNotice(result.failure, m));
  };
  const lock = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await call('lockSelection', { cohortId });
      if (result.ok) {
        setOpen(false);
        onLocked(result.data.told);
      } else setProblem(failureNotice(result.failure, m));
    } finally {
      setBusy(false);
    }
  };
  const decidedTotal = preview ? SELECTION_DECISIONS.reduce((n, d) => n + (preview.decided[d] ?? 0), 0) : 0;
  return (
    <Dialog
      open={open}
      onOpenChange={(_e, d) => {
        setOpen(d.open);
        if (d.open) void loadPreview();
        // Someone else locked it meanwhile: the page shows it locked once the dialog closes.
        else if (preview?.alreadyLocked) onStale();
      }}
    >
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="primary">{t.lock}</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby="lock-body">
        <DialogBody>
          <DialogTitle>{c.selectionTitle(data.cohort.name)}</DialogTitle>
          <DialogContent id="lock-body">
            {problem ? <NoticeBar notice={problem} onRetry={() => void (preview ? lock() : loadPreview())} /> : null}
            {preview === null ? (
              problem ? null : (
                <Loading label={t.lockLoading} />
              )
            ) : preview.alreadyLocked ? (
              <p>{c.selectionAlready}</p>
            ) : (
              <>
                {decidedTotal === 0 ? (
                  <p>{c.selectionNone}</p>
                ) : (
                  <>
                    <p>{c.selectionTold(decidedTotal)}</p>
                    <ul className={styles.list}>
                      {SELECTION_DECISIONS.map((d) => (
                        <li key={d}>{t.told[d](preview.decided[d] ?? 0)}</li>
                      ))}
                    </ul>
                    <p>{c.selectionLine(preview.managers, preview.hrContacts)}</p>
                  </>
                )}
                {preview.undecided > 0 ? <p>{c.selectionUndecided(preview.undecided)}</p> : null}
                <p>
                  <strong>{c.selectionFinal}</strong>
                </p>
              </>
            )}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">{preview?.alreadyLocked ? m.tab.coordinator.close : c.cancel}</Button>
            </DialogTrigger>
            {preview && !preview.alreadyLocked ? (
              <Button appearance="primary" onClick={() => void lock()} disabledFocusable={busy}>
                {c.selectionConfirm}
              </Button>
            ) : null}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
