import { changedTables, databaseFingerprint, viaPrisma } from './helpers/db-fingerprint';
import {
  createCustomer,
  createEngagement,
  tasksUrl,
  patchEngagement,
} from './helpers/engagement-api';
import { expectProblem } from './helpers/problem';
import { startTestApp, TestApp } from './helpers/test-app';

/** Engagements are versioned like tasks: an ETag on every read and write, If-Match honoured. */
describe('If-Match on engagements and tasks', () => {
  let t: TestApp;
  let fingerprint: () => Promise<string>;
  let customerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    fingerprint = await databaseFingerprint(viaPrisma(t.prisma));
    customerId = await createCustomer(t, 'Kramerica');
  });
  afterAll(() => t.close());

  const patch = (id: string, body: object, ifMatch?: string) =>
    patchEngagement(t, id, body, ifMatch);
  async function unchanged<T>(request: () => PromiseLike<T>): Promise<T> {
    const before = await fingerprint();
    const res = await request();
    expect({ changed: changedTables(before, await fingerprint()) }).toEqual({ changed: [] });
    return res;
  }

  it('creates, reads and changes engagements with an ETag', async () => {
    const created = await t.http.post('/api/v1/engagements').set('Authorization', t.admin).send({
      customerId,
      templateKey: 'wso2-managed-customer-subscription',
      cloudProvider: 'AWS',
      securityTier: 'STANDARD',
      startDate: '2026-03-02',
    });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"v1"');
    expect(created.body).toMatchObject({ version: 1, etag: '"v1"' });
    const read = await t.http
      .get(`/api/v1/engagements/${created.body.id}`)
      .set('Authorization', t.admin);
    expect(read.headers.etag).toBe('"v1"');
    const renamed = await patch(created.body.id, { name: 'Renamed' }, '"v1"');
    expect(renamed.status).toBe(200);
    expect(renamed.headers.etag).toBe('"v2"');
    expect(renamed.body).toMatchObject({ name: 'Renamed', version: 2, etag: '"v2"' });
    // A change that changes nothing keeps the version.
    const same = await patch(created.body.id, { name: 'Renamed' }, '"v2"');
    expect(same.headers.etag).toBe('"v2"');
  });

  it('a stale If-Match: 412 naming the current ETag, nothing changed', async () => {
    const { id } = await createEngagement(t, customerId);
    await patch(id, { name: 'First' }, '"v1"').expect(200);
    const stale = await unchanged(() => patch(id, { name: 'Second' }, '"v1"'));
    expectProblem(stale, 412);
    expect(stale.body.detail).toContain('"v2"');
    // Weak tags never match (strong comparison), lists and * do.
    expectProblem(await unchanged(() => patch(id, { name: 'Weak' }, 'W/"v2"')), 412);
    expect((await patch(id, { name: 'Listed' }, '"v1", "v2"')).status).toBe(200);
    expect((await patch(id, { name: 'Any' }, '*')).status).toBe(200);
  });

  it('a weak tag of the current version: 412 saying the W/ is the problem, not a change', async () => {
    const engagement = await createEngagement(t, customerId);
    const task = engagement.tasks[0];
    const url = tasksUrl(engagement.id, task.key);
    const weakly = [
      () => patch(engagement.id, { name: 'Weak' }, 'W/"v1"'),
      () =>
        t.http
          .patch(url)
          .set('Authorization', t.admin)
          .set('If-Match', 'W/"v1"')
          .send({ note: 'x' }),
      () => t.http.post(`${url}/complete`).set('Authorization', t.admin).set('If-Match', 'W/"v1"'),
    ];
    for (const request of weakly) {
      const res = await unchanged(request);
      expectProblem(res, 412, 'If-Match');
      expect(res.body.detail).not.toMatch(/changed since you read it/);
      expect(res.body.errors[0].message).toMatch(/W\/"v1" is a weak tag.*send "v1", without W\//);
    }
    // A weak tag of another version is just stale, as before.
    const stale = await unchanged(() => patch(engagement.id, { name: 'Weak' }, 'W/"v7"'));
    expectProblem(stale, 412);
    expect(stale.body.detail).toMatch(/changed since you read it \(it is now at "v1"\)/);
  });

  it('a malformed If-Match: 400 naming If-Match, not a false "changed since you read it"', async () => {
    const { id } = await createEngagement(t, customerId);
    for (const header of ['"v1"x', '"v1', 'v1"', '*, "v1"', 'junk junk']) {
      const res = await unchanged(() => patch(id, { name: 'Nope' }, header));
      expectProblem(res, 400, 'If-Match');
    }
    const unquoted = await unchanged(() => patch(id, { name: 'Nope' }, 'v1'));
    expectProblem(unquoted, 400, 'If-Match');
    expect(unquoted.body.errors[0].message).toMatch(/send "v1" \(with the double quotes\)/);
  });

  it('an empty If-Match counts as missing: the change goes through', async () => {
    const { id } = await createEngagement(t, customerId);
    const res = await patch(id, { name: 'Unconditional' }, '');
    expect(res.status).toBe(200);
  });

  it('a task change moves the engagement on, so its ETag tells the whole truth', async () => {
    const engagement = await createEngagement(t, customerId);
    const task = engagement.tasks[0];
    await t.http
      .patch(tasksUrl(engagement.id, task.key))
      .set('Authorization', t.admin)
      .set('If-Match', task.etag)
      .send({ note: 'started' })
      .expect(200);
    const read = await t.http
      .get(`/api/v1/engagements/${engagement.id}`)
      .set('Authorization', t.admin);
    expect(read.headers.etag).toBe('"v2"');
    expectProblem(await patch(engagement.id, { name: 'Late' }, '"v1"'), 412);
  });

  it('tasks use the same parser: unquoted is 400, empty is 428', async () => {
    const engagement = await createEngagement(t, customerId);
    const url = tasksUrl(engagement.id, engagement.tasks[0].key);
    const send = (ifMatch: string) =>
      t.http.patch(url).set('Authorization', t.admin).set('If-Match', ifMatch).send({ note: 'x' });
    expectProblem(await unchanged(() => send('v1')), 400, 'If-Match');
    expectProblem(await unchanged(() => send('"v1"x')), 400, 'If-Match');
    expectProblem(await unchanged(() => send('')), 428);
    expect((await send('"v1"')).status).toBe(200);
  });
});
