import { csvField, guardFormula, parseCsv, toCsv, UTF8_BOM } from './csv';

describe('CSV writing (RFC 4180)', () => {
  it('leaves plain fields alone and writes numbers and booleans as text', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField(42)).toBe('42');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('');
  });

  it('quotes fields holding a comma, quote, CR or LF and doubles quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it.each(['=SUM(A1:A2)', '+1', '-1+2', '@cmd', '\tx', '\rx'])(
    'prefixes a would-be formula %j with a single quote',
    (value) => {
      expect(guardFormula(value)).toBe(`'${value}`);
    },
  );

  it('does not touch text that merely contains formula characters', () => {
    expect(guardFormula('a=b')).toBe('a=b');
    expect(guardFormula("'already")).toBe("'already");
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
  });

  it('starts with the UTF-8 byte-order mark and ends every record with CRLF', () => {
    expect(
      toCsv([
        ['a', 1],
        ['b', null],
      ]),
    ).toBe('\uFEFFa,1\r\nb,\r\n');
    expect(Buffer.from(toCsv([['José Müller', '株式会社']]), 'utf8')).toEqual(
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('José Müller,株式会社\r\n', 'utf8'),
      ]),
    );
  });
});

describe('CSV reading (RFC 4180)', () => {
  it('reads back what it wrote, whatever the content', () => {
    const records = [
      ['id', 'text', 'n'],
      ['1', 'comma, inside', '3'],
      ['2', 'quote " inside and ""double""', ''],
      ['3', 'multi\r\nline\nfield', 'x'],
      ['4', '', ''],
    ];
    expect(parseCsv(toCsv(records))).toEqual(records);
  });

  it('accepts LF line ends and a last record without a line end', () => {
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,\n')).toEqual([['a', '']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('drops a leading byte-order mark, and keeps one anywhere else', () => {
    expect(parseCsv(`${UTF8_BOM}a,b\r\n`)).toEqual([['a', 'b']]);
    expect(parseCsv(`${UTF8_BOM}"a,b"\r\n`)).toEqual([['a,b']]);
    expect(parseCsv(UTF8_BOM)).toEqual([]);
    expect(parseCsv(`a,${UTF8_BOM}b`)).toEqual([['a', `${UTF8_BOM}b`]]);
  });

  it('refuses malformed quoting', () => {
    expect(() => parseCsv('"open')).toThrow(SyntaxError);
    expect(() => parseCsv('"a"b,c')).toThrow(SyntaxError);
    expect(() => parseCsv('a"b')).toThrow(SyntaxError);
  });
});
