import type { APIRequestContext } from '@playwright/test';
import { completeTasks, createCustomer, createEngagement, daysAgo, type Contact } from './data';

const ORDER = [
  'subscription-prerequisites',
  'remote-access-for-installation',
  'network-management',
  'firewall-rules-access-control',
  'infrastructure-provisioning',
  'kubernetes-cluster-management',
  'infrastructure-monitoring',
  'dns-management',
];

const wso2 = (name: string): Contact => ({
  party: 'WSO2',
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@wso2.example`,
  primary: true,
});
const customer = (name: string, domain: string, primary = true): Contact => ({
  party: 'CUSTOMER',
  name,
  email: `${name.split(' ')[0].toLowerCase()}@${domain}`,
  primary,
});

/**
 * A believable book of onboardings, made through the API as people would: six customers on the
 * three models, started weeks or months ago, each as far along as such a project would be. One
 * customer named no primary contact, so its overdue work shows as owned by nobody.
 */
const PORTFOLIO = [
  {
    customer: 'Contoso Retail',
    templateKey: 'wso2-managed-wso2-subscription',
    cloudProvider: 'AWS',
    securityTier: 'STANDARD',
    startedDaysAgo: 75,
    done: 5,
    contacts: [wso2('Priya Raman'), customer('Marcus Chen', 'contoso.example')],
  },
  {
    customer: 'Fabrikam Health',
    templateKey: 'wso2-managed-customer-subscription',
    cloudProvider: 'AZURE',
    securityTier: 'PREMIUM',
    startedDaysAgo: 48,
    done: 2,
    contacts: [wso2('Daniel Okafor'), customer('Hannah Weber', 'fabrikam.example')],
  },
  {
    customer: 'Northwind Logistics',
    templateKey: 'customer-self-managed',
    cloudProvider: 'GCP',
    securityTier: 'BASIC',
    startedDaysAgo: 100,
    done: 7,
    contacts: [wso2('Sofia Lindqvist'), customer('Omar Haddad', 'northwind.example')],
  },
  {
    customer: 'Tailspin Airlines',
    templateKey: 'wso2-managed-wso2-subscription',
    cloudProvider: 'GCP',
    securityTier: 'PREMIUM',
    startedDaysAgo: 34,
    done: 1,
    contacts: [wso2('Priya Raman'), customer('Leah Kim', 'tailspin.example', false)],
  },
  {
    customer: 'Woodgrove Bank',
    templateKey: 'wso2-managed-customer-subscription',
    cloudProvider: 'AWS',
    securityTier: 'STANDARD',
    startedDaysAgo: 22,
    done: 3,
    contacts: [wso2('Daniel Okafor'), customer('Ravi Patel', 'woodgrove.example')],
  },
  {
    customer: 'Adventure Works',
    templateKey: 'customer-self-managed',
    cloudProvider: 'AWS',
    securityTier: 'STANDARD',
    startedDaysAgo: 12,
    done: 0,
    contacts: [wso2('Sofia Lindqvist'), customer('Elena Garcia', 'adventure-works.example')],
  },
];

export async function seedPortfolio(api: APIRequestContext) {
  const engagements = [];
  for (const item of PORTFOLIO) {
    const { id: customerId } = await createCustomer(api, item.customer);
    const engagement = await createEngagement(api, {
      customerId,
      templateKey: item.templateKey,
      cloudProvider: item.cloudProvider,
      securityTier: item.securityTier,
      startDate: daysAgo(item.startedDaysAgo),
      contacts: item.contacts,
    });
    await completeTasks(api, engagement.id, ORDER.slice(0, item.done));
    engagements.push(engagement);
  }
  return engagements;
}
