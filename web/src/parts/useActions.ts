import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../src/adapters/tab/contract';
import type { Result } from '../api';
import { useMessages } from '../i18n';
import type { Form } from '../problems';
import { failureNotice, type Notice } from './Notice';

/** A notice shown where the action happened (`at`), with what "Försök igen" repeats. */
export interface PlacedNotice extends Notice {
  readonly at: string;
  readonly retry?: () => void;
}

/** What an outcome says, and where (by default where the action happened). */
export type Said = (Notice & { readonly at?: string }) | null | void;

export interface Perform<D> {
  <T>(
    at: string,
    run: () => Promise<Result<T>>,
    handlers: {
      /** The form, for the refusals it words its own way (an expense's NOT_FOUND is "no budget yet"). */
      form?: Form;
      ok: (data: T) => Said;
      /** A 400 the form shows itself (fields beside their inputs, a refusal beside the form); true when handled. */
      refused?: (error: ApiError) => boolean;
      /** A 409's notice after the reload (by default: someone else got there first). */
      conflict?: (error: ApiError | undefined, reloaded: D | undefined) => Said;
    },
  ): Promise<void>;
}

/**
 * Runs a change against the API the same way everywhere: one at a time (`busy`), the fresh view on success, the
 * refusal beside the form, a conflict (409) reloads the data and says so, anything else is a notice with
 * "Försök igen" repeating the very same call.
 */
export function useActions<D>(reload: () => Promise<Result<D>>) {
  const m = useMessages();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<PlacedNotice | null>(null);
  const running = useRef(false);

  const perform: Perform<D> = useCallback(
    async (at, run, handlers) => {
      if (running.current) return;
      running.current = true;
      setBusy(at);
      setNotice(null);
      try {
        const result = await run();
        if (result.ok) {
          const said = handlers.ok(result.data);
          if (said) setNotice({ ...said, at: said.at ?? at });
          return;
        }
        const failure = result.failure;
        if (failure.kind === 'refused' && handlers.refused?.(failure.error)) return;
        if (failure.kind === 'conflict') {
          const reloaded = await reload();
          const said = handlers.conflict?.(failure.error, reloaded.ok ? reloaded.data : undefined);
          setNotice(said ? { ...said, at: said.at ?? at } : { ...failureNotice(failure, m, handlers.form), at });
          return;
        }
        setNotice({ ...failureNotice(failure, m, handlers.form), at, ...(failure.kind === 'unreachable' || failure.kind === 'broken' ? { retry: () => void perform(at, run, handlers) } : {}) });
      } finally {
        running.current = false;
        setBusy(null);
      }
    },
    [m, reload],
  );

  return { busy, notice, setNotice, perform };
}
