import { Module } from '@nestjs/common';
import { TemplateCatalogueSeeder } from './template-catalogue.seeder';
import { TemplatesController } from './templates.controller';
import { TemplateVersionCache } from './template-version.cache';
import { TemplatesService } from './templates.service';

/** The management-model templates: the shipped catalogue, versions, and their API. */
@Module({
  controllers: [TemplatesController],
  providers: [TemplatesService, TemplateCatalogueSeeder, TemplateVersionCache],
  exports: [TemplatesService, TemplateVersionCache],
})
export class TemplatesModule {}
