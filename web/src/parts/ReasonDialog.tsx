import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, Textarea } from '@fluentui/react-components';
import { useId, useState, type FormEvent } from 'react';

export interface ReasonDialogTexts {
  /** The button that opens the dialog. */
  readonly trigger: string;
  readonly title: string;
  readonly description: string;
  readonly label: string;
  readonly cancel: string;
  readonly confirm: string;
}

/** What the dialog's owner does with the reason: closes it when done, or puts a sentence beside the field. */
export interface ReasonOutcome {
  close(): void;
  fail(text: string): void;
}

/**
 * A step that asks first, with a reason (withdrawing an application, standing aside as a juror): a button that opens
 * a dialog with the description, a reason field, and cancel and confirm. The server decides whether the reason does;
 * the dialog shows what it answered beside the field.
 */
export function ReasonDialog({ texts, required = false, busy, onSubmit }: { texts: ReasonDialogTexts; required?: boolean; busy: boolean; onSubmit: (reason: string, outcome: ReasonOutcome) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const descId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The dialog is in a portal, but React still bubbles its submit to any form around the button that opened it.
    e.stopPropagation();
    setError(null);
    onSubmit(reason.trim(), {
      close: () => {
        setOpen(false);
        setReason('');
      },
      fail: setError,
    });
  };
  return (
    <Dialog open={open} onOpenChange={(_e, d) => setOpen(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="secondary">{texts.trigger}</Button>
      </DialogTrigger>
      <DialogSurface aria-describedby={descId}>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{texts.title}</DialogTitle>
            <DialogContent>
              <p id={descId}>{texts.description}</p>
              <Field label={texts.label} required={required} validationMessage={error ?? undefined} validationState={error ? 'error' : 'none'}>
                <Textarea value={reason} onChange={(_e, d) => setReason(d.value)} maxLength={1000} resize="vertical" />
              </Field>
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">{texts.cancel}</Button>
              </DialogTrigger>
              <Button appearance="primary" type="submit" disabled={busy}>
                {texts.confirm}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
