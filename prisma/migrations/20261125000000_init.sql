-- migrate:up
CREATE TYPE cloud_provider AS ENUM ('AZURE', 'AWS', 'GCP', 'OTHER');
CREATE TYPE security_tier AS ENUM ('BASIC', 'STANDARD', 'PREMIUM');
CREATE TYPE task_status AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'DONE', 'NOT_APPLICABLE');
CREATE TYPE engagement_status AS ENUM ('ACTIVE', 'COMPLETED', 'CANCELLED');
CREATE TYPE api_key_role AS ENUM ('ADMIN', 'STAFF', 'CUSTOMER');
CREATE TYPE notification_status AS ENUM ('PENDING', 'SENT', 'DEAD', 'RECORDED');

CREATE TABLE template (
  key text PRIMARY KEY,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);

CREATE TABLE template_version (
  id uuid PRIMARY KEY,
  template_key text NOT NULL REFERENCES template (key) ON UPDATE CASCADE ON DELETE RESTRICT,
  version integer NOT NULL,
  name text NOT NULL,
  description text,
  parties text[] NOT NULL DEFAULT '{}',
  allowed_cloud_providers cloud_provider[] NOT NULL DEFAULT '{}',
  published_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT template_version_version_positive CHECK (version >= 1)
);
CREATE UNIQUE INDEX template_version_template_key_version_key ON template_version (template_key, version);

CREATE TABLE template_task (
  id uuid PRIMARY KEY,
  template_version_id uuid NOT NULL REFERENCES template_version (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  key text NOT NULL,
  position integer NOT NULL,
  title text NOT NULL,
  checklist jsonb NOT NULL,
  raci jsonb NOT NULL,
  due_offset_days integer NOT NULL,
  depends_on text[] NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX template_task_template_version_id_key_key ON template_task (template_version_id, key);
CREATE UNIQUE INDEX template_task_template_version_id_position_key ON template_task (template_version_id, position);

-- Published template versions are immutable: the database itself refuses to change them.
CREATE FUNCTION reject_published_template_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'published template versions are immutable (% on %)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
CREATE TRIGGER template_version_immutable BEFORE UPDATE OR DELETE ON template_version
  FOR EACH ROW EXECUTE FUNCTION reject_published_template_change();
CREATE TRIGGER template_task_immutable BEFORE UPDATE OR DELETE ON template_task
  FOR EACH ROW EXECUTE FUNCTION reject_published_template_change();

CREATE TABLE customer (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  external_ref text,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
-- Customer names are unique regardless of case.
CREATE UNIQUE INDEX customer_name_lower_key ON customer (lower(name));

CREATE TABLE engagement (
  id uuid PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customer (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  template_version_id uuid NOT NULL REFERENCES template_version (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  template_key text NOT NULL,
  template_version integer NOT NULL,
  name text NOT NULL,
  cloud_provider cloud_provider NOT NULL,
  security_tier security_tier NOT NULL,
  start_date date NOT NULL,
  status engagement_status NOT NULL DEFAULT 'ACTIVE',
  cancel_reason text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX engagement_customer_id_created_at_id_idx ON engagement (customer_id, created_at, id);
CREATE INDEX engagement_created_at_id_idx ON engagement (created_at, id);

CREATE TABLE engagement_contact (
  id uuid PRIMARY KEY,
  engagement_id uuid NOT NULL REFERENCES engagement (id) ON UPDATE CASCADE ON DELETE CASCADE,
  party text NOT NULL,
  name text NOT NULL,
  email text NOT NULL,
  "primary" boolean NOT NULL DEFAULT false
);
CREATE INDEX engagement_contact_engagement_id_idx ON engagement_contact (engagement_id);
-- At most one primary contact per party in an engagement.
CREATE UNIQUE INDEX engagement_contact_one_primary_per_party ON engagement_contact (engagement_id, party) WHERE "primary";

CREATE TABLE task (
  id uuid PRIMARY KEY,
  engagement_id uuid NOT NULL REFERENCES engagement (id) ON UPDATE CASCADE ON DELETE CASCADE,
  template_task_id uuid NOT NULL,
  key text NOT NULL,
  position integer NOT NULL,
  title text NOT NULL,
  checklist jsonb NOT NULL,
  raci jsonb NOT NULL,
  depends_on text[] NOT NULL DEFAULT '{}',
  status task_status NOT NULL DEFAULT 'NOT_STARTED',
  due_date date NOT NULL,
  assignee text,
  note text,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX task_engagement_id_key_key ON task (engagement_id, key);
-- The overdue report and escalation read only open tasks by due date.
CREATE INDEX task_open_due_date_idx ON task (due_date, engagement_id) WHERE status NOT IN ('DONE', 'NOT_APPLICABLE');

CREATE TABLE audit_event (
  id bigserial PRIMARY KEY,
  at timestamptz(3) NOT NULL DEFAULT now(),
  actor_id text,
  actor_name text NOT NULL,
  action text NOT NULL,
  engagement_id uuid NOT NULL REFERENCES engagement (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  task_key text,
  changes jsonb NOT NULL,
  reason text,
  request_id text
);
CREATE INDEX audit_event_engagement_id_id_idx ON audit_event (engagement_id, id);

-- The audit history is append-only, enforced by the database: rows can be inserted, never changed.
CREATE FUNCTION reject_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION reject_audit_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION reject_audit_change();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;

CREATE TABLE idempotency_record (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  response_status integer NOT NULL,
  response_body jsonb NOT NULL,
  location text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_record_created_at_idx ON idempotency_record (created_at);

CREATE TABLE api_key (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  role api_key_role NOT NULL,
  customer_id uuid REFERENCES customer (id) ON UPDATE CASCADE ON DELETE SET NULL,
  prefix text NOT NULL,
  hash text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  revoked_at timestamptz(3),
  last_used_at timestamptz(3),
  CONSTRAINT api_key_customer_matches_role CHECK ((role = 'CUSTOMER') = (customer_id IS NOT NULL))
);
CREATE UNIQUE INDEX api_key_hash_key ON api_key (hash);

CREATE TABLE notification (
  id uuid PRIMARY KEY,
  task_id uuid NOT NULL REFERENCES task (id) ON UPDATE CASCADE ON DELETE CASCADE,
  engagement_id uuid NOT NULL REFERENCES engagement (id) ON UPDATE CASCADE ON DELETE CASCADE,
  task_key text NOT NULL,
  level integer NOT NULL,
  days_overdue integer NOT NULL,
  recipients jsonb NOT NULL,
  payload jsonb NOT NULL,
  status notification_status NOT NULL DEFAULT 'PENDING',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
  last_error text,
  delivered_at timestamptz(3),
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
-- One notification per task and escalation level, however many job runs or instances race.
CREATE UNIQUE INDEX notification_task_id_level_key ON notification (task_id, level);
CREATE INDEX notification_status_next_attempt_at_idx ON notification (status, next_attempt_at);
CREATE INDEX notification_engagement_id_created_at_idx ON notification (engagement_id, created_at);

-- migrate:down
DROP TABLE notification;
DROP TABLE api_key;
DROP TABLE idempotency_record;
DROP TABLE audit_event;
DROP FUNCTION reject_audit_change();
DROP TABLE task;
DROP TABLE engagement_contact;
DROP TABLE engagement;
DROP TABLE customer;
DROP TABLE template_task;
DROP TABLE template_version;
DROP FUNCTION reject_published_template_change();
DROP TABLE template;
DROP TYPE notification_status;
DROP TYPE api_key_role;
DROP TYPE engagement_status;
DROP TYPE task_status;
DROP TYPE security_tier;
DROP TYPE cloud_provider;
