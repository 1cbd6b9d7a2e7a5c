import { Module } from '@nestjs/common';
import { TemplateCatalogueSeeder } from './template-catalogue.seeder';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

/** The management-model templates: the shipped catalogue, versions, and their API. */
@Module({
  controllers: [TemplatesController],
  providers: [TemplatesService, TemplateCatalogueSeeder],
  exports: [TemplatesService],
})
export class TemplatesModule {}
