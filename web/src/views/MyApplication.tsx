import {
  Badge,
  Button,
  Field,
  Input,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import type { ApiError, MyApplicationResponse } from '../../../src/adapters/tab/contract';
import { formatSek } from '../../../src/domain/budget';
import { useMessages } from '../i18n';
import { fieldTexts, refusalText } from '../problems';
import { useSession } from '../session';
import { ApplicationView, Identity } from '../parts/ApplicationView';
import { ApprovalList, stateColour, Timeline } from '../parts/Timeline';
import { ReasonDialog } from '../parts/ReasonDialog';
import { ChatButton } from '../parts/ChatButton';
import { BudgetPart } from '../parts/BudgetPart';
import { Facts } from '../parts/Facts';
import { Heading } from '../parts/Heading';
import { Loading } from '../parts/Loading';
import { FailureBar, NoticeBar } from '../parts/Notice';
import { useActions, type Perform, type PlacedNotice } from '../parts/useActions';
import { useFocusFirstInvalid } from '../parts/useFocusFirstInvalid';
import { useResource } from '../parts/useResource';

type Mine = MyApplicationResponse;
type Participant = NonNullable<Mine['participant']>;
type Programme = Mine['programme'];

const useStyles = makeStyles({
  page: { display: 'grid', gap: tokens.spacingVerticalXL, maxWidth: '60rem' },
  section: { display: 'grid', gap: tokens.spacingVerticalM },
  ideaTitle: { ...typographyStyles.subtitle2, margin: 0, color: tokens.colorNeutralForeground1, overflowWrap: 'anywhere' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  text: { margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'grid', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground2 },
  form: { display: 'grid', gap: tokens.spacingVerticalM, maxWidth: '32rem' },
});

/** 'Min ansökan' (and 'Start'): the person's application in full, or the programme when they have none yet. */
export function MyApplication() {
  const m = useMessages();
  const { call } = useSession();
  const load = useCallback(() => call('application', {}), [call]);
  const { resource, reload, set } = useResource(load);
  const actions = useActions(reload);

  if (resource.data === undefined) {
    // The view's title comes with its data (it is "Välkommen" without an application); a failure still names the view.
    return resource.status === 'failed' ? (
      <>
        <Heading level={1} id="view-title">
          {m.tab.application.title}
        </Heading>
        <FailureBar failure={resource.failure} onRetry={() => void reload()} />
      </>
    ) : (
      <Loading />
    );
  }
  const data = resource.data;
  return (
    <>
      {resource.status === 'failed' ? <FailureBar failure={resource.failure} onRetry={() => void reload()} /> : null}
      {data.application ? <Application data={data} set={set} actions={actions} /> : <Home programme={data.programme} />}
      {resource.status === 'loading' ? <Loading label={m.tab.loading} /> : null}
    </>
  );
}

/** The page for someone without an application: the programme, whether intake is open, and the way to apply. */
export function Home({ programme }: { programme: Programme }) {
  const m = useMessages();
  const styles = useStyles();
  const intake = programme.intakeOpen
    ? programme.intakeClosesAt
      ? m.cohorts.intakeOpen(m.date(programme.intakeClosesAt))
      : m.tab.home.intakeOpenNow
    : programme.nextOpensAt
      ? m.cohorts.intakeNotYet(m.date(programme.nextOpensAt))
      : `${m.intake.closed} ${m.intake.noNextKnown}`;
  return (
    <div className={styles.page}>
      <Heading level={1} id="view-title">
        {m.tab.home.title}
      </Heading>
      <p className={styles.text}>{m.welcome.body}</p>
      <section className={styles.section} aria-labelledby="home-programme">
        <Heading level={2} id="home-programme">
          {m.about.title}
        </Heading>
        {programme.cohortName ? <p className={styles.text}>{m.tab.home.cohort(programme.cohortName)}</p> : null}
        <p className={styles.text}>{intake}</p>
        <p className={styles.text}>{m.about.who}</p>
        <p className={styles.text}>{m.tab.home.noApplication}</p>
        <div className={styles.row}>
          <ChatButton label={m.tab.chat.apply} appearance="primary" fallback={<p className={styles.text}>{m.tab.chat.applyLocal}</p>} />
        </div>
      </section>
    </div>
  );
}

interface Actions {
  busy: string | null;
  notice: PlacedNotice | null;
  setNotice: (n: PlacedNotice | null) => void;
  perform: Perform<MyApplicationResponse>;
}

function Placed({ actions, at }: { actions: Actions; at: string }) {
  const n = actions.notice;
  if (!n || n.at !== at) return null;
  return <NoticeBar notice={n} {...(n.retry ? { onRetry: n.retry } : {})} onDismiss={() => actions.setNotice(null)} />;
}

function Application({ data, set, actions }: { data: Mine; set: (d: Mine) => void; actions: Actions }) {
  const m = useMessages();
  const styles = useStyles();
  const a = data.application!;
  const t = m.tab.application;
  return (
    <div className={styles.page}>
      <Heading level={1} id="view-title">
        {t.title}
      </Heading>
      <Placed actions={actions} at="page" />
      <section className={styles.section} aria-labelledby="app-status">
        <Heading level={2} id="app-status">
          {m.intake.status.state}
        </Heading>
        {a.idea ? <p className={styles.ideaTitle}>{a.idea.title}</p> : null}
        <div className={styles.row}>
          <Badge appearance="tint" color={stateColour(a.state)} size="large">
            {m.states[a.state]}
          </Badge>
        </div>
        <Identity application={a} />
        <Heading level={3} id="app-next">
          {m.intake.status.next}
        </Heading>
        <p className={styles.text}>{t.next[a.state]}</p>
        {data.selectionFeedback ? (
          <>
            <Heading level={3} id="app-feedback">
              {t.feedbackTitle}
            </Heading>
            <p className={styles.text}>{data.selectionFeedback}</p>
          </>
        ) : null}
        {data.withdrawable ? (
          <div className={styles.row}>
            <Withdraw data={data} set={set} actions={actions} />
          </div>
        ) : null}
        <Placed actions={actions} at="withdraw" />
      </section>
      {data.participant ? <ParticipantPart data={data} participant={data.participant} set={set} actions={actions} /> : null}
      <ApplicationView application={a} level={1} viewerIsApplicant={data.lead} showIdentity={false} idPrefix="app" />
      <section className={styles.section} aria-labelledby="app-decisions">
        <Heading level={2} id="app-decisions">
          {t.decisionsTitle}
        </Heading>
        <ApprovalList approvals={data.approvals} requested={a.leave} />
      </section>
      <section className={styles.section} aria-labelledby="app-timeline">
        <Heading level={2} id="app-timeline">
          {m.intake.status.timeline}
        </Heading>
        <Timeline entries={data.timeline} />
      </section>
    </div>
  );
}

function Withdraw({ data, set, actions }: { data: Mine; set: (d: Mine) => void; actions: Actions }) {
  const m = useMessages();
  const { call } = useSession();
  const a = data.application!;
  const texts = { trigger: m.intake.buttons.withdraw, title: m.intake.withdraw.title, description: m.intake.withdraw.body, label: m.intake.fields.reason, cancel: m.intake.buttons.keep, confirm: m.intake.buttons.confirmWithdraw };
  return (
    <ReasonDialog
      texts={texts}
      busy={actions.busy === 'withdraw'}
      onSubmit={(reason, outcome) =>
        void actions.perform('withdraw', () => call('withdraw', { cohortId: a.cohortId, applicationId: a.id, ...(reason ? { reason } : {}) }), {
          form: 'withdraw',
          ok: (fresh) => {
            set(fresh);
            outcome.close();
            return { intent: 'success', text: m.intake.withdraw.done };
          },
          refused: (err: ApiError) => {
            outcome.fail(fieldTexts(err, m, 'withdraw').reason ?? refusalText(err, m));
            return true;
          },
          conflict: () => outcome.close(),
        })
      }
    />
  );
}

function ParticipantPart({ data, participant: p, set, actions }: { data: Mine; participant: Participant; set: (d: Mine) => void; actions: Actions }) {
  const m = useMessages();
  const styles = useStyles();
  const t = m.tab.participant;
  const a = data.application!;
  const names = (list: readonly string[]) => (list.length ? m.list(list) : t.nobodyYet);
  return (
    <section className={styles.section} aria-labelledby="team-title">
      <Heading level={2} id="team-title">
        {t.title}
      </Heading>
      <Facts
        columns
        rows={[
          [t.phase, m.states[a.state]],
          [t.mentors(p.mentorNames.length), names(p.mentorNames)],
          [t.sponsors(p.sponsorNames.length), names(p.sponsorNames)],
          p.outcome ? [t.outcome, m.states[p.outcome]] : null,
        ]}
      />
      {p.budget ? (
        <>
          <Heading level={3} id="team-budget">
            {t.budgetTitle}
          </Heading>
          <BudgetPart budget={p.budget} caption={t.expensesTitle} idPrefix="team" level={3} />
        </>
      ) : (
        <p className={styles.text}>{m.programme.expense.noBudget}</p>
      )}
      {p.mayReportExpense ? <ExpenseForm set={set} actions={actions} /> : null}
    </section>
  );
}

function ExpenseForm({ set, actions }: { set: (d: Mine) => void; actions: Actions }) {
  const m = useMessages();
  const styles = useStyles();
  const { call } = useSession();
  const t = m.tab.participant;
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [fields, setFields] = useState<Readonly<Record<string, string>>>({});
  const formRef = useFocusFirstInvalid(fields);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFields({});
    const typed = { amount, description };
    void actions.perform('expense', () => call('expense', typed), {
      form: 'expense',
      ok: (fresh) => {
        set(fresh);
        setAmount('');
        setDescription('');
        // The amount as the server read and stored it: the newest expense.
        const reported = fresh.participant?.budget?.expenses.at(-1);
        const left = fresh.participant?.budget?.leftOre;
        return { intent: 'success', text: m.programme.expense.reported(reported ? formatSek(reported.ore) : typed.amount, left === undefined ? '' : formatSek(left)) };
      },
      refused: (err) => {
        const f = fieldTexts(err, m, 'expense');
        if (Object.keys(f).length > 0) {
          setFields(f);
          return true;
        }
        return false;
      },
    });
  };
  const field = (name: string) => (fields[name] ? { validationMessage: fields[name], validationState: 'error' as const } : {});
  return (
    <form ref={formRef} className={styles.form} onSubmit={submit} aria-labelledby="expense-title" noValidate>
      <Heading level={3} id="expense-title">
        {t.reportTitle}
      </Heading>
      <p className={styles.text}>{t.reportIntro}</p>
      <Field label={m.programme.expense.amount} hint={t.amountHint} required {...field('amount')}>
        <Input value={amount} onChange={(_e, d) => setAmount(d.value)} inputMode="decimal" autoComplete="off" maxLength={40} />
      </Field>
      <Field label={t.description} required {...field('description')}>
        <Input value={description} onChange={(_e, d) => setDescription(d.value)} maxLength={500} />
      </Field>
      <Placed actions={actions} at="expense" />
      <div>
        <Button appearance="primary" type="submit" disabled={actions.busy === 'expense'}>
          {t.report}
        </Button>
      </div>
    </form>
  );
}
