import type { NextFunction, Request, Response } from 'express';
import { FieldProblem, RequestValidationError } from '../errors/domain-errors';
import { isServicePath } from './service-paths';

/**
 * Limits on the shape of a JSON body, checked right after parsing and before validation: the
 * validator walks bodies recursively and reports every offending member, so a body nested a few
 * thousand levels deep overflows its stack, and 50,000 unknown keys cost seconds and a
 * megabytes-long answer. No request of this API comes near these limits.
 */
export const BODY_LIMITS = {
  /** Objects and arrays inside each other (a template task's RACI entry is at depth 5). */
  maxDepth: 32,
  /** Members of one object (the largest DTO has fewer than 10). */
  maxKeys: 100,
  /** Items of one array (the longest list a DTO accepts has 200). */
  maxItems: 1_000,
} as const;

/** How many offending fields one answer lists at most. */
export const MAX_REPORTED_PROBLEMS = 20;

// A lone surrogate: a high one not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why PostgreSQL could not store this text, or undefined: it refuses U+0000 in text and JSON,
 * and a lone surrogate (valid in a JSON escape, not in UTF-8) in JSON.
 */
export function unstorableText(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain the character U+0000';
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) {
    const code = surrogate[0].charCodeAt(0).toString(16).toUpperCase();
    return `must not contain a lone surrogate (U+${code}): it is not a character`;
  }
  return undefined;
}

/** One line of text (a name, a title) or several (a note, a reason, a description). */
export type TextLines = 'single-line' | 'multi-line';

// Control characters (C0, DEL and C1): a BEL or an ESC stored in a name rings or restyles the
// terminal of whoever prints it, and tabs and line breaks break one-line layouts (lists, CSV,
// e-mail subjects). Text of several lines keeps its line breaks (CR too: CRLF is one) and tabs.
const CONTROL: Record<TextLines, RegExp> = {
  'single-line': /\p{Cc}/u,
  'multi-line': /(?![\t\n\r])\p{Cc}/u,
};

/** Why this text may not be stored as `lines`, or undefined: a control character it must not have. */
export function controlCharacterProblem(value: string, lines: TextLines): string | undefined {
  const found = CONTROL[lines].exec(value);
  if (!found) return undefined;
  const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return lines === 'single-line'
    ? `must be one line without control characters, tabs or line breaks (found U+${code})`
    : `must not contain control characters other than line breaks and tabs (found U+${code})`;
}

/**
 * Member names that every JavaScript object already has (`constructor`, `toString`, `__proto__`,
 * …). The validator's whitelist looks names up in a plain object, finds these there, and lets
 * them through as if they were declared fields; `__proto__` could even lend a DTO a value it was
 * never sent as its own. No field of this API has such a name, so they are refused outright.
 */
const OBJECT_MEMBER_NAMES: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);
export const NOT_A_FIELD = 'should not exist';

const childPath = (parent: string, key: string | number) =>
  typeof key === 'number' ? `${parent || 'body'}[${key}]` : parent ? `${parent}.${key}` : key;

/**
 * The first problem of a parsed JSON body, or undefined. Iterative (no recursion, so no depth
 * can overflow the stack) and stops at the first limit crossed.
 */
export function bodyProblem(body: unknown): FieldProblem | undefined {
  const stack: [value: unknown, path: string, depth: number][] = [[body, '', 0]];
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop()!;
    if (typeof value === 'string') {
      const problem = unstorableText(value);
      if (problem) return { field: path || 'body', message: problem };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= BODY_LIMITS.maxDepth) {
      return {
        field: path || 'body',
        message: `is nested too deeply (more than ${BODY_LIMITS.maxDepth} levels)`,
      };
    }
    if (Array.isArray(value)) {
      if (value.length > BODY_LIMITS.maxItems) {
        return {
          field: path || 'body',
          message: `has ${value.length} items; at most ${BODY_LIMITS.maxItems} are accepted`,
        };
      }
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push([value[i], childPath(path, i), depth + 1]);
      }
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > BODY_LIMITS.maxKeys) {
      return {
        field: path || 'body',
        message: `has ${keys.length} members; at most ${BODY_LIMITS.maxKeys} are accepted`,
      };
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const keyProblem = unstorableText(key);
      if (keyProblem)
        return { field: path || 'body', message: `has a member name that ${keyProblem}` };
      if (OBJECT_MEMBER_NAMES.has(key))
        return { field: childPath(path, key), message: NOT_A_FIELD };
      stack.push([(value as Record<string, unknown>)[key], childPath(path, key), depth + 1]);
    }
  }
  return undefined;
}

/** The first query parameter whose name or value PostgreSQL could not store. */
export function queryProblem(query: Record<string, unknown>): FieldProblem | undefined {
  for (const [key, value] of Object.entries(query)) {
    const keyProblem = unstorableText(key);
    if (keyProblem) return { field: 'query', message: `has a parameter name that ${keyProblem}` };
    if (OBJECT_MEMBER_NAMES.has(key)) return { field: key, message: NOT_A_FIELD };
    for (const item of Array.isArray(value) ? value : [value]) {
      const problem = typeof item === 'string' ? unstorableText(item) : undefined;
      if (problem) return { field: key, message: problem };
    }
  }
  return undefined;
}

/**
 * A query parameter given more than once. Express reads it as a list, which no parameter of this
 * API is: the validator then called `limit=5&limit=6` "not an integer", and a text filter "not a
 * string". Pages of the web app read the first of each and are left alone.
 */
export function repeatedQueryProblem(query: Record<string, unknown>): FieldProblem | undefined {
  const repeated = Object.entries(query).find(([, value]) => Array.isArray(value));
  if (!repeated) return undefined;
  const [key, values] = repeated as [string, unknown[]];
  return { field: key, message: `is given ${values.length} times; give it once` };
}

/** `%00` in the path decodes to U+0000 in a path parameter; a raw NUL never gets this far. */
const ENCODED_NUL = /%00/;

/** A path whose parameters could not be decoded, or would decode to U+0000. */
export function pathProblem(path: string): FieldProblem | undefined {
  if (ENCODED_NUL.test(path)) {
    return { field: 'path', message: 'must not contain %00 (the character U+0000)' };
  }
  try {
    decodeURIComponent(path);
  } catch {
    return { field: 'path', message: 'has a malformed %-escape (not UTF-8)' };
  }
  return undefined;
}

/**
 * Express middleware after the body parser: refuses (400, naming the field) a path, query or
 * body that breaks the limits above, before validation or the database sees it.
 */
export function checkInputLimits(req: Request, _res: Response, next: NextFunction): void {
  const problem =
    pathProblem(req.path) ??
    queryProblem(req.query as Record<string, unknown>) ??
    (isServicePath(req.path)
      ? repeatedQueryProblem(req.query as Record<string, unknown>)
      : undefined) ??
    bodyProblem(req.body);
  if (!problem) return next();
  next(new RequestValidationError(`Invalid request: check ${problem.field}`, [problem]));
}
