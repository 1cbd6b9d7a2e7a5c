-- migrate:up
-- Open tasks by engagement: the overdue report filtered to one customer (and per-engagement
-- overdue counts) reach only the open tasks of that customer's engagements, instead of every
-- task of each engagement or every overdue task of every customer.
CREATE INDEX task_open_engagement_id_due_date_idx ON task (engagement_id, due_date)
  WHERE status NOT IN ('DONE', 'NOT_APPLICABLE');

-- migrate:down
DROP INDEX task_open_engagement_id_due_date_idx;
