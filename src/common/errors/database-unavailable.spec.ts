import { isDatabaseUnavailable } from './database-unavailable';

describe('isDatabaseUnavailable', () => {
  it.each([
    ['Prisma cannot reach the server', { code: 'P1001', message: "Can't reach database server" }],
    ['Prisma pool timeout', { code: 'P2024' }],
    ['Prisma could not start a transaction in time', { code: 'P2028' }],
    ['server shutting down (57P01)', { code: '57P01' }],
    ['cannot connect now (57P03)', { code: '57P03' }],
    ['connection exception class 08', { code: '08006' }],
    [
      'refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['pg pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['terminated connection', new Error('Connection terminated unexpectedly')],
    ['aggregate of refusals', new AggregateError([{ code: 'ECONNREFUSED' }], '')],
    [
      'adapter error inside meta',
      { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } },
    ],
    ['wrapped cause', new Error('outer', { cause: { code: '57P01' } })],
    [
      'connections switched off (ALLOW_CONNECTIONS false), as Prisma reports it',
      {
        code: 'P2039',
        message:
          'Database error. Code: `55000`. Message: `database "ot" is not currently accepting connections`',
      },
    ],
  ])('%s → true', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['unique violation', { code: 'P2002' }],
    [
      'another object-not-in-prerequisite-state (55000)',
      { code: '55000', message: 'lock not available' },
    ],
    ['SQL syntax error', { code: '42601' }],
    ['a plain bug', new TypeError('x is undefined')],
    ['nothing', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('%s → false', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
