import { randomUUID } from 'node:crypto';
import type { PrismaService } from '../../src/prisma/prisma.service';

/**
 * Template versions for tests, inserted straight into the template tables (the templates feature
 * owns the real catalogue). Modelled on the three PDP management models of
 * /work/shared/reference/pdp-management-models.txt: same 16 tasks, titles, checklists and RACI.
 */
export type Tier = 'BASIC' | 'STANDARD' | 'PREMIUM';
export interface FixtureRaciEntry {
  party: 'WSO2' | 'CUSTOMER';
  ifRequired: boolean;
}
export interface FixtureRaci {
  responsible: FixtureRaciEntry[];
  accountable: FixtureRaciEntry[];
  consulted: FixtureRaciEntry[];
  informed: FixtureRaciEntry[];
}
export interface FixtureTask {
  key: string;
  position: number;
  title: string;
  checklist: { text: string; tiers: Tier[] | null }[];
  raci: FixtureRaci;
  dueOffsetDays: number;
  dependsOn: string[];
}
export interface FixtureTemplate {
  key: string;
  version: number;
  name: string;
  parties: string[];
  allowedCloudProviders: ('AZURE' | 'AWS' | 'GCP' | 'OTHER')[] | null;
  tasks: FixtureTask[];
}

const always = (...texts: string[]) => texts.map((text) => ({ text, tiers: null }));
const SECURITY_CHECKLIST = [
  ...[
    'CSPM',
    'Apply security patches',
    'Manage supply chain security (Image scanning, SAST)',
    'Manage security incidents',
  ].map((text) => ({ text, tiers: ['BASIC'] as Tier[] })),
  ...[
    'CSPM',
    'Apply security patches',
    'Manage supply chain security',
    'Monitor runtime security alerts (Azure Defender)',
    'Monitor security incident and event management (SIEM) alerts',
    'Manage security incidents',
    'Adhere to compliance standards',
  ].map((text) => ({ text, tiers: ['STANDARD', 'PREMIUM'] as Tier[] })),
];

/** The task list shared by the three models: key, title, checklist, due offset, dependencies. */
const TASKS: Omit<FixtureTask, 'raci'>[] = [
  [
    'subscription-prerequisites',
    'Subscription prerequisites',
    always(
      'Create subscriptions',
      'Check quota and service limits',
      'Run the WSO2 Developer Platform compatibility prerequisite script',
    ),
    7,
    [],
  ],
  [
    'remote-access-for-installation',
    'Remote access for installation',
    always('Provide owner access'),
    10,
    ['subscription-prerequisites'],
  ],
  [
    'network-management',
    'Network management',
    always(
      'Obtain customers backend CIDR in case of VPN/peering',
      'Check end-to-end connectivity (primary and failover)',
    ),
    17,
    ['remote-access-for-installation'],
  ],
  [
    'firewall-rules-access-control',
    'Firewall rules/access control',
    always('Set up firewall and required rules depending on the security tier'),
    21,
    ['network-management'],
  ],
  [
    'infrastructure-provisioning',
    'Infrastructure provisioning',
    always('Provision Bastion', 'Provision Kubernetes clusters'),
    24,
    ['firewall-rules-access-control'],
  ],
  [
    'kubernetes-cluster-management',
    'Kubernetes cluster management',
    always('Manage Kubernetes versions', 'Increase node pool size'),
    28,
    ['infrastructure-provisioning'],
  ],
  [
    'infrastructure-monitoring',
    'Infrastructure monitoring',
    always('Set up alerts'),
    31,
    ['infrastructure-provisioning'],
  ],
  [
    'dns-management',
    'DNS management for WSO2 Developer Platform system',
    always(
      'Manage DNS infrastructure',
      'Manage SSL certificates for WSO2 Developer Platform system components',
    ),
    28,
    ['network-management'],
  ],
  [
    'system-components-deployment',
    'WSO2 Developer Platform system components deployment',
    always('Set up PDP agents via Helm'),
    35,
    ['kubernetes-cluster-management', 'dns-management'],
  ],
  [
    'system-components-management',
    'WSO2 Developer Platform system components management',
    always('Upgrade/patch/debug versions'),
    42,
    ['system-components-deployment'],
  ],
  [
    'system-components-monitoring',
    'WSO2 Developer Platform system components monitoring',
    always('Set up continuous monitoring 24x7', 'Provide monthly uptime reports'),
    42,
    ['system-components-deployment'],
  ],
  [
    'security-monitoring',
    'WSO2 Developer Platform system security monitoring',
    SECURITY_CHECKLIST,
    45,
    ['system-components-deployment'],
  ],
  [
    'application-creation-deployment',
    'WSO2 Developer Platform application creation/deployment',
    [],
    49,
    ['system-components-deployment'],
  ],
  [
    'application-management',
    'WSO2 Developer Platform application management',
    [],
    56,
    ['application-creation-deployment'],
  ],
  [
    'application-monitoring',
    'WSO2 Developer Platform application monitoring',
    [],
    56,
    ['application-creation-deployment'],
  ],
  [
    'application-logs',
    'WSO2 Developer Platform application logs',
    [],
    56,
    ['application-creation-deployment'],
  ],
].map(([key, title, checklist, dueOffsetDays, dependsOn], index) => ({
  key: key as string,
  position: index + 1,
  title: title as string,
  checklist: checklist as FixtureTask['checklist'],
  dueOffsetDays: dueOffsetDays as number,
  dependsOn: dependsOn as string[],
}));

/** A RACI cell as written in the reference: W, C, WC (jointly), - (nobody), ? suffix = if required. */
function cell(text: string): FixtureRaciEntry[] {
  if (text === '-') return [];
  const ifRequired = text.endsWith('?');
  return [...text.replace('?', '')].map((c) => ({
    party: c === 'W' ? 'WSO2' : 'CUSTOMER',
    ifRequired,
  }));
}
function raci(row: string): FixtureRaci {
  const [r, a, c, i] = row.split(' ');
  return { responsible: cell(r), accountable: cell(a), consulted: cell(c), informed: cell(i) };
}
const APPLICATIONS = ['C C C C', 'C C C C', 'C C C C', 'C C C C'];
const SECURITY = 'WC WC WC WC';

const MODELS = {
  'wso2-managed-wso2-subscription': {
    name: 'WSO2 fully managed (infrastructure and PDP in WSO2 subscription)',
    allowedCloudProviders: ['AZURE', 'AWS', 'GCP'] as FixtureTemplate['allowedCloudProviders'],
    raci: [
      'W W C? C?',
      'W W W W',
      'WC WC C C',
      'W W C C',
      'W W - C?',
      'W W C C',
      'W W - C?',
      'WC WC C C',
      'W W - -',
      'W W - C?',
      'W W - C',
      SECURITY,
      ...APPLICATIONS,
    ],
  },
  'wso2-managed-customer-subscription': {
    name: 'WSO2 fully managed (infrastructure and PDP in customer subscription)',
    allowedCloudProviders: null,
    raci: [
      'C C W -',
      'C C W W',
      'WC WC C C',
      'WC WC C C',
      'W W C C',
      'W W C C',
      'W W - C?',
      'WC WC C C',
      'W W C -',
      'W W - C?',
      'W W - C',
      SECURITY,
      ...APPLICATIONS,
    ],
  },
  'customer-self-managed': {
    name: 'Customer self-managed (WSO2 provides installation script and updates)',
    allowedCloudProviders: null,
    raci: [
      'C C W W',
      'C C W -',
      'C C W W',
      'C C W W',
      'C C W W?',
      'C C W W?',
      'C C W -',
      'C C W -',
      'C C W -',
      'C C W -',
      'C C W -',
      SECURITY,
      ...APPLICATIONS,
    ],
  },
};
export type FixtureModel = keyof typeof MODELS;
export const FIXTURE_MODELS = Object.keys(MODELS) as FixtureModel[];

/** The fixture template of one model (not yet in the database). */
export function fixtureTemplate(model: FixtureModel, version = 1): FixtureTemplate {
  const spec = MODELS[model];
  return {
    key: model,
    version,
    name: spec.name,
    parties: ['WSO2', 'CUSTOMER'],
    allowedCloudProviders: spec.allowedCloudProviders,
    tasks: TASKS.map((task, index) => ({
      ...task,
      // The customer-subscription model says "Provide access" where the others say "Provide owner access".
      checklist:
        model === 'wso2-managed-customer-subscription' &&
        task.key === 'remote-access-for-installation'
          ? always('Provide access')
          : task.checklist,
      raci: raci(spec.raci[index]),
    })),
  };
}

/** Publishes a template version by inserting its rows; returns the template_version id. */
export async function insertTemplateVersion(
  prisma: PrismaService,
  template: FixtureTemplate,
): Promise<string> {
  const id = randomUUID();
  await prisma.template.upsert({
    where: { key: template.key },
    create: { key: template.key },
    update: {},
  });
  await prisma.templateVersion.create({
    data: {
      id,
      templateKey: template.key,
      version: template.version,
      name: template.name,
      parties: template.parties,
      allowedCloudProviders: template.allowedCloudProviders ?? [],
      tasks: {
        create: template.tasks.map((task) => ({
          id: randomUUID(),
          key: task.key,
          position: task.position,
          title: task.title,
          checklist: task.checklist,
          raci: task.raci as object,
          dueOffsetDays: task.dueOffsetDays,
          dependsOn: task.dependsOn,
        })),
      },
    },
  });
  return id;
}

/** Version 1 of all three models. */
export async function seedFixtureCatalogue(prisma: PrismaService): Promise<FixtureTemplate[]> {
  const templates = FIXTURE_MODELS.map((model) => fixtureTemplate(model));
  for (const template of templates) await insertTemplateVersion(prisma, template);
  return templates;
}

/** Keys of tasks in dependency order (each after everything it depends on). */
export function keysInDependencyOrder(template: FixtureTemplate): string[] {
  return [...template.tasks].sort((a, b) => a.position - b.position).map((task) => task.key);
}
