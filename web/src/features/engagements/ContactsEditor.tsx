import { label } from '@/shared/format/labels';
import { Field } from '@/shared/ui/Field';

export interface ContactRow {
  /** Stable key for React; rows are added and removed. */
  id: number;
  party: string;
  name: string;
  email: string;
  primary: boolean;
}

interface Props {
  party: string;
  rows: ContactRow[];
  /** Field errors keyed by the row's index in the submitted `contacts` list. */
  errorFor: (row: ContactRow, field: 'name' | 'email' | 'primary') => string | undefined;
  onChange: (rows: ContactRow[]) => void;
  onAdd: () => void;
}

/** The rows without `row`; when it was the primary, the next one becomes primary. */
function withoutRow(rows: ContactRow[], row: ContactRow): ContactRow[] {
  const rest = rows.filter((r) => r.id !== row.id);
  if (!row.primary || rest.length === 0) return rest;
  return rest.map((r, i) => ({ ...r, primary: i === 0 }));
}

/** The contacts of one party: name, email, and which one is primary (at most one). */
export function ContactsEditor({ party, rows, errorFor, onChange, onAdd }: Props) {
  const partyName = label(party);
  const edit = (id: number, changes: Partial<ContactRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...changes } : row)));
  const makePrimary = (id: number) =>
    onChange(rows.map((row) => ({ ...row, primary: row.id === id })));
  return (
    <fieldset className="contacts">
      <legend>{partyName} contacts</legend>
      {rows.length === 0 && <p className="muted">No {partyName} contact yet.</p>}
      {rows.map((row, i) => (
        <div className="contact-row" key={row.id}>
          <Field label={`${partyName} contact ${i + 1} name`} error={errorFor(row, 'name')}>
            <input value={row.name} onChange={(e) => edit(row.id, { name: e.target.value })} />
          </Field>
          <Field label={`${partyName} contact ${i + 1} email`} error={errorFor(row, 'email')}>
            <input
              type="email"
              value={row.email}
              onChange={(e) => edit(row.id, { email: e.target.value })}
            />
          </Field>
          <div className="field field-inline">
            <input
              type="radio"
              id={`primary-${row.id}`}
              name={`primary-${party}`}
              checked={row.primary}
              onChange={() => makePrimary(row.id)}
            />
            <label htmlFor={`primary-${row.id}`}>Primary</label>
          </div>
          <button
            type="button"
            className="link-button"
            onClick={() => onChange(withoutRow(rows, row))}
          >
            Remove {partyName} contact {i + 1}
          </button>
        </div>
      ))}
      <button type="button" onClick={onAdd}>
        Add {partyName} contact
      </button>
    </fieldset>
  );
}
