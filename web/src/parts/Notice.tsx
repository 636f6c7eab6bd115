import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Messages } from '../../../src/i18n';
import type { Failure } from '../api';
import { useMessages } from '../i18n';
import { MOVED, refusalText, type Form } from '../problems';

/** Something the page tells the person: what happened, and what they can do about it. */
export interface Notice {
  readonly intent: 'success' | 'info' | 'warning' | 'error';
  readonly title?: string;
  readonly text: string;
  /** 'retry' offers "Försök igen" (the caller says what to retry); 'reload' offers reloading the tab. */
  readonly action?: 'retry' | 'reload';
}

/** What a failed call means to the person, in their language. */
export function failureNotice(failure: Failure, m: Messages, form?: Form): Notice {
  const t = m.tab.problems;
  switch (failure.kind) {
    case 'unreachable':
      return { intent: 'error', title: t.unreachableTitle, text: t.unreachable, action: 'retry' };
    case 'broken':
      return { intent: 'error', title: t.brokenTitle, text: t.broken, action: 'retry' };
    case 'expired':
      return { intent: 'warning', title: t.expiredTitle, text: t.expired, action: 'reload' };
    case 'signIn':
      return { intent: 'error', title: t.signInTitle, text: t.signIn, action: 'reload' };
    case 'forbidden':
      return { intent: 'warning', title: t.forbiddenTitle, text: failure.error ? refusalText(failure.error, m, form) : m.errors.NOT_ALLOWED };
    case 'notFound':
      return { intent: 'warning', title: t.notFoundTitle, text: failure.error ? refusalText(failure.error, m, form) : m.errors.NOT_FOUND };
    case 'conflict':
      // A 409 that says why (the round is locked, the intake closed, a recusal) says that; else someone was first.
      return failure.error && !MOVED.has(failure.error.error)
        ? { intent: 'warning', title: t.refusedTitle, text: refusalText(failure.error, m, form) }
        : { intent: 'warning', title: t.conflictTitle, text: t.conflict };
    case 'refused':
      return { intent: 'error', title: t.refusedTitle, text: refusalText(failure.error, m, form) };
  }
}

/**
 * A notice as a Fluent MessageBar (announced to screen readers: errors at once, the rest politely), with the
 * action it offers: "Försök igen" or "Ladda om fliken", and a close button when it can be dismissed.
 */
export function NoticeBar({ notice, onRetry, onDismiss }: { notice: Notice; onRetry?: () => void; onDismiss?: () => void }) {
  const m = useMessages();
  const actions = [
    notice.action === 'retry' && onRetry ? (
      <Button key="retry" appearance="primary" onClick={onRetry}>
        {m.actionFailed.retry}
      </Button>
    ) : null,
    notice.action === 'reload' ? (
      <Button key="reload" appearance="primary" onClick={() => window.location.reload()}>
        {m.tab.problems.reload}
      </Button>
    ) : null,
  ].filter(Boolean);
  return (
    <MessageBar intent={notice.intent} layout="multiline">
      <MessageBarBody>
        {notice.title ? <MessageBarTitle>{notice.title}</MessageBarTitle> : null}
        {notice.title ? ' ' : null}
        {notice.text}
      </MessageBarBody>
      {actions.length > 0 || onDismiss ? (
        <MessageBarActions
          containerAction={
            onDismiss ? (
              <Button appearance="transparent" aria-label={m.tab.problems.dismiss} onClick={onDismiss}>
                ×
              </Button>
            ) : undefined
          }
        >
          {actions}
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

/** A failed load in place of the content, with "Försök igen". */
export function FailureBar({ failure, onRetry }: { failure: Failure; onRetry: () => void }) {
  const m = useMessages();
  return <NoticeBar notice={failureNotice(failure, m)} onRetry={onRetry} />;
}
