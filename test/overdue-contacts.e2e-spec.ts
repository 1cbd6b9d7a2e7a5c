import { createCustomer, createEngagement } from './helpers/engagement-api';
import { startTestApp, TestApp } from './helpers/test-app';

// The report names people from engagement.primary_contacts, a copy the database keeps in step with
// engagement_contact. Whatever way contacts change, the report must follow at once.
describe('overdue report follows contact changes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const accountableContacts = async (engagementId: string) => {
    const res = await t.http
      .get('/api/v1/reports/overdue?asOf=2026-11-25')
      .set('Authorization', t.admin)
      .expect(200);
    const item = res.body.items.find(
      (i: { engagementId: string; taskKey: string }) =>
        i.engagementId === engagementId && i.taskKey === 'subscription-prerequisites',
    );
    return item.accountable.map((a: { party: string; contact: unknown }) => [a.party, a.contact]);
  };

  it('shows the primary contact named at creation, then the one that replaces it, then none', async () => {
    const customerId = await createCustomer(t, 'Delta Shipping');
    const engagement = await createEngagement(t, customerId, {
      templateKey: 'customer-self-managed',
      startDate: '2026-01-05',
      contacts: [
        { party: 'CUSTOMER', name: 'Carol', email: 'carol@delta.test', primary: true },
        { party: 'CUSTOMER', name: 'Dan', email: 'dan@delta.test', primary: false },
      ],
    });
    expect(await accountableContacts(engagement.id)).toEqual([
      ['CUSTOMER', { name: 'Carol', email: 'carol@delta.test' }],
    ]);

    await t.http
      .patch(`/api/v1/engagements/${engagement.id}`)
      .set('Authorization', t.admin)
      .send({
        contacts: [
          { party: 'CUSTOMER', name: 'Carol', email: 'carol@delta.test', primary: false },
          { party: 'CUSTOMER', name: 'Dan', email: 'dan@delta.test', primary: true },
        ],
      })
      .expect(200);
    expect(await accountableContacts(engagement.id)).toEqual([
      ['CUSTOMER', { name: 'Dan', email: 'dan@delta.test' }],
    ]);

    // Even a change made outside the API (a direct delete) is reflected.
    await t.prisma.engagementContact.deleteMany({ where: { engagementId: engagement.id } });
    expect(await accountableContacts(engagement.id)).toEqual([['CUSTOMER', null]]);
    const row = await t.prisma.engagement.findUniqueOrThrow({ where: { id: engagement.id } });
    expect(row.primaryContacts).toEqual({});
  });
});
