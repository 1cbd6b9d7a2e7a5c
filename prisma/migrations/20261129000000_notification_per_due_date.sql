-- migrate:up
-- A notification is once per task, due date and level: a task re-dated (by hand, or by moving its
-- engagement's start) and late again against its new date is told again, level by level. The
-- notifications about the old date stay, as history.
ALTER TABLE notification ADD COLUMN due_date date;
-- Rows written before this knew no due date. They take their task's current one, so that nothing
-- already sent is sent again on upgrade (the payload keeps the date each was decided on).
UPDATE notification n SET due_date = t.due_date FROM task t WHERE t.id = n.task_id;
ALTER TABLE notification ALTER COLUMN due_date SET NOT NULL;
DROP INDEX notification_task_id_level_key;
-- One notification per task, due date and level, however many job runs or instances race; also
-- how a run finds the levels already notified for a task's current due date.
CREATE UNIQUE INDEX notification_task_id_due_date_level_key
  ON notification (task_id, due_date, level);

-- migrate:down
-- The old key holds one notification per task and level: only the first of each is kept.
DELETE FROM notification n
 USING notification earlier
 WHERE earlier.task_id = n.task_id AND earlier.level = n.level
   AND (earlier.created_at, earlier.id) < (n.created_at, n.id);
DROP INDEX notification_task_id_due_date_level_key;
CREATE UNIQUE INDEX notification_task_id_level_key ON notification (task_id, level);
ALTER TABLE notification DROP COLUMN due_date;
