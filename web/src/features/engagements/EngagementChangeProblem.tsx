import { ApiError } from '@/shared/api';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { useReloadEngagement, type useUpdateEngagement } from './engagements-api';

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
