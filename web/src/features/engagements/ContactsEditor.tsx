import { useRef } from 'react';
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
  /** The error of a row's field, if any. */
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

/**
 * "Name" on screen, "Customer contact 2 Name" to a screen reader: the row's fieldset and place
 * say which contact it is to the eye, and long visible labels squeezed the inputs.
 */
function RowLabel({ row, field }: { row: string; field: string }) {
  return (
    <>
      <span className="visually-hidden">{row} </span>
      {field}
    </>
  );
}

/** The contacts of one party: name, email, and which one is primary (at most one). */
export function ContactsEditor({ party, rows, errorFor, onChange, onAdd }: Props) {
  const partyName = label(party);
  const edit = (id: number, changes: Partial<ContactRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...changes } : row)));
  const makePrimary = (id: number) =>
    onChange(rows.map((row) => ({ ...row, primary: row.id === id })));
  // A row added from its button takes the focus in its first field: the button stays below it,
  // and the keyboard would otherwise have to find its way back up to what it just made.
  const added = useRef(false);
  const focusIfAdded = (input: HTMLInputElement | null) => {
    if (!input || !added.current) return;
    added.current = false;
    input.focus();
  };
  return (
    <fieldset className="contacts">
      <legend>{partyName} contacts</legend>
      {rows.length === 0 && <p className="muted">No {partyName} contact yet.</p>}
      {rows.map((row, i) => (
        <div className="contact-row" key={row.id}>
          <Field
            label={<RowLabel row={`${partyName} contact ${i + 1}`} field="Name" />}
            error={errorFor(row, 'name')}
          >
            <input
              ref={i === rows.length - 1 ? focusIfAdded : undefined}
              value={row.name}
              onChange={(e) => edit(row.id, { name: e.target.value })}
            />
          </Field>
          <Field
            label={<RowLabel row={`${partyName} contact ${i + 1}`} field="Email" />}
            error={errorFor(row, 'email')}
          >
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
            <label htmlFor={`primary-${row.id}`}>
              Primary<span className="visually-hidden"> {partyName} contact</span>
            </label>
          </div>
          <button
            type="button"
            className="link-button"
            onClick={() => onChange(withoutRow(rows, row))}
          >
            Remove
            <span className="visually-hidden">
              {' '}
              {partyName} contact {i + 1}
            </span>
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => {
          added.current = true;
          onAdd();
        }}
      >
        Add {partyName} contact
      </button>
    </fieldset>
  );
}

let nextRowId = 1;

/** Editor rows for contacts as the API has them (or an empty row of `party`). */
export function contactRows(contacts: readonly Omit<ContactRow, 'id'>[]): ContactRow[] {
  return contacts.map(({ party, name, email, primary }) => ({
    id: nextRowId++,
    party,
    name,
    email,
    primary,
  }));
}

/** The rows in the order they are sent, party by party: the API's field errors use its index. */
function inSentOrder(rows: ContactRow[], parties: readonly string[]): ContactRow[] {
  return parties.flatMap((party) => rows.filter((row) => row.party === party));
}

/** The rows as the API takes them, party by party: its field errors come back by this index. */
export function contactsToSend(rows: ContactRow[], parties: readonly string[]) {
  return inSentOrder(rows, parties).map(({ party, name, email, primary }) => ({
    party,
    name,
    email,
    primary,
  }));
}

/**
 * A contact's field path as the form labels it: `contacts[2].email` → "Customer contact 1 email"
 * (the third sent, the first of its party). Undefined for any other path.
 */
export function contactFieldLabel(rows: ContactRow[], parties: readonly string[]) {
  const ordered = inSentOrder(rows, parties);
  return (path: string): string | undefined => {
    const match = /^contacts\[(\d+)\]\.(\w+)$/.exec(path);
    const row = match ? ordered[Number(match[1])] : undefined;
    if (!match || !row) return undefined;
    const place = rows.filter((r) => r.party === row.party).indexOf(row) + 1;
    return `${label(row.party)} contact ${place} ${match[2]}`;
  };
}

/** One fieldset per party, with the API's field errors (`contacts[i].name`…) on their rows. */
export function PartyContacts({
  parties,
  rows,
  errors,
  onChange,
}: {
  parties: readonly string[];
  rows: ContactRow[];
  errors: Record<string, string>;
  onChange: (rows: ContactRow[]) => void;
}) {
  const ordered = inSentOrder(rows, parties);
  const errorFor = (row: ContactRow, field: string) =>
    errors[`contacts[${ordered.indexOf(row)}].${field}`];
  return (
    <>
      {parties.map((party) => (
        <ContactsEditor
          key={party}
          party={party}
          rows={rows.filter((c) => c.party === party)}
          errorFor={errorFor}
          onChange={(partyRows) =>
            onChange([...rows.filter((c) => c.party !== party), ...partyRows])
          }
          onAdd={() =>
            onChange([
              ...rows,
              // The party's first contact is its primary one.
              ...contactRows([
                { party, name: '', email: '', primary: !rows.some((c) => c.party === party) },
              ]),
            ])
          }
        />
      ))}
      {errors.contacts && <p className="field-error">{errors.contacts}</p>}
    </>
  );
}
