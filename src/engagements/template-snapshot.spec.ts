import { checklistForTier, ChecklistItem, isProviderAllowed } from './template-snapshot';

describe('checklistForTier', () => {
  const items: ChecklistItem[] = [
    { text: 'CSPM', tiers: ['BASIC'] },
    { text: 'Always', tiers: null },
    { text: 'SIEM', tiers: ['STANDARD', 'PREMIUM'] },
    { text: 'Premium only', tiers: ['PREMIUM'] },
  ];

  it('keeps untiered items and those listing the tier, in order', () => {
    expect(checklistForTier(items, 'BASIC').map((i) => i.text)).toEqual(['CSPM', 'Always']);
    expect(checklistForTier(items, 'STANDARD').map((i) => i.text)).toEqual(['Always', 'SIEM']);
    expect(checklistForTier(items, 'PREMIUM').map((i) => i.text)).toEqual([
      'Always',
      'SIEM',
      'Premium only',
    ]);
  });

  it('keeps items intact (text and tiers)', () => {
    expect(checklistForTier(items, 'STANDARD')[1]).toEqual({
      text: 'SIEM',
      tiers: ['STANDARD', 'PREMIUM'],
    });
  });

  it('handles an empty checklist and an empty tiers list', () => {
    expect(checklistForTier([], 'BASIC')).toEqual([]);
    expect(checklistForTier([{ text: 'never', tiers: [] }], 'BASIC')).toEqual([]);
  });
});

describe('isProviderAllowed', () => {
  it('allows any provider when the template names none', () => {
    expect(isProviderAllowed(null, 'OTHER')).toBe(true);
  });

  it('allows only the listed providers otherwise', () => {
    expect(isProviderAllowed(['AZURE', 'AWS', 'GCP'], 'AWS')).toBe(true);
    expect(isProviderAllowed(['AZURE', 'AWS', 'GCP'], 'OTHER')).toBe(false);
  });
});
