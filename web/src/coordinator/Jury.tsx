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
  Input,
  ProgressBar,
} from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import type { JuryResponse } from '../../../src/adapters/tab/contract';
import { Heading } from '../parts/Heading';
import { failureNotice, NoticeBar, type Notice } from '../parts/Notice';
import { refusalText } from '../problems';
import { useActions, type Perform } from '../parts/useActions';
import { useResource } from '../parts/useResource';
import { useSession } from '../session';
import { cohortQuery, focusLater, Pending, Placed, Refreshing, useStyles, ViewHead, type CohortProps } from './parts';
import { recusalReason } from './Ranking';
import { useCoordinatorMessages } from './texts';

type Juror = JuryResponse['jurors'][number];

/** 'Juryn': each juror's progress and recusals, reminders, and who is in the jury. */
export function Jury({ cohortId }: CohortProps) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.jury;
  const load = useCallback(() => call('jury', cohortQuery(cohortId)), [call, cohortId]);
  const { resource, reload, set } = useResource(load, cohortId);
  const actions = useActions(reload);
  const data = resource.data;
  if (!data) return <Pending resource={resource} title={t.title} onRetry={() => void reload()} />;

  const remind = (jurorId: string | undefined, at: string) =>
    void actions.perform(at, () => call('remindJury', { cohortId: data.cohort.id, ...(jurorId ? { jurorId } : {}) }), {
      ok: (answer) => ({ intent: answer.reminded > 0 ? 'success' : 'info', text: t.reminded(answer.reminded) }),
    });
  const behind = data.jurors.some((j) => j.left > 0);

  return (
    <div className={styles.page}>
      <ViewHead title={t.title} cohort={data.cohort}>
        {behind ? (
          <Button appearance="primary" onClick={() => remind(undefined, 'remind-all')} disabledFocusable={actions.busy !== null}>
            {t.remindAll}
          </Button>
        ) : null}
      </ViewHead>
      <Placed notice={actions.notice} at="remind-all" onDismiss={() => actions.setNotice(null)} />
      <Refreshing resource={resource} onRetry={() => void reload()} />
      <p className={styles.text}>{t.intro(data.total)}</p>
      <Placed notice={actions.notice} at="members" onDismiss={() => actions.setNotice(null)} />
      {data.jurors.length === 0 ? (
        <p className={styles.text}>{t.none}</p>
      ) : (
        <ul className={styles.bare} aria-label={t.listLabel}>
          {data.jurors.map((j) => (
            <li key={j.id} className={styles.card}>
              <JurorCard juror={j} total={data.total} cohortName={data.cohort.name} cohortId={data.cohort.id} actions={actions} onRemind={() => remind(j.id, `remind-${j.id}`)} set={set} />
            </li>
          ))}
        </ul>
      )}
      <AddMember cohortId={data.cohort.id} set={set} />
    </div>
  );
}

interface Actions {
  busy: string | null;
  perform: Perform<JuryResponse>;
  notice: ReturnType<typeof useActions<JuryResponse>>['notice'];
  setNotice: ReturnType<typeof useActions<JuryResponse>>['setNotice'];
}

function JurorCard({ juror: j, total, cohortName, cohortId, actions, onRemind, set }: { juror: Juror; total: number; cohortName: string; cohortId: string; actions: Actions; onRemind: () => void; set: (d: JuryResponse) => void }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.jury;
  const [confirming, setConfirming] = useState(false);
  const headingId = `juror-${j.id}`;
  const of = Math.max(total, j.done + j.left);
  const remove = () =>
    void actions.perform('members', () => call('juryMember', { cohortId, email: j.email, add: false }), {
      ok: (fresh) => {
        setConfirming(false);
        set(fresh);
        focusLater('jury-email');
        return { intent: 'success', text: m.jury.commands.removed(j.name) };
      },
    });
  return (
    <>
      <div className={styles.row}>
        <Heading level={2} id={headingId}>
          {j.name}
        </Heading>
        {j.external ? (
          <Badge appearance="outline" color="informative" title={t.externalHint}>
            {t.external}
          </Badge>
        ) : null}
      </div>
      <p className={styles.muted}>{j.email}</p>
      {of > 0 ? (
        <Field label={t.progress(j.done, of)}>
          <ProgressBar aria-label={t.progressLabel(j.name)} value={j.done} max={of} thickness="large" />
        </Field>
      ) : null}
      <Heading level={3} id={`${headingId}-recusals`}>
        {t.recusalsTitle}
      </Heading>
      {j.recusals.length === 0 ? (
        <p className={styles.muted}>{t.recusalsNone}</p>
      ) : (
        <ul className={styles.list} aria-labelledby={`${headingId}-recusals`}>
          {j.recusals.map((r) => (
            <li key={r.ref.applicationId}>{t.recusal(r.title, recusalReason(r, m))}</li>
          ))}
        </ul>
      )}
      <div className={styles.row}>
        {j.left > 0 ? (
          <Button aria-label={t.remindLabel(j.name)} onClick={onRemind} disabledFocusable={actions.busy !== null}>
            {t.remind}
          </Button>
        ) : null}
        <Dialog open={confirming} onOpenChange={(_e, d) => setConfirming(d.open)}>
          <DialogTrigger disableButtonEnhancement>
            <Button appearance="subtle" aria-label={t.removeLabel(j.name)}>
              {t.remove}
            </Button>
          </DialogTrigger>
          <DialogSurface aria-describedby={`${headingId}-remove`}>
            <DialogBody>
              <DialogTitle>{t.removeTitle(j.name)}</DialogTitle>
              <DialogContent id={`${headingId}-remove`}>{t.removeBody(j.name, cohortName)}</DialogContent>
              <DialogActions>
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="secondary">{m.tab.coordinator.cancel}</Button>
                </DialogTrigger>
                <Button appearance="primary" onClick={remove} disabledFocusable={actions.busy !== null}>
                  {t.removeConfirm}
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      </div>
      <Placed notice={actions.notice} at={`remind-${j.id}`} onDismiss={() => actions.setNotice(null)} />
    </>
  );
}

/** Adds a juror by e-mail; nobody with that address (a 404) is said beside the field. */
function AddMember({ cohortId, set }: { cohortId: string; set: (d: JuryResponse) => void }) {
  const m = useCoordinatorMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.jury;
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    const typed = email.trim();
    setNotice(null);
    if (!typed) {
      setError(t.emailRequired);
      focusLater('jury-email');
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const result = await call('juryMember', { cohortId, email: typed, add: true });
      if (result.ok) {
        set(result.data);
        setEmail('');
        const added = result.data.jurors.find((j) => j.email.toLowerCase() === typed.toLowerCase());
        setNotice({ intent: 'success', text: m.jury.commands.added(added?.name ?? typed) });
      } else if (result.failure.kind === 'notFound') {
        setError(m.jury.commands.unknownPerson(typed));
        focusLater('jury-email');
      } else if (result.failure.kind === 'refused') {
        const fields = result.failure.error.fields ?? [];
        setError(fields.some((f) => f.code === 'unknownPerson') ? m.jury.commands.unknownPerson(typed) : fields.length ? m.intake.fieldErrors.invalid() : refusalText(result.failure.error, m));
        focusLater('jury-email');
      } else setNotice(failureNotice(result.failure, m));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-labelledby="jury-add">
      <Heading level={2} id="jury-add">
        {t.addTitle}
      </Heading>
      <p className={styles.text}>{t.addIntro}</p>
      <Field label={t.email} required {...(error ? { validationMessage: error, validationState: 'error' as const } : {})}>
        <Input id="jury-email" type="email" value={email} onChange={(_e, d) => setEmail(d.value)} maxLength={254} autoComplete="off" />
      </Field>
      {notice ? <NoticeBar notice={notice} onRetry={() => void submit()} onDismiss={() => setNotice(null)} /> : null}
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabledFocusable={busy}>
          {t.add}
        </Button>
      </div>
    </form>
  );
}
