import { useEffect, useRef } from 'react';

/**
 * After a refused save, focus goes to the first field marked invalid (its message is read with
 * it), or to the form's alert when no field is to blame: the button that had the focus was
 * disabled while saving, and the focus had fallen to the page.
 */
export function useFocusFirstInvalid<T extends HTMLElement>(error: unknown) {
  const form = useRef<T>(null);
  useEffect(() => {
    if (!error || !form.current) return;
    const target =
      form.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.current.querySelector<HTMLElement>('[role="alert"]');
    if (!target) return;
    if (!target.hasAttribute('tabindex') && target.getAttribute('role') === 'alert') {
      target.setAttribute('tabindex', '-1');
    }
    target.focus();
  }, [error]);
  return form;
}
