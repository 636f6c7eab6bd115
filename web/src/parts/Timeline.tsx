import { makeStyles, tokens } from '@fluentui/react-components';
import type { MyApplicationResponse } from '../../../src/adapters/tab/contract';
import type { Messages } from '../../../src/i18n';
import { useMessages } from '../i18n';
import { leaveText } from './ApplicationView';

type Approval = MyApplicationResponse['approvals'][number];
type Entry = MyApplicationResponse['timeline'][number];

const useStyles = makeStyles({
  text: { margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'grid', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** Each manager's decision on an application, with the leave they approved and their reason. */
export function ApprovalList({ approvals, requested }: { approvals: readonly Approval[]; requested: Leave | undefined }) {
  const m = useMessages();
  const styles = useStyles();
  const t = m.tab.application;
  if (approvals.length === 0) return <p className={styles.text}>{t.decisionsNone}</p>;
  return (
    <ul className={styles.list}>
      {approvals.map((ap, i) => (
        <li key={`${ap.memberName}-${i}`}>
          <strong>{ap.memberName}</strong>: {approvalLine(ap, m)}
          {ap.status === 'approved' && ap.leave ? (
            <>
              <br />
              {t.leaveApprovedFor(ap.memberName)}: {approvedLeave(ap.leave, requested, m)}
            </>
          ) : null}
          {ap.reason ? (
            <>
              <br />
              {t.reason(ap.reason)}
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** An application's timeline (the audit trail as people read it): when, what, who, and why where it says why. */
export function Timeline({ entries }: { entries: readonly Entry[] }) {
  const m = useMessages();
  const styles = useStyles();
  const t = m.tab.application;
  if (entries.length === 0) return <p className={styles.text}>{t.timelineEmpty}</p>;
  return (
    <ol className={styles.list}>
      {entries.map((e, i) => (
        <li key={`${e.at}-${i}`}>
          <time dateTime={e.at}>{m.tab.at(e.at)}</time>: {eventText(e.action, e.toState, m)}
          {e.reason && NAMING.has(e.action) ? `: ${e.reason}` : ''} ({e.actorName ?? t.system})
          {e.reason && !NAMING.has(e.action) && !UNTOLD.has(e.action) ? (
            <>
              <br />
              <span className={styles.muted}>{t.reason(e.reason)}</span>
            </>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** Decisions whose audit reason names whom it concerns (a member, a manager, a mentor) rather than why. */
const NAMING: ReadonlySet<string> = new Set(['memberApproved', 'escalated', 'reassigned', 'mentorAssigned', 'sponsorAssigned']);
/** Decisions whose audit reason is an internal id (the expense's), which says nothing to a person. */
const UNTOLD: ReadonlySet<string> = new Set(['expenseReported', 'expenseApproved', 'expenseRejected']);

/** What happened, as the log tells it to anyone (the catalog's neutral wording), or the state it led to. */
export function eventText(action: string, toState: keyof Messages['states'], m: Messages): string {
  const events = m.programme.log.events as Readonly<Record<string, string>>;
  return events[action] ?? m.states[toState];
}

export function approvalLine(ap: Approval, m: Messages): string {
  const when = ap.decidedAt ? m.date(ap.decidedAt) : '';
  switch (ap.status) {
    case 'pending':
      return ap.escalated ? `${m.tab.application.pending(ap.managerName)} ${m.tab.application.escalated}` : m.tab.application.pending(ap.managerName);
    case 'approved':
      return m.approval.decided.approved(ap.decidedByName ?? ap.managerName, when);
    case 'declined':
      return m.approval.decided.declined(ap.decidedByName ?? ap.managerName, when);
    case 'changesRequested':
      return m.approval.decided.changesRequested(ap.decidedByName ?? ap.managerName, when);
    case 'superseded':
      return m.approval.decided.superseded;
  }
}

type Leave = { extentPercent: number; start: string; end: string };
const sameLeave = (a: Leave, b: Leave | undefined) => Boolean(b) && a.extentPercent === b!.extentPercent && a.start === b!.start && a.end === b!.end;

/** The leave a manager approved, marked as asked for or as changed by the manager. */
function approvedLeave(approved: Leave, requested: Leave | undefined, m: Messages): string {
  const text = leaveText(approved, m);
  if (!requested) return text;
  return sameLeave(approved, requested) ? m.approval.sameLeave(text) : m.approval.changedLeave(text);
}

/** The colour of a state's badge: good news green, something to do yellow, the end of the road red. */
export function stateColour(state: keyof Messages['states']): 'brand' | 'success' | 'warning' | 'danger' | 'informative' {
  switch (state) {
    case 'approved':
    case 'selected':
    case 'continuing':
    case 'keptAsProject':
    case 'handedToLine':
    case 'spunOut':
      return 'success';
    case 'changesRequested':
    case 'waitlisted':
      return 'warning';
    case 'declined':
    case 'notSelected':
    case 'withdrawn':
      return 'danger';
    default:
      return 'brand';
  }
}
