-- migrate:up
-- The ID token a single sign-on was completed with, kept with the session it started: signing out
-- sends it to the identity provider's end-session endpoint as id_token_hint, so that the provider
-- ends its own session too. It lives and dies with the session row (sign-out, expiry, a password
-- change or "sign out everywhere" delete it); null for every other way of signing in. It signs
-- nobody in here: sessions are found by token_hash alone.
ALTER TABLE user_session ADD COLUMN id_token text;

-- migrate:down
ALTER TABLE user_session DROP COLUMN id_token;
