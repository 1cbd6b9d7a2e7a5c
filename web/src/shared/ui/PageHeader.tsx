import { useEffect, type ReactNode } from 'react';

/** The page's one h1, also used as the document title. */
export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Onboarding Tracker`;
  }, [title]);
  return (
    <div className="page-header">
      {/* Focusable by script (not by Tab): where focus goes when what had it disappears. */}
      <h1 tabIndex={-1}>{title}</h1>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
