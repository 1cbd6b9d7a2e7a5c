import { useState } from 'react';
import { ApiError } from '@/shared/api';
import { ChangedFields, LastChange } from '@/shared/engagement/ConflictNotice';
import type { Engagement } from '@/shared/engagement/engagement-query';
import { ConflictError } from '@/shared/engagement/stale-change';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { fieldName, valueText } from './history-format';
import {
  useReloadEngagement,
  useUpdateEngagement,
  type EngagementChange,
  type EngagementConflict,
} from './engagements-api';

/** The engagement's own fields (the rest of it is its tasks), as the conflict notice compares them. */
const ENGAGEMENT_FIELDS = ['name', 'securityTier', 'startDate', 'contacts', 'status'] as const;
export type EngagementField = (typeof ENGAGEMENT_FIELDS)[number];

/**
 * What a form that changes the engagement starts from: the engagement as the form opened on (what
 * changes are measured against, and whose ETag is sent: the page may read it again meanwhile, and
 * that newer ETag with values from before would undo someone else's change unnoticed), the
 * change itself, and the API's field errors.
 */
export function useEngagementChange(opened: Engagement) {
  const [engagement, setEngagement] = useState(opened);
  const update = useUpdateEngagement();
  const fieldErrors = update.error instanceof ApiError ? update.error.fieldErrors : {};
  const conflict =
    update.error instanceof ConflictError
      ? (update.error.conflict as EngagementConflict)
      : undefined;
  /**
   * Saves `change` on top of the engagement the form starts from. Refused because someone else
   * changed it (412), the form starts from the engagement as it is now instead — saving again
   * sends its ETag — and `onConflict` carries the person's values over onto it.
   */
  const save = (change: EngagementChange, onConflict?: (current: Engagement) => void) =>
    update.mutateAsync({ engagement, change }).catch((error: unknown) => {
      if (error instanceof ConflictError) {
        const { current } = error.conflict as EngagementConflict;
        setEngagement(current);
        onConflict?.(current);
      }
      throw error;
    });
  return { engagement, update, fieldErrors, conflict, save };
}

function same(base: Engagement, current: Engagement) {
  return (field: EngagementField) => JSON.stringify(base[field]) === JSON.stringify(current[field]);
}

/**
 * Why a change of the engagement was not saved: someone changed it meanwhile (412: nothing was
 * overwritten; what they changed is shown, the person's values stay in the form to save again or
 * discard), or any other problem the fields do not show. Its own submit button stands in for the
 * form's while it shows a conflict: one way to save, next to the way to discard.
 */
export function EngagementChangeProblem({
  change,
  fields,
  onReloaded,
  showError,
  saveAgain = 'Save my changes again',
}: {
  change: ReturnType<typeof useEngagementChange>;
  /** The fields the form changes: what the notice says someone else changed, or did not. */
  fields: readonly EngagementField[];
  onReloaded: () => void;
  showError: boolean;
  /** The button that submits the form again, on top of the engagement as it is now. */
  saveAgain?: string;
}) {
  const reload = useReloadEngagement();
  const { update, conflict } = change;
  if (!conflict) return showError ? <ErrorNotice error={update.error} title="Not saved" /> : null;
  const { base, current, lastEvent } = conflict;
  // What this person tried to save: where they changed a field too, saving again puts theirs.
  const yours: EngagementChange = update.variables?.change ?? {};
  const unchanged = same(base, current);
  const changed = fields.filter((field) => !unchanged(field));
  // Saving again cannot work when the other change already made this decision (the same status),
  // or cancelled the engagement under an edit: say so, and offer only to start afresh.
  const sameDecision = yours.status !== undefined && yours.status === current.status;
  const frozen = current.status === 'CANCELLED' && yours.status !== 'ACTIVE';
  return (
    <div className="notice notice-conflict" role="alert">
      <p>
        <strong>This engagement was changed by someone else since you opened this form.</strong>{' '}
        Nothing of yours was saved, and nothing of theirs was overwritten.
      </p>
      {changed.length > 0 ? (
        <ChangedFields
          changes={changed.map((field) => ({
            name: fieldName(field),
            before: valueText(field, base[field]),
            after: valueText(field, current[field]),
            note:
              field === 'status' && sameDecision
                ? 'someone else decided it first'
                : field in yours
                  ? 'you changed it too: saving again replaces it with yours'
                  : 'changed by someone else',
          }))}
        />
      ) : (
        <p>
          Nothing in this form changed
          {ENGAGEMENT_FIELDS.every(unchanged) ? ': the other change was to its tasks.' : '.'}
        </p>
      )}
      <LastChange event={lastEvent} />
      {sameDecision || frozen ? (
        <p>
          {sameDecision
            ? 'That is decided already, so there is nothing to save again.'
            : 'It is cancelled now: nothing here can be saved until it is reactivated.'}{' '}
          What you typed is still in the form, to copy before you discard it.
        </p>
      ) : (
        <p>
          Your values are still in the form, on top of the engagement as it is now: “{saveAgain}”
          sends them, or discard them and start from the engagement as it is.
        </p>
      )}
      <div className="form-actions">
        {!sameDecision && !frozen && (
          <button type="submit" className="primary" disabled={update.isPending}>
            {saveAgain}
          </button>
        )}
        <button
          type="button"
          onClick={() => void reload(base.id).then(onReloaded)}
          disabled={update.isPending}
        >
          Discard my changes
        </button>
      </div>
    </div>
  );
}
