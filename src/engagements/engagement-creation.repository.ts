import { Injectable } from '@nestjs/common';
import type { Actor } from '../audit/audit-event';
import { insertAuditEventsSql, type AuditEventRow } from '../audit/audit-event-sql';
import { calendarDateOf } from '../common/domain/calendar-date';
import type { HttpResult } from '../common/http/http-result';
import {
  idempotencyRecordSql,
  type IdempotencyRecordKey,
} from '../common/idempotency/idempotency.service';
import { prepared } from '../prisma/prepared-statement';
import { PrismaService } from '../prisma/prisma.service';
import type { TaskRow } from '../tasks/task.mapper';
import type { ContactInput } from './contact-rules';
import type { EngagementRecord } from './engagement.mapper';
import { CUSTOMER_NAME_INDEX, customerNameTaken } from '../customers/customer-name';

/** The customer a new engagement is for: one that exists, or one to create with it. */
export type CustomerReference = { id: string } | { newName: string };

/** What a new engagement refers to, read in one statement. */
export interface CreationReferences {
  /**
   * The customer's name; null when there is no such customer. For a new customer: the name of the
   * one that already has its name (regardless of case), null when the name is free.
   */
  customerName: string | null;
  /** The version asked for, or the latest one; null when there is none. */
  templateVersionId: string | null;
  templateExists: boolean;
}

/** Everything a new engagement consists of, ids and times included, ready to be written. */
export interface NewEngagement {
  /** A customer created with the engagement (its id is the engagement's customerId). */
  newCustomer?: NewCustomer;
  engagement: EngagementRecord & { templateVersionId: string };
  contacts: (ContactInput & { id: string })[];
  tasks: (TaskRow & { id: string; templateTaskId: string })[];
  event: AuditEventRow;
  actor: Actor;
  /** With an Idempotency-Key: the record the response is stored in, in the same statement. */
  idempotency?: { record: IdempotencyRecordKey; result: HttpResult<unknown> };
}

export interface NewCustomer {
  id: string;
  name: string;
  externalRef: string | null;
}

/**
 * Creating an engagement straight through node-postgres: one statement to read what it refers
 * to, one statement (its own transaction) to write the engagement, its contacts, its tasks, the
 * audit event, when asked for the idempotency record, and a new customer with its first
 * engagement (so a refused engagement leaves no customer behind). Prisma did this in about a dozen
 * statements inside an interactive transaction, then read it all back.
 */
@Injectable()
export class EngagementCreationRepository {
  constructor(private readonly prisma: PrismaService) {}

  async references(
    customer: CustomerReference,
    templateKey: string,
    templateVersion: number | undefined,
  ): Promise<CreationReferences> {
    const [customerSql, customerValue] =
      'id' in customer
        ? ['SELECT name FROM customer WHERE id = $1::uuid', customer.id]
        : ['SELECT name FROM customer WHERE lower(name) = lower($1::text)', customer.newName];
    const { rows } = await this.prisma.pool.query<{
      customer_name: string | null;
      template_version_id: string | null;
      template_exists: boolean;
    }>(
      prepared(
        `SELECT (${customerSql}) AS customer_name,
                (SELECT id::text FROM template_version
                  WHERE template_key = $2 AND ($3::int IS NULL OR version = $3::int)
                  ORDER BY version DESC LIMIT 1) AS template_version_id,
                EXISTS (SELECT 1 FROM template WHERE key = $2) AS template_exists`,
        [customerValue, templateKey, templateVersion ?? null],
      ),
    );
    return {
      customerName: rows[0].customer_name,
      templateVersionId: rows[0].template_version_id,
      templateExists: rows[0].template_exists,
    };
  }

  async insert({
    newCustomer,
    engagement: e,
    contacts,
    tasks,
    event,
    actor,
    idempotency,
  }: NewEngagement) {
    const values: unknown[] = [
      e.id,
      e.customerId,
      e.templateVersionId,
      e.templateKey,
      e.templateVersion,
      e.name,
      e.cloudProvider,
      e.securityTier,
      e.startDate,
      e.createdAt,
      JSON.stringify(contacts),
      JSON.stringify(
        tasks.map((task) => ({
          id: task.id,
          template_task_id: task.templateTaskId,
          key: task.key,
          position: task.position,
          title: task.title,
          checklist: task.checklist,
          raci: task.raci,
          depends_on: task.dependsOn,
          due_date: calendarDateOf(task.dueDate),
        })),
      ),
    ];
    const record = idempotency
      ? `, idempotency AS (${idempotencyRecordSql(values, idempotency.record, idempotency.result)})`
      : '';
    // Its id is $2, the engagement's customer_id; the foreign key is checked at the statement's end.
    const customer = newCustomer
      ? `customer AS (
           INSERT INTO customer (id, name, external_ref, created_at)
           VALUES ($2::uuid, $${values.push(newCustomer.name)}::text,
                   $${values.push(newCustomer.externalRef)}::text, $10::timestamptz)
         ), `
      : '';
    await this.prisma.pool
      .query(
        prepared(
          `WITH ${customer}engagement AS (
           INSERT INTO engagement (id, customer_id, template_version_id, template_key,
                                   template_version, name, cloud_provider, security_tier,
                                   start_date, created_at, updated_at)
           VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5::int, $6, $7::cloud_provider,
                   $8::security_tier, $9::date, $10::timestamptz, $10::timestamptz)
           RETURNING id
         ), contacts AS (
           INSERT INTO engagement_contact (id, engagement_id, party, name, email, "primary")
           SELECT c.id, $1::uuid, c.party, c.name, c.email, c."primary"
             FROM jsonb_to_recordset($11::jsonb)
                  AS c(id uuid, party text, name text, email text, "primary" boolean)
         ), tasks AS (
           INSERT INTO task (id, engagement_id, template_task_id, key, position, title, checklist,
                             raci, depends_on, status, due_date, version, updated_at)
           SELECT t.id, $1::uuid, t.template_task_id, t.key, t.position, t.title, t.checklist,
                  t.raci, ARRAY(SELECT jsonb_array_elements_text(t.depends_on)), 'NOT_STARTED',
                  t.due_date, 1, $10::timestamptz
             FROM jsonb_to_recordset($12::jsonb)
                  AS t(id uuid, template_task_id uuid, key text, position int, title text,
                       checklist jsonb, raci jsonb, depends_on jsonb, due_date date)
         ), audit AS (${insertAuditEventsSql(values, actor, '$1::uuid', [event], 'engagement')}
         )${record}
         SELECT 1`,
          values,
        ),
      )
      .catch((error: unknown) => {
        // Another request took the name since it was checked: the same 409 as the check's.
        if (newCustomer && isUniqueViolation(error, CUSTOMER_NAME_INDEX)) {
          throw customerNameTaken('customer.name');
        }
        throw error;
      });
  }
}

/** node-postgres's error for a unique index refusing a row (SQLSTATE 23505). */
function isUniqueViolation(error: unknown, index: string): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === index;
}
