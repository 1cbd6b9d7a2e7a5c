/**
 * The parts of a template task an engagement copies into its own task instances, and the one rule
 * applied while copying: checklist items are filtered by the engagement's security tier.
 */
export const SECURITY_TIERS = ['BASIC', 'STANDARD', 'PREMIUM'] as const;
export type SecurityTier = (typeof SECURITY_TIERS)[number];

export const CLOUD_PROVIDERS = ['AZURE', 'AWS', 'GCP', 'OTHER'] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

export interface RaciEntry {
  party: string;
  ifRequired: boolean;
}

export interface Raci {
  responsible: RaciEntry[];
  accountable: RaciEntry[];
  consulted: RaciEntry[];
  informed: RaciEntry[];
}

export interface ChecklistItem {
  text: string;
  /** null: applies to every tier. */
  tiers: SecurityTier[] | null;
}

/** The checklist items that apply to `tier`: those without tiers, and those listing it. */
export function checklistForTier(
  items: readonly ChecklistItem[],
  tier: SecurityTier,
): ChecklistItem[] {
  return items.filter((item) => item.tiers === null || item.tiers.includes(tier));
}

/** Whether `provider` may be used with a template (null: any provider). */
export function isProviderAllowed(
  allowed: readonly CloudProvider[] | null,
  provider: CloudProvider,
): boolean {
  return allowed === null || allowed.includes(provider);
}
