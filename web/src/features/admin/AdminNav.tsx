import { NavLink } from 'react-router';
import { useMe } from '@/shared/session/session';

/** The admin pages this person may use: API keys are ADMIN's alone. */
export function AdminNav() {
  const { data: me } = useMe();
  return (
    <nav className="subnav" aria-label="Admin">
      <NavLink to="/admin/users">Users</NavLink>
      {me?.role === 'ADMIN' && <NavLink to="/admin/api-keys">API keys</NavLink>}
      <NavLink to="/admin/notifications">Notifications</NavLink>
    </nav>
  );
}
