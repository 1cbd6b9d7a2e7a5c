import { unique } from './data';
import { expect, signedInTest as test } from './fixtures';

interface TemplateTask {
  key: string;
  position: number;
  title: string;
  raci: Record<string, { party: string; ifRequired: boolean }[]>;
  [field: string]: unknown;
}

test('the shipped model reads as the RACI matrix of the reference document', async ({
  page,
  checkScreen,
}) => {
  await page.goto('/templates');
  await page
    .getByRole('link', { name: 'WSO2 fully managed (infrastructure and PDP in WSO2 subscription)' })
    .click();
  await expect(page).toHaveURL(/\/templates\/wso2-managed-wso2-subscription$/);
  const matrix = page.getByRole('table', { name: /RACI matrix, version 1/ });
  await expect(matrix.getByRole('columnheader')).toHaveText([
    'Task',
    'Task description',
    'Responsible party',
    'Accountable',
    'Consulted',
    'Informed',
    'Due (days after start)',
    'Depends on',
  ]);
  const rows = page.getByTestId('raci-row');
  await expect(rows).toHaveCount(16);
  // As the document has them: "| Subscription prerequisites | … | WSO2 | WSO2 | Customer (If required) | Customer (If required) |"
  await expect(rows.nth(0).getByRole('cell').nth(1)).toHaveText('WSO2');
  await expect(rows.nth(0).getByRole('cell').nth(3)).toHaveText('Customer (If required)');
  await expect(rows.nth(0).getByRole('cell').nth(4)).toHaveText('Customer (If required)');
  // "| Network management | … | WSO2/Customer | WSO2/Customer | Customer | Customer |"
  await expect(rows.nth(2).getByRole('cell').nth(1)).toHaveText('WSO2/Customer');
  // "| Infrastructure provisioning | … | WSO2 | WSO2 | - | Customer(If required) |"
  await expect(rows.nth(4).getByRole('cell').nth(3)).toHaveText('-nobody');
  await expect(page.getByText('Only one version has been published.')).toBeVisible();
  await checkScreen('template');
});

test('a new version of a model, and what changed from the one before', async ({
  page,
  adminApi,
  checkScreen,
}) => {
  const base = await (
    await adminApi.get('/api/v1/templates/wso2-managed-customer-subscription')
  ).json();
  const key = `pilot-${unique()}`;
  const name = 'Pilot: WSO2 managed in the customer subscription';
  const { key: _k, version: _v, publishedAt: _p, ...content } = base;
  const created = await adminApi.post('/api/v1/templates', { data: { ...content, key, name } });
  expect(created.status(), await created.text()).toBe(201);

  // Version 2: application logs dropped, a DR drill added, the customer consulted on monitoring.
  const tasks: TemplateTask[] = base.tasks.filter(
    (t: TemplateTask) => t.key !== 'application-logs',
  );
  const monitoring = tasks.find((t) => t.key === 'infrastructure-monitoring')!;
  monitoring.raci = { ...monitoring.raci, consulted: [{ party: 'CUSTOMER', ifRequired: true }] };
  tasks.push({
    key: 'disaster-recovery-drill',
    position: 16,
    title: 'Disaster recovery drill',
    checklist: [{ text: 'Restore a backup into a fresh cluster', tiers: ['PREMIUM'] }],
    raci: {
      responsible: [{ party: 'WSO2', ifRequired: false }],
      accountable: [{ party: 'WSO2', ifRequired: false }],
      consulted: [{ party: 'CUSTOMER', ifRequired: false }],
      informed: [{ party: 'CUSTOMER', ifRequired: true }],
    },
    dueOffsetDays: 70,
    dependsOn: ['system-components-monitoring'],
  });
  const published = await adminApi.post(`/api/v1/templates/${key}/versions`, {
    data: { ...content, name, tasks },
  });
  expect(published.status(), await published.text()).toBe(201);

  await page.goto(`/templates/${key}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('table', { name: /RACI matrix, version 2/ })).toBeVisible();
  const drill = page.getByTestId('raci-row').filter({ hasText: 'Disaster recovery drill' });
  await expect(drill.getByRole('cell')).toHaveText([
    'Restore a backup into a fresh cluster (Premium tier)',
    'WSO2',
    'WSO2',
    'Customer',
    'Customer (If required)',
    '70',
    'WSO2 Developer Platform system components monitoring',
  ]);
  await expect(page.getByRole('region', { name: 'Versions' }).getByRole('listitem')).toHaveCount(2);

  // Version 1 is still there to see.
  await page.getByLabel('Show version').selectOption('1');
  await expect(page).toHaveURL(/version=1/);
  await expect(page.getByRole('table', { name: /RACI matrix, version 1/ })).toBeVisible();
  await expect(page.getByTestId('raci-row').filter({ hasText: 'application logs' })).toHaveCount(1);

  // The diff between them.
  await page.getByLabel('Compare version', { exact: true }).selectOption('1');
  await page.getByLabel('with version').selectOption('2');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/from=1&to=2/);
  const diff = page.getByRole('heading', { name: 'Version 1 → version 2' }).locator('..');
  await expect(diff.getByRole('heading', { name: 'Tasks added' })).toBeVisible();
  await expect(diff).toContainText('16. Disaster recovery drill');
  await expect(diff.getByRole('heading', { name: 'Tasks removed' })).toBeVisible();
  await expect(diff).toContainText('16. WSO2 Developer Platform application logs');
  const changed = diff.getByTestId('changed-task').filter({ hasText: 'Infrastructure monitoring' });
  await expect(changed).toContainText('RACI:');
  await expect(changed.locator('ins')).toContainText('C: Customer (If required)');
  await checkScreen('template-diff');

  // The comparison is in the address: a reload shows it again.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Version 1 → version 2' })).toBeVisible();
});
