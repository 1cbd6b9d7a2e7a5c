import { useState, type FormEvent } from 'react';
import { ApiError } from '@/shared/api';
import type { Engagement } from '@/shared/engagement/engagement-query';
import { Field } from '@/shared/ui/Field';
import { EngagementChangeProblem } from './EngagementChangeProblem';
import { useUpdateEngagement } from './engagements-api';

/** Cancelling is final (its tasks no longer change), so it asks why and says so. */
export function CancelEngagementForm({
  engagement,
  onClose,
  onReloaded,
}: {
  engagement: Engagement;
  onClose: () => void;
  /** After a conflict, once the engagement is read again. */
  onReloaded: () => void;
}) {
  const update = useUpdateEngagement();
  const [reason, setReason] = useState('');
  const errors = update.error instanceof ApiError ? update.error.fieldErrors : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { engagement, change: { status: 'CANCELLED', reason: reason.trim() } },
      { onSuccess: onClose },
    );
  };

  return (
    <form
      className="form engagement-form"
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
      noValidate
      aria-label="Cancel engagement"
    >
      <p>
        A cancelled engagement is kept with its history, but none of its tasks can change again and
        it no longer counts as overdue.
      </p>
      <Field label="Why is it cancelled?" error={errors.reason}>
        <textarea
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={2000}
          required
          autoFocus
        />
      </Field>
      <EngagementChangeProblem
        update={update}
        engagementId={engagement.id}
        onReloaded={onReloaded}
        showError={Object.keys(errors).length === 0}
      />
      <div className="form-actions">
        <button type="submit" className="danger" disabled={update.isPending}>
          Cancel engagement
        </button>
        <button type="button" onClick={onClose}>
          Keep it
        </button>
      </div>
    </form>
  );
}
