/**
 * The parts of a template task an engagement copies into its own task instances, and the one rule
 * applied while copying: checklist items are filtered by the engagement's security tier.
 */
import type {
  ChecklistItem,
  CloudProvider,
  SecurityTier,
} from '../templates/domain/template-definition';

// The vocabulary of templates is defined once, by the templates domain.
export {
  CLOUD_PROVIDERS,
  SECURITY_TIERS,
  type ChecklistItem,
  type CloudProvider,
  type Raci,
  type RaciEntry,
  type SecurityTier,
} from '../templates/domain/template-definition';

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
