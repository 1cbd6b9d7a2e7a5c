import type { TestApp } from './test-app';

let customerCount = 0;

/** Creates a customer through the API and returns its id. */
export async function createCustomer(
  t: TestApp,
  name = `Customer ${++customerCount} ${Date.now()}`,
): Promise<string> {
  const res = await t.http.post('/api/v1/customers').set('Authorization', t.admin).send({ name });
  if (res.status !== 201) throw new Error(`creating a customer: ${res.status} ${res.text}`);
  return res.body.id;
}

/** Creates an engagement through the API (ADMIN) and returns the response body. */
export async function createEngagement(
  t: TestApp,
  customerId: string,
  overrides: Record<string, unknown> = {},
): Promise<EngagementBody> {
  const res = await t.http
    .post('/api/v1/engagements')
    .set('Authorization', t.admin)
    .send({
      customerId,
      templateKey: 'wso2-managed-customer-subscription',
      cloudProvider: 'AWS',
      securityTier: 'STANDARD',
      startDate: '2026-03-02',
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`creating an engagement: ${res.status} ${res.text}`);
  return res.body;
}

export interface TaskBody {
  key: string;
  status: string;
  etag: string;
  version: number;
  [field: string]: unknown;
}
export interface EngagementBody {
  id: string;
  status: string;
  tasks: TaskBody[];
  [field: string]: unknown;
}

/** Every row a feature could touch, in a stable order: equal snapshots mean nothing changed. */
export async function snapshotDatabase(t: TestApp): Promise<string> {
  const tables = [
    'customer',
    'engagement',
    'engagement_contact',
    'task',
    'audit_event',
    'idempotency_record',
    'app_user',
    'invitation',
    'user_session',
  ];
  const parts: unknown[] = [];
  for (const table of tables) {
    parts.push(
      await t.prisma.$queryRawUnsafe(
        `SELECT to_jsonb(x)::text AS row FROM ${table} x ORDER BY to_jsonb(x)::text`,
      ),
    );
  }
  return JSON.stringify(parts);
}

/** PATCH /engagements/{id} with If-Match when given, as ADMIN unless another key is given. */
export function patchEngagement(
  t: TestApp,
  id: string,
  body: object,
  ifMatch?: string,
  auth = t.admin,
) {
  const req = t.http.patch(`/api/v1/engagements/${id}`).set('Authorization', auth);
  return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send(body);
}

/** An engagement's audit events, oldest first. */
export const auditEventsOf = (t: TestApp, engagementId: string) =>
  t.prisma.auditEvent.findMany({ where: { engagementId }, orderBy: { id: 'asc' } });

export const tasksUrl = (engagementId: string, key: string) =>
  `/api/v1/engagements/${engagementId}/tasks/${key}`;
