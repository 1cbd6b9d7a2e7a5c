import { useState, type ReactNode } from 'react';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';

interface Props {
  /** The button's text, and what screen readers hear after it (" acme-ci", ": Jane Doe"). */
  action: string;
  whose?: string;
  /** What is asked once the button is pressed: "Revoke “acme-ci” for good?". */
  question: ReactNode;
  /** The answer that does it ("Yes, revoke") and the one that does not ("Keep it"). */
  yes: string;
  no: string;
  pending: boolean;
  /** Does it; call `done` when it is done, to put the button back. */
  onConfirm: (done: () => void) => void;
  /** A refusal, shown under the question (which stays, to try again or say no). */
  error?: unknown;
  /** The question's error notice's heading ("Not disabled"). */
  errorTitle?: string;
}

/**
 * An action that asks once more, in place, before it does what cannot simply be undone. The safe
 * answer has the focus, and Escape gives it: Enter pressed twice does nothing.
 */
export function ConfirmButton(props: Props) {
  const { action, whose, question, yes, no, pending, onConfirm, error, errorTitle } = props;
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)}>
        {action}
        {whose && <span className="visually-hidden">{whose}</span>}
      </button>
    );
  }
  return (
    <span className="confirm" onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}>
      <span>{question}</span>{' '}
      <button
        type="button"
        className="danger"
        disabled={pending}
        onClick={() => onConfirm(() => setConfirming(false))}
      >
        {yes}
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)} autoFocus>
        {no}
      </button>
      <ErrorNotice error={error} title={errorTitle} />
    </span>
  );
}
