-- migrate:up
-- Request counts per client and fixed window, shared by every instance so that N instances
-- allow the limit once, not N times. UNLOGGED: counters need no crash durability, and skipping
-- the WAL keeps the once-per-100-ms flush of each instance cheap.
CREATE UNLOGGED TABLE rate_limit_counter (
  key text NOT NULL,
  window_start timestamptz(3) NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limit_counter_window_start_idx ON rate_limit_counter (window_start);

-- migrate:down
DROP TABLE rate_limit_counter;
