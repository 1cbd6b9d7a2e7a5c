-- migrate:up
-- A replay answers with the first response's headers too (e.g. the ETag of a created engagement),
-- not only its status, body and Location.
ALTER TABLE idempotency_record ADD COLUMN response_headers jsonb NOT NULL DEFAULT '{}';

-- migrate:down
ALTER TABLE idempotency_record DROP COLUMN response_headers;
