import { Client } from 'pg';
import {
  databaseBefore,
  DatabaseBeforeMigration,
  insertEngagement,
} from './helpers/database-before-migration';

const USERS_MIGRATION = '20261126000000_users_sessions.sql';

// Audit events written before people could sign in keep what they said: an API key (an id) or
// the system (no id). The append-only trigger is back in force afterwards.
describe('migration: audit events name the kind of actor', () => {
  let database: DatabaseBeforeMigration;
  let client: Client;

  beforeAll(async () => {
    database = await databaseBefore(USERS_MIGRATION);
    client = database.client;
    const engagement = await insertEngagement(client);
    await client.query(
      `INSERT INTO audit_event (actor_id, actor_name, action, engagement_id, changes)
       VALUES ('6f1c3a52-0000-4000-8000-000000000001', 'ci-key', 'engagement.created', $1, '{}'),
              (NULL, 'system:escalation', 'notification.created', $1, '{}')`,
      [engagement],
    );
    await database.migrateRest();
  });
  afterAll(() => database.drop());

  it('marks events with an actor id as key events and the others as system events', async () => {
    const rows = (
      await client.query(`SELECT actor_kind, actor_name, actor_email FROM audit_event ORDER BY id`)
    ).rows;
    expect(rows).toEqual([
      { actor_kind: 'key', actor_name: 'ci-key', actor_email: null },
      { actor_kind: 'system', actor_name: 'system:escalation', actor_email: null },
    ]);
  });

  it('keeps the audit history append-only', async () => {
    await expect(client.query(`UPDATE audit_event SET actor_kind = 'user'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      client.query(
        `INSERT INTO audit_event (actor_kind, actor_name, action, engagement_id, changes)
         SELECT 'robot', 'r', 'x', engagement_id, '{}' FROM audit_event LIMIT 1`,
      ),
    ).rejects.toThrow(/audit_event_actor_kind_known/);
  });
});
