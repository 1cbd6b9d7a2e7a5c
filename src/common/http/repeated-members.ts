/**
 * JSON lets an object name a member twice (RFC 8259 says only that names SHOULD be unique), and
 * parsers disagree on what that means: JSON.parse keeps the last, others the first or refuse.
 * `{"status":"DONE","status":"NOT_STARTED"}` is then whatever the last parser in a chain of
 * proxies and gateways decides. The service refuses it instead, naming the member.
 */

type Frame =
  | { kind: 'object'; names: Set<string>; name: string | undefined; expectingName: boolean }
  | { kind: 'array'; index: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The path (as field problems name fields: `contacts[0].email`) of the first member an object of
 * `json` names again, or undefined when none is repeated. Text that is not JSON yields undefined:
 * parsing it says what is wrong. Given the UTF-8 bytes (as the body parser holds them), it reads
 * them without decoding the whole body: every byte of a multi-byte character is ≥ 0x80, so none
 * is taken for a quote, bracket or comma, and only member names are decoded.
 */
export function firstRepeatedMember(json: string | Buffer): string | undefined {
  const text = typeof json === 'string' ? Buffer.from(json) : json;
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === QUOTE) {
      let end = i + 1;
      let escaped = false;
      while (end < text.length) {
        const d = text[end];
        if (d === QUOTE) break;
        if (d === BACKSLASH) {
          escaped = true;
          end++;
        }
        end++;
      }
      if (end >= text.length) return undefined;
      const top = stack[stack.length - 1];
      if (top?.kind === 'object' && top.expectingName) {
        const name = escaped
          ? decoded(text.toString('utf8', i, end + 1))
          : text.toString('utf8', i + 1, end);
        if (name === undefined) return undefined;
        if (top.names.has(name)) return pathOf(stack, name);
        top.names.add(name);
        top.name = name;
        top.expectingName = false;
      }
      i = end;
      continue;
    }
    if (c === 0x7b /* { */) {
      stack.push({ kind: 'object', names: new Set(), name: undefined, expectingName: true });
    } else if (c === 0x5b /* [ */) {
      stack.push({ kind: 'array', index: 0 });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') top.expectingName = true;
      else if (top?.kind === 'array') top.index++;
    }
  }
  return undefined;
}

/** A name written with escapes (`"st\u0061tus"` is `status`). */
function decoded(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

/** Where the repeated `name` sits: the members and indexes leading to its object, then itself. */
function pathOf(stack: readonly Frame[], name: string): string {
  let path = '';
  for (const frame of stack.slice(0, -1)) {
    if (frame.kind === 'array') path += `[${frame.index}]`;
    else path += path === '' ? frame.name : `.${frame.name}`;
  }
  return path === '' ? name : `${path}.${name}`;
}
