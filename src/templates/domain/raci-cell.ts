import type { RaciEntry } from './template-definition';

const NOBODY = '-';
// "Customer (If required)" and "Customer(If required)" are the same: the space is optional.
const PARTY_CELL = /^([A-Za-z][A-Za-z0-9_]*)\s*(\(\s*if required\s*\))?$/i;

/**
 * Reads one RACI cell as the reference document writes it: `WSO2`, `Customer`, `WSO2/Customer`
 * (both parties, jointly), `-` (nobody) or a party followed by `(If required)`.
 * Party names are upper-cased, so `Customer` becomes `CUSTOMER`.
 */
export function parseRaciCell(cell: string): RaciEntry[] {
  const text = cell.trim();
  if (text === NOBODY) return [];
  if (text === '') throw new Error('A RACI cell is empty; write "-" for nobody');
  return text.split('/').map((part) => {
    const match = PARTY_CELL.exec(part.trim());
    if (!match) throw new Error(`Unreadable RACI cell "${cell}" (at "${part.trim()}")`);
    return { party: match[1].toUpperCase(), ifRequired: match[2] !== undefined };
  });
}
