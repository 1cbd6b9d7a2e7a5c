import { useState, type FormEvent } from 'react';
import type { Engagement } from '@/shared/engagement/engagement-query';
import { Field } from '@/shared/ui/Field';
import { EngagementChangeProblem, useEngagementChange } from './EngagementChangeProblem';
import { useFocusFirstInvalid } from '@/shared/ui/useFocusFirstInvalid';
import { useUnsavedChanges } from '@/shared/ui/unsaved-changes';

/** The status a person sets on an engagement (the others follow from its tasks). */
export type DecidedStatus = 'CANCELLED' | 'ACTIVE';

/**
 * What each decision says. Cancelling freezes the engagement and reactivating takes that back, so
 * both ask why (the API requires it) and say what follows.
 */
const WORDING: Record<
  DecidedStatus,
  {
    name: string;
    explanation: string;
    question: string;
    missing: string;
    keep: string;
    submitClass: string;
  }
> = {
  CANCELLED: {
    name: 'Cancel engagement',
    explanation:
      'A cancelled engagement is kept with its history, its tasks cannot change while it is cancelled (until it is reactivated), and it no longer counts as overdue.',
    question: 'Why is it cancelled?',
    missing: 'Say why it is cancelled',
    keep: 'Keep it',
    submitClass: 'danger',
  },
  ACTIVE: {
    name: 'Reactivate engagement',
    explanation:
      'Its tasks can change again, as they stood when it was cancelled, and late ones count as overdue again. It becomes Active, or Completed if every task is finished.',
    question: 'Why is it reactivated?',
    missing: 'Say why it is reactivated',
    keep: 'Keep it cancelled',
    submitClass: 'primary',
  },
};

/** What a conflict notice compares: a status decided meanwhile by someone else matters here. */
const STATUS_FIELDS = ['status'] as const;

/** Cancels an engagement, or reactivates a cancelled one, with the reason the API asks for. */
export function EngagementStatusForm({
  engagement: current,
  status,
  onClose,
  onReloaded,
}: {
  engagement: Engagement;
  status: DecidedStatus;
  onClose: () => void;
  /** After a conflict, once the engagement is read again. */
  onReloaded: () => void;
}) {
  // Decided on the engagement as it was when the form opened: a change since is a 412, not overlooked.
  const saving = useEngagementChange(current);
  const { update, fieldErrors } = saving;
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const formRef = useFocusFirstInvalid<HTMLFormElement>(
    update.error ?? (missingReason || undefined),
  );
  const words = WORDING[status];
  const closeOnEscape = useUnsavedChanges(reason.trim() !== '' && !update.isPending, words.name);
  const errors = {
    ...fieldErrors,
    ...(missingReason && !reason.trim() ? { reason: words.missing } : {}),
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setMissingReason(true);
    // Not mutate's onSuccess: once the status changed the page drops this form before that would run.
    saving.save({ status, reason: reason.trim() }).then(onClose, () => undefined); // a refusal is shown by EngagementChangeProblem
  };

  return (
    <form
      ref={formRef}
      className="form engagement-form"
      onSubmit={submit}
      onKeyDown={closeOnEscape(onClose)}
      noValidate
      aria-label={words.name}
    >
      <p>{words.explanation}</p>
      <Field label={words.question} error={errors.reason}>
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
        change={saving}
        fields={STATUS_FIELDS}
        saveAgain={`${words.name} anyway`}
        onReloaded={onReloaded}
        showError={Object.keys(errors).length === 0}
      />
      <div className="form-actions">
        {!saving.conflict && (
          <button type="submit" className={words.submitClass} disabled={update.isPending}>
            {words.name}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {words.keep}
        </button>
      </div>
    </form>
  );
}
