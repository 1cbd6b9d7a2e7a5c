import { label } from '@/shared/format/labels';
import type { Raci } from './templates-api';

type Entry = Raci['responsible'][number];

/** A RACI cell as the source document writes it: `WSO2/Customer`, `Customer (If required)`. */
export function raciCell(entries: readonly Entry[]): string {
  if (entries.length === 0) return '';
  const allIfRequired = entries.every((e) => e.ifRequired);
  if (allIfRequired) return `${entries.map((e) => label(e.party)).join('/')} (If required)`;
  return entries.map((e) => `${label(e.party)}${e.ifRequired ? ' (If required)' : ''}`).join('/');
}

/** `title` heads the matrix's column; `name` labels the line on a phone, where it is short. */
export const RACI_COLUMNS = [
  { key: 'responsible', title: 'Responsible party', name: 'Responsible', letter: 'R' },
  { key: 'accountable', title: 'Accountable', name: 'Accountable', letter: 'A' },
  { key: 'consulted', title: 'Consulted', name: 'Consulted', letter: 'C' },
  { key: 'informed', title: 'Informed', name: 'Informed', letter: 'I' },
] as const;

/** A whole RACI in one line, for diffs: `R: WSO2 · A: WSO2 · C: — · I: Customer (If required)`. */
export function raciLine(raci: Raci): string {
  return RACI_COLUMNS.map((c) => `${c.letter}: ${raciCell(raci[c.key]) || '—'}`).join(' · ');
}
