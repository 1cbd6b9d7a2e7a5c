import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flattenValidationErrors } from '../common/http/validation.pipe';
import type { KeyedTemplateDefinition } from './domain/template-definition';
import { validateTemplate } from './domain/template-validation';
import { CreateTemplateDto, toTemplateDefinition } from './dto/template.dto';

/** Copied next to the compiled code by nest-cli.json's assets, so it resolves the same in dist/. */
export const CATALOGUE_PATH = join(__dirname, 'catalogue', 'pdp-management-models.json');

/**
 * The templates the product ships with. Each entry passes exactly the checks a POST /templates
 * body passes (shape, then business rules), so a broken catalogue stops the start-up loudly.
 */
export function loadCatalogue(path = CATALOGUE_PATH): KeyedTemplateDefinition[] {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { templates?: unknown };
  if (!Array.isArray(raw.templates)) throw new Error(`${path}: expected { "templates": [ … ] }`);
  const seen = new Set<string>();
  return raw.templates.map((entry: unknown, i: number) => {
    const dto = plainToInstance(CreateTemplateDto, entry);
    const shapeProblems = flattenValidationErrors(
      validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
    );
    const definition = shapeProblems.length ? undefined : toTemplateDefinition(dto);
    const problems = definition ? validateTemplate(definition) : shapeProblems;
    if (seen.has(dto.key)) problems.push({ field: 'key', message: `duplicates "${dto.key}"` });
    seen.add(dto.key);
    if (!definition || problems.length) {
      const list = problems.map((p) => `  templates[${i}].${p.field}: ${p.message}`).join('\n');
      throw new Error(`${path} is invalid:\n${list}`);
    }
    return { key: dto.key, ...definition };
  });
}

let shippedOrder: Map<string, number> | undefined;

/** Each shipped template's position in the catalogue (read once; loadCatalogue validated it at start-up). */
export function catalogueOrder(): Map<string, number> {
  if (!shippedOrder) {
    const { templates } = JSON.parse(readFileSync(CATALOGUE_PATH, 'utf8')) as {
      templates: { key: string }[];
    };
    shippedOrder = new Map(templates.map((t, i) => [t.key, i]));
  }
  return shippedOrder;
}
