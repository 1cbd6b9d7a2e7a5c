import { useSearchParams } from 'react-router';
import { USER_STATUSES, type Role, type UserStatus } from '@/shared/api';
import { FilterSelect, labelledOptions } from '@/shared/ui/FilterSelect';
import { useMe } from '@/shared/session/session';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { Pager } from '@/shared/ui/Pager';
import { useCursorPages } from '@/shared/ui/useCursorPages';
import { AdminNav } from './AdminNav';
import { InviteUserForm } from './InviteUserForm';
import { UsersTable } from './UsersTable';
import { useCustomers, useUsers } from './admin-api';
import { manageableRoles } from './manageable-roles';

const PAGE_SIZE = 50;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return list.find((item) => item === value);
}

/** People and their invitations: who may sign in, as what, for which customer. */
export default function UsersPage() {
  const { data: me } = useMe();
  const roles = manageableRoles(me?.role);
  const [params, setParams] = useSearchParams();
  const role: Role | undefined = oneOf(roles, params.get('role'));
  const status: UserStatus | undefined = oneOf(USER_STATUSES, params.get('status'));
  const pages = useCursorPages('users', `${role}:${status}`);
  const users = useUsers({ role, status, limit: PAGE_SIZE, cursor: pages.cursor });
  const customers = useCustomers();
  const customerNames = new Map((customers.data ?? []).map((c) => [c.id, c.name]));

  const filter = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader title="Users" />
      <AdminNav />
      {me?.role === 'STAFF' && (
        <p className="lead">Invite and manage your customers&apos; engineers here.</p>
      )}
      <InviteUserForm roles={roles} />
      <h2>People</h2>
      <form className="toolbar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          id="users-role"
          label="Role"
          anyLabel="Any"
          value={role}
          options={labelledOptions(roles)}
          onChange={(value) => filter('role', value)}
        />
        <FilterSelect
          id="users-status"
          label="Status"
          anyLabel="Any"
          value={status}
          options={labelledOptions(USER_STATUSES)}
          onChange={(value) => filter('status', value)}
        />
      </form>
      <ErrorNotice error={users.error} title="Could not load the users" />
      {users.isPending && <Loading />}
      {users.data && users.data.items.length === 0 && <p className="empty">Nobody matches.</p>}
      {users.data && users.data.items.length > 0 && (
        <UsersTable users={users.data.items} customerNames={customerNames} myId={me?.id} />
      )}
      <Pager label="User pages" pages={pages} nextCursor={users.data?.nextCursor} />
    </>
  );
}
