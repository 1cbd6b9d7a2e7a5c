import { Injectable } from '@nestjs/common';
import { IdempotencyKeyReuseError, RequestValidationError } from '../errors/domain-errors';
import { HttpResult } from '../http/http-result';
import { PrismaService, PrismaTx } from '../../prisma/prisma.service';
import { isValidIdempotencyKey, requestFingerprint } from './request-fingerprint';

/** Stored responses are kept (and replayed) for at least this long. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const PURGE_INTERVAL_MS = 60_000;

export interface IdempotentRequest {
  /** Who and what the key belongs to, e.g. `<api key id>:POST /engagements`. */
  scope: string;
  /** The Idempotency-Key header, when the client sent one. */
  key: string | undefined;
  /** The validated request body: a replay must carry the same one. */
  body: unknown;
}

/**
 * Runs a create in one transaction and, when the client sent an Idempotency-Key, stores the
 * response in that same transaction. The record's primary key (scope, key) makes two concurrent
 * requests with one key race on a single row: the loser's transaction fails and rolls back,
 * and it answers with the winner's stored response instead.
 */
@Injectable()
export class IdempotencyService {
  private lastPurge = 0;

  constructor(private readonly prisma: PrismaService) {}

  async run<T>(
    request: IdempotentRequest,
    work: (tx: PrismaTx) => Promise<HttpResult<T>>,
  ): Promise<HttpResult<T>> {
    const { scope, key } = request;
    if (key === undefined) return this.prisma.$transaction((tx) => work(tx));
    const { fingerprint, stored } = await this.lookUp<T>(request, key);
    if (stored) return stored;
    try {
      return await this.prisma.$transaction(async (tx) => {
        const result = await work(tx);
        // Stored and returned in JSON form, so the first answer and every replay are identical.
        const body = JSON.parse(JSON.stringify(result.body)) as T;
        await tx.idempotencyRecord.create({
          data: {
            scope,
            key,
            requestHash: fingerprint,
            responseStatus: result.status,
            responseBody: body as object,
            responseHeaders: result.headers ?? {},
            location: result.location ?? null,
          },
        });
        return { ...result, body };
      });
    } catch (error) {
      // A concurrent request with the same key may have committed first; if so, answer as it did.
      const winner = await this.find(scope, key);
      if (winner) return replay(winner, fingerprint);
      throw error;
    }
  }

  /**
   * As run(), for a create written by a single statement (its own transaction): `work` gets the
   * record to store (undefined without a key) and writes it in that statement with
   * idempotencyRecordSql. A concurrent request with the same key makes that statement fail on the
   * record's primary key, so nothing of it is written, and this answers with the winner's response.
   */
  async runAtomic<T>(
    request: IdempotentRequest,
    work: (record: IdempotencyRecordKey | undefined) => Promise<HttpResult<T>>,
  ): Promise<HttpResult<T>> {
    const { scope, key } = request;
    if (key === undefined) return work(undefined);
    const { fingerprint, stored } = await this.lookUp<T>(request, key);
    if (stored) return stored;
    try {
      const result = await work({ scope, key, requestHash: fingerprint });
      // Answered in JSON form, exactly as stored and replayed.
      return { ...result, body: JSON.parse(JSON.stringify(result.body)) as T };
    } catch (error) {
      const winner = await this.find(scope, key);
      if (winner) return replay(winner, fingerprint);
      throw error;
    }
  }

  /** Checks the key, and answers with the stored response when there is one for it. */
  private async lookUp<T>(
    request: IdempotentRequest,
    key: string,
  ): Promise<{ fingerprint: string; stored?: HttpResult<T> }> {
    if (!isValidIdempotencyKey(key)) {
      throw new RequestValidationError('The Idempotency-Key header is malformed', [
        { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
      ]);
    }
    const fingerprint = requestFingerprint(request.body);
    await this.purgeExpired(request.scope, key);
    const stored = await this.find(request.scope, key);
    return { fingerprint, stored: stored ? replay<T>(stored, fingerprint) : undefined };
  }

  private find(scope: string, key: string) {
    return this.prisma.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } });
  }

  /** Drops this key's record once expired, and now and then every expired record. */
  private async purgeExpired(scope: string, key: string): Promise<void> {
    const cutoff = new Date(Date.now() - IDEMPOTENCY_TTL_MS);
    await this.prisma.idempotencyRecord.deleteMany({
      where: { scope, key, createdAt: { lt: cutoff } },
    });
    if (Date.now() - this.lastPurge < PURGE_INTERVAL_MS) return;
    this.lastPurge = Date.now();
    await this.prisma.idempotencyRecord.deleteMany({ where: { createdAt: { lt: cutoff } } });
  }
}

/** Which record a create stores its response in. */
export interface IdempotencyRecordKey {
  scope: string;
  key: string;
  requestHash: string;
}

/** `INSERT` of the record of an idempotent create, for the create's own statement (a CTE body). */
export function idempotencyRecordSql(
  values: unknown[],
  record: IdempotencyRecordKey,
  result: HttpResult<unknown>,
): string {
  const param = (value: unknown) => `$${values.push(value)}`;
  return `
  INSERT INTO idempotency_record
    (scope, key, request_hash, response_status, response_body, response_headers, location)
  VALUES (${param(record.scope)}::text, ${param(record.key)}::text, ${param(record.requestHash)}::text,
          ${param(result.status)}::int, ${param(JSON.stringify(result.body))}::jsonb,
          ${param(JSON.stringify(result.headers ?? {}))}::jsonb, ${param(result.location ?? null)}::text)`;
}

function replay<T>(
  stored: {
    requestHash: string;
    responseStatus: number;
    responseBody: unknown;
    responseHeaders: unknown;
    location: string | null;
  },
  fingerprint: string,
): HttpResult<T> {
  if (stored.requestHash !== fingerprint) {
    throw new IdempotencyKeyReuseError(
      'This Idempotency-Key was already used with a different request body; use a new key',
      {
        errors: [
          { field: 'Idempotency-Key', message: 'was already used with a different request body' },
        ],
      },
    );
  }
  return {
    status: stored.responseStatus,
    body: stored.responseBody as T,
    location: stored.location,
    headers: {
      ...(stored.responseHeaders as Record<string, string>),
      'Idempotent-Replayed': 'true',
    },
  };
}
