import { Link } from 'react-router';
import { formatDateTime } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { OneTimeSecret } from './OneTimeSecret';
import { useChangeUser, useNewInvitationLink, useUnlinkSso, type User } from './admin-api';
import { TableWrap } from '@/shared/ui/TableWrap';

interface Props {
  users: User[];
  customerNames: ReadonlyMap<string, string>;
  myId: string | undefined;
}

/** The people, with disable/enable and a new one-time link (which also resets a password). */
export function UsersTable({ users, customerNames, myId }: Props) {
  const change = useChangeUser();
  const link = useNewInvitationLink();
  const unlink = useUnlinkSso();
  const linkFor = link.variables;
  return (
    <>
      <ErrorNotice error={change.error} title="Not changed" />
      <ErrorNotice error={link.error} title="No new link" />
      <ErrorNotice error={unlink.error} title="Not unlinked" />
      {link.data && linkFor && (
        <OneTimeSecret
          title={`New link for ${linkFor.email}`}
          value={link.data.url}
          onDismiss={() => link.reset()}
        >
          Older links for this person no longer work. This one works once, until{' '}
          {formatDateTime(link.data.expiresAt)}; signing in with it sets a new password.
        </OneTimeSecret>
      )}
      <TableWrap label="Users">
        <table className="stacked">
          <caption className="visually-hidden">Users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Customer</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const who = user.name ?? user.email;
              const disabled = user.status === 'DISABLED';
              return (
                <tr key={user.id} data-testid="user-row">
                  <th scope="row" className="stacked-title">
                    {user.name ?? (
                      <>
                        <span className="muted">(not yet set)</span>
                        {/* The first admin, made at start-up, has no name until they give one. */}
                        {user.id === myId && (
                          <>
                            {' '}
                            <Link to="/account">Set your name</Link>
                          </>
                        )}
                      </>
                    )}
                  </th>
                  <td data-label="Email">{user.email}</td>
                  <td data-label="Role">{label(user.role)}</td>
                  <td data-label="Customer">
                    {user.customerId
                      ? (customerNames.get(user.customerId) ?? user.customerId)
                      : '—'}
                  </td>
                  <td data-label="Status">
                    <span className={`badge user-${user.status.toLowerCase()}`}>
                      {label(user.status)}
                    </span>
                    {user.ssoIdentity && (
                      <span
                        className="muted small"
                        title={`Linked to ${user.ssoIdentity.subject} at ${user.ssoIdentity.issuer}`}
                      >
                        {' '}
                        · SSO linked
                      </span>
                    )}
                  </td>
                  <td data-label="Last sign-in">{formatDateTime(user.lastSignInAt)}</td>
                  <td className="row-actions">
                    {user.id === myId && <span className="muted small">You</span>}
                    {user.id !== myId && (
                      <button
                        type="button"
                        disabled={change.isPending}
                        onClick={() =>
                          change.mutate({
                            id: user.id,
                            body: { status: disabled ? 'ACTIVE' : 'DISABLED' },
                          })
                        }
                      >
                        {disabled ? 'Enable' : 'Disable'}
                        <span className="visually-hidden"> {who}</span>
                      </button>
                    )}
                    {!disabled && user.id !== myId && (
                      <button
                        type="button"
                        disabled={link.isPending}
                        onClick={() => link.mutate(user)}
                      >
                        New link<span className="visually-hidden"> for {who}</span>
                      </button>
                    )}
                    {user.ssoIdentity && (
                      <button
                        type="button"
                        disabled={unlink.isPending}
                        onClick={() => unlink.mutate(user.id)}
                      >
                        Unlink SSO<span className="visually-hidden"> of {who}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
