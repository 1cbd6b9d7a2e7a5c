import type { Client } from 'pg';

/**
 * Set-based seed for the overdue benchmark: everything is generated inside PostgreSQL with
 * generate_series / INSERT … SELECT, so 160,000 tasks take seconds. Deterministic: ids are md5
 * of sequence numbers (shaped as version-4 UUIDs, which the API's id checks expect), "randomness"
 * is a hash of the row's ids.
 */
/** SQL for a version-4-shaped UUID made from the md5 of `text` (an SQL expression). */
const uuid = (text: string) =>
  `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

export const BENCH_SCALE = {
  customers: 500,
  engagements: 10_000,
  tasksPerEngagement: 16,
  staff: 40,
};

const TITLES = [
  'Subscription prerequisites',
  'Remote access for installation',
  'Network management',
  'Firewall rules/access control',
  'Infrastructure provisioning',
  'Kubernetes cluster management',
  'Infrastructure monitoring',
  'DNS management for WSO2 Developer Platform system',
  'WSO2 Developer Platform system components deployment',
  'WSO2 Developer Platform system components management',
  'WSO2 Developer Platform system components monitoring',
  'WSO2 Developer Platform system security monitoring',
  'WSO2 Developer Platform application creation/deployment',
  'WSO2 Developer Platform application management',
  'WSO2 Developer Platform application monitoring',
  'WSO2 Developer Platform application logs',
];

// Accountable (and responsible) party per task of each model, as the reference document has
// them: W = WSO2, C = Customer, J = jointly (WSO2/Customer).
const MODELS: Record<string, string> = {
  'wso2-managed-wso2-subscription': 'WWJWWWWJWWWJCCCC',
  'wso2-managed-customer-subscription': 'CCJJWWWJWWWJCCCC',
  'customer-self-managed': 'CCCCCCCCCCCJCCCC',
};
const DUE_OFFSETS = [3, 7, 14, 18, 21, 28, 35, 35, 42, 49, 56, 56, 63, 70, 77, 84];

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function parties(code: string, ifRequired = false) {
  const entry = (party: string) => ({ party, ifRequired });
  if (code === 'W') return [entry('WSO2')];
  if (code === 'C') return [entry('CUSTOMER')];
  return [entry('WSO2'), entry('CUSTOMER')];
}

function templateTasks() {
  return Object.entries(MODELS).flatMap(([templateKey, codes]) =>
    TITLES.map((title, index) => {
      const code = codes[index];
      const other = code === 'W' ? 'C' : code === 'C' ? 'W' : 'J';
      return {
        templateKey,
        key: slug(title),
        position: index + 1,
        title,
        checklist: [
          { text: `Plan: ${title}`, tiers: null },
          { text: `Verify: ${title}`, tiers: index === 11 ? ['STANDARD', 'PREMIUM'] : null },
        ],
        raci: {
          responsible: parties(code),
          accountable: parties(code),
          consulted: parties(other),
          informed: parties(other, index % 3 === 0),
        },
        dueOffsetDays: DUE_OFFSETS[index],
        dependsOn: index === 0 ? [] : [slug(TITLES[index - 1])],
      };
    }),
  );
}

export async function seedBenchData(client: Client): Promise<void> {
  const { customers, engagements } = BENCH_SCALE;
  await client.query('BEGIN');
  await client.query(`INSERT INTO template (key) SELECT unnest($1::text[])`, [Object.keys(MODELS)]);
  await client.query(
    `INSERT INTO template_version (id, template_key, version, name, parties)
     SELECT ${uuid(`'tv:' || k`)}, k, 1, 'Model ' || k, '{WSO2,CUSTOMER}' FROM unnest($1::text[]) k`,
    [Object.keys(MODELS)],
  );
  await client.query(
    `INSERT INTO template_task (id, template_version_id, key, position, title, checklist, raci,
                                due_offset_days, depends_on)
     SELECT ${uuid(`'tt:' || r."templateKey" || r.key`)}, ${uuid(`'tv:' || r."templateKey"`)},
            r.key, r.position, r.title, r.checklist, r.raci, r."dueOffsetDays",
            ARRAY(SELECT jsonb_array_elements_text(r."dependsOn"))
       FROM jsonb_to_recordset($1::jsonb) AS r("templateKey" text, key text, position int,
            title text, checklist jsonb, raci jsonb, "dueOffsetDays" int, "dependsOn" jsonb)`,
    [JSON.stringify(templateTasks())],
  );
  await client.query(
    `INSERT INTO customer (id, name, external_ref)
     SELECT ${uuid(`'c:' || i`)}, 'Customer ' || lpad(i::text, 4, '0'), 'CRM-' || i
       FROM generate_series(1, $1::int) i`,
    [customers],
  );
  // Start dates spread over the last 400 days; 3 % cancelled, 7 % completed, the rest active.
  await client.query(
    `INSERT INTO engagement (id, customer_id, template_version_id, template_key, template_version,
                             name, cloud_provider, security_tier, start_date, status, cancel_reason)
     SELECT ${uuid(`'e:' || i`)}, ${uuid(`'c:' || (1 + i % $2::int)`)}, ${uuid(`'tv:' || k`)}, k, 1,
            'PDP ' || i, (ARRAY['AZURE','AWS','GCP','OTHER'])[1 + i % 4]::cloud_provider,
            (ARRAY['BASIC','STANDARD','PREMIUM'])[1 + i % 3]::security_tier,
            current_date - (i * 7919 % 400),
            CASE WHEN h < 3 THEN 'CANCELLED' WHEN h < 10 THEN 'COMPLETED'
                 ELSE 'ACTIVE' END::engagement_status,
            CASE WHEN h < 3 THEN 'customer withdrew' END
       FROM generate_series(1, $1::int) i
      CROSS JOIN LATERAL (SELECT ($3::text[])[1 + i % 3] AS k, abs(hashtext('s:' || i)) % 100 AS h) m`,
    [engagements, customers, Object.keys(MODELS)],
  );
  // Contacts: a WSO2 primary from a pool of 40 engineers (missing in 1 % of engagements), the
  // customer's primary (missing in 5 %: those show as unnamed owners), and a non-primary backup.
  await client.query(
    `INSERT INTO engagement_contact (id, engagement_id, party, name, email, "primary")
     SELECT ${uuid(`'cw:' || i`)}, ${uuid(`'e:' || i`)}, 'WSO2', 'WSO2 Engineer ' || (i % 40),
            'engineer' || (i % 40) || '@wso2.com', true
       FROM generate_series(1, $1::int) i WHERE abs(hashtext('w:' || i)) % 100 <> 50
     UNION ALL
     SELECT ${uuid(`'cc:' || i`)}, ${uuid(`'e:' || i`)}, 'CUSTOMER', 'Owner of customer ' || (1 + i % $2::int),
            'owner' || (1 + i % $2::int) || '@customer.test', true
       FROM generate_series(1, $1::int) i WHERE abs(hashtext('p:' || i)) % 20 <> 7
     UNION ALL
     SELECT ${uuid(`'cb:' || i`)}, ${uuid(`'e:' || i`)}, 'CUSTOMER', 'Backup ' || i,
            'backup' || i || '@customer.test', false
       FROM generate_series(1, $1::int) i`,
    [engagements, customers],
  );
  // WSO2's onboarding engineers, who half of the tasks are assigned to by user id (as the web app
  // assigns them): a change to such a task answers with the person's name.
  await client.query(
    `INSERT INTO app_user (id, email, name, role, status, password_hash)
     SELECT ${uuid(`'staff' || i`)}, 'engineer' || i || '@wso2.test', 'Engineer ' || i, 'STAFF',
            'ACTIVE', NULL
       FROM generate_series(1, $1::int) i`,
    [BENCH_SCALE.staff],
  );
  // Tasks due in the past are mostly DONE (10 % NOT_APPLICABLE); 4 % of them are still open:
  // overdue in active engagements, excluded in cancelled ones. Future tasks are open.
  await client.query(
    `INSERT INTO task (id, engagement_id, template_task_id, key, position, title, checklist, raci,
                       depends_on, status, due_date, assignee)
     SELECT ${uuid(`e.id::text || tt.key`)}, e.id, tt.id, tt.key, tt.position, tt.title,
            tt.checklist, tt.raci, tt.depends_on,
            CASE
              WHEN e.status = 'COMPLETED' THEN CASE WHEN h % 10 = 0 THEN 'NOT_APPLICABLE' ELSE 'DONE' END
              WHEN e.start_date + tt.due_offset_days < current_date THEN
                CASE WHEN h % 1000 < 40 THEN (ARRAY['NOT_STARTED','IN_PROGRESS','BLOCKED'])[1 + h % 3]
                     WHEN h % 10 = 0 THEN 'NOT_APPLICABLE' ELSE 'DONE' END
              ELSE CASE WHEN h % 3 = 0 THEN 'IN_PROGRESS' ELSE 'NOT_STARTED' END
            END::task_status,
            e.start_date + tt.due_offset_days,
            CASE WHEN h % 2 = 0 THEN (${uuid(`'staff' || (1 + h % ${BENCH_SCALE.staff})`)})::text END
       FROM engagement e
       JOIN template_task tt ON tt.template_version_id = e.template_version_id
      CROSS JOIN LATERAL (SELECT abs(hashtext(e.id::text || tt.key)) AS h) x`,
  );
  // Every engagement's history starts with its creation, as through the API. Written in one go
  // with the chain trigger off (row by row it would look up the chain of an unanalysed table) and
  // each first event's hash set as the trigger would set it.
  await client.query('ALTER TABLE audit_event DISABLE TRIGGER USER');
  await client.query(
    `INSERT INTO audit_event (at, actor_kind, actor_id, actor_name, actor_email, action,
                             engagement_id, task_key, changes, reason, request_id, chain_position,
                             hash)
     SELECT e.created_at, 'system', NULL, 'system:seed', NULL, 'engagement.created', e.id, NULL,
            jsonb_build_object('name', jsonb_build_object('from', NULL, 'to', e.name)), NULL, NULL,
            1, ''::bytea
       FROM engagement e`,
  );
  await client.query('UPDATE audit_event a SET hash = audit_event_digest(a, NULL)');
  await client.query('ALTER TABLE audit_event ENABLE TRIGGER USER');
  await client.query('COMMIT');
  // Steady state: statistics and the visibility map as autovacuum would leave them.
  await client.query('VACUUM ANALYZE');
}
