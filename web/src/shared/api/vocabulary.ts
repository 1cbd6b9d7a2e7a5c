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

export type TaskStatus = Schemas['TaskDto']['status'];
export type Role = Schemas['UserDto']['role'];
export type UserStatus = Schemas['UserDto']['status'];
export type NotificationStatus = Schemas['NotificationDto']['status'];

export const TASK_STATUSES = exactly<TaskStatus>()([
  'NOT_STARTED',
  'IN_PROGRESS',
  'BLOCKED',
  'DONE',
  'NOT_APPLICABLE',
]);
export const ROLES = exactly<Role>()(['ADMIN', 'STAFF', 'CUSTOMER']);
export const USER_STATUSES = exactly<UserStatus>()(['INVITED', 'ACTIVE', 'DISABLED']);
export const NOTIFICATION_STATUSES = exactly<NotificationStatus>()([
  'PENDING',
  'SENT',
  'DEAD',
  'RECORDED',
]);

/** Finished tasks: nothing more is needed (the rest are open, and can be late). */
const CLOSED_TASK_STATUSES: readonly TaskStatus[] = ['DONE', 'NOT_APPLICABLE'];

export function isClosedTaskStatus(status: TaskStatus): boolean {
  return CLOSED_TASK_STATUSES.includes(status);
}
