import { Link } from 'react-router';
import { formatDateTime } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import type { User } from './admin-api';
import { TableWrap } from '@/shared/ui/TableWrap';

interface Props {
  users: User[];
  customerNames: ReadonlyMap<string, string>;
  myId: string | undefined;
}

/** The people; each opens their page, where an admin changes them and sees their history. */
export function UsersTable({ users, customerNames, myId }: Props) {
  return (
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
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-testid="user-row">
              <th scope="row" className="stacked-title">
                <Link to={`/admin/users/${user.id}`}>
                  {user.name ?? (
                    <>
                      <span className="muted">(not yet set)</span>
                      <span className="visually-hidden"> {user.email}</span>
                    </>
                  )}
                </Link>
                {user.id === myId && (
                  <>
                    {' '}
                    <span className="muted small">You</span>
                    {/* The first admin, made at start-up, has no name until they give one. */}
                    {user.name === null && (
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
                {user.customerId ? (customerNames.get(user.customerId) ?? user.customerId) : '—'}
              </td>
              <td data-label="Status">
                <span className={`badge user-${user.status.toLowerCase()}`}>
                  {label(user.status)}
                </span>
                {user.ssoIdentity && <span className="muted small"> · SSO linked</span>}
              </td>
              <td data-label="Last sign-in">{formatDateTime(user.lastSignInAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
