import { useState, type FormEvent } from 'react';
import { isClosedTaskStatus, SECURITY_TIERS, type SecurityTier } from '@/shared/api';
import type { Engagement } from '@/shared/engagement/engagement-query';
import { partiesOf } from '@/shared/engagement/parties';
import { daysBetween, pluralize } from '@/shared/format/dates';
import { label } from '@/shared/format/labels';
import { Field } from '@/shared/ui/Field';
import { contactRows, contactsToSend, PartyContacts } from './ContactsEditor';
import { EngagementChangeProblem, useEngagementChange } from './EngagementChangeProblem';
import type { EngagementChange } from './engagements-api';
import { useFocusFirstInvalid } from '@/shared/ui/useFocusFirstInvalid';
import { useUnsavedChanges } from '@/shared/ui/unsaved-changes';

/**
 * What moving the start does to the plan, in the page's own terms before anything is sent: the
 * open tasks move by as many days, the closed ones keep their dates.
 */
function startDateHint(openTasks: number, days: number): string {
  if (openTasks === 0) return 'Every task is closed: there is nothing left to schedule';
  if (Number.isNaN(days) || days === 0) {
    return `Moving it moves the due dates of the ${pluralize(openTasks, 'open task')} with it`;
  }
  const moved = `${pluralize(openTasks, 'open task')} ${openTasks === 1 ? 'moves' : 'move'}`;
  return `${moved} ${pluralize(Math.abs(days), 'day')} ${days > 0 ? 'later' : 'earlier'}; done and not applicable tasks keep their dates`;
}

/** What this form changes, and the status: a cancellation meanwhile matters to it too. */
const FORM_FIELDS = ['name', 'securityTier', 'startDate', 'contacts', 'status'] as const;

/**
 * Name, security tier, start date (the open tasks' due dates move with it) and contacts (the one
 * place a missing primary contact can be named). Only what changed is sent, with the ETag the form
 * was opened with. Refused because someone else changed the engagement first, the person's values
 * stay: what they did not change now shows the other change, and saving again sends theirs on top.
 */
export function EditEngagementForm({
  engagement: current,
  onClose,
  onReloaded,
}: {
  engagement: Engagement;
  onClose: () => void;
  /** After a conflict, once the engagement is read again. */
  onReloaded: () => void;
}) {
  const saving = useEngagementChange(current);
  const { engagement, update, fieldErrors: errors, save } = saving;
  const formRef = useFocusFirstInvalid<HTMLFormElement>(update.error);
  const parties = partiesOf(engagement);
  const [name, setName] = useState(engagement.name);
  const [tier, setTier] = useState<SecurityTier>(engagement.securityTier);
  const [contacts, setContacts] = useState(() => contactRows(engagement.contacts));
  const [startDate, setStartDate] = useState(engagement.startDate);
  const openTasks = engagement.tasks.filter((task) => !isClosedTaskStatus(task.status)).length;

  // What the form would send: only what differs from the engagement (also what is unsaved).
  const change: EngagementChange = {};
  if (name.trim() !== engagement.name) change.name = name.trim();
  if (tier !== engagement.securityTier) change.securityTier = tier;
  if (startDate !== engagement.startDate) change.startDate = startDate;
  const list = contactsToSend(contacts, parties);
  if (
    JSON.stringify(list) !==
    JSON.stringify(contactsToSend(contactRows(engagement.contacts), parties))
  ) {
    change.contacts = list;
  }
  const changed = Object.keys(change).length > 0;
  const closeOnEscape = useUnsavedChanges(changed && !update.isPending, 'Edit engagement');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!changed) return onClose();
    save(change, (now) => {
      if (!('name' in change)) setName(now.name);
      if (!('securityTier' in change)) setTier(now.securityTier);
      if (!('startDate' in change)) setStartDate(now.startDate);
      if (!('contacts' in change)) setContacts(contactRows(now.contacts));
    }).then(onClose, () => undefined); // a refusal is shown by EngagementChangeProblem
  };

  return (
    <form
      ref={formRef}
      className="form form-wide engagement-form"
      onSubmit={submit}
      onKeyDown={closeOnEscape(onClose)}
      noValidate
      aria-label="Edit engagement"
    >
      <Field label="Engagement name" error={errors.name}>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          required
          autoFocus
        />
      </Field>
      <Field
        label="Security tier"
        hint="Changing it re-filters the checklists of the tasks still open"
        error={errors.securityTier}
      >
        <select value={tier} onChange={(e) => setTier(e.target.value as SecurityTier)}>
          {SECURITY_TIERS.map((t) => (
            <option key={t} value={t}>
              {label(t)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Start date"
        hint={
          <span aria-live="polite">
            {startDateHint(openTasks, daysBetween(engagement.startDate, startDate))}
          </span>
        }
        error={errors.startDate}
      >
        <input
          type="date"
          value={startDate}
          onChange={(e) => setStartDate(e.target.value)}
          disabled={openTasks === 0}
          required
        />
      </Field>
      <PartyContacts parties={parties} rows={contacts} errors={errors} onChange={setContacts} />
      <EngagementChangeProblem
        change={saving}
        fields={FORM_FIELDS}
        onReloaded={onReloaded}
        showError={Object.keys(errors).length === 0}
      />
      <div className="form-actions">
        {!saving.conflict && (
          <button type="submit" className="primary" disabled={update.isPending}>
            Save engagement
          </button>
        )}
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
