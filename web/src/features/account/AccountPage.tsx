import { label } from '@/shared/format/labels';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { NameForm } from './NameForm';
import { PasswordForm } from './PasswordForm';
import { useOwnAccount, type OwnAccount } from './account-api';

const SIGN_IN = {
  password: 'Email and password',
  sso: "Single sign-on (your organisation's identity provider)",
} as const;

/** The signed-in person's own account: who they are here, their name, their password. */
export default function AccountPage() {
  const account = useOwnAccount();
  return (
    <>
      <PageHeader title="Your account" />
      <ErrorNotice error={account.error} title="Could not load your account" />
      {account.isPending && <Loading />}
      {account.data && <Account account={account.data} />}
    </>
  );
}

function Account({ account }: { account: OwnAccount }) {
  const hasPassword = account.signInMethods.includes('password');
  return (
    <>
      <dl className="facts account-facts">
        <dt>Email</dt>
        <dd>{account.email}</dd>
        <dt>Role</dt>
        <dd>{label(account.role)}</dd>
        {account.customerName && (
          <>
            <dt>Customer</dt>
            <dd>{account.customerName}</dd>
          </>
        )}
        <dt>Signs in with</dt>
        <dd>{account.signInMethods.map((method) => SIGN_IN[method]).join(', or ')}</dd>
      </dl>
      <section aria-labelledby="name-heading">
        <h2 id="name-heading">Your name</h2>
        <NameForm account={account} />
      </section>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        {hasPassword ? (
          <PasswordForm email={account.email} />
        ) : (
          <p>
            You sign in with single sign-on and have no password here, so there is none to change.
            If you need one, ask an administrator or your WSO2 contact for a link to set it.
          </p>
        )}
      </section>
    </>
  );
}
