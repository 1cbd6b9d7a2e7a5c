-- migrate:up
-- People who sign in by single sign-on (OIDC) have no password here: their organisation's identity
-- provider authenticates them. An ACTIVE account therefore no longer needs a password hash; a
-- password sign-in still needs one (an account without a hash never matches a password).
ALTER TABLE app_user DROP CONSTRAINT app_user_active_has_password;

-- migrate:down
ALTER TABLE app_user
  ADD CONSTRAINT app_user_active_has_password CHECK (status <> 'ACTIVE' OR password_hash IS NOT NULL);
