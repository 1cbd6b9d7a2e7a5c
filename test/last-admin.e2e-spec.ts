import { snapshotDatabase } from './helpers/engagement-api';
import { expectProblem } from './helpers/problem';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * The service keeps at least one ADMIN who can sign in: disabling or demoting the last one is
 * refused, whoever asks (an ADMIN key included), and two such changes at the same moment cannot
 * both win.
 */
describe('the last active ADMIN person', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const patch = (id: string, body: object, auth: string = t.admin) =>
    t.http.patch(`/api/v1/users/${id}`).set('Authorization', auth).send(body);

  /** Every ACTIVE ADMIN but `keep` becomes STAFF, behind the service's back. */
  async function onlyActiveAdmin(keep: string): Promise<void> {
    await t.prisma.user.updateMany({
      where: { role: 'ADMIN', status: 'ACTIVE', id: { not: keep } },
      data: { role: 'STAFF' },
    });
    await t.authSettled();
  }

  it('may not be disabled nor given another role, by a key or by another person (409)', async () => {
    const admin = await t.adminUser();
    const staff = await t.userFor('STAFF');
    await onlyActiveAdmin(admin.id);
    // Another ADMIN only invited (no password yet) cannot sign in: it does not count.
    const invited = await t.http
      .post('/api/v1/users')
      .set('Authorization', t.admin)
      .send({ email: 'not-yet@example.test', role: 'ADMIN' })
      .expect(201);
    expect(invited.body.user.status).toBe('INVITED');
    const before = await snapshotDatabase(t);

    const disabled = await patch(admin.id, { status: 'DISABLED' });
    expectProblem(disabled, 409, 'status');
    expect(disabled.body.detail).toMatch(/last active ADMIN.*make someone else an ADMIN first/);
    expect(disabled.body.errors).toEqual([
      { field: 'status', message: 'would leave no active ADMIN person' },
    ]);
    expectProblem(await patch(admin.id, { role: 'STAFF' }), 409, 'role');
    expectProblem(await patch(admin.id, { role: 'STAFF', status: 'DISABLED' }), 409, 'role');
    expect(await snapshotDatabase(t)).toBe(before);
    await admin.get('/api/v1/me').expect(200);

    // With a second active ADMIN, either may go.
    await patch(staff.id, { role: 'ADMIN' }).expect(200);
    await patch(admin.id, { status: 'DISABLED' }).expect(200);
    await admin.get('/api/v1/me').expect(401);
    // …and the one left is the last again; an unchanged status or a new name is no loss.
    expectProblem(await patch(staff.id, { status: 'DISABLED' }), 409, 'status');
    await patch(staff.id, { status: 'ACTIVE', role: 'ADMIN', name: 'Still Admin' }).expect(200);
    await patch(admin.id, { status: 'ACTIVE' }).expect(200);
  });

  it('two requests taking away the last two at the same moment: exactly one wins', async () => {
    const otherKey = await t.keyFor('ADMIN');
    for (let round = 0; round < 8; round++) {
      const [first, second] = [await t.userFor('ADMIN'), await t.userFor('ADMIN')];
      await onlyActiveAdmin(first.id);
      await patch(second.id, { role: 'ADMIN' }).expect(200);
      const changes = round % 2 === 0 ? { role: 'STAFF' } : { status: 'DISABLED' };
      // Two administrators' scripts, each taking one of the two away.
      const answers = await Promise.all([
        patch(first.id, changes, t.admin),
        patch(second.id, changes, otherKey),
      ]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const active = await t.prisma.user.count({ where: { role: 'ADMIN', status: 'ACTIVE' } });
      expect(active).toBe(1);
    }
  });
});
