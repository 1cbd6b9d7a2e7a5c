import { useState } from 'react';
import { ApiError } from '@/shared/api';
import type { Engagement } from '@/shared/engagement/engagement-query';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { useReloadEngagement, useUpdateEngagement } from './engagements-api';

/**
 * What a form that changes the engagement starts from: the engagement as the form opened on (what
 * changes are measured against, and whose ETag is sent: the page may read it again meanwhile, and
 * that newer ETag with values from before would undo someone else's change unnoticed), the
 * change itself, and the API's field errors.
 */
export function useEngagementChange(current: Engagement) {
  const [engagement] = useState(current);
  const update = useUpdateEngagement();
  const fieldErrors = update.error instanceof ApiError ? update.error.fieldErrors : {};
  return { engagement, update, fieldErrors };
}

/**
 * Why a change of the engagement was not saved: someone changed it meanwhile (412: nothing was
 * overwritten; reload, then decide again), or any other problem the fields do not show.
 */
export function EngagementChangeProblem({
  update,
  engagementId,
  onReloaded,
  showError,
}: {
  update: ReturnType<typeof useUpdateEngagement>;
  engagementId: string;
  onReloaded: () => void;
  showError: boolean;
}) {
  const reload = useReloadEngagement();
  if (update.error instanceof ApiError && update.error.status === 412) {
    return (
      <div className="notice notice-error" role="alert">
        <p>
          Someone changed this engagement since you opened this form, so nothing was saved. Reload
          it to see their changes, then make yours again.
        </p>
        <button type="button" onClick={() => void reload(engagementId).then(onReloaded)}>
          Reload the engagement
        </button>
      </div>
    );
  }
  return showError ? <ErrorNotice error={update.error} title="Not saved" /> : null;
}
