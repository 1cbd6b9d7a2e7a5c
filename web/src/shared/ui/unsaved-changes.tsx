import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useBlocker } from 'react-router';
import { signal } from '@/shared/state/signal';

/** The forms holding input not saved yet, by form instance: what each is called. */
const unsaved = signal<ReadonlyMap<string, string>>(new Map());

/**
 * Registers a form while `dirty`: it holds input that differs from what it started with and is
 * neither being saved nor saved. Until then, reloading or closing the tab asks the browser's
 * "Leave site?", leaving the page in the app asks first (UnsavedChangesPrompt), and a background
 * read refused because the session ended does not take the page away (see App.tsx).
 * `label` names the form in that question, e.g. "New engagement".
 *
 * Returns the form's Escape handler: Escape closes the form only while it holds nothing unsaved.
 * A key pressed by habit never throws typed input away; the form's Cancel button still does.
 */
export function useUnsavedChanges(
  dirty: boolean,
  label: string,
): (close: () => void) => (event: KeyboardEvent) => void {
  const id = useId();
  useEffect(() => {
    if (!dirty) return;
    unsaved.set(new Map(unsaved.get()).set(id, label));
    return () => {
      const rest = new Map(unsaved.get());
      rest.delete(id);
      unsaved.set(rest);
    };
  }, [id, dirty, label]);
  return (close) => (event) => {
    if (event.key === 'Escape' && !dirty) close();
  };
}

/** Whether some form on the page holds input that leaving would throw away. */
export function hasUnsavedChanges(): boolean {
  return unsaved.get().size > 0;
}

function askBeforeUnload(event: BeforeUnloadEvent) {
  event.preventDefault();
  // Chromium before 119 and Safari still need a returnValue to ask.
  event.returnValue = '';
}

/**
 * Asks before the app leaves a page with unsaved input (a link, Back, a redirect), and keeps the
 * browser's own question for reload and close in step with it. Mounted once, in the app shell: a
 * router has one blocker at a time, so the forms register (useUnsavedChanges) rather than block.
 */
export function UnsavedChangesPrompt() {
  const forms = unsaved.use();
  const dialog = useRef<HTMLDialogElement>(null);
  // Another page is another screen; a changed query or fragment keeps the form where it is.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      hasUnsavedChanges() && currentLocation.pathname !== nextLocation.pathname,
  );
  const blocked = blocker.state === 'blocked';

  useEffect(() => {
    if (forms.size === 0) return;
    // Only while there is something to lose: an unconditional listener would ask for nothing.
    window.addEventListener('beforeunload', askBeforeUnload);
    return () => window.removeEventListener('beforeunload', askBeforeUnload);
  }, [forms.size]);

  useEffect(() => {
    if (blocked && !dialog.current?.open) dialog.current?.showModal();
    if (!blocked && dialog.current?.open) dialog.current.close();
  }, [blocked]);

  const stay = () => blocker.reset?.();
  return (
    <dialog
      ref={dialog}
      className="leave-dialog"
      aria-labelledby="leave-heading"
      aria-describedby="leave-detail"
      // Escape is "Stay": nothing is lost by it.
      onCancel={stay}
    >
      {blocked && (
        <>
          <h2 id="leave-heading">Leave this page?</h2>
          <p id="leave-detail">
            What you typed in {listOf([...forms.values()].map((name) => `“${name}”`))} is not saved.
          </p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={stay} autoFocus>
              Stay
            </button>
            <button type="button" onClick={() => blocker.proceed?.()}>
              Leave
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

/** "A", "A and B", "A, B and C". */
function listOf(names: string[]): string {
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
