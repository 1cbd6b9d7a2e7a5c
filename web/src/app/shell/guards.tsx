import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '@/shared/api';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { homePath, useMe, type Role } from '@/shared/session/session';
import { signInPath } from '@/shared/session/sign-in-path';

/** Renders its children for a signed-in person; anyone else goes to /login and comes back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading label="Checking your session…" />;
  // Signed in already: a failed re-check keeps the page (the API client decides about a 401, and
  // keeps a page holding unsaved input).
  if (me.data) return children;
  if (me.error instanceof ApiError && me.error.status === 401) {
    return <Navigate to={signInPath(location)} replace />;
  }
  if (me.error) return <ErrorNotice error={me.error} title="Could not load your session" />;
  return children;
}

/** A screen for some roles only; others are told so (the API refuses them anyway). */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const me = useMe();
  if (!me.data) return null;
  if (!roles.includes(me.data.role)) {
    return (
      <>
        <PageHeader title="Not available" />
        <div className="notice notice-error" role="alert">
          This page is not available to your role.
        </div>
      </>
    );
  }
  return children;
}

export function HomeRedirect() {
  const me = useMe();
  return me.data ? <Navigate to={homePath(me.data.role)} replace /> : null;
}
