import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidPipe } from '../common/http/uuid.pipe';
import type { Actor } from '../audit/audit-event';
import { CurrentActor } from '../auth/actor.decorator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { sendResult } from '../common/http/http-result';
import { CustomersService } from './customers.service';
import { CreateCustomerDto, CustomerDto } from './dto/customer.dto';
import { ApiIdempotencyKey, IdempotencyKey } from '../common/idempotency/idempotency-key.decorator';
import { ApiProblems, ApiSuccessHeaders } from '../common/openapi/api-docs.decorators';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  /** Creates a customer (name unique regardless of case: 409 otherwise). */
  @Post()
  @ApiIdempotencyKey()
  @ApiProblems(409, 422)
  @ApiSuccessHeaders('Location', 'Idempotent-Replayed')
  create(
    @Body() body: CreateCustomerDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CustomerDto> {
    return sendResult(res, this.customers.create(body, actor, idempotencyKey));
  }

  /** All customers by name; a CUSTOMER key sees only its own. */
  @Get()
  @Roles('ADMIN', 'STAFF', 'CUSTOMER')
  list(@CurrentPrincipal() principal: Principal): Promise<CustomerDto[]> {
    return this.customers.list(principal);
  }

  /** One customer. */
  @Get(':id')
  @Roles('ADMIN', 'STAFF', 'CUSTOMER')
  get(
    @Param('id', UuidPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomerDto> {
    return this.customers.get(id, principal);
  }
}
