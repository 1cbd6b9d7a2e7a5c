import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from './helpers/test-database';

// Prisma Migrate cannot run on these machines, so the SQL migrations are the schema's source of
// truth. This test proves that what Prisma Client believes (schema.prisma) is what the migrated
// database holds in its public schema (pg-boss's own schema, installed by migrations too, is not
// Prisma's): tables, columns, types, nullability, enums, indexes and foreign keys.
const { get_dmmf } = require('@prisma/prisma-schema-wasm') as { get_dmmf(p: string): string };

interface DmmfField {
  name: string;
  dbName: string | null;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal';
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName: string | null; values: { name: string }[] }[];
    indexes: DmmfIndex[];
  };
}

const dmmf: Dmmf = JSON.parse(
  get_dmmf(
    JSON.stringify({
      prismaSchema: fs.readFileSync(path.join(__dirname, '..', 'prisma', 'schema.prisma'), 'utf8'),
    }),
  ),
);
const enumDbName = new Map(dmmf.datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (field: DmmfField) => field.dbName ?? field.name;
const modelByName = new Map(dmmf.datamodel.models.map((m) => [m.name, m]));

/** The PostgreSQL type (udt_name) a Prisma field maps to. */
function expectedUdt(field: DmmfField): string {
  const native = field.nativeType?.[0];
  let base: string;
  if (field.kind === 'enum') base = enumDbName.get(field.type)!;
  else if (native === 'Uuid') base = 'uuid';
  else if (native === 'Date') base = 'date';
  else if (native === 'Timestamptz') base = 'timestamptz';
  else {
    base = (
      {
        String: 'text',
        Int: 'int4',
        BigInt: 'int8',
        Boolean: 'bool',
        DateTime: 'timestamp',
        Json: 'jsonb',
        Float: 'float8',
        Bytes: 'bytea',
      } as Record<string, string>
    )[field.type];
  }
  return field.isList ? `_${base}` : base;
}

describe('schema.prisma agrees with the migrated database', () => {
  let db: TestDatabase;
  let client: Client;
  let columns: {
    table_name: string;
    column_name: string;
    udt_name: string;
    is_nullable: string;
    datetime_precision: number | null;
  }[];

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
    columns = (
      await client.query(
        `SELECT table_name, column_name, udt_name, is_nullable, datetime_precision
           FROM information_schema.columns WHERE table_schema = 'public'`,
      )
    ).rows;
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('has exactly the tables of the Prisma models (plus the migrations ledger)', async () => {
    const tables = (
      await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
      )
    ).rows.map((r) => r.table_name);
    const expected = dmmf.datamodel.models.map(tableOf);
    expect(tables.filter((t) => t !== 'schema_migrations').sort()).toEqual([...expected].sort());
  });

  it.each(dmmf.datamodel.models.map((m) => [m.name, m] as const))(
    '%s: same columns, types and nullability',
    (_name, model) => {
      const table = tableOf(model);
      const actual = columns
        .filter((c) => c.table_name === table)
        .map((c) => ({
          column: c.column_name,
          type: c.udt_name,
          nullable: c.is_nullable === 'YES',
          precision: c.udt_name === 'timestamptz' ? c.datetime_precision : null,
        }))
        .sort((a, b) => a.column.localeCompare(b.column));
      const expected = model.fields
        .filter((f) => f.kind !== 'object')
        .map((f) => ({
          column: columnOf(f),
          type: expectedUdt(f),
          // Lists are NOT NULL in the database by convention (empty list instead of null).
          nullable: !f.isRequired && !f.isList,
          precision: expectedUdt(f) === 'timestamptz' ? Number(f.nativeType?.[1]?.[0] ?? 6) : null,
        }))
        .sort((a, b) => a.column.localeCompare(b.column));
      expect(actual).toEqual(expected);
    },
  );

  it('has the same enums with the same values in the same order', async () => {
    const rows = (
      await client.query(
        `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
           FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
           JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'public'
          GROUP BY t.typname`,
      )
    ).rows;
    const actual = Object.fromEntries(rows.map((r) => [r.typname, r.labels]));
    const expected = Object.fromEntries(
      dmmf.datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.name)]),
    );
    expect(actual).toEqual(expected);
  });

  it('has every primary key, unique constraint and index that schema.prisma declares', async () => {
    const rows = (
      await client.query(
        `SELECT t.relname AS table, ix.indisunique AS unique, ix.indisprimary AS primary,
                ix.indpred IS NOT NULL AS partial, ix.indexprs IS NOT NULL AS expression,
                array_agg(a.attname ORDER BY k.ord)::text[] AS columns
           FROM pg_index ix
           JOIN pg_class t ON t.oid = ix.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
           CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
           LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
          GROUP BY t.relname, ix.indexrelid, ix.indisunique, ix.indisprimary, ix.indpred, ix.indexprs`,
      )
    ).rows;
    const plain = rows.filter((r) => !r.partial && !r.expression);
    for (const index of dmmf.datamodel.indexes) {
      const model = modelByName.get(index.model)!;
      const cols = index.fields.map((f) => columnOf(model.fields.find((x) => x.name === f.name)!));
      const match = plain.find(
        (r) =>
          r.table === tableOf(model) &&
          JSON.stringify(r.columns) === JSON.stringify(cols) &&
          (index.type === 'id' ? r.primary : index.type === 'unique' ? r.unique : !r.unique),
      );
      expect({ model: index.model, type: index.type, cols, found: !!match }).toEqual({
        model: index.model,
        type: index.type,
        cols,
        found: true,
      });
    }
    // Indexes Prisma cannot express, which the code relies on: they must exist too.
    const sqlOnly = rows
      .filter((r) => r.partial || r.expression)
      .map((r) => `${r.table}(${r.columns.map((c: string | null) => c ?? 'expr').join(',')})`);
    expect(sqlOnly).toEqual(
      expect.arrayContaining([
        'customer(expr)',
        'engagement_contact(engagement_id,party)',
        'task(due_date,engagement_id,position,key,title,status,raci)',
      ]),
    );
  });

  it('has a foreign key for every relation in schema.prisma', async () => {
    const rows = (
      await client.query(
        `SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS references,
                array_agg(a.attname ORDER BY k.ord)::text[] AS columns
           FROM pg_constraint c
           CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
           JOIN pg_namespace n ON n.oid = c.connamespace AND n.nspname = 'public'
          WHERE c.contype = 'f'
          GROUP BY c.oid, c.conrelid, c.confrelid`,
      )
    ).rows;
    const expected = dmmf.datamodel.models.flatMap((model) =>
      model.fields
        .filter((f) => f.kind === 'object' && f.relationFromFields?.length)
        .map((f) => ({
          table: tableOf(model),
          references: tableOf(modelByName.get(f.type)!),
          columns: f.relationFromFields!.map((name) =>
            columnOf(model.fields.find((x) => x.name === name)!),
          ),
        })),
    );
    const key = (r: { table: string; references: string; columns: string[] }) =>
      `${r.table}(${r.columns.join(',')})->${r.references}`;
    expect(rows.map(key).sort()).toEqual(expected.map(key).sort());
  });
});
