-- migrate:up
-- The reason given with a task's current status (why it is blocked, not applicable or reopened),
-- shown with the task: until now it was only in the history. Tasks that already carry one get it
-- from their latest status change.
ALTER TABLE task ADD COLUMN status_reason text;
UPDATE task t
   SET status_reason = latest.reason
  FROM (SELECT DISTINCT ON (engagement_id, task_key) engagement_id, task_key, reason
          FROM audit_event
         WHERE action = 'task.status_changed'
         ORDER BY engagement_id, task_key, id DESC) latest
 WHERE latest.engagement_id = t.engagement_id AND latest.task_key = t.key
   AND latest.reason IS NOT NULL;

-- migrate:down
ALTER TABLE task DROP COLUMN status_reason;
