import { useState, type FormEvent } from 'react';
import { ApiError, SECURITY_TIERS, type SecurityTier } from '@/shared/api';
import type { Engagement } from '@/shared/engagement/engagement-query';
import { partiesOf } from '@/shared/engagement/parties';
import { label } from '@/shared/format/labels';
import { Field } from '@/shared/ui/Field';
import { ContactsEditor, type ContactRow } from './ContactsEditor';
import { EngagementChangeProblem } from './EngagementChangeProblem';
import { useUpdateEngagement, type EngagementChange } from './engagements-api';

let nextRowId = 1;
const rowsOf = (engagement: Engagement): ContactRow[] =>
  engagement.contacts.map(({ party, name, email, primary }) => ({
    id: nextRowId++,
    party,
    name,
    email,
    primary,
  }));
const contactList = (rows: ContactRow[]) =>
  rows.map(({ party, name, email, primary }) => ({ party, name, email, primary }));

/**
 * Name, security tier and contacts (the one place a missing primary contact can be named). Only
 * what changed is sent, with the ETag the form was opened with.
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
  const update = useUpdateEngagement();
  // The engagement as the form opened on: what changes are measured against, and whose ETag is
  // sent. The page may read it again meanwhile (after a task change, say); sending that newer
  // ETag with values from before would undo what someone else changed since, unnoticed.
  const [engagement] = useState(current);
  const parties = partiesOf(engagement);
  const [name, setName] = useState(engagement.name);
  const [tier, setTier] = useState<SecurityTier>(engagement.securityTier);
  const [contacts, setContacts] = useState(() => rowsOf(engagement));
  // Contacts go to the API in party order; errors come back by that index.
  const submitted = parties.flatMap((party) => contacts.filter((c) => c.party === party));
  const errors = update.error instanceof ApiError ? update.error.fieldErrors : {};
  const contactError = (row: ContactRow, field: string) =>
    errors[`contacts[${submitted.indexOf(row)}].${field}`];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const change: EngagementChange = {};
    if (name.trim() !== engagement.name) change.name = name.trim();
    if (tier !== engagement.securityTier) change.securityTier = tier;
    const list = contactList(submitted);
    if (JSON.stringify(list) !== JSON.stringify(contactList(rowsOf(engagement)))) {
      change.contacts = list;
    }
    if (Object.keys(change).length === 0) return onClose();
    update.mutate({ engagement, change }, { onSuccess: onClose });
  };

  return (
    <form
      className="form form-wide engagement-form"
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
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
      {parties.map((party) => (
        <ContactsEditor
          key={party}
          party={party}
          rows={contacts.filter((c) => c.party === party)}
          errorFor={contactError}
          onChange={(rows) => setContacts([...contacts.filter((c) => c.party !== party), ...rows])}
          onAdd={() =>
            setContacts([
              ...contacts,
              {
                id: nextRowId++,
                party,
                name: '',
                email: '',
                primary: !contacts.some((c) => c.party === party),
              },
            ])
          }
        />
      ))}
      {errors.contacts && <p className="field-error">{errors.contacts}</p>}
      <EngagementChangeProblem
        update={update}
        engagementId={engagement.id}
        onReloaded={onReloaded}
        showError={Object.keys(errors).length === 0}
      />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          Save engagement
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
