import { Headers } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

/** Documents the optional `Idempotency-Key` header of a create endpoint. */
export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Replays the first response for 24 h: same key and body → same response, nothing new created; ' +
      'same key with another body → 422',
  });

/** The request's `Idempotency-Key` header, if any. */
export const IdempotencyKey = () => Headers('idempotency-key');
