import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { Loading } from '@/shared/ui/Loading';
import type { Role } from '@/shared/session/session';
import { AppShell } from './shell/AppShell';
import { HomeRedirect, RequireRole, RequireSession } from './shell/guards';
import { NotFoundPage } from './shell/NotFoundPage';
import { RouteError } from './shell/RouteError';

// Each screen is its own chunk: the first screen loads only what it shows.
const LoginPage = lazy(() => import('@/features/auth/LoginPage'));
const InvitationPage = lazy(() => import('@/features/auth/InvitationPage'));
const OverduePage = lazy(() => import('@/features/overdue/OverduePage'));
const EngagementsPage = lazy(() => import('@/features/engagements/EngagementsPage'));
const NewEngagementPage = lazy(() => import('@/features/engagements/NewEngagementPage'));
const EngagementPage = lazy(() => import('@/features/engagements/EngagementPage'));
const TemplatesPage = lazy(() => import('@/features/templates/TemplatesPage'));
const TemplatePage = lazy(() => import('@/features/templates/TemplatePage'));
const MyTasksPage = lazy(() => import('@/features/my-tasks/MyTasksPage'));
const ApiKeysPage = lazy(() => import('@/features/admin/ApiKeysPage'));
const NotificationsPage = lazy(() => import('@/features/admin/NotificationsPage'));

const STAFF: Role[] = ['ADMIN', 'STAFF'];

function screen(page: ReactNode, roles?: Role[]) {
  const loaded = <Suspense fallback={<Loading />}>{page}</Suspense>;
  return roles ? <RequireRole roles={roles}>{loaded}</RequireRole> : loaded;
}

export const router = createBrowserRouter([
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
      { path: 'overdue', element: screen(<OverduePage />, STAFF) },
      { path: 'engagements', element: screen(<EngagementsPage />) },
      { path: 'engagements/new', element: screen(<NewEngagementPage />, STAFF) },
      { path: 'engagements/:id', element: screen(<EngagementPage />) },
      { path: 'templates', element: screen(<TemplatesPage />) },
      { path: 'templates/:key', element: screen(<TemplatePage />) },
      { path: 'my-tasks', element: screen(<MyTasksPage />) },
      // /admin/users joins these when the users API (GET /api/v1/users) is on main.
      { path: 'admin', element: <Navigate to="/admin/api-keys" replace /> },
      { path: 'admin/api-keys', element: screen(<ApiKeysPage />, ['ADMIN']) },
      { path: 'admin/notifications', element: screen(<NotificationsPage />, ['ADMIN']) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
