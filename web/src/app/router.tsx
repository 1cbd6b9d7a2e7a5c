import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { Loading } from '@/shared/ui/Loading';
import type { Role } from '@/shared/session/session';
import { AppShell } from './shell/AppShell';
import { HomeRedirect, RequireRole, RequireSession } from './shell/guards';
import { preloadable } from './preloadable';
import { NotFoundPage } from './shell/NotFoundPage';
import { RouteError } from './shell/RouteError';
import { RouteFocus } from './shell/RouteFocus';

// Each screen is its own chunk: the first screen loads only what it shows.
const LoginPage = lazy(() => import('@/features/auth/LoginPage'));
const InvitationPage = lazy(() => import('@/features/auth/InvitationPage'));
const overdue = preloadable(() => import('@/features/overdue/OverduePage'));
const OverduePage = overdue.Screen;
const EngagementsPage = lazy(() => import('@/features/engagements/EngagementsPage'));
const NewEngagementPage = lazy(() => import('@/features/engagements/NewEngagementPage'));
const EngagementPage = lazy(() => import('@/features/engagements/EngagementPage'));
const TemplatesPage = lazy(() => import('@/features/templates/TemplatesPage'));
const TemplatePage = lazy(() => import('@/features/templates/TemplatePage'));
const MyTasksPage = lazy(() => import('@/features/my-tasks/MyTasksPage'));
const UsersPage = lazy(() => import('@/features/admin/UsersPage'));
const UserPage = lazy(() => import('@/features/admin/UserPage'));
const ApiKeysPage = lazy(() => import('@/features/admin/ApiKeysPage'));
const NotificationsPage = lazy(() => import('@/features/admin/NotificationsPage'));
const AccountPage = lazy(() => import('@/features/account/AccountPage'));

const STAFF: Role[] = ['ADMIN', 'STAFF'];

// The board is where most people start: fetch its code alongside the session check rather than
// after it (the bench's time to interactive on /overdue).
if (['/', '/overdue'].includes(window.location.pathname)) void overdue.preload();

function screen(page: ReactNode, roles?: Role[]) {
  const loaded = <Suspense fallback={<Loading />}>{page}</Suspense>;
  return roles ? <RequireRole roles={roles}>{loaded}</RequireRole> : loaded;
}

export const router = createBrowserRouter([
  {
    // Above every screen, signed in or not: sign-in to the start page is a navigation too.
    element: <RouteFocus />,
    children: [
      { path: '/login', element: screen(<LoginPage />), errorElement: <RouteError /> },
      {
        path: '/invitations/:token',
        element: screen(<InvitationPage />),
        errorElement: <RouteError />,
      },
      {
        element: (
          <RequireSession>
            <AppShell />
          </RequireSession>
        ),
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomeRedirect /> },
          // Every role: a customer's people see their own customer's (the API scopes it).
          { path: 'overdue', element: screen(<OverduePage />) },
          { path: 'engagements', element: screen(<EngagementsPage />) },
          { path: 'engagements/new', element: screen(<NewEngagementPage />, STAFF) },
          { path: 'engagements/:id', element: screen(<EngagementPage />) },
          { path: 'templates', element: screen(<TemplatesPage />) },
          { path: 'templates/:key', element: screen(<TemplatePage />) },
          { path: 'my-tasks', element: screen(<MyTasksPage />, ['CUSTOMER']) },
          { path: 'admin', element: <Navigate to="/admin/users" replace /> },
          { path: 'admin/users', element: screen(<UsersPage />, STAFF) },
          { path: 'admin/users/:id', element: screen(<UserPage />, STAFF) },
          { path: 'admin/api-keys', element: screen(<ApiKeysPage />, ['ADMIN']) },
          { path: 'admin/notifications', element: screen(<NotificationsPage />, STAFF) },
          { path: 'account', element: screen(<AccountPage />) },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
