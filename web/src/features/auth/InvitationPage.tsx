import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '@/shared/api';
import { formatDate } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Field } from '@/shared/ui/Field';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { homePath } from '@/shared/session/session';
import { PASSWORD_RULE } from '@/shared/session/password-rule';
import { useAcceptInvitation, useInvitation } from './auth-api';
import { useFocusFirstInvalid } from '@/shared/ui/useFocusFirstInvalid';

/**
 * Accepting an invitation: choose a name and password (and the email, for the first admin). A
 * link for someone who already signs in is a password reset: only the password, the name kept.
 */
export default function InvitationPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const invitation = useInvitation(token);
  const accept = useAcceptInvitation(token);
  // Until the person types, the name the inviter gave (if any): they should not have to retype it.
  const [typedName, setName] = useState<string | undefined>(undefined);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const formRef = useFocusFirstInvalid<HTMLFormElement>(accept.error);

  if (invitation.isPending) return <Loading label="Checking your invitation…" />;
  if (invitation.error) {
    return (
      <main id="main" className="page page-narrow">
        {/* An invitation or a password reset: an unusable link does not say which it was. */}
        <PageHeader title="This link cannot be used" />
        <ErrorNotice error={invitation.error} />
        {/* Customers have no administrator here: their WSO2 contact gets them a link. */}
        <p>Ask your WSO2 contact or an administrator for a new link.</p>
        {/* A link already used is most often one its person accepted: they only need to sign in. */}
        <p>
          Already set your password with it? <Link to="/login">Sign in</Link>.
        </p>
      </main>
    );
  }
  const name = typedName ?? invitation.data.name ?? '';
  const asksEmail = invitation.data.email === null;
  const reset = invitation.data.purpose === 'passwordReset';
  const errors = accept.error instanceof ApiError ? accept.error.fieldErrors : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate(
      { password, ...(reset ? {} : { name }), ...(asksEmail ? { email } : {}) },
      { onSuccess: (me) => void navigate(homePath(me.role), { replace: true }) },
    );
  };

  return (
    <main id="main" className="page page-narrow">
      {reset ? (
        <>
          <PageHeader title="Set a new password" />
          <p>
            Choose a new password for <strong>{invitation.data.email}</strong>
            {invitation.data.name && <> ({invitation.data.name})</>}. The link works until{' '}
            {formatDate(invitation.data.expiresAt)}.
          </p>
        </>
      ) : (
        <>
          <PageHeader title="Accept your invitation" />
          <p>
            You are invited as <strong>{label(invitation.data.role)}</strong>
            {invitation.data.customerName && <> for {invitation.data.customerName}</>}
            {invitation.data.email && <> with the email {invitation.data.email}</>}. The link works
            until {formatDate(invitation.data.expiresAt)}.
          </p>
        </>
      )}
      <form ref={formRef} onSubmit={submit} className="form" noValidate>
        {asksEmail && (
          <Field label="Email" error={errors.email}>
            <input
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </Field>
        )}
        {!reset && (
          <Field label="Name" error={errors.name}>
            <input
              autoComplete="name"
              required
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
        )}
        <Field
          label={reset ? 'New password' : 'Password'}
          hint={PASSWORD_RULE}
          error={errors.password}
        >
          <input
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        {/* A refusal shown at its field is not said again below the form. */}
        {Object.keys(errors).length === 0 && <ErrorNotice error={accept.error} />}
        <button type="submit" className="primary" disabled={accept.isPending}>
          {reset ? 'Set password and sign in' : 'Accept and sign in'}
        </button>
      </form>
    </main>
  );
}
