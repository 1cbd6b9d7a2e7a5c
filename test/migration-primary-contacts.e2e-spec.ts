import { Client } from 'pg';
import {
  databaseBefore,
  DatabaseBeforeMigration,
  insertEngagement,
} from './helpers/database-before-migration';

const BY_PARTY_MIGRATION = '20261130000000_primary_contacts_by_party.sql';

// Engagements written before primary contacts were keyed by party get the new shape on upgrade,
// and the triggers go on keeping it exact.
describe('migration: primary contacts by party', () => {
  let database: DatabaseBeforeMigration;
  let client: Client;
  let engagementId: string;
  let withoutContacts: string;

  const primaryContacts = async (id: string) =>
    (await client.query(`SELECT primary_contacts FROM engagement WHERE id = $1`, [id])).rows[0]
      .primary_contacts as unknown;
  const addContact = (id: string, party: string, name: string, primary: boolean) =>
    client.query(
      `INSERT INTO engagement_contact (id, engagement_id, party, name, email, "primary")
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`,
      [id, party, name, `${name.toLowerCase()}@example.test`, primary],
    );

  beforeAll(async () => {
    database = await databaseBefore(BY_PARTY_MIGRATION);
    client = database.client;
    engagementId = await insertEngagement(client);
    withoutContacts = await insertEngagement(client);
    await addContact(engagementId, 'WSO2', 'Amy', true);
    await addContact(engagementId, 'CUSTOMER', 'Bea', true);
    await addContact(engagementId, 'CUSTOMER', 'Cal', false);
    expect(await primaryContacts(engagementId)).toEqual([
      ['CUSTOMER', 'Bea', 'bea@example.test'],
      ['WSO2', 'Amy', 'amy@example.test'],
    ]);
    await database.migrateRest();
  });
  afterAll(() => database.drop());

  it("keys each engagement's primary contacts by party, leaving out the others", async () => {
    expect(await primaryContacts(engagementId)).toEqual({
      CUSTOMER: { name: 'Bea', email: 'bea@example.test' },
      WSO2: { name: 'Amy', email: 'amy@example.test' },
    });
    expect(await primaryContacts(withoutContacts)).toEqual({});
  });

  it('keeps the new shape as contacts change', async () => {
    await client.query(
      `UPDATE engagement_contact SET "primary" = (name = 'Cal') WHERE engagement_id = $1 AND party = 'CUSTOMER'`,
      [engagementId],
    );
    await client.query(
      `DELETE FROM engagement_contact WHERE engagement_id = $1 AND party = 'WSO2'`,
      [engagementId],
    );
    await addContact(withoutContacts, 'WSO2', 'Dee', true);
    expect(await primaryContacts(engagementId)).toEqual({
      CUSTOMER: { name: 'Cal', email: 'cal@example.test' },
    });
    expect(await primaryContacts(withoutContacts)).toEqual({
      WSO2: { name: 'Dee', email: 'dee@example.test' },
    });
  });
});
