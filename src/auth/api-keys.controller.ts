import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { UuidPipe } from '../common/http/uuid.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiKeyService } from './api-key.service';
import { Roles } from './auth.decorators';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { ApiProblems } from '../common/openapi/api-docs.decorators';

@ApiTags('api-keys')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeyService) {}

  /** Creates an API key; the response carries its secret, once. */
  @Post()
  @ApiProblems(422)
  create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(body);
  }

  /** Every API key, revoked ones included (without secrets). */
  @Get()
  list(): Promise<ApiKeyDto[]> {
    return this.apiKeys.list();
  }

  /** One API key (without its secret). */
  @Get(':id')
  get(@Param('id', UuidPipe) id: string): Promise<ApiKeyDto> {
    return this.apiKeys.get(id);
  }

  /** Revokes the key: its next request fails with 401. */
  @Delete(':id')
  revoke(@Param('id', UuidPipe) id: string): Promise<ApiKeyDto> {
    return this.apiKeys.revoke(id);
  }
}
