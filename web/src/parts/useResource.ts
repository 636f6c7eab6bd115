import { useCallback, useEffect, useRef, useState } from 'react';
import type { Failure, Result } from '../api';

export type Resource<T> =
  | { readonly status: 'loading'; readonly data?: T }
  | { readonly status: 'ready'; readonly data: T }
  | { readonly status: 'failed'; readonly failure: Failure; readonly data?: T };

/**
 * Loads once on mount, again whenever `key` changes (a new cohort, new filters), and on `reload()`; `set` puts a fresher answer in place (a POST answers with the fresh view).
 * A reload keeps the old data on screen until the new one arrives; an answer that arrives after a newer request is
 * dropped.
 */
export function useResource<T>(load: () => Promise<Result<T>>, key?: string): { resource: Resource<T>; reload: () => Promise<Result<T>>; set: (data: T) => void } {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setResource((r) => ({ status: 'loading', ...(r.data !== undefined ? { data: r.data } : {}) }));
    const result = await loadRef.current();
    if (mine === generation.current) {
      setResource((r) => (result.ok ? { status: 'ready', data: result.data } : { status: 'failed', failure: result.failure, ...(r.data !== undefined ? { data: r.data } : {}) }));
    }
    return result;
  }, []);

  const set = useCallback((data: T) => {
    generation.current++;
    setResource({ status: 'ready', data });
  }, []);

  useEffect(() => {
    void reload();
  }, [reload, key]);

  return { resource, reload, set };
}
