import { useState, type FormEvent } from 'react';
import type { Engagement } from '@/shared/engagement/engagement-query';
import { Field } from '@/shared/ui/Field';
import { EngagementChangeProblem, useEngagementChange } from './EngagementChangeProblem';
import { useFocusFirstInvalid } from '@/shared/ui/useFocusFirstInvalid';

/** Cancelling is final (its tasks no longer change), so it asks why and says so. */
export function CancelEngagementForm({
  engagement: current,
  onClose,
  onReloaded,
}: {
  engagement: Engagement;
  onClose: () => void;
  /** After a conflict, once the engagement is read again. */
  onReloaded: () => void;
}) {
  // Cancelled as it was when the form opened: a change since is a 412, not overlooked.
  const { engagement, update, fieldErrors } = useEngagementChange(current);
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const formRef = useFocusFirstInvalid<HTMLFormElement>(
    update.error ?? (missingReason || undefined),
  );
  const errors = {
    ...fieldErrors,
    ...(missingReason && !reason.trim() ? { reason: 'Say why it is cancelled' } : {}),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setMissingReason(true);
    // Not mutate's onSuccess: once cancelled the page drops this form before that would run.
    update
      .mutateAsync({ engagement, change: { status: 'CANCELLED', reason: reason.trim() } })
      .then(onClose, () => undefined); // a refusal is shown by EngagementChangeProblem
  };

  return (
    <form
      ref={formRef}
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
