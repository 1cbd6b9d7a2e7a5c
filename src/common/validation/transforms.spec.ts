import { decimalInteger, lowerCase, trim } from './transforms';

describe('request transforms', () => {
  it('trim drops surrounding spaces and composes the text (NFC)', () => {
    expect(trim({ value: '  Acme ' })).toBe('Acme');
    expect(trim({ value: 'Cafe\u0301' })).toBe('Caf\u00e9');
    expect(trim({ value: 42 })).toBe(42);
  });

  it('trim drops invisible characters around the text, not inside it', () => {
    expect(trim({ value: '\u200b' })).toBe('');
    expect(trim({ value: '\ufeff \u200e\u00a0' })).toBe('');
    expect(trim({ value: '\u200bVendor delay\u200b ' })).toBe('Vendor delay');
    // A family emoji is joined by zero-width joiners: inside the text they stay.
    expect(trim({ value: 'Team \u{1F468}\u200d\u{1F469}' })).toBe('Team \u{1F468}\u200d\u{1F469}');
  });

  it('lowerCase lower-cases text only', () => {
    expect(lowerCase({ value: '3FA85F64-5717-4562-B3FC-2C963F66AFA6' })).toBe(
      '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    );
    expect(lowerCase({ value: null })).toBeNull();
  });

  it('decimalInteger reads plain digits only', () => {
    expect(decimalInteger({ value: '25' })).toBe(25);
    for (const text of ['1e1', '0x10', '+5', ' 5', '5.0', '-1', '']) {
      expect(decimalInteger({ value: text })).toBe(text);
    }
  });
});
