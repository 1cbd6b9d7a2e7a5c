-- migrate:up
-- The engagement's version for ETag / If-Match: raised with every change to the engagement or to
-- any of its tasks, so a strong ETag of GET /engagements/{id} changes whenever its data does.
ALTER TABLE engagement ADD COLUMN version integer NOT NULL DEFAULT 1
  CONSTRAINT engagement_version_positive CHECK (version >= 1);

-- migrate:down
ALTER TABLE engagement DROP COLUMN version;
