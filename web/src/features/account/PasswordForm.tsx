import { useState, type FormEvent } from 'react';
import { ApiError } from '@/shared/api';
import { PASSWORD_RULE } from '@/shared/session/password-rule';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Field } from '@/shared/ui/Field';
import { useFocusFirstInvalid } from '@/shared/ui/useFocusFirstInvalid';
import { useUnsavedChanges } from '@/shared/ui/unsaved-changes';
import { useChangePassword } from './account-api';

/** A mistyped confirmation, caught here: each one is a new object, so the focus moves again. */
interface Mismatch {
  confirm: string;
}

/** Changing a password the person knows (a forgotten one takes a link from an administrator). */
export function PasswordForm({ email }: { email: string }) {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState<Mismatch | null>(null);
  const errors: Record<string, string> = {
    ...(change.error instanceof ApiError ? change.error.fieldErrors : {}),
    ...mismatch,
  };
  const formRef = useFocusFirstInvalid<HTMLFormElement>(mismatch ?? change.error);
  useUnsavedChanges(
    (current !== '' || next !== '' || confirm !== '') && !change.isPending,
    'Change password',
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (next !== confirm) {
      change.reset();
      setMismatch({ confirm: 'Does not match the new password' });
      return;
    }
    setMismatch(null);
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirm('');
        },
      },
    );
  };

  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate aria-label="Change password">
      <p className="muted small">
        Changing it signs you out of every other browser and device where you are signed in.
      </p>
      {/* For password managers: whose password this is. */}
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <Field label="Current password" error={errors.currentPassword}>
        <input
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </Field>
      <Field
        label="New password"
        hint={`${PASSWORD_RULE}; and not your current one`}
        error={errors.newPassword}
      >
        <input
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
      </Field>
      <Field label="Confirm new password" error={errors.confirm}>
        <input
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
      </Field>
      {Object.keys(errors).length === 0 && (
        <ErrorNotice error={change.error} title="Password not changed" />
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={change.isPending}>
          Change password
        </button>
      </div>
      <p className="done-message" role="status">
        {change.isSuccess &&
          'Password changed. You are signed out everywhere else; this browser stays signed in.'}
      </p>
    </form>
  );
}
