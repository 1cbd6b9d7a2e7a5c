-- migrate:up
-- POST /escalations/run starts a job and answers 202 at once; this is its status resource.
CREATE TYPE escalation_run_status AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

CREATE TABLE escalation_run (
  id uuid PRIMARY KEY,
  status escalation_run_status NOT NULL DEFAULT 'QUEUED',
  as_of date NOT NULL,
  dry_run boolean NOT NULL,
  requested_by text NOT NULL,
  requested_at timestamptz(3) NOT NULL DEFAULT now(),
  started_at timestamptz(3),
  finished_at timestamptz(3),
  -- Written while the job runs: a RUNNING job whose heartbeat stopped was cut off (its instance died).
  heartbeat_at timestamptz(3) NOT NULL DEFAULT now(),
  evaluated integer,
  notified integer,
  -- The first notifications created (or, for a dry run, that would be), as the status resource shows them.
  notifications jsonb NOT NULL DEFAULT '[]',
  error text
);
-- One run at a time: a second request while one is queued or running is a 409.
CREATE UNIQUE INDEX escalation_run_one_active ON escalation_run ((true))
  WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX escalation_run_requested_at_idx ON escalation_run (requested_at);

-- migrate:down
DROP TABLE escalation_run;
DROP TYPE escalation_run_status;
