import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, type Role } from '@/shared/api';
import { formatDateTime, pluralize } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { useMe } from '@/shared/session/session';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Field } from '@/shared/ui/Field';
import { Loading } from '@/shared/ui/Loading';
import { NotFound } from '@/shared/ui/NotFound';
import { PageHeader } from '@/shared/ui/PageHeader';
import { useFocusFirstInvalid } from '@/shared/ui/useFocusFirstInvalid';
import { useUnsavedChanges } from '@/shared/ui/unsaved-changes';
import { AccountHistory } from './AccountHistory';
import { AdminNav } from './AdminNav';
import { ConfirmButton } from './ConfirmButton';
import { lastAdminRefusal } from './last-admin';
import { OneTimeSecret } from './OneTimeSecret';
import { RoleAndCustomerFields } from './RoleAndCustomerFields';
import {
  useChangeUser,
  useCustomers,
  useEndSessions,
  useNewInvitationLink,
  useUnlinkSso,
  useUser,
  type User,
} from './admin-api';
import { manageableRoles } from './manageable-roles';

/** How the person gets in: a password, single sign-on, both, or not yet. */
function signInMethods(user: User): string {
  const methods = [
    user.hasPassword ? 'Password' : undefined,
    user.ssoIdentity ? `Single sign-on (${user.ssoIdentity.issuer})` : undefined,
  ].filter(Boolean);
  if (methods.length > 0) return methods.join('; ');
  return user.status === 'INVITED' ? 'None yet: the invitation is not accepted' : 'None';
}

function NameForm({ user }: { user: User }) {
  const change = useChangeUser();
  const [name, setName] = useState(user.name ?? '');
  const errors = change.error instanceof ApiError ? change.error.fieldErrors : {};
  const formRef = useFocusFirstInvalid<HTMLFormElement>(change.error);
  const dirty = name.trim() !== (user.name ?? '');
  useUnsavedChanges(dirty && !change.isPending, 'Name');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({ id: user.id, body: { name: name.trim() } });
  };
  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      <Field label="Name" hint="How others see them in the app" error={errors.name}>
        <input
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            // A refusal is about what was sent; once the name is typed again it no longer applies.
            if (change.error) change.reset();
          }}
          autoComplete="off"
        />
      </Field>
      {Object.keys(errors).length === 0 && <ErrorNotice error={change.error} title="Not saved" />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!dirty || change.isPending}>
          Save name
        </button>
      </div>
    </form>
  );
}

/** ADMIN changes the role (and customer); STAFF only moves a customer's engineer to another customer. */
function RoleForm({ user, roles, who }: { user: User; roles: readonly Role[]; who: string }) {
  const change = useChangeUser();
  const [role, setRole] = useState<Role | ''>(user.role);
  const [customerId, setCustomerId] = useState(user.customerId ?? '');
  const lastAdmin = lastAdminRefusal(change.error, 'role', who);
  const errors = {
    ...(change.error instanceof ApiError ? change.error.fieldErrors : {}),
    ...(lastAdmin ? { role: lastAdmin } : {}),
  };
  const formRef = useFocusFirstInvalid<HTMLFormElement>(change.error);
  const roleChanged = role !== user.role;
  const dirty = roleChanged || (role === 'CUSTOMER' && customerId !== (user.customerId ?? ''));
  const title = roles.length > 1 ? 'Role and customer' : 'Customer';
  useUnsavedChanges(dirty && !change.isPending, title);

  // A refusal is about what was sent; once another choice is made it no longer applies.
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      if (change.error) change.reset();
    };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate({
      id: user.id,
      body: {
        ...(roleChanged ? { role: role as Role } : {}),
        // Another role than CUSTOMER drops the customer by itself (the API's rule).
        ...(role === 'CUSTOMER' ? { customerId: customerId || null } : {}),
      },
    });
  };
  return (
    <form ref={formRef} className="form" onSubmit={submit} noValidate>
      <RoleAndCustomerFields
        role={role}
        onRoleChange={edited(setRole)}
        customerId={customerId}
        onCustomerChange={edited(setCustomerId)}
        errors={errors}
        customerHint="Whose engagements they see"
        roles={roles}
        showRole={roles.length > 1}
      />
      {roleChanged && (
        <p className="small muted">The new role holds from their next click in the app.</p>
      )}
      {Object.keys(errors).length === 0 && <ErrorNotice error={change.error} title="Not saved" />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!dirty || change.isPending}>
          {roles.length > 1 ? 'Save role' : 'Save customer'}
        </button>
      </div>
    </form>
  );
}

/** Letting the person in or keeping them out: disable / enable, sign out everywhere, links, SSO. */
function AccessActions({ user, who }: { user: User; who: string }) {
  const change = useChangeUser();
  const endSessions = useEndSessions();
  const link = useNewInvitationLink();
  const unlink = useUnlinkSso();
  const disabled = user.status === 'DISABLED';
  const lastAdmin = lastAdminRefusal(change.error, 'status', who);
  return (
    <section aria-labelledby="access-heading">
      <h2 id="access-heading">Access</h2>
      {link.data && (
        <OneTimeSecret
          title={`New link for ${user.email}`}
          value={link.data.url}
          onDismiss={() => link.reset()}
        >
          Older links for this person no longer work. This one works once, until{' '}
          {formatDateTime(link.data.expiresAt)};{' '}
          {user.status === 'ACTIVE'
            ? 'signing in with it sets a new password.'
            : 'they choose their name and password with it.'}
        </OneTimeSecret>
      )}
      <ul className="access-actions">
        <li>
          {disabled ? (
            <button
              type="button"
              disabled={change.isPending}
              onClick={() => change.mutate({ id: user.id, body: { status: 'ACTIVE' } })}
            >
              Enable<span className="visually-hidden"> {who}</span>
            </button>
          ) : (
            <ConfirmButton
              action="Disable"
              whose={` ${who}`}
              question={<>Disable {who}? They are signed out at once and cannot sign in.</>}
              yes="Yes, disable"
              no="Keep it"
              pending={change.isPending}
              onConfirm={(done) =>
                change.mutate({ id: user.id, body: { status: 'DISABLED' } }, { onSuccess: done })
              }
              error={lastAdmin ? new Error(lastAdmin) : change.error}
              errorTitle="Not disabled"
            />
          )}
          {disabled && <ErrorNotice error={change.error} title="Not enabled" />}
          <p className="small muted">
            {disabled
              ? 'Enabling lets them sign in again.'
              : 'Disabled people cannot sign in; their links stop working.'}
          </p>
        </li>
        {user.status === 'ACTIVE' && (
          <li>
            <ConfirmButton
              action="Sign out everywhere"
              whose={` (${who})`}
              question={<>Sign {who} out of every browser?</>}
              yes="Yes, sign out"
              no="Keep them signed in"
              pending={endSessions.isPending}
              onConfirm={(done) => endSessions.mutate(user.id, { onSuccess: done })}
              error={endSessions.error}
              errorTitle="Not signed out"
            />
            <p className="small muted" role="status">
              {endSessions.data
                ? `Signed out: ${pluralize(endSessions.data.ended, 'session')} ended.`
                : 'Ends every session at once; they may sign in again.'}
            </p>
          </li>
        )}
        {!disabled && (
          <li>
            <button type="button" disabled={link.isPending} onClick={() => link.mutate(user)}>
              New link<span className="visually-hidden"> for {who}</span>
            </button>
            <ErrorNotice error={link.error} title="No new link" />
            <p className="small muted">
              {user.status === 'ACTIVE'
                ? 'A one-time link to set a new password.'
                : 'A new invitation link; older ones stop working.'}
            </p>
          </li>
        )}
        {user.ssoIdentity && (
          <li>
            <button
              type="button"
              disabled={unlink.isPending}
              onClick={() => unlink.mutate(user.id)}
            >
              Unlink SSO<span className="visually-hidden"> of {who}</span>
            </button>
            <ErrorNotice error={unlink.error} title="Not unlinked" />
            <p className="small muted">Their next single sign-on links the account again.</p>
          </li>
        )}
      </ul>
    </section>
  );
}

/** One person: who they are, how they sign in, what an admin may change, and their history. */
export default function UserPage() {
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const user = useUser(id);
  const customers = useCustomers();
  const customerNames = new Map((customers.data ?? []).map((c) => [c.id, c.name]));

  if (user.isPending || !me) return <Loading />;
  if (user.error) {
    if (user.error instanceof ApiError && [400, 404].includes(user.error.status)) {
      return <NotFound what="person" />;
    }
    return <ErrorNotice error={user.error} title="Could not load the person" />;
  }
  const person = user.data;
  const who = person.name ?? person.email;
  const self = person.id === me.id;
  const roles = manageableRoles(me.role);
  return (
    <>
      <PageHeader title={who} />
      <AdminNav />
      <p>
        <Link to="/admin/users">All users</Link>
      </p>
      <dl className="facts">
        <dt>Email</dt>
        <dd>{person.email}</dd>
        <dt>Role</dt>
        <dd>{label(person.role)}</dd>
        {person.customerId && (
          <>
            <dt>Customer</dt>
            <dd>{customerNames.get(person.customerId) ?? person.customerId}</dd>
          </>
        )}
        <dt>Status</dt>
        <dd>
          <span className={`badge user-${person.status.toLowerCase()}`}>
            {label(person.status)}
          </span>
        </dd>
        <dt>Signs in with</dt>
        <dd>{signInMethods(person)}</dd>
        <dt>Last sign-in</dt>
        <dd>{person.lastSignInAt ? formatDateTime(person.lastSignInAt) : 'Never'}</dd>
        <dt>Added</dt>
        <dd>{formatDateTime(person.createdAt)}</dd>
      </dl>
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <div className="person-forms">
          {/* Each form starts again from what is saved once a change to it is saved (its key). */}
          <NameForm key={person.name} user={person} />
          {self ? (
            <p className="muted">This is you: another administrator changes your role or status.</p>
          ) : (
            <RoleForm
              key={`${person.role}:${person.customerId}`}
              user={person}
              roles={roles}
              who={who}
            />
          )}
        </div>
      </section>
      {!self && <AccessActions user={person} who={who} />}
      <AccountHistory userId={person.id} person={who} customerNames={customerNames} />
    </>
  );
}
