/** Display names of the API's codes (which stay the values sent and kept in URLs). */
const LABELS: Record<string, string> = {
  WSO2: 'WSO2',
  CUSTOMER: 'Customer',
  AWS: 'AWS',
  AZURE: 'Azure',
  GCP: 'Google Cloud',
  BASIC: 'Basic',
  STANDARD: 'Standard',
  PREMIUM: 'Premium',
  ACTIVE: 'Active',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  BLOCKED: 'Blocked',
  DONE: 'Done',
  NOT_APPLICABLE: 'Not applicable',
  ADMIN: 'Admin',
  STAFF: 'Staff',
  // Where an escalation notification stands. RECORDED means no webhook is set up: nobody was
  // sent anything, and nothing on screen may read as if they were.
  RECORDED: 'Not sent (no webhook set up)',
  PENDING: 'Waiting to be sent',
  SENT: 'Sent',
  DEAD: 'Could not be delivered',
};

export function label(code: string | null | undefined): string {
  if (!code) return '—';
  return LABELS[code] ?? code.charAt(0) + code.slice(1).toLowerCase().replaceAll('_', ' ');
}

/**
 * An API field path as a form would label it, where the form gives no label of its own:
 * `startDate` → "Start date", `customerId` → "Customer", `contacts[0].email` → "Contacts 1 email".
 */
export function fieldName(path: string): string {
  const words = path
    .replace(/\[(\d+)\]/g, (_, index: string) => ` ${Number(index) + 1} `)
    .replaceAll('.', ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/ id\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
