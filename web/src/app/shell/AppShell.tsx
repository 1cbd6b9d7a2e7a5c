import { NavLink, Outlet } from 'react-router';
import { useMe, type Role } from '@/shared/session/session';
import { sessionEnded } from '@/shared/session/session-ended';
import { SessionEndedNotice } from '@/shared/ui/ErrorNotice';
import { UnsavedChangesPrompt } from '@/shared/ui/unsaved-changes';
import { SignOutButton } from '@/features/auth/SignOutButton';

interface NavItem {
  to: string;
  label: string;
  roles: Role[];
}

// Each role's start page first: My tasks for a customer's people, the overdue board for staff.
const NAV: NavItem[] = [
  { to: '/my-tasks', label: 'My tasks', roles: ['CUSTOMER'] },
  { to: '/overdue', label: 'Overdue', roles: ['ADMIN', 'STAFF', 'CUSTOMER'] },
  { to: '/engagements', label: 'Engagements', roles: ['ADMIN', 'STAFF'] },
  { to: '/templates', label: 'Templates', roles: ['ADMIN', 'STAFF'] },
  { to: '/admin', label: 'Admin', roles: ['ADMIN', 'STAFF'] },
];

/** The frame of every signed-in screen: where to go, who is signed in, and the way out. */
export function AppShell() {
  const { data: me } = useMe();
  const ended = sessionEnded.use();
  if (!me) return null;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Onboarding Tracker</span>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((item) => item.roles.includes(me.role)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="whoami">
          <NavLink to="/account" className="whoami-name">
            <span className="visually-hidden">Your account: </span>
            {me.name}
          </NavLink>
          {/* No break after the dot: a long name wraps after it, not leaving it alone on a line. */}
          {me.customerName && <span className="muted"> ·&nbsp;{me.customerName}</span>}
          <SignOutButton />
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {ended && (
          <SessionEndedNotice
            lead="Your session has ended. What you typed here is kept, but not saved."
            then="save here"
          />
        )}
        <Outlet />
      </main>
      <UnsavedChangesPrompt />
    </>
  );
}
