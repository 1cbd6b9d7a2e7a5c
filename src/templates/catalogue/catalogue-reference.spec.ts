import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseReferenceDocument, ReferenceModel } from '../domain/reference-document';
import type { KeyedTemplateDefinition } from '../domain/template-definition';
import { validateTemplate } from '../domain/template-validation';
import { CATALOGUE_PATH, loadCatalogue } from '../template-catalogue';

const REPO_ROOT = resolve(__dirname, '../../..');
const IN_REPO_REFERENCE = join(REPO_ROOT, 'docs/reference/pdp-management-models.txt');
// The shared original lives beside the repository (../shared); a worktree one level deeper
// (e.g. wt/<branch>) finds it one level further up.
const SHARED_REFERENCE = ['..', '../..']
  .map((up) => resolve(REPO_ROOT, up, 'shared/reference/pdp-management-models.txt'))
  .find((path) => existsSync(path));

describe('the template catalogue against the reference document', () => {
  const reference: ReferenceModel[] = parseReferenceDocument(
    readFileSync(IN_REPO_REFERENCE, 'utf8'),
  );
  const catalogue: KeyedTemplateDefinition[] = loadCatalogue(CATALOGUE_PATH);

  (SHARED_REFERENCE ? it : it.skip)(
    'keeps an in-repo copy identical to the shared original',
    () => {
      expect(readFileSync(IN_REPO_REFERENCE).equals(readFileSync(SHARED_REFERENCE!))).toBe(true);
    },
  );

  it('has one template per model, in the document order, with the expected keys', () => {
    expect(reference).toHaveLength(3);
    expect(catalogue.map((t) => t.key)).toEqual([
      'wso2-managed-wso2-subscription',
      'wso2-managed-customer-subscription',
      'customer-self-managed',
    ]);
  });

  describe.each([0, 1, 2])('model %i', (m) => {
    const model = reference[m];
    const template = catalogue[m];

    it('is named after the model heading without " model"', () => {
      expect(model.title).toBe(`${template.name} model`);
    });

    it('restricts cloud providers exactly as the document says', () => {
      expect(template.allowedCloudProviders).toEqual(model.allowedCloudProviders);
    });

    it('lists WSO2 and CUSTOMER as its parties', () => {
      expect(template.parties).toEqual(['WSO2', 'CUSTOMER']);
    });

    it('has every task of the table, in order, at positions 1..n', () => {
      expect(template.tasks.map((t) => t.title)).toEqual(model.tasks.map((t) => t.title));
      expect(template.tasks.map((t) => t.position)).toEqual(model.tasks.map((_, i) => i + 1));
    });

    it.each([...Array(16).keys()])('task %i: checklist lines, tiers and RACI cells', (i) => {
      const task = template.tasks[i];
      const row = model.tasks[i];
      expect(task.title).toBe(row.title);
      expect(task.checklist).toEqual(row.checklist);
      expect(task.raci).toEqual(row.raci);
    });

    it('satisfies every template rule (keys, positions, accountability, acyclic order)', () => {
      expect(validateTemplate(template)).toEqual([]);
    });
  });

  it('gives every model the same task keys, so reports can compare models', () => {
    const keys = catalogue.map((t) => t.tasks.map((task) => task.key));
    expect(keys[1]).toEqual(keys[0]);
    expect(keys[2]).toEqual(keys[0]);
  });

  it('reads the tier-conditional security duties as data, without the "If …" lines', () => {
    for (const template of catalogue) {
      const security = template.tasks.find((t) => t.key === 'system-security-monitoring')!;
      expect(security.checklist.some((item) => item.text.startsWith('If '))).toBe(false);
      expect(new Set(security.checklist.map((item) => JSON.stringify(item.tiers)))).toEqual(
        new Set(['["BASIC"]', '["STANDARD","PREMIUM"]']),
      );
    }
  });
});
