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
};

export function label(code: string | null | undefined): string {
  if (!code) return '—';
  return LABELS[code] ?? code.charAt(0) + code.slice(1).toLowerCase().replaceAll('_', ' ');
}
