-- migrate:up
-- Tamper evidence for the audit history: each engagement's events form a hash chain. An event's
-- hash covers its content and the previous event's hash, so changing, removing or inserting a row
-- anywhere (even by someone who can bypass the append-only triggers) breaks every hash after it.
-- `at` is set here too: the time of an event is the database's, never the caller's.
ALTER TABLE audit_event
  ADD COLUMN chain_position integer,
  ADD COLUMN prev_hash bytea,
  ADD COLUMN hash bytea;

-- The canonical text of an event: every field that carries meaning, in a fixed order. jsonb
-- renders keys in a normalised order, so the same changes always give the same text.
CREATE FUNCTION audit_event_digest(e audit_event, previous bytea) RETURNS bytea
LANGUAGE sql IMMUTABLE AS $$
  SELECT sha256(
    coalesce(previous, ''::bytea) ||
    convert_to(
      jsonb_build_array(
        e.engagement_id, e.chain_position,
        to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        e.actor_kind, e.actor_id, e.actor_name, e.actor_email,
        e.action, e.task_key, e.changes, e.reason, e.request_id
      )::text,
      'UTF8'
    )
  )
$$;

CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_position integer;
  last_hash bytea;
BEGIN
  -- One writer per engagement at a time; the next one's SELECT (a new snapshot in READ
  -- COMMITTED) then sees the row this one committed.
  PERFORM pg_advisory_xact_lock(hashtextextended('audit_event:' || NEW.engagement_id::text, 0));
  SELECT chain_position, hash INTO last_position, last_hash
    FROM audit_event
   WHERE engagement_id = NEW.engagement_id
   ORDER BY chain_position DESC
   LIMIT 1;
  NEW.at := now();
  NEW.chain_position := coalesce(last_position, 0) + 1;
  NEW.prev_hash := last_hash;
  NEW.hash := audit_event_digest(NEW, last_hash);
  RETURN NEW;
END;
$$;

-- Events written before this migration join the chain in the order they were written.
ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete;
UPDATE audit_event e
   SET chain_position = numbered.position
  FROM (SELECT id, row_number() OVER (PARTITION BY engagement_id ORDER BY id)::int AS position
          FROM audit_event) numbered
 WHERE e.id = numbered.id;
DO $$
DECLARE
  r audit_event;
  previous bytea;
  current_engagement uuid;
BEGIN
  FOR r IN SELECT * FROM audit_event ORDER BY engagement_id, chain_position LOOP
    IF current_engagement IS DISTINCT FROM r.engagement_id THEN
      previous := NULL;
      current_engagement := r.engagement_id;
    END IF;
    r.prev_hash := previous;
    UPDATE audit_event SET prev_hash = previous, hash = audit_event_digest(r, previous)
     WHERE id = r.id
     RETURNING hash INTO previous;
  END LOOP;
END;
$$;
ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete;

ALTER TABLE audit_event
  ALTER COLUMN chain_position SET NOT NULL,
  ALTER COLUMN hash SET NOT NULL;
CREATE UNIQUE INDEX audit_event_engagement_id_chain_position_key
  ON audit_event (engagement_id, chain_position);

CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_chain();

-- migrate:down
DROP TRIGGER audit_event_chain ON audit_event;
DROP FUNCTION audit_event_chain();
DROP INDEX audit_event_engagement_id_chain_position_key;
DROP FUNCTION audit_event_digest(audit_event, bytea);
ALTER TABLE audit_event DROP COLUMN hash, DROP COLUMN prev_hash, DROP COLUMN chain_position;
