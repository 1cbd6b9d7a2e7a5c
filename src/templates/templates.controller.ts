import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import {
  CreateTemplateDto,
  FieldChangeDto,
  TemplateDiffDto,
  TemplateSummaryDto,
  TemplateVersionDto,
  TemplateVersionInputDto,
  toTemplateDefinition,
} from './dto/template.dto';
import { versionParam } from './dto/version-param.pipe';
import { TemplatesService } from './templates.service';
import { ApiProblems, ApiSuccessHeaders } from '../common/openapi/api-docs.decorators';

const versionUrl = (v: TemplateVersionDto) => `/api/v1/templates/${v.key}/versions/${v.version}`;

/**
 * Reads are open to every role (customers see which model they are on); writes are ADMIN's.
 * Published templates and versions are immutable: PUT, PATCH and DELETE are answered 405 with
 * Allow like any method a resource does not take (see common/http/method-not-allowed.ts, asked
 * by the problem filter when no route handled a request).
 */
@ApiTags('templates')
@ApiBearerAuth()
@ApiExtraModels(FieldChangeDto)
@Roles('ADMIN', 'STAFF', 'CUSTOMER')
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  /** The latest version of every template, with its task count. */
  @Get()
  list(): Promise<TemplateSummaryDto[]> {
    return this.templates.list();
  }

  /** The latest version of one template, with all its tasks. */
  @Get(':key')
  latest(@Param('key') key: string): Promise<TemplateVersionDto> {
    return this.templates.findVersion(key);
  }

  /** Every published version of one template, oldest first. */
  @Get(':key/versions')
  versions(@Param('key') key: string): Promise<TemplateSummaryDto[]> {
    return this.templates.listVersions(key);
  }

  /** One published version, with all its tasks. */
  @Get(':key/versions/:version')
  version(
    @Param('key') key: string,
    @Param('version', versionParam('version')) version: number,
  ): Promise<TemplateVersionDto> {
    return this.templates.findVersion(key, version);
  }

  /** What changes from version `a` to version `b`: template fields and tasks added, removed, changed. */
  @Get(':key/versions/:a/diff/:b')
  diff(
    @Param('key') key: string,
    @Param('a', versionParam('a')) a: number,
    @Param('b', versionParam('b')) b: number,
  ): Promise<TemplateDiffDto> {
    return this.templates.diff(key, a, b);
  }

  /** Creates a template: the body becomes its version 1. 409 if the key exists. */
  @Post()
  @Roles('ADMIN')
  @ApiProblems(409, 422)
  @ApiSuccessHeaders('Location')
  async create(
    @Body() body: CreateTemplateDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TemplateVersionDto> {
    const created = await this.templates.createTemplate({
      key: body.key,
      ...toTemplateDefinition(body),
    });
    res.location(versionUrl(created));
    return created;
  }

  /** Publishes the next version of a template; the body is the complete new version. */
  @Post(':key/versions')
  @Roles('ADMIN')
  @ApiProblems(409, 422)
  @ApiSuccessHeaders('Location')
  async publish(
    @Param('key') key: string,
    @Body() body: TemplateVersionInputDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TemplateVersionDto> {
    const published = await this.templates.publishVersion(key, toTemplateDefinition(body));
    res.location(versionUrl(published));
    return published;
  }
}
