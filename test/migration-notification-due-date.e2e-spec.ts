import { Client } from 'pg';
import {
  databaseBefore,
  DatabaseBeforeMigration,
  insertEngagement,
} from './helpers/database-before-migration';

const DUE_DATE_MIGRATION = '20261129000000_notification_per_due_date.sql';

// Notifications written before they recorded their due date take their task's current one: an
// upgrade re-sends nothing, and the key is then one per task, due date and level.
describe('migration: notifications per due date', () => {
  let database: DatabaseBeforeMigration;
  let client: Client;
  let taskId: string;
  let engagementId: string;

  beforeAll(async () => {
    database = await databaseBefore(DUE_DATE_MIGRATION);
    client = database.client;
    engagementId = await insertEngagement(client);
    // Told about level 1 when it was due 2026-11-20, re-dated since to 2026-12-01.
    taskId = (
      await client.query(
        `INSERT INTO task (id, engagement_id, template_task_id, key, position, title, checklist, raci, due_date)
         VALUES (gen_random_uuid(), $1, gen_random_uuid(), 'network', 1, 'Network', '[]', '{}', '2026-12-01')
         RETURNING id`,
        [engagementId],
      )
    ).rows[0].id;
    await client.query(
      `INSERT INTO notification (id, task_id, engagement_id, task_key, level, days_overdue, recipients, payload)
       VALUES (gen_random_uuid(), $1, $2, 'network', 1, 1, '[]', '{"task": {"dueDate": "2026-11-20"}}')`,
      [taskId, engagementId],
    );
    await database.migrateRest();
  });
  afterAll(() => database.drop());

  const insert = (dueDate: string, level: number) =>
    client.query(
      `INSERT INTO notification (id, task_id, engagement_id, task_key, due_date, level, days_overdue, recipients, payload)
       VALUES (gen_random_uuid(), $1, $2, 'network', $3, $4, 1, '[]', '{}')`,
      [taskId, engagementId, dueDate, level],
    );

  it("gives existing notifications their task's current due date, so nothing is sent again", async () => {
    const { rows } = await client.query(
      `SELECT to_char(due_date, 'YYYY-MM-DD') AS due_date, level FROM notification`,
    );
    expect(rows).toEqual([{ due_date: '2026-12-01', level: 1 }]);
    await expect(insert('2026-12-01', 1)).rejects.toThrow(
      /notification_task_id_due_date_level_key/,
    );
  });

  it('takes one notification per task, due date and level', async () => {
    await insert('2026-12-20', 1);
    await expect(insert('2026-12-20', 1)).rejects.toThrow(/duplicate key/);
    await expect(
      client.query(
        `INSERT INTO notification (id, task_id, engagement_id, task_key, level, days_overdue, recipients, payload)
         VALUES (gen_random_uuid(), $1, $2, 'network', 7, 7, '[]', '{}')`,
        [taskId, engagementId],
      ),
    ).rejects.toThrow(/due_date/);
  });
});
