import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Textarea, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiError, CriteriaResponse, CriterionFull, SaveCriteriaRequest } from '../../../src/adapters/tab/contract';
import { CRITERIA_LIMITS } from '../../../src/domain/criteria';
import { Heading } from '../parts/Heading';
import { useActions } from '../parts/useActions';
import { useResource } from '../parts/useResource';
import { useSession } from '../session';
import { cohortQuery, focusLater, focusWhen, Pending, Placed, Refreshing, useStyles, ViewHead, type CohortProps } from './parts';
import { criterionName } from './Ranking';
import { useCoordinatorMessages, type CMessages } from './texts';

const GUIDE_KEYS = [1, 3, 5] as const;
type GuideKey = (typeof GUIDE_KEYS)[number];

/** A criterion as it is being edited: the weight as typed, the guide's three texts (empty when none). */
interface Draft {
  /** Which criterion this is on the page (kept through moves; a new one has no `id`). */
  readonly key: string;
  readonly id?: string;
  readonly name: string;
  readonly weight: string;
  readonly guide: Readonly<Record<GuideKey, string>>;
}

/** The sentences beside one criterion's fields. */
type DraftErrors = Partial<Record<'name' | 'weight' | 'guide' | 'id', string>>;

const useLocal = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalL, maxWidth: '48rem' },
  guide: { display: 'grid', gap: tokens.spacingVerticalS },
  weight: { maxWidth: '10rem' },
});

let counter = 0;
const freshKey = () => `new-${++counter}`;
const noGuide = { 1: '', 3: '', 5: '' };

/** The criteria as the form starts: the programme's five worded from the catalog, a cohort's own as saved. */
function draftsOf(criteria: readonly CriterionFull[], m: CMessages): Draft[] {
  return criteria.map((c) => {
    const guide = c.guide ?? (c.name === undefined ? m.jury.guide[c.id] : undefined);
    return {
      key: c.id,
      id: c.id,
      name: criterionName(c, m),
      weight: m.tab.coordinator.oneDecimal(c.weight),
      guide: guide ? { 1: guide[1], 3: guide[3], 5: guide[5] } : noGuide,
    };
  });
}

/** A weight as typed ("1,5", "1.5", "2"), or NaN. */
const parseWeight = (typed: string): number => {
  const clean = typed.replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(clean) ? Number(clean) : Number.NaN;
};

/** The sentence for one of the server's criteria problems. */
function problemText(part: string, code: string, m: CMessages): string {
  const e = m.tab.criteria.errors;
  if (part === 'name') return code === 'tooLong' ? e.tooLong(CRITERIA_LIMITS.name) : code === 'duplicate' ? e.duplicate : e.required;
  if (part === 'weight') return code === 'tooLarge' ? e.tooLarge(CRITERIA_LIMITS.maxWeight) : code === 'notHalfStep' ? e.notHalfStep : e.notPositive;
  if (part === 'guide') return code === 'tooLong' ? e.guideTooLong(CRITERIA_LIMITS.guide) : e.partial;
  return e.unknown;
}

/** 'Urvalskriterier': the cohort's criteria as a form list until the jury round opens, then read-only. */
export function Criteria({ cohortId }: CohortProps) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.criteria;
  const load = useCallback(() => call('criteria', cohortQuery(cohortId)), [call, cohortId]);
  const { resource, reload, set } = useResource(load, cohortId);
  const actions = useActions(reload);
  const data = resource.data;
  if (!data) return <Pending resource={resource} title={t.title} onRetry={() => void reload()} />;
  return (
    <div className={styles.page}>
      <ViewHead title={t.title} cohort={data.cohort} />
      <Refreshing resource={resource} onRetry={() => void reload()} />
      <p className={styles.text}>{t.intro}</p>
      <Placed notice={actions.notice} at="page" onDismiss={() => actions.setNotice(null)} />
      {data.locked ? <ReadOnly data={data} /> : <Editor data={data} set={set} actions={actions} />}
    </div>
  );
}

function ReadOnly({ data }: { data: CriteriaResponse }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const local = useLocal();
  const t = m.tab.criteria;
  return (
    <>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>{t.locked}</MessageBarBody>
      </MessageBar>
      <ol className={local.list} aria-label={t.listLabel}>
        {draftsOf(data.criteria, m).map((d, i) => (
          <li key={d.key} className={styles.card}>
            <Heading level={2} id={`crit-${i}`}>
              {d.name}
            </Heading>
            <p className={styles.text}>{t.weightValue(parseWeight(d.weight))}</p>
            {GUIDE_KEYS.some((k) => d.guide[k]) ? (
              <ul className={styles.list}>
                {GUIDE_KEYS.map((k) => (
                  <li key={k}>
                    {k}: {d.guide[k]}
                  </li>
                ))}
              </ul>
            ) : (
              <p className={styles.muted}>{t.noGuide}</p>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

function Editor({ data, set, actions }: { data: CriteriaResponse; set: (d: CriteriaResponse) => void; actions: ReturnType<typeof useActions<CriteriaResponse>> }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const local = useLocal();
  const { call } = useSession();
  const t = m.tab.criteria;
  const [drafts, setDrafts] = useState<Draft[]>(() => draftsOf(data.criteria, m));
  const [errors, setErrors] = useState<Readonly<Record<string, DraftErrors>>>({});
  const [listError, setListError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // A fresh answer (saved, or reloaded after a conflict) is the form's new start.
  useEffect(() => {
    setDrafts(draftsOf(data.criteria, m));
  }, [data, m]);

  const change = (key: string, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const move = (index: number, by: -1 | 1) => {
    const to = index + by;
    if (to < 0 || to >= drafts.length) return;
    const next = [...drafts];
    [next[index], next[to]] = [next[to]!, next[index]!];
    setDrafts(next);
    // The keyboard follows the criterion it moved, on the same button where there still is one.
    const moved = drafts[index]!.key;
    const button = by < 0 ? (to === 0 ? 'down' : 'up') : to === next.length - 1 ? 'up' : 'down';
    focusLater(`crit-${moved}-${button}`);
  };
  const remove = (index: number) => {
    const next = drafts.filter((_, i) => i !== index);
    setDrafts(next);
    const after = next[index] ?? next[index - 1];
    focusLater(after ? `crit-${after.key}-name` : 'crit-add');
  };
  const add = () => {
    const key = freshKey();
    setDrafts((ds) => [...ds, { key, name: '', weight: '1', guide: noGuide }]);
    focusLater(`crit-${key}-name`);
  };

  /** Every problem beside its field (the list's own above it); the keyboard goes to the first. */
  const show = (byKey: Record<string, DraftErrors>, list: string | null) => {
    setErrors(byKey);
    setListError(list);
    if (Object.keys(byKey).length > 0) focusWhen(() => formRef.current?.querySelector<HTMLElement>('input[aria-invalid="true"], textarea[aria-invalid="true"]'));
    else if (list) focusLater('crit-list-error');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const sent = drafts;
    const local: Record<string, DraftErrors> = {};
    const weights = sent.map((d) => parseWeight(d.weight));
    weights.forEach((w, i) => {
      if (Number.isNaN(w)) local[sent[i]!.key] = { weight: t.errors.notNumber };
    });
    if (Object.keys(local).length > 0) {
      show(local, null);
      return;
    }
    const request: SaveCriteriaRequest = {
      cohortId: data.cohort.id,
      criteria: sent.map((d, i) => {
        const texts = { 1: d.guide[1].trim(), 3: d.guide[3].trim(), 5: d.guide[5].trim() };
        const anyGuide = GUIDE_KEYS.some((k) => texts[k]);
        // One of the programme's own criteria as the catalogue words it stays worded by the catalogue (in each reader's
        // language): its name and guide are sent only when the coordinator changed them.
        const own = d.id ? m.jury.criteria[d.id] : undefined;
        const ownGuide = d.id ? m.jury.guide[d.id] : undefined;
        const keepsName = own !== undefined && d.name.trim() === own;
        const keepsGuide = ownGuide !== undefined && GUIDE_KEYS.every((k) => texts[k] === ownGuide[k]);
        return { ...(d.id ? { id: d.id } : {}), ...(keepsName ? {} : { name: d.name.trim() }), weight: weights[i]!, ...(anyGuide && !keepsGuide ? { guide: texts } : {}) };
      }),
    };
    show({}, null);
    void actions.perform('page', () => call('saveCriteria', request), {
      ok: (fresh) => {
        set(fresh);
        return { intent: 'success', text: t.saved };
      },
      refused: (err: ApiError) => {
        if (err.error !== 'INVALID_CRITERIA' || !err.fields?.length) return false;
        const byKey: Record<string, DraftErrors> = {};
        let list: string | null = null;
        for (const f of err.fields) {
          const [, index, part] = f.field.split('.');
          if (index === undefined) {
            list = f.code === 'tooMany' ? t.errors.tooMany(CRITERIA_LIMITS.count) : t.errors.none;
            continue;
          }
          const draft = sent[Number(index)];
          if (!draft) continue;
          const slot = (part ?? 'id') as keyof DraftErrors;
          const text = problemText(slot, f.code, m);
          byKey[draft.key] = { ...byKey[draft.key], [slot]: byKey[draft.key]?.[slot] ? `${byKey[draft.key]![slot]} ${text}` : text };
        }
        show(byKey, list);
        return true;
      },
      conflict: (err) => (err?.error === 'CRITERIA_LOCKED' ? { intent: 'warning', text: t.lockedNow } : undefined),
    });
  };

  const error = (text: string | undefined) => (text ? { validationMessage: text, validationState: 'error' as const } : {});
  return (
    <form ref={formRef} className={styles.section} onSubmit={submit} noValidate aria-labelledby="view-title">
      {listError ? (
        <p id="crit-list-error" tabIndex={-1} role="alert" className={styles.text}>
          <strong>{listError}</strong>
        </p>
      ) : null}
      <ol className={local.list} aria-label={t.listLabel}>
        {drafts.map((d, i) => {
          const err = errors[d.key] ?? {};
          const n = i + 1;
          return (
            <li key={d.key} className={styles.card}>
              <fieldset className={styles.fieldset}>
                <legend className={styles.legend}>{t.criterion(n)}</legend>
                <Field label={t.name} required {...error(err.name ?? err.id)}>
                  <Input id={`crit-${d.key}-name`} value={d.name} onChange={(_e, v) => change(d.key, { name: v.value })} maxLength={CRITERIA_LIMITS.name + 20} />
                </Field>
                <Field label={t.weight} hint={t.weightHint} required {...error(err.weight)}>
                  <Input className={local.weight} value={d.weight} onChange={(_e, v) => change(d.key, { weight: v.value })} inputMode="decimal" autoComplete="off" maxLength={6} />
                </Field>
                <fieldset className={styles.fieldset}>
                  <legend className={styles.legend}>{t.guideTitle}</legend>
                  <div className={local.guide}>
                    {GUIDE_KEYS.map((k) => (
                      // The sentence stands under the first of the three; all three are marked.
                      <Field key={k} label={t.guide[k]} {...(err.guide ? (k === 1 ? error(err.guide) : { validationState: 'error' as const }) : {})}>
                        <Textarea value={d.guide[k]} onChange={(_e, v) => change(d.key, { guide: { ...d.guide, [k]: v.value } })} maxLength={CRITERIA_LIMITS.guide + 20} resize="vertical" rows={2} />
                      </Field>
                    ))}
                  </div>
                </fieldset>
                <div className={styles.row}>
                  {i > 0 ? (
                    <Button size="small" id={`crit-${d.key}-up`} aria-label={t.moveUpLabel(n)} onClick={() => move(i, -1)}>
                      {t.moveUp}
                    </Button>
                  ) : null}
                  {i < drafts.length - 1 ? (
                    <Button size="small" id={`crit-${d.key}-down`} aria-label={t.moveDownLabel(n)} onClick={() => move(i, 1)}>
                      {t.moveDown}
                    </Button>
                  ) : null}
                  <Button size="small" appearance="subtle" aria-label={t.removeLabel(n)} onClick={() => remove(i)}>
                    {t.remove}
                  </Button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className={styles.row}>
        {drafts.length < CRITERIA_LIMITS.count ? (
          <Button id="crit-add" onClick={add}>
            {t.add}
          </Button>
        ) : null}
        <Button appearance="primary" type="submit" disabledFocusable={actions.busy !== null}>
          {t.save}
        </Button>
      </div>
    </form>
  );
}
