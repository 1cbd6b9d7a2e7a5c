import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '@/shared/api';
import { Field } from '@/shared/ui/Field';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { homePath, safeReturnTo } from '@/shared/session/session';
import {
  SESSION_ENDED,
  SIGN_OUT,
  SIGNED_OUT,
  SIGNED_OUT_SSO_KEPT,
} from '@/shared/session/sign-in-path';
import { useProviders, useSignIn, useSignOut } from './auth-api';
import { ssoErrorMessage } from './sso-errors';
import { useFocusFirstInvalid } from '@/shared/ui/useFocusFirstInvalid';

export default function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const providers = useProviders();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const formRef = useFocusFirstInvalid<HTMLFormElement>(signIn.error);
  // A missing email or password is the field's; a refused sign-in is nobody's (it says which not).
  const errors = signIn.error instanceof ApiError ? signIn.error.fieldErrors : {};
  const returnTo = safeReturnTo(params.get('returnTo'));
  const ssoError = ssoErrorMessage(params.get('error'));
  const signingOut = useSignOutOnArrival();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(
      { email, password },
      { onSuccess: (me) => void navigate(returnTo ?? homePath(me.role), { replace: true }) },
    );
  };

  const ssoHref = `/auth/oidc/login?returnTo=${encodeURIComponent(returnTo ?? '/')}`;
  if (signingOut) return <Loading label="Signing out…" />;
  return (
    <main id="main" className="page page-narrow">
      <PageHeader title="Sign in" />
      <p className="muted">Onboarding Tracker</p>
      {!ssoError && <ReasonNotice reason={params.get('reason')} />}
      {ssoError && (
        <div className="notice notice-error" role="alert">
          {ssoError}
        </div>
      )}
      <form ref={formRef} onSubmit={submit} className="form" noValidate>
        <Field label="Email" error={errors.email}>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </Field>
        <Field label="Password" error={errors.password}>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        {Object.keys(errors).length === 0 && <ErrorNotice error={signIn.error} />}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          Sign in
        </button>
      </form>
      {/* No self-service reset: a link from someone who knows the person is the way back in. */}
      <p className="muted">
        Forgot your password? Ask your WSO2 contact or an administrator for a reset link.
      </p>
      {providers.data?.oidc && (
        <p className="sso">
          <a className="button" href={ssoHref}>
            Sign in with SSO
          </a>
        </p>
      )}
    </main>
  );
}

/** Why the page was opened, when that is news to the person (`?reason=`). */
function ReasonNotice({ reason }: { reason: string | null }) {
  if (reason === SESSION_ENDED) {
    return (
      <div className="notice notice-error" role="status">
        Your session has ended. Sign in again.
      </div>
    );
  }
  // Back from the identity provider's sign-out page: say where they are.
  if (reason === SIGNED_OUT) {
    return (
      <div className="notice notice-ok" role="status">
        You are signed out.
      </div>
    );
  }
  // Nobody is signed in here, but the browser may still be at the provider: a warning on a shared
  // computer, where the next person's "Sign in with SSO" would not ask who they are.
  if (reason === SIGNED_OUT_SSO_KEPT) {
    return (
      <div className="notice notice-warning" role="status">
        You are signed out here, but your organisation’s single sign-on could not be signed out too:
        “Sign in with SSO” on this browser may sign you straight back in without asking. On a shared
        computer, close the browser.
      </div>
    );
  }
  return null;
}

/**
 * Signs out when the app came here to sign out (SignOutButton), once; true until that is done
 * (useSignOut then comes back here without the state). No form meanwhile: a sign-in sent before
 * the sign-out answered could have its new session cookie cleared by that answer.
 */
function useSignOutOnArrival(): boolean {
  const location = useLocation();
  const signOut = useSignOut();
  const done = useRef(false);
  const asked = (location.state as Partial<typeof SIGN_OUT> | null)?.signOut === SIGN_OUT.signOut;
  useEffect(() => {
    if (!asked || done.current) return;
    done.current = true;
    signOut.mutate();
  }, [asked, signOut]);
  return asked;
}
