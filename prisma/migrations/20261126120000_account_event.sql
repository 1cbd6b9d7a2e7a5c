-- migrate:up
-- What happened to people's accounts and who did it: invitations, changes of role or status,
-- new links, sign-ins, password changes. Append-only like the engagement audit, with the time set
-- by the database.
CREATE TABLE account_event (
  id bigserial PRIMARY KEY,
  at timestamptz(3) NOT NULL DEFAULT now(),
  actor_kind text NOT NULL,
  actor_id text,
  actor_name text NOT NULL,
  actor_email text,
  action text NOT NULL,
  user_id uuid NOT NULL REFERENCES app_user (id) ON UPDATE CASCADE ON DELETE RESTRICT,
  changes jsonb NOT NULL,
  request_id text,
  CONSTRAINT account_event_actor_kind_known CHECK (actor_kind IN ('user', 'key', 'system'))
);
CREATE INDEX account_event_user_id_id_idx ON account_event (user_id, id);

CREATE TRIGGER account_event_no_update_delete BEFORE UPDATE OR DELETE ON account_event
  FOR EACH ROW EXECUTE FUNCTION reject_audit_change();
CREATE TRIGGER account_event_no_truncate BEFORE TRUNCATE ON account_event
  FOR EACH STATEMENT EXECUTE FUNCTION reject_audit_change();

CREATE FUNCTION set_event_time() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.at := now();
  RETURN NEW;
END;
$$;
CREATE TRIGGER account_event_time BEFORE INSERT ON account_event
  FOR EACH ROW EXECUTE FUNCTION set_event_time();

-- migrate:down
DROP TABLE account_event;
DROP FUNCTION set_event_time();
