-- migrate:up
-- A single sign-on in progress: what its callback must find to accept the provider's answer. The
-- browser holds a random binding token in an HttpOnly cookie and this table only its hash, next to
-- the expected state and nonce, the PKCE verifier and the page to return to. The callback deletes
-- the row it uses, so a replayed callback finds nothing; rows past expires_at are never used.
CREATE TABLE oidc_sign_in (
  state text PRIMARY KEY,
  browser_hash text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  expires_at timestamptz(3) NOT NULL
);
CREATE INDEX oidc_sign_in_expires_at_idx ON oidc_sign_in (expires_at);

-- migrate:down
DROP TABLE oidc_sign_in;
