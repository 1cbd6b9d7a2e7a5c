import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { KeyedTemplateDefinition } from './domain/template-definition';
import { diffTemplates } from './domain/template-diff';
import { loadCatalogue } from './template-catalogue';
import { TemplatesService } from './templates.service';

export interface SeedResult {
  /** Keys whose version 1 this run published. */
  created: string[];
  /** Keys whose version 1 already existed and was left alone. */
  kept: string[];
}

/**
 * Publishes the shipped catalogue as version 1 of each template on start-up. A restart (or a
 * second instance starting at the same moment) finds version 1 and leaves it exactly as it is.
 */
@Injectable()
export class TemplateCatalogueSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('TemplateCatalogue');

  constructor(private readonly templates: TemplatesService) {}

  async onApplicationBootstrap(): Promise<void> {
    const result = await this.seed();
    if (result.created.length > 0) {
      this.logger.log(`Published version 1 of ${result.created.join(', ')}`);
    }
  }

  async seed(catalogue: KeyedTemplateDefinition[] = loadCatalogue()): Promise<SeedResult> {
    const result: SeedResult = { created: [], kept: [] };
    // One key at a time, always in the same order, so concurrent seeders never deadlock.
    for (const entry of [...catalogue].sort((a, b) => a.key.localeCompare(b.key))) {
      const { created, published } = await this.templates.ensureFirstVersion(entry);
      (created ? result.created : result.kept).push(entry.key);
      if (!created) this.warnOnDrift(entry, published);
    }
    return result;
  }

  /** A published version never changes; an edited catalogue has to become a new version. */
  private warnOnDrift(entry: KeyedTemplateDefinition, published: KeyedTemplateDefinition): void {
    const diff = diffTemplates(published, entry);
    const drifted =
      Object.keys(diff.template).length +
      diff.added.length +
      diff.removed.length +
      diff.changed.length;
    if (drifted > 0) {
      this.logger.warn(
        `The catalogue entry "${entry.key}" differs from its published version 1, which is kept ` +
          `as it is; publish the change as a new version with POST /api/v1/templates/${entry.key}/versions`,
      );
    }
  }
}
