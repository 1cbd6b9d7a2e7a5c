import { label } from '@/shared/format/labels';
import type { OverdueGroup } from './overdue-api';

export const NO_CONTACT_LABEL = 'No contact named';

export function personLabel(group: OverdueGroup): string {
  return group.contact?.name ?? NO_CONTACT_LABEL;
}

export function groupLabel(group: OverdueGroup): string {
  return `${personLabel(group)} (${label(group.party)})`;
}
