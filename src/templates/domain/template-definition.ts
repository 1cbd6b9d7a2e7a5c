/**
 * The shape of a management-model template as the domain sees it: plain data, no persistence.
 * Parties are data (each template lists its own); tiers and cloud providers are fixed sets.
 */
export const SECURITY_TIERS = ['BASIC', 'STANDARD', 'PREMIUM'] as const;
export type SecurityTier = (typeof SECURITY_TIERS)[number];

export const CLOUD_PROVIDERS = ['AZURE', 'AWS', 'GCP', 'OTHER'] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];

export const RACI_ROLES = ['responsible', 'accountable', 'consulted', 'informed'] as const;
export type RaciRole = (typeof RACI_ROLES)[number];

/** Lowercase slug used for template keys and task keys, e.g. `subscription-prerequisites`. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Party names are upper-case identifiers, e.g. `WSO2`, `CUSTOMER`. */
export const PARTY_PATTERN = /^[A-Z][A-Z0-9_]*$/;

export interface ChecklistItem {
  text: string;
  /** null: the item applies whatever the engagement's security tier. */
  tiers: SecurityTier[] | null;
}

export interface RaciEntry {
  party: string;
  /** The party is involved only when the situation calls for it. */
  ifRequired: boolean;
}

export type Raci = Record<RaciRole, RaciEntry[]>;

export interface TemplateTaskDefinition {
  key: string;
  position: number;
  title: string;
  checklist: ChecklistItem[];
  raci: Raci;
  /** Default due date = engagement start + this many days. */
  dueOffsetDays: number;
  /** Keys of tasks that must be DONE or NOT_APPLICABLE before this one can be DONE. */
  dependsOn: string[];
}

export interface TemplateDefinition {
  name: string;
  description: string | null;
  parties: string[];
  /** null: any cloud provider. */
  allowedCloudProviders: CloudProvider[] | null;
  tasks: TemplateTaskDefinition[];
}

/** A catalogue entry: a definition under its stable template key. */
export interface KeyedTemplateDefinition extends TemplateDefinition {
  key: string;
}
