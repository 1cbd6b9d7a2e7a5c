import { label } from '@/shared/format/labels';
import type { Contact, Task } from './engagement-query';
import { primaryContact } from './parties';

const ROLES = [
  { key: 'responsible', letter: 'R', name: 'Responsible' },
  { key: 'accountable', letter: 'A', name: 'Accountable' },
  { key: 'consulted', letter: 'C', name: 'Consulted' },
  { key: 'informed', letter: 'I', name: 'Informed' },
] as const;

/** What the letters of RACI chips and columns stand for, said once per page. */
export function RaciLegend() {
  const letters = ROLES.map((role) => `${role.letter} ${role.name.toLowerCase()}`).join(', ');
  return <span className="muted small raci-legend">({letters})</span>;
}

/**
 * Who does what for a task: one chip per RACI role and party, naming the party's primary contact
 * (or saying nobody is named). The letters are spelled out for screen readers.
 */
export function RaciChips({
  raci,
  contacts,
}: {
  raci: Task['raci'];
  contacts: readonly Contact[];
}) {
  return (
    <ul className="raci" aria-label="RACI">
      {ROLES.flatMap((role) =>
        raci[role.key].map((entry) => {
          const person = primaryContact(contacts, entry.party);
          return (
            <li key={`${role.key}:${entry.party}`} className={`raci-chip raci-${role.letter}`}>
              <abbr className="raci-letter" title={role.name}>
                {role.letter}
              </abbr>
              <span className="visually-hidden">{role.name}:</span>{' '}
              <span className="raci-party">{label(entry.party)}</span>
              {entry.ifRequired && <span className="raci-if"> (if required)</span>}
              <span className={person ? 'raci-person' : 'raci-person nobody'}>
                {' · '}
                {person ? person.name : 'no contact named'}
              </span>
            </li>
          );
        }),
      )}
    </ul>
  );
}
