import { useEffect, useRef } from 'react';

/**
 * After a refusal with fields to correct, the keyboard goes to the first field marked invalid (its message is read
 * with it), so nobody has to hunt for what to correct.
 */
export function useFocusFirstInvalid(fields: Readonly<Record<string, string>>) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (Object.keys(fields).length === 0) return;
    const marked = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = marked?.matches('input, textarea, select, button') ? marked : marked?.querySelector<HTMLElement>('input, textarea, select, button');
    target?.focus();
  }, [fields]);
  return form;
}
