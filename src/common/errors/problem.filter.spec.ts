import { BadRequestException, HttpException } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import {
  BusinessRuleError,
  ConflictError,
  MethodNotAllowedError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  SignInFailedError,
  SignInNotConfiguredError,
  SignInRefusedError,
  SignInUnavailableError,
} from './domain-errors';
import { mapError } from './problem.filter';

const prismaError = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError('internal text with SQL', {
    code,
    clientVersion: 'test',
    meta,
  });

describe('mapError', () => {
  it.each([
    [new BusinessRuleError('bad', [{ field: 'x', message: 'y' }]), 422],
    [new NotFoundError('Engagement', 'e1'), 404],
    [new ConflictError('state'), 409],
    [new MethodNotAllowedError('not here', ['GET']), 405],
    [new PreconditionFailedError('stale'), 412],
    [new PreconditionRequiredError('missing'), 428],
    [new SignInFailedError('state mismatch'), 400],
    [new SignInRefusedError('unknown', 'sso_unknown_user'), 403],
    [new SignInNotConfiguredError(), 404],
    [new SignInUnavailableError('provider down'), 503],
  ])('maps %p to %i', (error, status) => {
    expect(mapError(error).status).toBe(status);
  });

  it('names the sign-in error code for clients that read problems', () => {
    expect(mapError(new SignInRefusedError('disabled', 'sso_disabled_user'))).toMatchObject({
      status: 403,
      kind: 'sign-in-refused',
      extensions: { code: 'sso_disabled_user' },
    });
  });

  it('maps a unique violation to 409 naming the fields (driver adapter meta)', () => {
    const mapped = mapError(
      prismaError('P2002', {
        driverAdapterError: {
          cause: { kind: 'UniqueConstraintViolation', constraint: { fields: ['name'] } },
        },
      }),
    );
    expect(mapped).toMatchObject({
      status: 409,
      errors: [{ field: 'name', message: 'must be unique' }],
    });
    expect(mapped.detail).not.toContain('SQL');
  });

  it.each([
    ['customer_name_lower_key', 'name', 'A customer with this name already exists'],
    ['app_user_email_key', 'email', 'A user with this email already exists'],
  ])('names the API field, not the index %s, when a race reaches it', (index, field, detail) => {
    const mapped = mapError(
      prismaError('P2002', {
        driverAdapterError: { cause: { constraint: { index } } },
      }),
    );
    expect(mapped).toMatchObject({ status: 409, detail, errors: [{ field }] });
    expect(JSON.stringify(mapped)).not.toContain(index);
  });

  it('maps a missing record to 404 and a foreign-key violation to 422', () => {
    expect(mapError(prismaError('P2025')).status).toBe(404);
    const fk = mapError(
      prismaError('P2003', {
        driverAdapterError: { cause: { constraint: { fields: ['customer_id'] } } },
      }),
    );
    expect(fk).toMatchObject({ status: 422, errors: [{ field: 'customer_id' }] });
  });

  it('never exposes internal messages of unexpected errors', () => {
    const mapped = mapError(new Error('relation "secret_table" does not exist password=x'));
    expect(mapped).toEqual({
      status: 500,
      kind: 'internal-error',
      detail: 'An unexpected error occurred',
    });
    expect(mapError(prismaError('P2010')).status).toBe(500);
    expect(mapError(new HttpException('boom', 502)).detail).toBe('An unexpected error occurred');
  });

  it('answers an unreachable database with 503 and Retry-After, without its message', () => {
    for (const error of [
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5432 password=x'), {
        code: 'ECONNREFUSED',
      }),
      prismaError('P1001'),
    ]) {
      const mapped = mapError(error);
      expect(mapped).toMatchObject({ status: 503, kind: 'database-unavailable' });
      expect(mapped.headers).toEqual({ 'Retry-After': '5' });
      expect(mapped.detail).not.toMatch(/10\.0\.0\.1|password/);
    }
  });

  it('keeps the message of framework 4xx exceptions', () => {
    expect(mapError(new BadRequestException('Validation failed (uuid is expected)'))).toMatchObject(
      {
        status: 400,
        detail: 'Validation failed (uuid is expected)',
      },
    );
  });
});
