-- migrate:up
-- Each engagement carries its primary contacts — `[[party, name, email], …]` — so the overdue report
-- names the accountable person of thousands of tasks without aggregating engagement_contact on
-- every call. The database keeps the copy exact: statement-level triggers refresh it whenever
-- contacts change, whatever the code path.
ALTER TABLE engagement ADD COLUMN primary_contacts jsonb NOT NULL DEFAULT '[]';

CREATE FUNCTION engagement_primary_contacts(engagement uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT COALESCE(
    jsonb_agg(jsonb_build_array(ec.party, ec.name, ec.email) ORDER BY ec.party, ec.name, ec.email),
    '[]'::jsonb)
    FROM engagement_contact ec
   WHERE ec.engagement_id = engagement AND ec."primary"
$$;

CREATE FUNCTION refresh_engagement_primary_contacts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE engagement e SET primary_contacts = engagement_primary_contacts(e.id)
     WHERE e.id IN (SELECT DISTINCT engagement_id FROM changed_new);
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE engagement e SET primary_contacts = engagement_primary_contacts(e.id)
     WHERE e.id IN (SELECT DISTINCT engagement_id FROM changed_old);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER engagement_contact_inserted AFTER INSERT ON engagement_contact
  REFERENCING NEW TABLE AS changed_new
  FOR EACH STATEMENT EXECUTE FUNCTION refresh_engagement_primary_contacts();
CREATE TRIGGER engagement_contact_updated AFTER UPDATE ON engagement_contact
  REFERENCING NEW TABLE AS changed_new OLD TABLE AS changed_old
  FOR EACH STATEMENT EXECUTE FUNCTION refresh_engagement_primary_contacts();
CREATE TRIGGER engagement_contact_deleted AFTER DELETE ON engagement_contact
  REFERENCING OLD TABLE AS changed_old
  FOR EACH STATEMENT EXECUTE FUNCTION refresh_engagement_primary_contacts();

UPDATE engagement e SET primary_contacts = engagement_primary_contacts(e.id);

-- migrate:down
DROP TRIGGER engagement_contact_deleted ON engagement_contact;
DROP TRIGGER engagement_contact_updated ON engagement_contact;
DROP TRIGGER engagement_contact_inserted ON engagement_contact;
DROP FUNCTION refresh_engagement_primary_contacts();
DROP FUNCTION engagement_primary_contacts(uuid);
ALTER TABLE engagement DROP COLUMN primary_contacts;
