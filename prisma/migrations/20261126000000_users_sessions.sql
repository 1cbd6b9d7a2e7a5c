-- migrate:up
-- People sign in as users: local accounts (argon2id), invitations, server-side sessions and a
-- shared sign-in throttle. Users and API keys share one role type, so one policy decides for both.
ALTER TYPE api_key_role RENAME TO role;

CREATE TYPE user_status AS ENUM ('INVITED', 'ACTIVE', 'DISABLED');

CREATE TABLE app_user (
  id uuid PRIMARY KEY,
  -- Stored trimmed and lower-cased, so the unique index is case-insensitive by construction.
  email text NOT NULL,
  name text,
  role role NOT NULL,
  customer_id uuid REFERENCES customer (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  status user_status NOT NULL DEFAULT 'INVITED',
  password_hash text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz(3),
  CONSTRAINT app_user_email_normalised CHECK (email = lower(btrim(email)) AND email <> ''),
  CONSTRAINT app_user_customer_matches_role CHECK ((role = 'CUSTOMER') = (customer_id IS NOT NULL)),
  CONSTRAINT app_user_active_has_password CHECK (status <> 'ACTIVE' OR password_hash IS NOT NULL)
);
CREATE UNIQUE INDEX app_user_email_key ON app_user (email);
CREATE INDEX app_user_created_at_id_idx ON app_user (created_at, id);

-- Only SHA-256 hashes of the 256-bit session and CSRF tokens are stored: a copy of this table
-- signs nobody in.
CREATE TABLE user_session (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id) ON UPDATE CASCADE ON DELETE CASCADE,
  token_hash text NOT NULL,
  csrf_hash text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  last_seen_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3) NOT NULL,
  ip text,
  user_agent text
);
CREATE UNIQUE INDEX user_session_token_hash_key ON user_session (token_hash);
CREATE INDEX user_session_user_id_idx ON user_session (user_id);

-- A one-time link. user_id is null only for the first-ADMIN setup link printed on first start.
CREATE TABLE invitation (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL,
  user_id uuid REFERENCES app_user (id) ON UPDATE CASCADE ON DELETE CASCADE,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3) NOT NULL,
  used_at timestamptz(3)
);
CREATE UNIQUE INDEX invitation_token_hash_key ON invitation (token_hash);
CREATE INDEX invitation_user_id_idx ON invitation (user_id);

-- Failed sign-ins per account and per client address, shared by every instance.
CREATE TABLE sign_in_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz(3) NOT NULL,
  locked_until timestamptz(3)
);

-- Audit events name the kind of actor and, for people, their email. Events written before this
-- migration were made by API keys (an id) or by the system (no id).
ALTER TABLE audit_event ADD COLUMN actor_kind text, ADD COLUMN actor_email text;
ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete;
UPDATE audit_event SET actor_kind = CASE WHEN actor_id IS NULL THEN 'system' ELSE 'key' END;
ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete;
ALTER TABLE audit_event
  ALTER COLUMN actor_kind SET NOT NULL,
  ADD CONSTRAINT audit_event_actor_kind_known CHECK (actor_kind IN ('user', 'key', 'system'));

-- migrate:down
ALTER TABLE audit_event DROP CONSTRAINT audit_event_actor_kind_known;
ALTER TABLE audit_event DROP COLUMN actor_email, DROP COLUMN actor_kind;
DROP TABLE sign_in_throttle;
DROP TABLE invitation;
DROP TABLE user_session;
DROP TABLE app_user;
DROP TYPE user_status;
ALTER TYPE role RENAME TO api_key_role;
