-- migrate:up
-- People who sign in only through single sign-on are ACTIVE without a local password; password
-- sign-in already refuses an account without one, so the database need not forbid it.
ALTER TABLE app_user DROP CONSTRAINT app_user_active_has_password;

-- migrate:down
ALTER TABLE app_user
  ADD CONSTRAINT app_user_active_has_password CHECK (status <> 'ACTIVE' OR password_hash IS NOT NULL);
