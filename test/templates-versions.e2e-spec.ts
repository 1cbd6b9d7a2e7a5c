import { startTestApp, TestApp } from './helpers/test-app';

type Body = Record<string, any>;

describe('templates: publishing versions, diffs and the rules', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** A template version as a request body: the published one minus what the server assigns. */
  async function bodyOf(key: string, version = 1): Promise<Body> {
    const res = await t.http
      .get(`/api/v1/templates/${key}/versions/${version}`)
      .set('Authorization', t.admin)
      .expect(200);
    const { key: _key, version: _version, publishedAt: _at, ...body } = res.body;
    return body;
  }

  async function counts() {
    return {
      templates: await t.prisma.template.count(),
      versions: await t.prisma.templateVersion.count(),
      tasks: await t.prisma.templateTask.count(),
    };
  }

  const CUSTOMER = { party: 'CUSTOMER', ifRequired: false };

  it('publishes a new version as the next number and diffs it against the old one', async () => {
    const key = 'customer-self-managed';
    const v1 = await t.http.get(`/api/v1/templates/${key}`).set('Authorization', t.admin);
    const body = await bodyOf(key);
    const original = structuredClone(body);
    body.name = 'Customer self-managed (revised)';
    body.tasks[1].title = 'Remote access for the installation';
    body.tasks[2].raci.informed = [CUSTOMER];
    body.tasks[7].dueOffsetDays = 33;
    const goLive = {
      key: 'go-live-review',
      position: 16,
      title: 'Go-live review',
      checklist: [
        { text: 'Review open risks', tiers: null },
        { text: 'Confirm SIEM alerting', tiers: ['STANDARD', 'PREMIUM'] },
      ],
      raci: { responsible: [CUSTOMER], accountable: [CUSTOMER], consulted: [], informed: [] },
      dueOffsetDays: 60,
      dependsOn: ['application-management', 'application-monitoring'],
    };
    body.tasks = [...body.tasks.slice(0, 15), goLive];

    const res = await t.http
      .post(`/api/v1/templates/${key}/versions`)
      .set('Authorization', t.admin)
      .send(body);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/templates/${key}/versions/2`);
    expect(res.body).toEqual({ key, version: 2, publishedAt: expect.any(String), ...body });

    const latest = await t.http.get(`/api/v1/templates/${key}`).set('Authorization', t.admin);
    expect(latest.body).toEqual(res.body);
    const versions = await t.http
      .get(`/api/v1/templates/${key}/versions`)
      .set('Authorization', t.admin);
    expect(versions.body.map((v: Body) => [v.version, v.name, v.taskCount])).toEqual([
      [1, original.name, 16],
      [2, body.name, 16],
    ]);
    const stillV1 = await t.http
      .get(`/api/v1/templates/${key}/versions/1`)
      .set('Authorization', t.admin);
    expect(stillV1.body).toEqual(v1.body);
    const list = await t.http.get('/api/v1/templates').set('Authorization', t.admin);
    expect(list.body.find((s: Body) => s.key === key)).toMatchObject({
      version: 2,
      name: body.name,
    });

    const diff = await t.http
      .get(`/api/v1/templates/${key}/versions/1/diff/2`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(diff.body).toEqual({
      key,
      from: 1,
      to: 2,
      template: { name: { before: original.name, after: body.name } },
      added: [goLive],
      removed: [original.tasks[15]],
      changed: [
        {
          key: 'remote-access-for-installation',
          fields: {
            title: { before: 'Remote access for installation', after: body.tasks[1].title },
          },
        },
        {
          key: 'network-management',
          fields: {
            raci: { before: original.tasks[2].raci, after: body.tasks[2].raci },
          },
        },
        {
          key: 'dns-management',
          fields: { dueOffsetDays: { before: 31, after: 33 } },
        },
      ],
    });

    const reverse = await t.http
      .get(`/api/v1/templates/${key}/versions/2/diff/1`)
      .set('Authorization', t.admin)
      .expect(200);
    expect(reverse.body).toMatchObject({ from: 2, to: 1, added: [original.tasks[15]] });
    expect(reverse.body.removed).toEqual([goLive]);

    await t.http
      .get(`/api/v1/templates/${key}/versions/1/diff/3`)
      .set('Authorization', t.admin)
      .expect(404);
  });

  it('creates a new template with its own parties as version 1, and refuses its key again', async () => {
    const body = await bodyOf('wso2-managed-customer-subscription');
    body.parties = ['WSO2', 'CUSTOMER', 'PARTNER'];
    body.tasks[0].raci.consulted = [{ party: 'PARTNER', ifRequired: true }];
    const created = await t.http
      .post('/api/v1/templates')
      .set('Authorization', t.admin)
      .send({ key: 'partner-assisted', ...body, name: 'Partner assisted', description: null });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe('/api/v1/templates/partner-assisted/versions/1');
    expect(created.body).toMatchObject({
      key: 'partner-assisted',
      version: 1,
      parties: body.parties,
    });
    expect(created.body.tasks[0].raci.consulted).toEqual([{ party: 'PARTNER', ifRequired: true }]);

    const before = await counts();
    const again = await t.http
      .post('/api/v1/templates')
      .set('Authorization', t.admin)
      .send({ key: 'partner-assisted', ...body, name: 'Partner assisted again' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/partner-assisted" already exists/);
    expect(await counts()).toEqual(before);
  });

  it('answers 404 for a new version of an unknown template', async () => {
    const before = await counts();
    const body = await bodyOf('customer-self-managed', 1);
    await t.http
      .post('/api/v1/templates/no-such-model/versions')
      .set('Authorization', t.admin)
      .send(body)
      .expect(404);
    expect(await counts()).toEqual(before);
  });

  describe('refuses a version that breaks a rule with 422 naming the field', () => {
    const cases: [string, (b: Body) => void, { field: string; message: string }[]][] = [
      [
        'duplicate task key',
        (b) => (b.tasks[15].key = 'application-monitoring'),
        [
          {
            field: 'tasks[15].key',
            message: 'duplicates the key "application-monitoring" of tasks[14]',
          },
        ],
      ],
      [
        'position outside 1..n',
        (b) => (b.tasks[15].position = 17),
        [{ field: 'tasks[15].position', message: 'must be between 1 and 16 (there are 16 tasks)' }],
      ],
      [
        'repeated position',
        (b) => (b.tasks[15].position = 15),
        [{ field: 'tasks[15].position', message: 'duplicates position 15 of tasks[14]' }],
      ],
      [
        'no accountable party',
        (b) => (b.tasks[3].raci.accountable = []),
        [
          {
            field: 'tasks[3].raci.accountable',
            message: 'must name at least one party that is accountable unconditionally',
          },
        ],
      ],
      [
        'a party the template does not list',
        (b) => (b.tasks[0].raci.consulted = [{ party: 'PARTNER', ifRequired: false }]),
        [
          {
            field: 'tasks[0].raci.consulted[0].party',
            message: `"PARTNER" is not one of the template's parties (WSO2, CUSTOMER)`,
          },
        ],
      ],
      [
        'an unknown tier',
        (b) => (b.tasks[11].checklist[0].tiers = ['GOLD']),
        [
          {
            field: 'tasks[11].checklist[0].tiers[0]',
            message: 'must be one of BASIC, STANDARD, PREMIUM',
          },
        ],
      ],
      [
        'an unknown dependency',
        (b) => (b.tasks[4].dependsOn = ['no-such-task']),
        [
          {
            field: 'tasks[4].dependsOn[0]',
            message: 'refers to "no-such-task", which is no task of this template',
          },
        ],
      ],
      [
        'a self-dependency',
        (b) => (b.tasks[4].dependsOn = ['infrastructure-provisioning']),
        [{ field: 'tasks[4].dependsOn[0]', message: 'a task cannot depend on itself' }],
      ],
      [
        'a dependency cycle',
        (b) => {
          b.tasks[0].dependsOn = ['remote-access-for-installation'];
          b.tasks[0].dueOffsetDays = 7;
        },
        [
          {
            field: 'tasks[1].dependsOn[0]',
            message:
              'forms a dependency cycle: subscription-prerequisites -> remote-access-for-installation -> subscription-prerequisites',
          },
        ],
      ],
      [
        'a task due before its prerequisite',
        (b) => (b.tasks[2].dueOffsetDays = 6),
        [
          {
            field: 'tasks[2].dueOffsetDays',
            message:
              'must not be earlier than the due offset of its prerequisite "remote-access-for-installation" (7 days)',
          },
        ],
      ],
      [
        'no tasks at all',
        (b) => (b.tasks = []),
        [{ field: 'tasks', message: 'must contain at least one task' }],
      ],
    ];

    it.each(cases)('%s', async (_name, edit, errors) => {
      const body = await bodyOf('wso2-managed-wso2-subscription');
      edit(body);
      const before = await counts();
      const res = await t.http
        .post('/api/v1/templates/wso2-managed-wso2-subscription/versions')
        .set('Authorization', t.admin)
        .send(body);
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual(errors);
      expect(res.body.detail).toContain(errors[0].field);
      expect(await counts()).toEqual(before);
    });

    it('on a new template too, leaving no template row behind', async () => {
      const body = await bodyOf('wso2-managed-wso2-subscription');
      body.tasks[4].dependsOn = ['infrastructure-provisioning'];
      const before = await counts();
      const res = await t.http
        .post('/api/v1/templates')
        .set('Authorization', t.admin)
        .send({ key: 'broken-model', ...body });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([
        { field: 'tasks[4].dependsOn[0]', message: 'a task cannot depend on itself' },
      ]);
      expect(await counts()).toEqual(before);
    });
  });

  describe('refuses a malformed body with 400 naming the field', () => {
    const cases: [string, (b: Body) => void, string[]][] = [
      [
        'a non-boolean ifRequired',
        (b) => (b.tasks[0].raci.accountable[0].ifRequired = 'yes'),
        ['tasks[0].raci.accountable[0].ifRequired'],
      ],
      [
        'a checklist item without text',
        (b) => delete b.tasks[1].checklist[0].text,
        ['tasks[1].checklist[0].text'],
      ],
      ['an unknown task property', (b) => (b.tasks[2].owner = 'me'), ['tasks[2].owner']],
      ['a missing RACI role', (b) => delete b.tasks[3].raci.informed, ['tasks[3].raci.informed']],
      ['a negative due offset', (b) => (b.tasks[5].dueOffsetDays = -1), ['tasks[5].dueOffsetDays']],
      [
        'a task key that is no slug',
        (b) => (b.tasks[6].key = 'Infra Monitoring'),
        ['tasks[6].key'],
      ],
      [
        'an unknown cloud provider',
        (b) => (b.allowedCloudProviders = ['MOON']),
        ['allowedCloudProviders'],
      ],
      ['tasks that are not a list', (b) => (b.tasks = 'all'), ['tasks']],
    ];

    it.each(cases)('%s', async (_name, edit, fields) => {
      const body = await bodyOf('wso2-managed-wso2-subscription');
      edit(body);
      const before = await counts();
      const res = await t.http
        .post('/api/v1/templates/wso2-managed-wso2-subscription/versions')
        .set('Authorization', t.admin)
        .send(body);
      expect(res.status).toBe(400);
      expect([...new Set(res.body.errors.map((e: Body) => e.field))]).toEqual(fields);
      expect(await counts()).toEqual(before);
    });

    it('a template key that is no slug', async () => {
      const body = await bodyOf('wso2-managed-wso2-subscription');
      const res = await t.http
        .post('/api/v1/templates')
        .set('Authorization', t.admin)
        .send({ key: 'My Model', ...body });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'key', message: 'must be a lowercase slug such as customer-self-managed' },
      ]);
    });
  });

  it('answers 405 with Allow to any change of a published template or version', async () => {
    const before = await counts();
    const body = await bodyOf('wso2-managed-wso2-subscription');
    for (const path of [
      '/api/v1/templates/wso2-managed-wso2-subscription',
      '/api/v1/templates/wso2-managed-wso2-subscription/versions/1',
      // Whether or not it exists: no template or version is ever changed in place.
      '/api/v1/templates/no-such-model',
      '/api/v1/templates/wso2-managed-wso2-subscription/versions/9',
    ]) {
      for (const method of ['put', 'patch', 'delete'] as const) {
        const res = await t.http[method](path).set('Authorization', t.admin).send(body);
        expect({ method, path, status: res.status, allow: res.headers.allow }).toEqual({
          method,
          path,
          status: 405,
          allow: 'GET, HEAD, OPTIONS',
        });
        expect(res.body.type).toMatch(/method-not-allowed$/);
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('keeps published rows immutable in the database itself', async () => {
    const version = await t.prisma.templateVersion.findFirstOrThrow();
    await expect(
      t.prisma.templateVersion.update({ where: { id: version.id }, data: { name: 'x' } }),
    ).rejects.toThrow(/immutable/);
    await expect(t.prisma.templateTask.deleteMany({})).rejects.toThrow(/immutable/);
  });

  it('lets only ADMIN keys publish', async () => {
    const customer = await t.prisma.customer.create({ data: { name: 'Globex' } });
    const staff = await t.keyFor('STAFF');
    const customerKey = await t.keyFor('CUSTOMER', customer.id);
    const body = await bodyOf('wso2-managed-wso2-subscription');
    const before = await counts();
    for (const auth of [staff, customerKey]) {
      await t.http
        .post('/api/v1/templates')
        .set('Authorization', auth)
        .send({ key: 'staff-model', ...body })
        .expect(403);
      await t.http
        .post('/api/v1/templates/wso2-managed-wso2-subscription/versions')
        .set('Authorization', auth)
        .send(body)
        .expect(403);
    }
    expect(await counts()).toEqual(before);
  });

  it('numbers concurrent publications without gaps or duplicates', async () => {
    const key = 'wso2-managed-customer-subscription';
    const body = await bodyOf(key);
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        t.http
          .post(`/api/v1/templates/${key}/versions`)
          .set('Authorization', t.admin)
          .send({ ...body, name: `${body.name} #${n}` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(results.map((r) => r.body.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6]);
    const versions = await t.prisma.templateVersion.findMany({
      where: { templateKey: key },
      include: { _count: { select: { tasks: true } } },
      orderBy: { version: 'asc' },
    });
    expect(versions.map((v) => [v.version, v._count.tasks])).toEqual(
      [1, 2, 3, 4, 5, 6].map((v) => [v, 16]),
    );
  });
});
