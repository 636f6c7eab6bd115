import {
  Badge,
  Button,
  Field,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Textarea,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApplicationRef, ReviewDetail, ReviewsResponse } from '../../../src/adapters/tab/contract';
import { SCORE_MAX, SCORE_MIN } from '../../../src/domain/scoring';
import type { Messages } from '../../../src/i18n';
import { useMessages } from '../i18n';
import { fieldTexts, refusalText } from '../problems';
import { useSession } from '../session';
import { ApplicationView } from '../parts/ApplicationView';
import { ReasonDialog } from '../parts/ReasonDialog';
import { Facts } from '../parts/Facts';
import { focusViewTitle, Heading } from '../parts/Heading';
import { Loading } from '../parts/Loading';
import { FailureBar, failureNotice, NoticeBar } from '../parts/Notice';
import { useActions, type Perform, type PlacedNotice } from '../parts/useActions';
import { useFocusFirstInvalid } from '../parts/useFocusFirstInvalid';
import { useResource } from '../parts/useResource';

type Item = ReviewsResponse['items'][number];
type Round = ReviewDetail['round'];

const useStyles = makeStyles({
  page: { display: 'grid', gap: tokens.spacingVerticalXL },
  narrow: { maxWidth: '60rem', display: 'grid', gap: tokens.spacingVerticalL },
  text: { margin: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS, maxWidth: '60rem' },
  item: {
    display: 'grid',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  itemTitle: { ...typographyStyles.body1Strong, textAlign: 'start' },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center', color: tokens.colorNeutralForeground2 },
  pager: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  columns: { display: 'grid', gap: tokens.spacingHorizontalXXL, gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 24rem), 1fr))', alignItems: 'start' },
  section: { display: 'grid', gap: tokens.spacingVerticalM, minWidth: 0 },
  scale: { flexWrap: 'wrap' },
  form: { display: 'grid', gap: tokens.spacingVerticalL },
  guide: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  others: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'grid', gap: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground2 },
  other: { display: 'grid', gap: tokens.spacingVerticalS },
});

const itemId = (ref: ApplicationRef) => `review-item-${ref.cohortId}-${ref.applicationId}`;
const sameRef = (a: ApplicationRef, b: ApplicationRef) => a.cohortId === b.cohortId && a.applicationId === b.applicationId;

/** A criterion's name: the programme's own words, or its id for a cohort's own criterion without texts. */
const criterionName = (c: { id: string; name?: string | undefined }, m: Messages) => c.name ?? m.jury.criteria[c.id] ?? c.id;

/** 'Att bedöma': the juror's list with their progress, and one application at a time beside the scoring form. */
export function Reviews({ initial }: { initial?: ApplicationRef }) {
  const m = useMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.reviews;
  const load = useCallback(() => call('reviews', {}), [call]);
  const { resource, reload, set } = useResource(load);
  const [open, setOpen] = useState<ApplicationRef | null>(initial ?? null);
  const [more, setMore] = useState<'idle' | 'loading' | PlacedNotice>('idle');
  const data = resource.data;

  /** Loads the next page onto the list; answers the new items (none when there is no next page or it failed). */
  const loadMore = async (): Promise<Item[]> => {
    if (!data?.next) return [];
    setMore('loading');
    const after = data.next;
    const result = await call('reviews', { after });
    if (!result.ok) {
      setMore({ ...failureNotice(result.failure, m), at: 'more' });
      return [];
    }
    setMore('idle');
    const page = result.data;
    const known = new Set(data.items.map((i) => `${i.ref.cohortId}/${i.ref.applicationId}`));
    const fresh = page.items.filter((i) => !known.has(`${i.ref.cohortId}/${i.ref.applicationId}`));
    set({ ...page, items: [...data.items, ...fresh] });
    return fresh;
  };

  /** The list follows what the detail learnt: the item's own state and the juror's progress. */
  const changed = (ref: ApplicationRef, detail: ReviewDetail) => {
    if (!data) return;
    set({ ...data, done: detail.done, total: detail.total, items: data.items.map((i) => (sameRef(i.ref, ref) ? { ...i, state: detail.state } : i)) });
  };

  const show = (ref: ApplicationRef | null) => {
    setOpen(ref);
    // The next render has the new heading; move the keyboard there so nobody is left on a button that went away.
    setTimeout(focusViewTitle, 0);
  };

  if (open) {
    const items = data?.items ?? [];
    const index = items.findIndex((i) => sameRef(i.ref, open));
    const previous = index > 0 ? items[index - 1] : undefined;
    const following = index >= 0 ? items[index + 1] : undefined;
    return (
      <Detail
        key={`${open.cohortId}/${open.applicationId}`}
        reference={open}
        position={index >= 0 ? t.position(index + 1, Math.max(data?.total ?? 0, items.length)) : null}
        onBack={() => {
          setOpen(null);
          setTimeout(() => (document.getElementById(itemId(open)) ?? document.getElementById('view-title'))?.focus(), 0);
        }}
        onPrevious={previous ? () => show(previous.ref) : undefined}
        onNext={
          following
            ? () => show(following.ref)
            : index >= 0 && data?.next
              ? async () => {
                  const fresh = await loadMore();
                  if (fresh[0]) show(fresh[0].ref);
                }
              : undefined
        }
        onChanged={(d) => changed(open, d)}
      />
    );
  }

  return (
    <div className={styles.page}>
      <Heading level={1} id="view-title" focusable>
        {t.title}
      </Heading>
      {resource.status === 'failed' ? <FailureBar failure={resource.failure} onRetry={() => void reload()} /> : null}
      {data === undefined ? (
        resource.status === 'loading' ? <Loading /> : null
      ) : data.cohort === null ? (
        <p className={styles.text}>{m.jury.reviews.notJuror}</p>
      ) : (
        <>
          <div className={styles.narrow}>
            <p className={styles.text}>
              {m.intake.status.cohort}: {data.cohort.name}
            </p>
            <RoundNotice round={data.cohort.round} />
            <p className={styles.text}>
              <strong>{t.progress(data.done, data.total)}</strong>
            </p>
          </div>
          {data.items.length === 0 ? (
            <p className={styles.text}>{m.jury.reviews.none}</p>
          ) : (
            <ul className={styles.list} aria-label={t.listLabel}>
              {data.items.map((item) => (
                <li key={`${item.ref.cohortId}/${item.ref.applicationId}`} className={styles.item}>
                  <Link as="button" id={itemId(item.ref)} className={styles.itemTitle} onClick={() => show(item.ref)}>
                    {item.title}
                  </Link>
                  <span className={styles.meta}>
                    <span>{t.by(item.applicantName, item.municipality ?? '')}</span>
                    <Badge appearance="tint" color={item.state === 'todo' ? 'brand' : item.state === 'scored' ? 'success' : 'informative'}>
                      {m.jury.reviews.state[item.state]}
                    </Badge>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {typeof more === 'object' ? <NoticeBar notice={more} onRetry={() => void loadMore()} onDismiss={() => setMore('idle')} /> : null}
          {data.next ? (
            <div>
              <Button
                appearance="secondary"
                onClick={async () => {
                  const fresh = await loadMore();
                  // The keyboard continues at the first of the new applications.
                  if (fresh[0]) setTimeout(() => document.getElementById(itemId(fresh[0]!.ref))?.focus(), 0);
                }}
                disabled={more === 'loading'}
              >
                {t.more}
              </Button>
            </div>
          ) : null}
          {more === 'loading' || resource.status === 'loading' ? <Loading /> : null}
        </>
      )}
    </div>
  );
}

/** Why the round cannot be scored now, if it cannot. */
function RoundNotice({ round }: { round: Round }) {
  const m = useMessages();
  if (round === 'open') return null;
  return (
    <MessageBar intent={round === 'locked' ? 'info' : 'warning'} layout="multiline">
      <MessageBarBody>{round === 'locked' ? m.jury.roundLocked : m.jury.roundNotOpen}</MessageBarBody>
    </MessageBar>
  );
}

interface DetailProps {
  reference: ApplicationRef;
  position: string | null;
  onBack: () => void;
  onPrevious: (() => void) | undefined;
  onNext: (() => void | Promise<void>) | undefined;
  onChanged: (detail: ReviewDetail) => void;
}

function Detail({ reference, position, onBack, onPrevious, onNext, onChanged }: DetailProps) {
  const m = useMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.reviews;
  const load = useCallback(() => call('review', reference), [call, reference]);
  const { resource, reload, set } = useResource(load);
  const actions = useActions(reload);
  const detail = resource.data;
  const [moving, setMoving] = useState(false);

  const apply = set;
  // Every fresh answer (loaded, or after a score or a recusal) updates the list's state and progress; onChanged is a
  // new function every render, so only the answer itself triggers it.
  const changedRef = useRef(onChanged);
  changedRef.current = onChanged;
  useEffect(() => {
    if (resource.status === 'ready') changedRef.current(resource.data);
  }, [resource]);

  const next = onNext
    ? async () => {
        setMoving(true);
        try {
          await onNext();
        } finally {
          setMoving(false);
        }
      }
    : undefined;

  return (
    <div className={styles.page}>
      <nav className={styles.pager} aria-label={t.pagerLabel}>
        <Button appearance="secondary" onClick={onBack}>
          {t.back}
        </Button>
        <Button appearance="secondary" onClick={onPrevious} disabled={!onPrevious}>
          {t.previous}
        </Button>
        <Button appearance="secondary" onClick={next ? () => void next() : undefined} disabled={!next || moving}>
          {t.next}
        </Button>
        {position ? <span>{position}</span> : null}
      </nav>
      <Heading level={1} id="view-title" focusable>
        {detail ? (detail.application.idea?.title ?? detail.application.id) : t.title}
      </Heading>
      <Placed actions={actions} at="page" />
      {resource.status === 'failed' ? <FailureBar failure={resource.failure} onRetry={() => void reload()} /> : null}
      {detail === undefined ? (
        resource.status === 'loading' ? <Loading /> : null
      ) : (
        <>
          <p className={styles.text}>
            <strong>{t.progress(detail.done, detail.total)}</strong>
          </p>
          <div className={styles.columns}>
            <section className={styles.section} aria-labelledby="review-application">
              <Heading level={2} id="review-application">
                {t.applicationTitle}
              </Heading>
              <ApplicationView application={detail.application} level={2} idPrefix="review" />
            </section>
            <Scoring detail={detail} reference={reference} apply={apply} actions={actions} />
          </div>
          {detail.recusal || detail.state === 'recused' ? null : <Others detail={detail} />}
        </>
      )}
    </div>
  );
}

interface Actions {
  busy: string | null;
  notice: PlacedNotice | null;
  setNotice: (n: PlacedNotice | null) => void;
  perform: Perform<ReviewDetail>;
}

function Placed({ actions, at }: { actions: Actions; at: string }) {
  const n = actions.notice;
  if (!n || n.at !== at) return null;
  return <NoticeBar notice={n} {...(n.retry ? { onRetry: n.retry } : {})} onDismiss={() => actions.setNotice(null)} />;
}

function Scoring({ detail, reference, apply, actions }: { detail: ReviewDetail; reference: ApplicationRef; apply: (d: ReviewDetail) => void; actions: Actions }) {
  const m = useMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.reviews;
  const [values, setValues] = useState<Readonly<Record<string, number>>>(detail.own?.values ?? {});
  const [comment, setComment] = useState(detail.own?.comment ?? '');
  const [fields, setFields] = useState<Readonly<Record<string, string>>>({});
  const formRef = useFocusFirstInvalid(fields);
  const recused = detail.recusal !== undefined || detail.state === 'recused';
  const writable = detail.round === 'open' && !recused;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    void actions.perform('score', () => call('score', { ...reference, values, comment: comment.trim() }), {
      ok: (fresh) => {
        apply(fresh);
        return { intent: 'success', text: m.jury.saved };
      },
      refused: (err) => {
        const f = fieldTexts(err, m, 'score');
        // An incomplete score: every criterion without a value says so, whatever the server named.
        const missing = Object.fromEntries(detail.criteria.filter((c) => values[c.id] === undefined).map((c) => [c.id, m.jury.chooseValue]));
        const shown = { ...(err.error === 'INVALID_SCORE' ? missing : {}), ...f };
        if (Object.keys(shown).length === 0) return false;
        setFields(shown);
        actions.setNotice({ intent: 'error', text: refusalText(err, m), at: 'score' });
        return true;
      },
    });
  };

  return (
    <section className={styles.section} aria-labelledby="review-score">
      <Heading level={2} id="review-score" focusable>
        {t.scoreTitle}
      </Heading>
      {recused ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{recusalText(detail, m)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {!recused && detail.round !== 'open' ? <RoundNotice round={detail.round} /> : null}
      {!recused && detail.round !== 'open' ? <p className={styles.text}>{t.readOnly}</p> : null}
      {writable ? <p className={styles.text}>{m.jury.scoreIntro}</p> : null}
      {recused ? null : (
        <form ref={formRef} className={styles.form} onSubmit={submit} noValidate aria-labelledby="review-score">
          {detail.criteria.map((c) => (
            <Criterion
              key={c.id}
              name={criterionName(c, m)}
              guide={c.guide ?? (c.name === undefined ? m.jury.guide[c.id] : undefined)}
              weight={c.weight}
              value={values[c.id]}
              disabled={!writable}
              error={fields[c.id]}
              onChange={(v) => setValues({ ...values, [c.id]: v })}
            />
          ))}
          <Field label={m.jury.comment} {...(fields.comment ? { validationMessage: fields.comment, validationState: 'error' as const } : {})}>
            <Textarea value={comment} onChange={(_e, d) => setComment(d.value)} readOnly={!writable} maxLength={2000} resize="vertical" />
          </Field>
          {detail.own ? <p className={`${styles.text} ${styles.muted}`}>{t.scoredAt(m.tab.at(detail.own.at))}</p> : null}
          <Placed actions={actions} at="score" />
          {writable ? (
            <div className={styles.buttons}>
              <Button appearance="primary" type="submit" disabled={actions.busy !== null}>
                {m.jury.save}
              </Button>
            </div>
          ) : null}
        </form>
      )}
      {writable ? (
        <div className={styles.buttons}>
          <Recuse reference={reference} apply={apply} actions={actions} />
        </div>
      ) : null}
      <Placed actions={actions} at="recuse" />
    </section>
  );
}

function recusalText(detail: ReviewDetail, m: Messages): string {
  const r = detail.recusal;
  if (!r) return m.jury.recused;
  if (r.automatic) {
    const auto = m.jury.recusedAuto as Readonly<Record<string, string>>;
    return auto[r.reason] ?? m.jury.recused;
  }
  return r.reason ? `${m.jury.recused} ${m.tab.reviews.recusedBecause(r.reason)}` : m.jury.recused;
}

function Criterion({ name, guide, weight, value, disabled, error, onChange }: { name: string; guide: { 1: string; 3: string; 5: string } | undefined; weight: number; value: number | undefined; disabled: boolean; error: string | undefined; onChange: (v: number) => void }) {
  const m = useMessages();
  const styles = useStyles();
  const scale = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);
  return (
    <Field
      label={m.jury.weighted(name, weight)}
      hint={
        guide ? (
          <ul className={styles.guide}>
            <li>1: {guide[1]}</li>
            <li>3: {guide[3]}</li>
            <li>5: {guide[5]}</li>
          </ul>
        ) : (
          m.tab.reviews.noGuide
        )
      }
      {...(error ? { validationMessage: error, validationState: 'error' as const } : {})}
    >
      <RadioGroup layout="horizontal" className={styles.scale} value={value === undefined ? '' : String(value)} onChange={(_e, d) => onChange(Number(d.value))} disabled={disabled}>
        {scale.map((n) => (
          <Radio key={n} value={String(n)} label={m.jury.scale[n] ?? String(n)} />
        ))}
      </RadioGroup>
    </Field>
  );
}

function Recuse({ reference, apply, actions }: { reference: ApplicationRef; apply: (d: ReviewDetail) => void; actions: Actions }) {
  const m = useMessages();
  const { call } = useSession();
  const texts = { trigger: m.jury.recuse, title: m.tab.reviews.recuseTitle, description: m.jury.conflictHint, label: m.jury.recuseReason, cancel: m.jury.confirm.cancel, confirm: m.tab.reviews.recuseConfirm };
  return (
    <ReasonDialog
      texts={texts}
      required
      busy={actions.busy === 'recuse'}
      onSubmit={(reason, outcome) =>
        void actions.perform('recuse', () => call('recuse', { ...reference, reason }), {
          ok: (fresh) => {
            outcome.close();
            apply(fresh);
            // The button that opened the dialog is gone with the form: the keyboard goes to the section's heading,
            // which now says that the juror has recused.
            setTimeout(() => document.getElementById('review-score')?.focus(), 0);
            return null;
          },
          refused: (err) => {
            outcome.fail(fieldTexts(err, m, 'recuse').reason ?? refusalText(err, m));
            return true;
          },
          conflict: () => outcome.close(),
        })
      }
    />
  );
}

function Others({ detail }: { detail: ReviewDetail }) {
  const m = useMessages();
  const styles = useStyles();
  const t = m.tab.reviews;
  const others = detail.others;
  return (
    <section className={styles.section} aria-labelledby="review-others">
      <Heading level={2} id="review-others">
        {t.othersTitle}
      </Heading>
      {others === undefined ? (
        <p className={styles.text}>{t.othersLater}</p>
      ) : others.length === 0 ? (
        <p className={styles.text}>{t.othersNone}</p>
      ) : (
        <ul className={styles.others}>
          {others.map((o, i) => (
            <li key={`${o.jurorName}-${i}`} className={styles.other}>
              <strong>{t.other(o.jurorName, m.jury.decimal(o.mean))}</strong>
              <Facts columns rows={detail.criteria.filter((c) => o.values[c.id] !== undefined).map((c) => [criterionName(c, m), String(o.values[c.id])] as const)} />
              {o.comment ? <p className={styles.text}>{t.comment(o.comment)}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
