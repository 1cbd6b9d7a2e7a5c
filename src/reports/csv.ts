/**
 * CSV as RFC 4180 writes it: CRLF between records, a field quoted when it holds a comma, a double
 * quote, CR or LF, and quotes inside doubled. Plus a guard against spreadsheet formula injection:
 * a text cell that a spreadsheet would run as a formula (starting with = + - @, or a tab or CR,
 * per OWASP) is prefixed with a single quote, so it is shown as text, never evaluated.
 */
const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * The UTF-8 byte-order mark. Without it Excel reads a CSV in the computer's ANSI code page, and
 * "José Müller" or "株式会社" come out garbled; with it Excel, LibreOffice and Numbers read UTF-8
 * and drop the mark.
 */
export const UTF8_BOM = '\uFEFF';

/** Neutralises a cell a spreadsheet would evaluate. */
export function guardFormula(value: string): string {
  return FORMULA_TRIGGERS.some((trigger) => value.startsWith(trigger)) ? `'${value}` : value;
}

/** One field, guarded and quoted as needed. Numbers are written as they are. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? guardFormula(value) : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document as spreadsheets open it: the BOM, then each record on its own CRLF-terminated line. */
export function toCsv(records: readonly (readonly (string | number | boolean | null)[])[]): string {
  return UTF8_BOM + csvLines(records);
}

/** Records as CRLF-terminated lines, without the BOM: a part of a document. */
export function csvLines(
  records: readonly (readonly (string | number | boolean | null)[])[],
): string {
  return records.map((record) => record.map(csvField).join(',') + '\r\n').join('');
}

/**
 * Reads an RFC 4180 document back into records of raw fields (formula guards are kept: they are
 * part of the cell). Accepts CRLF or LF line ends; a trailing line end does not make a record. A
 * leading byte-order mark is not part of the first field, as for a spreadsheet.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = text.startsWith(UTF8_BOM) ? UTF8_BOM.length : 0;
  let atFieldStart = true;
  const endField = () => {
    record.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const char = text[i];
    if (atFieldStart && char === '"') {
      // A quoted field runs to the next quote not followed by another quote.
      i += 1;
      for (;;) {
        if (i >= text.length) throw new SyntaxError('Unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new SyntaxError(`Unexpected character after a quoted field at offset ${i}`);
      }
      atFieldStart = false;
      continue;
    }
    atFieldStart = false;
    if (char === ',') {
      endField();
      i += 1;
    } else if (char === '\r' && text[i + 1] === '\n') {
      endRecord();
      i += 2;
    } else if (char === '\n') {
      endRecord();
      i += 1;
    } else if (char === '"') {
      throw new SyntaxError(`Unexpected quote inside an unquoted field at offset ${i}`);
    } else {
      field += char;
      i += 1;
    }
  }
  if (!atFieldStart || field !== '' || record.length > 0) endRecord();
  return records;
}
