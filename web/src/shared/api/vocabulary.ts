import type { components } from './schema';

type Schemas = components['schemas'];
export type CloudProvider = Schemas['EngagementSummaryDto']['cloudProvider'];
export type SecurityTier = Schemas['EngagementSummaryDto']['securityTier'];
export type EngagementStatus = Schemas['EngagementSummaryDto']['status'];

/**
 * The enums' values at run time, for pickers. `exactly` fails to compile when the API adds or
 * drops a value, so a regenerated schema points here.
 */
function exactly<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)) =>
    list;
}

export const CLOUD_PROVIDERS = exactly<CloudProvider>()(['AWS', 'AZURE', 'GCP', 'OTHER']);
export const SECURITY_TIERS = exactly<SecurityTier>()(['BASIC', 'STANDARD', 'PREMIUM']);
export const ENGAGEMENT_STATUSES = exactly<EngagementStatus>()([
  'ACTIVE',
  'COMPLETED',
  'CANCELLED',
]);
