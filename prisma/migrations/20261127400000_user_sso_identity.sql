-- migrate:up
-- The single sign-on identity (the provider's issuer and its stable `sub` for the person) an
-- account is bound to at its first single sign-on. Later sign-ins find the account by it, and
-- another identity at the provider that claims the same email address is refused.
ALTER TABLE app_user ADD COLUMN sso_issuer text, ADD COLUMN sso_subject text;
ALTER TABLE app_user ADD CONSTRAINT app_user_sso_identity_whole
  CHECK ((sso_issuer IS NULL) = (sso_subject IS NULL));
CREATE UNIQUE INDEX app_user_sso_issuer_sso_subject_key ON app_user (sso_issuer, sso_subject);

-- migrate:down
DROP INDEX app_user_sso_issuer_sso_subject_key;
ALTER TABLE app_user DROP CONSTRAINT app_user_sso_identity_whole,
  DROP COLUMN sso_subject, DROP COLUMN sso_issuer;
