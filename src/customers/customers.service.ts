import { Injectable } from '@nestjs/common';
import type { Actor } from '../audit/audit-event';
import { NotFoundError } from '../common/errors/domain-errors';
import { HttpResult } from '../common/http/http-result';
import { IdempotencyService } from '../common/idempotency/idempotency.service';
import { customerScope, inScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { PrismaService, PrismaTx } from '../prisma/prisma.service';
import { customerNameTaken } from './customer-name';
import { CreateCustomerDto, CustomerDto } from './dto/customer.dto';

interface CustomerRow {
  id: string;
  name: string;
  externalRef: string | null;
  createdAt: Date;
}

function toDto(row: CustomerRow): CustomerDto {
  return {
    id: row.id,
    name: row.name,
    externalRef: row.externalRef,
    createdAt: row.createdAt.toISOString(),
  };
}

@Injectable()
export class CustomersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly idempotency: IdempotencyService,
  ) {}

  create(
    input: CreateCustomerDto,
    actor: Actor,
    idempotencyKey: string | undefined,
  ): Promise<HttpResult<CustomerDto>> {
    return this.idempotency.run(
      { scope: `${actor.id}:POST /customers`, key: idempotencyKey, body: input },
      async (tx) => {
        await assertNameFree(tx, input.name);
        const row = await tx.customer.create({
          data: { name: input.name, externalRef: input.externalRef ?? null },
        });
        return { status: 201, body: toDto(row), location: `/api/v1/customers/${row.id}` };
      },
    );
  }

  /** Every customer, by name; a CUSTOMER key sees only its own. */
  async list(principal: Principal): Promise<CustomerDto[]> {
    const scope = customerScope(principal);
    if (scope.kind === 'none') return [];
    const rows = await this.prisma.customer.findMany({
      where: scope.kind === 'customer' ? { id: scope.customerId } : {},
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toDto);
  }

  async get(id: string, principal: Principal): Promise<CustomerDto> {
    const row = await this.prisma.customer.findUnique({ where: { id } });
    if (!row || !inScope(customerScope(principal), row.id)) throw new NotFoundError('Customer', id);
    return toDto(row);
  }
}

/** Friendlier than the unique index's error; the index still settles races. */
async function assertNameFree(tx: PrismaTx, name: string): Promise<void> {
  const taken = await tx.$queryRaw<{ name: string }[]>`
    SELECT name FROM customer WHERE lower(name) = lower(${name}) LIMIT 1`;
  if (taken.length > 0) throw customerNameTaken('name', taken[0].name);
}
