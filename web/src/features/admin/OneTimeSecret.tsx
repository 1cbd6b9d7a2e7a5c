import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';

interface Props {
  title: string;
  value: string;
  /** What to do with it, and that it is shown once. */
  children: ReactNode;
  onDismiss: () => void;
  /** Where the focus goes once it is hidden (its button goes with it); else the page's title. */
  focusAfter?: RefObject<HTMLElement | null>;
}

/** A link or key shown once, to copy now: the service keeps only its hash. */
export function OneTimeSecret({ title, value, children, onDismiss, focusAfter }: Props) {
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const field = useRef<HTMLInputElement>(null);
  // Shown once: focus goes to it (selected, ready to copy), so the keyboard and a screen reader
  // meet it instead of tabbing past it to the form below.
  useEffect(() => field.current?.focus(), [value]);
  const dismiss = () => {
    (focusAfter?.current ?? document.querySelector<HTMLElement>('main h1'))?.focus();
    onDismiss();
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section className="notice notice-secret" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <div className="secret-row">
        <label htmlFor={id} className="visually-hidden">
          {title}
        </label>
        <input
          ref={field}
          id={id}
          className="secret-value"
          readOnly
          value={value}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" onClick={copy}>
          Copy
        </button>
      </div>
      <p role="status" className="small">
        {copied === 'yes' && 'Copied.'}
        {copied === 'failed' && 'Could not copy: select the text and copy it yourself.'}
      </p>
      <div className="small">{children}</div>
      <button type="button" className="link-button" onClick={dismiss}>
        Done, hide it
      </button>
    </section>
  );
}
