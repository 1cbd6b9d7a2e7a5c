import { contactProblems } from './contact-rules';

const contact = (party: string, primary = false, name = 'Ann') => ({
  party,
  name,
  email: `${name.toLowerCase()}@example.com`,
  primary,
});
const PARTIES = ['WSO2', 'CUSTOMER'];

describe('contactProblems', () => {
  it('accepts no contacts, and one primary per party plus others', () => {
    expect(contactProblems([], PARTIES)).toEqual([]);
    expect(
      contactProblems(
        [contact('WSO2', true), contact('CUSTOMER', true), contact('CUSTOMER', false, 'Bob')],
        PARTIES,
      ),
    ).toEqual([]);
  });

  it('refuses a second primary of the same party, naming both', () => {
    expect(
      contactProblems(
        [contact('CUSTOMER', true), contact('WSO2'), contact('CUSTOMER', true, 'Bob')],
        PARTIES,
      ),
    ).toEqual([
      {
        field: 'contacts[2].primary',
        message: 'CUSTOMER already has a primary contact (contacts[0])',
      },
    ]);
  });

  it('refuses the same email twice in one party, whatever its case; two parties may share it', () => {
    expect(
      contactProblems(
        [
          { party: 'CUSTOMER', name: 'Ana', email: 'ana@acme.test', primary: true },
          { party: 'CUSTOMER', name: 'Ana S.', email: 'ANA@acme.test', primary: false },
          { party: 'WSO2', name: 'Ana', email: 'ana@acme.test', primary: true },
        ],
        ['WSO2', 'CUSTOMER'],
      ),
    ).toEqual([
      { field: 'contacts[1].email', message: 'is already a CUSTOMER contact (contacts[0])' },
    ]);
  });

  it('refuses parties the template does not list (case matters)', () => {
    expect(contactProblems([contact('PARTNER'), contact('wso2')], PARTIES)).toEqual([
      {
        field: 'contacts[0].party',
        message: "must be one of the template's parties: WSO2, CUSTOMER",
      },
      {
        field: 'contacts[1].party',
        message: "must be one of the template's parties: WSO2, CUSTOMER",
      },
    ]);
  });
});
