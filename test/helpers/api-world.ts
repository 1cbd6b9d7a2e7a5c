import { addDays, todayUtc } from '../../src/common/domain/calendar-date';
import type { BuiltService } from './built-app';
import { waitForRun } from './escalation-fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD, cookiesOf } from './test-app';

export type Role = 'ADMIN' | 'STAFF' | 'CUSTOMER';

/** How a caller authenticates: an API key, or a signed-in person's cookies with the CSRF token. */
export interface Credentials {
  label: string;
  role: Role;
  headers: Record<string, string>;
}

/**
 * Data for every path of the API to point at, created through the API of the built service: a
 * customer with a back-dated engagement (overdue tasks, notifications), keys and signed-in people
 * of every role, an escalation run, and an invitation link.
 */
export interface ApiWorld {
  customerId: string;
  engagementId: string;
  taskKey: string;
  templateKey: string;
  apiKeyId: string;
  userId: string;
  notificationId: string;
  runId: string;
  invitationToken: string;
  callers: Credentials[];
}

export async function buildWorld(built: BuiltService): Promise<ApiWorld> {
  const admin = { Authorization: built.admin };
  const ok = async <T>(
    what: string,
    res: PromiseLike<{ status: number; body: T; text: string }>,
  ) => {
    const answer = await res;
    if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${answer.text}`);
    return answer.body;
  };
  const post = (url: string, body: object, headers: Record<string, string> = admin) =>
    built.http.post(url).set(headers).send(body);

  const customer = await ok<any>('customer', post('/api/v1/customers', { name: 'World Co' }));
  const engagement = await ok<any>(
    'engagement',
    post('/api/v1/engagements', {
      customerId: customer.id,
      templateKey: 'wso2-managed-customer-subscription',
      cloudProvider: 'AWS',
      securityTier: 'STANDARD',
      startDate: addDays(todayUtc(), -60),
      contacts: [{ party: 'CUSTOMER', name: 'Carl', email: 'carl@world.example', primary: true }],
    }),
  );
  const keyFor = async (role: Role) =>
    ok<any>(
      `${role} key`,
      post('/api/v1/api-keys', {
        name: `world-${role.toLowerCase()}`,
        role,
        ...(role === 'CUSTOMER' ? { customerId: customer.id } : {}),
      }),
    );
  const staffKey = await keyFor('STAFF');
  const customerKey = await keyFor('CUSTOMER');
  // What /api-keys/{id} points at: no caller's own key, so revoking it locks nobody out.
  const spareKey = await ok<any>(
    'spare key',
    post('/api/v1/api-keys', { name: 'world-spare', role: 'STAFF' }),
  );

  /** Invites a person, accepts the link, and returns the signed-in browser's headers. */
  const person = async (role: Exclude<Role, 'ADMIN'>): Promise<Record<string, string>> => {
    const invited = await ok<any>(
      `${role} user`,
      post('/api/v1/users', {
        email: `world-${role.toLowerCase()}@world.example`,
        role,
        ...(role === 'CUSTOMER' ? { customerId: customer.id } : {}),
      }),
    );
    const token = invited.invitation.url.split('/invitations/')[1];
    const accepted = await post(
      `/auth/invitations/${token}/accept`,
      {
        name: `World ${role}`,
        password: 'Tidal-orchard-lantern-58',
      },
      {},
    );
    if (accepted.status !== 200) throw new Error(`accepting: ${accepted.status} ${accepted.text}`);
    return browserHeaders(cookiesOf(accepted));
  };
  const signedInAdmin = await built.http
    .post('/auth/login')
    .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  if (signedInAdmin.status !== 200) throw new Error(`admin sign-in: ${signedInAdmin.status}`);

  const run = await built.http.post('/api/v1/escalations/run').set(admin).send({});
  if (run.status !== 202) throw new Error(`escalation run: ${run.status} ${run.text}`);
  const finished = await waitForRun(built.http, built.admin, run.headers.location);
  const notificationId = finished.notifications[0]?.notificationId;
  if (!notificationId) throw new Error('the escalation run notified nobody');

  const invitee = await ok<any>(
    'invitee',
    post('/api/v1/users', { email: 'world-invitee@world.example', role: 'STAFF' }),
  );

  const callers: Credentials[] = [
    { label: 'ADMIN key', role: 'ADMIN', headers: admin },
    { label: 'STAFF key', role: 'STAFF', headers: { Authorization: `Bearer ${staffKey.key}` } },
    {
      label: 'CUSTOMER key',
      role: 'CUSTOMER',
      headers: { Authorization: `Bearer ${customerKey.key}` },
    },
    { label: 'ADMIN person', role: 'ADMIN', headers: browserHeaders(cookiesOf(signedInAdmin)) },
    { label: 'STAFF person', role: 'STAFF', headers: await person('STAFF') },
    { label: 'CUSTOMER person', role: 'CUSTOMER', headers: await person('CUSTOMER') },
  ];
  return {
    customerId: customer.id,
    engagementId: engagement.id,
    taskKey: engagement.tasks[0].key,
    templateKey: engagement.templateKey,
    apiKeyId: spareKey.id,
    userId: invitee.user.id,
    notificationId,
    runId: finished.id,
    invitationToken: invitee.invitation.url.split('/invitations/')[1],
    callers,
  };
}

const browserHeaders = (cookies: Record<string, string>) => ({
  Cookie: `ot_session=${cookies.ot_session}; ot_csrf=${cookies.ot_csrf}`,
  'X-CSRF-Token': cookies.ot_csrf,
});

/** A documented path with its parameters pointed at the world's data. */
export function fillPath(path: string, world: ApiWorld): string {
  const ids: [RegExp, string][] = [
    [/^\/api\/v1\/customers\/\{id\}/, world.customerId],
    [/^\/api\/v1\/engagements\/\{id\}/, world.engagementId],
    [/^\/api\/v1\/api-keys\/\{id\}/, world.apiKeyId],
    [/^\/api\/v1\/users\/\{id\}/, world.userId],
    [/^\/api\/v1\/notifications\/\{id\}/, world.notificationId],
    [/^\/api\/v1\/escalations\/runs\/\{id\}/, world.runId],
  ];
  const id = ids.find(([pattern]) => pattern.test(path))?.[1] ?? world.engagementId;
  return path
    .replace('{id}', id)
    .replace('{engagementId}', world.engagementId)
    .replace('{taskKey}', world.taskKey)
    .replace('{key}', world.templateKey)
    .replace('{version}', '1')
    .replace('{a}', '1')
    .replace('{b}', '1')
    .replace('{token}', world.invitationToken);
}
