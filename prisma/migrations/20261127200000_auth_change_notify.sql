-- migrate:up
-- Instances cache who an API key or session cookie belongs to (no database round trip per
-- request). Every change to a row such a cache entry was read from is announced on the
-- auth_changed channel as `<kind>:<id>`, so each instance drops what it read from that row — also
-- for changes made outside the service. The notification is sent when the transaction commits,
-- and not at all when it rolls back.
CREATE FUNCTION notify_auth_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('auth_changed', TG_ARGV[0] || ':' || OLD.id::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER api_key_auth_change AFTER UPDATE OR DELETE ON api_key
  FOR EACH ROW EXECUTE FUNCTION notify_auth_change('key');
CREATE TRIGGER app_user_auth_change AFTER UPDATE OR DELETE ON app_user
  FOR EACH ROW EXECUTE FUNCTION notify_auth_change('user');
CREATE TRIGGER user_session_auth_change AFTER UPDATE OR DELETE ON user_session
  FOR EACH ROW EXECUTE FUNCTION notify_auth_change('session');

-- migrate:down
DROP TRIGGER user_session_auth_change ON user_session;
DROP TRIGGER app_user_auth_change ON app_user;
DROP TRIGGER api_key_auth_change ON api_key;
DROP FUNCTION notify_auth_change();
