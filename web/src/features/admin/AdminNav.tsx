import { NavLink } from 'react-router';

export function AdminNav() {
  return (
    <nav className="subnav" aria-label="Admin">
      <NavLink to="/admin/users">Users</NavLink>
      <NavLink to="/admin/api-keys">API keys</NavLink>
      <NavLink to="/admin/notifications">Notifications</NavLink>
    </nav>
  );
}
