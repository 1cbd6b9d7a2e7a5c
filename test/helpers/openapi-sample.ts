type Json = Record<string, any>;

/** Resolves a local `$ref` of the document. */
export function resolve(doc: Json, node: Json): Json {
  let current = node;
  while (current && current.$ref) {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((part: Json, key: string) => part[key], doc);
  }
  return current;
}

/**
 * The value Swagger UI fills in for a schema when a person clicks "Try it out": the example,
 * else the default, else the first enum value, else one by format, else a placeholder by type
 * ("string", 0, true) — which is what a missing example leaves behind.
 */
export function sampleOf(doc: Json, node: Json, today = new Date()): unknown {
  const schema = resolve(doc, node);
  if (!schema) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  const parts = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (parts) {
    const merged = parts.map((part: Json) => sampleOf(doc, part, today));
    return merged.every((m: unknown) => m && typeof m === 'object' && !Array.isArray(m))
      ? Object.assign({}, ...merged)
      : merged[0];
  }
  switch (schema.type) {
    case 'object':
    case undefined:
      if (!schema.properties) return {};
      return Object.fromEntries(
        Object.entries(schema.properties as Json).map(([name, property]) => [
          name,
          sampleOf(doc, property, today),
        ]),
      );
    case 'array':
      return [sampleOf(doc, schema.items ?? {}, today)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return true;
    case 'string':
      switch (schema.format) {
        case 'uuid':
          return '3fa85f64-5717-4562-b3fc-2c963f66afa6';
        case 'date':
          return today.toISOString().slice(0, 10);
        case 'date-time':
          return today.toISOString();
        case 'email':
          return 'user@example.com';
        default:
          return 'string';
      }
    default:
      return undefined;
  }
}

/** The request body Swagger UI offers for an operation: its first example, else a sample. */
export function requestBodySample(doc: Json, operation: Json): unknown {
  const media = resolve(doc, operation.requestBody ?? {})?.content?.['application/json'];
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values((media.examples ?? {}) as Json)[0];
  if (first) return resolve(doc, first).value;
  return sampleOf(doc, media.schema);
}

/** Every place a placeholder "string" would end up in a sample. */
export function placeholders(value: unknown, path = 'body'): string[] {
  if (value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => placeholders(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => placeholders(item, `${path}.${key}`));
  }
  return [];
}
