import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Textarea, tokens, typographyStyles } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { RECOMMEND_ERROR, type ApiError, type ApprovalsResponse, type DecideRequest, type PendingApproval } from '../../../src/adapters/tab/contract';
import { REASON_MAX } from '../../../src/domain/recommendation';
import { recommendRefusalText } from '../../../src/i18n/recommend-refusal';
import type { Messages } from '../../../src/i18n';
import { useMessages } from '../i18n';
import { fieldTexts } from '../problems';
import { useSession } from '../session';
import { ApplicationView } from '../parts/ApplicationView';
import { ChatButton } from '../parts/ChatButton';
import { Facts } from '../parts/Facts';
import { focusViewTitle, Heading } from '../parts/Heading';
import { Loading } from '../parts/Loading';
import { FailureBar, NoticeBar } from '../parts/Notice';
import { useActions, type Perform, type PlacedNotice } from '../parts/useActions';
import { useFocusFirstInvalid } from '../parts/useFocusFirstInvalid';
import { useResource } from '../parts/useResource';

type Decision = DecideRequest['decision'];
type Decided = ApprovalsResponse['history'][number];

const useStyles = makeStyles({
  page: { display: 'grid', gap: tokens.spacingVerticalXL, maxWidth: '60rem' },
  text: { margin: 0 },
  section: { display: 'grid', gap: tokens.spacingVerticalM },
  card: {
    display: 'grid',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '36rem' },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM, minWidth: 0 },
  legend: { ...typographyStyles.body1Strong, padding: 0, marginBottom: tokens.spacingVerticalS, color: tokens.colorNeutralForeground1 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'grid', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground2 },
});

const keyOf = (ref: PendingApproval['ref']) => `${ref.cohortId}-${ref.applicationId}-${ref.memberId}`;
const sameRef = (a: PendingApproval['ref'], b: PendingApproval['ref']) => a.cohortId === b.cohortId && a.applicationId === b.applicationId && a.memberId === b.memberId;

/** 'Att godkänna': every decision waiting for the manager or HR contact, each with the whole application and the form. */
export function Approvals({ initial }: { initial?: PendingApproval['ref'] }) {
  const m = useMessages();
  const styles = useStyles();
  const { call, me } = useSession();
  const mayRecommend = me.roles.includes('manager');
  const load = useCallback(() => call('approvals', {}), [call]);
  const { resource, reload, set } = useResource(load);
  const actions = useActions(reload);
  const t = m.tab.approvals;
  const data = resource.data;

  // A deep link to one decision (the card's "open in the tab"): once loaded, the keyboard and the screen go there; if
  // it is no longer waiting, the page says so and how it was decided, when the person decided it.
  const opened = useRef(false);
  useEffect(() => {
    if (!initial || opened.current || resource.status !== 'ready') return;
    opened.current = true;
    const waiting = resource.data.pending.find((p) => sameRef(p.ref, initial));
    if (waiting) {
      const heading = document.getElementById(`pa-${keyOf(waiting.ref)}`);
      heading?.scrollIntoView({ block: 'start' });
      heading?.focus();
      return;
    }
    const decided = resource.data.history.find((h) => sameRef(h.ref, initial));
    actions.setNotice({ intent: 'info', text: decided ? `${m.approval.alreadyDecided} ${historyLine(decided, m)}` : m.approval.list.none, at: 'page' });
  }, [initial, resource, actions, m]);

  return (
    <div className={styles.page}>
      <Heading level={1} id="view-title" focusable>
        {t.title}
      </Heading>
      <p className={styles.text}>{t.intro}</p>
      <Placed actions={actions} at="page" />
      {resource.status === 'failed' ? <FailureBar failure={resource.failure} onRetry={() => void reload()} /> : null}
      {data === undefined ? (
        resource.status === 'loading' ? <Loading /> : null
      ) : (
        <>
          <section className={styles.section} aria-labelledby="approvals-pending">
            <Heading level={2} id="approvals-pending">
              {m.approval.list.title}
            </Heading>
            {data.pending.length === 0 ? (
              <p className={styles.text}>{m.approval.list.none}</p>
            ) : (
              <>
                {data.more ? <p className={styles.text}>{m.approval.list.more(data.pending.length)}</p> : null}
                {data.pending.map((p) => (
                  <Pending key={keyOf(p.ref)} pending={p} actions={actions} set={set} history={data.history} />
                ))}
              </>
            )}
          </section>
          <section className={styles.section} aria-labelledby="approvals-history">
            <Heading level={2} id="approvals-history">
              {t.historyTitle}
            </Heading>
            {data.history.length === 0 ? (
              <p className={styles.text}>{t.historyNone}</p>
            ) : (
              <ul className={styles.list}>
                {data.history.map((h, i) => (
                  <li key={`${keyOf(h.ref)}-${i}`}>
                    <strong>{h.title}</strong>
                    <br />
                    {historyLine(h, m)}
                    {h.reason ? (
                      <>
                        <br />
                        <span className={styles.muted}>{m.tab.application.reason(h.reason)}</span>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {resource.status === 'loading' ? <Loading /> : null}
        </>
      )}
      {mayRecommend ? <RecommendForm actions={actions} /> : null}
    </div>
  );
}

/** The words of a refused recommendation (the server's reason and names, the catalogue's sentence, as in the chat). */
function recommendRefusal(error: ApiError | undefined, m: Messages): string | undefined {
  const facts = error?.error === RECOMMEND_ERROR ? error.facts : undefined;
  return facts ? recommendRefusalText(facts.reason, facts, m) : undefined;
}

/** For managers: recommend someone who reports to them (issue 17). Who may be recommended is the server's to say. */
function RecommendForm({ actions }: { actions: Actions }) {
  const m = useMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.recommend.tab;
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const said = (error: ApiError | undefined): PlacedNotice | null => {
    const text = recommendRefusal(error && error.facts ? { ...error, facts: { ...error.facts, email } } : error, m);
    return text ? { intent: 'warning', text, at: 'recommend' } : null;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void actions.perform('recommend', () => call('recommend', { email, reason }), {
      ok: (done) => {
        setEmail('');
        setReason('');
        return { intent: 'success', text: m.recommend.sent(done.personName, done.cohortName) };
      },
      refused: (err) => {
        const notice = said(err);
        if (notice) actions.setNotice(notice);
        return notice !== null;
      },
      conflict: (err) => said(err),
    });
  };
  return (
    <section className={styles.section} aria-labelledby="recommend-title">
      <form className={styles.form} onSubmit={submit} noValidate>
        <Heading level={2} id="recommend-title">
          {t.title}
        </Heading>
        <p className={styles.text}>{t.intro}</p>
        <Field label={t.email} required>
          <Input type="email" value={email} onChange={(_e, d) => setEmail(d.value)} maxLength={320} autoComplete="off" />
        </Field>
        <Field label={t.reason} required>
          <Textarea value={reason} onChange={(_e, d) => setReason(d.value)} maxLength={REASON_MAX} />
        </Field>
        <Placed actions={actions} at="recommend" />
        <div>
          <Button appearance="primary" type="submit" disabled={actions.busy === 'recommend'}>
            {t.send}
          </Button>
        </div>
      </form>
    </section>
  );
}

const historyLine = (h: Decided, m: Messages) => m.tab.approvals.historyLine(h.memberName, m.tab.approvals.action[h.action] ?? h.action, m.tab.at(h.at));

interface Actions {
  busy: string | null;
  notice: PlacedNotice | null;
  setNotice: (n: PlacedNotice | null) => void;
  perform: Perform<ApprovalsResponse>;
}

function Placed({ actions, at }: { actions: Actions; at: string }) {
  const n = actions.notice;
  if (!n || n.at !== at) return null;
  return <NoticeBar notice={n} {...(n.retry ? { onRetry: n.retry } : {})} onDismiss={() => actions.setNotice(null)} />;
}

/**
 * The decision that stands after a conflict: as the server's facts tell it (status, by, at), else as the caller's
 * own history has it, else only that someone else got there first.
 */
function standing(error: ApiError | undefined, ref: PendingApproval['ref'], history: readonly Decided[], m: Messages): string {
  const facts = error?.facts ?? {};
  const status = facts.status;
  const by = facts.decidedByName ?? facts.by ?? '';
  const when = facts.decidedAt ?? facts.at;
  const date = when ? m.date(when) : '';
  if (status === 'approved') return m.tab.approvals.standing(m.approval.decided.approved(by, date));
  if (status === 'declined') return m.tab.approvals.standing(m.approval.decided.declined(by, date));
  if (status === 'changesRequested') return m.tab.approvals.standing(m.approval.decided.changesRequested(by, date));
  if (status === 'superseded') return m.approval.decided.superseded;
  const mine = history.find((h) => sameRef(h.ref, ref));
  return mine ? m.tab.approvals.standing(historyLine(mine, m)) : '';
}

function Pending({ pending: p, actions, set, history }: { pending: PendingApproval; actions: Actions; set: (d: ApprovalsResponse) => void; history: readonly Decided[] }) {
  const m = useMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.approvals;
  const a = p.application;
  const key = keyOf(p.ref);
  const [extent, setExtent] = useState(a.leave ? String(a.leave.extentPercent) : '');
  const [leaveStart, setLeaveStart] = useState(a.leave?.start ?? '');
  const [leaveEnd, setLeaveEnd] = useState(a.leave?.end ?? '');
  const [attestPermanent, setAttestPermanent] = useState(false);
  const [attestOneYear, setAttestOneYear] = useState(false);
  const [reason, setReason] = useState('');
  const [fields, setFields] = useState<Readonly<Record<string, string>>>({});
  const formRef = useFocusFirstInvalid(fields);

  const isApplicant = p.memberName === a.applicantName;
  const permanent = p.member.permanentEmployment ?? (isApplicant ? a.about?.permanentEmployment : undefined);
  const employedSince = p.member.employmentStart ?? (isApplicant ? a.about?.employmentStart : undefined);

  const decide = (decision: Decision) => (e?: FormEvent) => {
    e?.preventDefault();
    setFields({});
    const trimmed = reason.trim();
    const request: DecideRequest =
      decision === 'approve'
        ? { ...p.ref, decision, extentPercent: extent.trim(), leaveStart, leaveEnd, attestPermanent, attestOneYear, ...(trimmed ? { reason: trimmed } : {}) }
        : { ...p.ref, decision, reason: trimmed };
    const before = history;
    void actions.perform(key, () => call('decide', request), {
      form: 'decide',
      ok: (fresh) => {
        set(fresh);
        focusViewTitle();
        return { intent: 'success', text: t.saved[decision](p.memberName), at: 'page' };
      },
      refused: (err) => {
        const f = fieldTexts(err, m, 'decide');
        if (Object.keys(f).length === 0) return false;
        setFields(f);
        return true;
      },
      conflict: (err, reloaded) => {
        focusViewTitle();
        const stands = standing(err, p.ref, reloaded?.history ?? before, m);
        return { intent: 'warning', title: m.tab.problems.conflictTitle, text: `${t.conflict(p.memberName)}${stands ? ` ${stands}` : ''}`, at: 'page' };
      },
    });
  };

  const field = (name: string) => (fields[name] ? { validationMessage: fields[name], validationState: 'error' as const } : {});
  const titleId = `pa-${key}`;
  const busy = actions.busy === key;
  return (
    <section className={styles.card} aria-labelledby={titleId}>
      <Heading level={3} id={titleId} focusable>
        {m.approval.title(p.memberName)}
      </Heading>
      <p className={styles.text}>{m.approval.list.since(p.memberName, m.date(p.requestedAt))}</p>
      {p.asHrContact ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t.asHrContact(p.managerName)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {p.namedByApplicant ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{m.approval.namedByApplicant(a.applicantName, p.managerName, p.namedByApplicant.directoryManagerName)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {p.asHrContact ? null : <p className={styles.text}>{m.approval.intro}</p>}
      <ApplicationView application={a} level={3} showEmployment={false} idPrefix={titleId} />
      <section className={styles.section} aria-labelledby={`${titleId}-member`}>
        <Heading level={4} id={`${titleId}-member`}>
          {t.memberTitle(p.memberName)}
        </Heading>
        <Facts
          rows={[
            [m.tab.application.permanent, permanent === undefined ? t.memberNoAnswer : permanent ? m.tab.application.yes : m.tab.application.no],
            [m.approval.employedSince, employedSince ? m.date(employedSince) : t.memberNoAnswer],
          ]}
        />
      </section>
      <form ref={formRef} className={styles.form} onSubmit={decide('approve')} aria-labelledby={`${titleId}-decision ${titleId}`} noValidate>
        <Heading level={4} id={`${titleId}-decision`}>
          {t.decisionTitle}
        </Heading>
        <Field {...field('attestPermanent')}>
          <Checkbox checked={attestPermanent} onChange={(_e, d) => setAttestPermanent(d.checked === true)} label={m.approval.attestPermanent(p.memberName)} />
        </Field>
        <Field {...field('attestOneYear')}>
          <Checkbox checked={attestOneYear} onChange={(_e, d) => setAttestOneYear(d.checked === true)} label={m.approval.attestOneYear(p.memberName)} />
        </Field>
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>{m.approval.leaveTitle}</legend>
          {p.programmeStartsOn ? <p className={styles.text}>{m.approval.leaveHint(m.date(p.programmeStartsOn))}</p> : null}
          <Field label={m.approval.extent} {...field('extentPercent')}>
            <Input value={extent} onChange={(_e, d) => setExtent(d.value)} inputMode="numeric" maxLength={10} autoComplete="off" />
          </Field>
          <Field label={m.intake.fields.leaveStart} {...field('leaveStart')}>
            <Input type="date" value={leaveStart} onChange={(_e, d) => setLeaveStart(d.value)} />
          </Field>
          <Field label={m.intake.fields.leaveEnd} {...field('leaveEnd')}>
            <Input type="date" value={leaveEnd} onChange={(_e, d) => setLeaveEnd(d.value)} />
          </Field>
        </fieldset>
        <Field label={m.approval.reason} {...field('reason')}>
          <Textarea value={reason} onChange={(_e, d) => setReason(d.value)} maxLength={2000} resize="vertical" />
        </Field>
        {fields.decision ? <p className={styles.text}>{fields.decision}</p> : null}
        <Placed actions={actions} at={key} />
        <div className={styles.buttons}>
          <Button appearance="primary" type="submit" disabled={busy}>
            {m.approval.approve}
          </Button>
          <Button appearance="secondary" onClick={decide('decline')} disabled={busy}>
            {m.approval.decline}
          </Button>
          <Button appearance="secondary" onClick={decide('requestChanges')} disabled={busy}>
            {m.approval.requestChanges}
          </Button>
          {p.asHrContact ? <ChatButton label={m.tab.header.chat} /> : null}
        </div>
      </form>
    </section>
  );
}
