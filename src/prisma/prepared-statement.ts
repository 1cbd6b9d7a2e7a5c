import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';

const names = new Map<string, string>();

/**
 * A named (prepared) statement for node-postgres: each connection parses and plans it once and
 * then only binds values, which halves PostgreSQL's CPU for the short statements of hot paths.
 * The name is derived from the text, so two different texts can never share one.
 */
export function prepared(text: string, values: unknown[]): QueryConfig {
  let name = names.get(text);
  if (name === undefined) {
    name = `ot_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return { name, text, values };
}
