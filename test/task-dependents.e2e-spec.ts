import {
  auditEventsOf,
  createCustomer,
  createEngagement,
  EngagementBody,
  snapshotDatabase,
  TaskBody,
  tasksUrl,
} from './helpers/engagement-api';
import { expectProblem } from './helpers/problem';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * PATCH a task with a later dueDate: the open tasks waiting for it are not silently left due
 * before it. The default template (start 2 Mar 2026) is a chain: remote access due 9 Mar, network
 * management (waits for it) 16 Mar, firewall rules (waits for that) 19 Mar, provisioning 26 Mar…
 */
describe('moving a due date past the tasks that wait for it', () => {
  let t: TestApp;
  let customerId: string;
  beforeAll(async () => {
    t = await startTestApp();
    customerId = await createCustomer(t, 'Waiting Tasks Ltd');
  });
  afterAll(() => t.close());

  const REMOTE = 'remote-access-for-installation';
  const NETWORK = 'network-management';
  const FIREWALL = 'firewall-rules-access-control';
  const PROVISIONING = 'infrastructure-provisioning';

  const patch = (id: string, task: TaskBody, body: object, auth = t.admin) =>
    t.http
      .patch(tasksUrl(id, task.key))
      .set('Authorization', auth)
      .set('If-Match', task.etag)
      .send(body);
  const read = async (id: string): Promise<EngagementBody> =>
    (await t.http.get(`/api/v1/engagements/${id}`).set('Authorization', t.admin).expect(200)).body;
  const byKey = (engagement: EngagementBody) =>
    new Map(engagement.tasks.map((task) => [task.key, task]));
  const dates = (engagement: EngagementBody, keys: string[]) =>
    keys.map((key) => byKey(engagement).get(key)!.dueDate);

  /** The chain with provisioning (and what waits for it) moved out, so a move stops before it. */
  const chain = async (overrides: Record<string, unknown> = {}) => {
    const created = await createEngagement(t, customerId, overrides);
    const provisioning = byKey(created).get(PROVISIONING)!;
    await patch(created.id, provisioning, {
      dueDate: '2026-04-30',
      moveDependents: true,
    }).expect(200);
    const engagement = await read(created.id);
    return { engagement, tasks: byKey(engagement) };
  };

  it('refuses a later date that leaves waiting tasks due earlier (422 naming dueDate and them), changing nothing', async () => {
    const { engagement, tasks } = await chain();
    const before = await snapshotDatabase(t);

    const res = await patch(engagement.id, tasks.get(REMOTE)!, { dueDate: '2026-03-17' });

    expectProblem(res, 422, 'dueDate');
    expect(res.body.detail).toContain('send moveDependents: true to move them 8 days later too');
    expect(res.body.errors[0].message).toBe(
      'is after the due date of open tasks that wait for it: ' +
        `${NETWORK} (due 2026-03-16, would move to 2026-03-24), ` +
        `${FIREWALL} (due 2026-03-19, would move to 2026-03-27)`,
    );
    expect(res.body.dependentMoves).toEqual([
      { key: NETWORK, title: 'Network management', from: '2026-03-16', to: '2026-03-24' },
      {
        key: FIREWALL,
        title: 'Firewall rules/access control',
        from: '2026-03-19',
        to: '2026-03-27',
      },
    ]);
    expectProblem(
      await patch(engagement.id, tasks.get(REMOTE)!, {
        dueDate: '2026-03-17',
        moveDependents: false,
      }),
      422,
      'dueDate',
    );
    expect(await snapshotDatabase(t)).toBe(before);
  });

  it('with moveDependents moves them by as many days in one change: versions, ETags and one audit event each', async () => {
    const { engagement, tasks } = await chain();
    const eventsBefore = (await auditEventsOf(t, engagement.id)).length;
    const remote = tasks.get(REMOTE)!;

    const res = await patch(engagement.id, remote, {
      dueDate: '2026-03-17',
      moveDependents: true,
      reason: 'VPN approval slipped',
    }).expect(200);

    expect(res.body).toMatchObject({ dueDate: '2026-03-17', version: remote.version + 1 });
    expect(res.headers.etag).toBe(`"v${remote.version + 1}"`);
    const after = await read(engagement.id);
    expect(after.version).toBe((engagement.version as number) + 1);
    const moved = byKey(after);
    expect(dates(after, [REMOTE, NETWORK, FIREWALL, PROVISIONING])).toEqual([
      '2026-03-17',
      '2026-03-24',
      '2026-03-27',
      '2026-04-30', // due after firewall rules' new date: it keeps its date
    ]);
    for (const key of [NETWORK, FIREWALL]) {
      expect(moved.get(key)!.version).toBe(tasks.get(key)!.version + 1);
    }
    for (const task of engagement.tasks.filter(
      (task) => ![REMOTE, NETWORK, FIREWALL].includes(task.key),
    )) {
      expect(moved.get(task.key)).toMatchObject({ dueDate: task.dueDate, version: task.version });
    }
    // A dependent's old ETag no longer changes it.
    expectProblem(await patch(engagement.id, tasks.get(NETWORK)!, { note: 'stale' }), 412);

    const why =
      'due date of “Remote access for installation” moved from 9 Mar 2026 to 17 Mar 2026; this task waits for it';
    const written = (await auditEventsOf(t, engagement.id)).slice(eventsBefore);
    expect(written).toEqual([
      expect.objectContaining({
        action: 'task.updated',
        taskKey: REMOTE,
        changes: { dueDate: { from: '2026-03-09', to: '2026-03-17' } },
        reason: 'VPN approval slipped',
      }),
      expect.objectContaining({
        action: 'task.updated',
        taskKey: NETWORK,
        changes: { dueDate: { from: '2026-03-16', to: '2026-03-24' } },
        reason: `${why}: VPN approval slipped`,
      }),
      expect.objectContaining({
        action: 'task.updated',
        taskKey: FIREWALL,
        changes: { dueDate: { from: '2026-03-19', to: '2026-03-27' } },
        reason: `${why}: VPN approval slipped`,
      }),
    ]);
    const history = await t.http
      .get(`/api/v1/engagements/${engagement.id}/tasks/${FIREWALL}/audit`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(history.body.items.at(-1)).toMatchObject({
      action: 'task.updated',
      changes: { dueDate: { to: '2026-03-27' } },
      reason: `${why}: VPN approval slipped`,
    });
    const verify = await t.http
      .get(`/api/v1/engagements/${engagement.id}/audit/verify`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(verify.body.intact).toBe(true);
  });

  it('never moves a closed task, nor what waits only for it', async () => {
    const { engagement, tasks } = await chain();
    await patch(engagement.id, tasks.get(FIREWALL)!, {
      status: 'NOT_APPLICABLE',
      reason: 'Managed by the customer',
    }).expect(200);
    const current = byKey(await read(engagement.id));

    await patch(engagement.id, current.get(REMOTE)!, {
      dueDate: '2026-04-10',
      moveDependents: true,
    }).expect(200);

    const after = byKey(await read(engagement.id));
    expect(after.get(NETWORK)!.dueDate).toBe('2026-04-17');
    expect(after.get(FIREWALL)).toMatchObject({
      dueDate: '2026-03-19',
      version: current.get(FIREWALL)!.version,
    });
    expect(after.get(PROVISIONING)!.dueDate).toBe('2026-04-30');
  });

  it('works as before for an earlier date, or one no waiting task is due before', async () => {
    const { engagement, tasks } = await chain();
    const first = await patch(engagement.id, tasks.get(REMOTE)!, { dueDate: '2026-03-05' }).expect(
      200,
    );
    const second = await patch(engagement.id, first.body, { dueDate: '2026-03-16' }).expect(200);
    expect(second.body.dueDate).toBe('2026-03-16');
    const after = await read(engagement.id);
    expect(after.version).toBe((engagement.version as number) + 2);
    for (const task of after.tasks.filter((task) => task.key !== REMOTE)) {
      expect(task).toMatchObject({
        dueDate: tasks.get(task.key)!.dueDate,
        version: tasks.get(task.key)!.version,
      });
    }
    // Nothing to move: moveDependents changes nothing either.
    await patch(engagement.id, second.body, {
      dueDate: '2026-03-12',
      moveDependents: true,
    }).expect(200);
  });

  it('checks If-Match first: a stale ETag is 412 and nothing moves', async () => {
    const { engagement, tasks } = await chain();
    const remote = tasks.get(REMOTE)!;
    await patch(engagement.id, remote, { note: 'Asked for the VPN' }).expect(200);
    const before = await snapshotDatabase(t);
    expectProblem(
      await patch(engagement.id, remote, { dueDate: '2026-03-17', moveDependents: true }),
      412,
    );
    expectProblem(
      await t.http
        .patch(tasksUrl(engagement.id, REMOTE))
        .set('Authorization', t.admin)
        .send({ dueDate: '2026-03-17', moveDependents: true }),
      428,
    );
    expect(await snapshotDatabase(t)).toBe(before);
  });

  it('refuses moveDependents without a due date (422) or not a boolean (400), naming it', async () => {
    const { engagement, tasks } = await chain();
    const before = await snapshotDatabase(t);
    const remote = tasks.get(REMOTE)!;
    expectProblem(
      await patch(engagement.id, remote, { moveDependents: true }),
      422,
      'moveDependents',
    );
    for (const moveDependents of ['yes', 1, null]) {
      expectProblem(
        await patch(engagement.id, remote, { dueDate: '2026-03-17', moveDependents }),
        400,
        'moveDependents',
      );
    }
    expect(await snapshotDatabase(t)).toBe(before);
  });

  it('refuses a move that would take a waiting task past the latest date accepted (422 naming dueDate)', async () => {
    const { engagement, tasks } = await chain();
    const before = await snapshotDatabase(t);
    const res = await patch(engagement.id, tasks.get(REMOTE)!, {
      dueDate: '2099-12-30',
      moveDependents: true,
    });
    expectProblem(res, 422, 'dueDate');
    expect(res.body.errors[0].message).toContain('after 2099-12-31');
    expect(await snapshotDatabase(t)).toBe(before);
  });

  it('a customer moves only the waiting tasks it could re-date itself: otherwise 403 naming dueDate', async () => {
    const customerKey = await t.keyFor('CUSTOMER', customerId);
    // Network management is decided with WSO2: the customer may not move it, so not this either.
    const { engagement, tasks } = await chain();
    const before = await snapshotDatabase(t);
    for (const moveDependents of [true, false]) {
      const refused = await patch(
        engagement.id,
        tasks.get(REMOTE)!,
        { dueDate: '2026-03-17', moveDependents },
        customerKey,
      );
      expectProblem(refused, 403, 'dueDate');
      expect(refused.body.detail).toBe(
        `${NETWORK}, ${FIREWALL} wait for ${REMOTE} and would move with it, but WSO2 decides their ` +
          `due date: ask your WSO2 contact to move the due date of ${REMOTE}`,
      );
    }
    expect(await snapshotDatabase(t)).toBe(before);
    // Earlier, or not past network management: as before.
    await patch(engagement.id, tasks.get(REMOTE)!, { dueDate: '2026-03-16' }, customerKey).expect(
      200,
    );

    // The customer's own applications: all the customer's to move.
    const own = await createEngagement(t, customerId, { templateKey: 'customer-self-managed' });
    const apps = byKey(own);
    const res = await patch(
      own.id,
      apps.get('application-creation-deployment')!,
      { dueDate: '2026-05-01', moveDependents: true },
      customerKey,
    ).expect(200);
    expect(res.body.dueDate).toBe('2026-05-01');
    expect(
      dates(await read(own.id), [
        'application-management',
        'application-monitoring',
        'application-logs',
      ]),
    ).toEqual(['2026-05-08', '2026-05-08', '2026-05-08']);
  });

  it('races with a change to a waiting task: one of them wins, the other is refused, nothing is lost', async () => {
    for (let round = 0; round < 4; round++) {
      const { engagement, tasks } = await chain();
      const [move, handDated] = await Promise.all([
        patch(engagement.id, tasks.get(REMOTE)!, { dueDate: '2026-03-17', moveDependents: true }),
        patch(engagement.id, tasks.get(NETWORK)!, { dueDate: '2026-03-18' }),
      ]);
      const after = byKey(await read(engagement.id));
      expect(move.status).toBe(200);
      if (handDated.status === 200) {
        // Network management was re-dated first: it was no longer due before, so nothing moved.
        expect(after.get(NETWORK)!.dueDate).toBe('2026-03-18');
        expect(after.get(FIREWALL)!.dueDate).toBe('2026-03-19');
      } else {
        // The move came first: the hand re-dating was based on a version that moved on.
        expectProblem(handDated, 412);
        expect(after.get(NETWORK)!.dueDate).toBe('2026-03-24');
        expect(after.get(FIREWALL)!.dueDate).toBe('2026-03-27');
      }
    }
  });

  it('two changes of the moved task with the same ETag: exactly one wins', async () => {
    const { engagement, tasks } = await chain();
    const remote = tasks.get(REMOTE)!;
    const results = await Promise.all([
      patch(engagement.id, remote, { dueDate: '2026-03-17', moveDependents: true }),
      patch(engagement.id, remote, { note: 'Booked the VPN call' }),
    ]);
    expect(results.map((res) => res.status).sort()).toEqual([200, 412]);
    const after = byKey(await read(engagement.id));
    const moved = results[0].status === 200;
    expect(after.get(NETWORK)!.dueDate).toBe(moved ? '2026-03-24' : '2026-03-16');
    expect(after.get(REMOTE)!.note).toBe(moved ? null : 'Booked the VPN call');
  });
});
