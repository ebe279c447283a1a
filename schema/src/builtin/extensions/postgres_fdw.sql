-- The SQL-callable functions `CREATE EXTENSION postgres_fdw` (PostgreSQL 18) puts into the
-- extension's schema, as its install script declares them. pgforge replays this after the
-- migration's CREATE EXTENSION (never against a database: the real extension does that).
CREATE FUNCTION postgres_fdw_handler() RETURNS fdw_handler LANGUAGE c STRICT AS 'postgres_fdw';
CREATE FUNCTION postgres_fdw_validator(text[], oid) RETURNS void LANGUAGE c STRICT AS 'postgres_fdw';
CREATE FUNCTION postgres_fdw_get_connections(check_conn boolean DEFAULT false, OUT server_name text, OUT user_name text, OUT valid boolean, OUT used_in_xact boolean, OUT closed boolean, OUT remote_backend_pid integer)
  RETURNS SETOF record LANGUAGE c STRICT PARALLEL RESTRICTED AS 'postgres_fdw';
CREATE FUNCTION postgres_fdw_disconnect(text) RETURNS boolean LANGUAGE c STRICT PARALLEL RESTRICTED AS 'postgres_fdw';
CREATE FUNCTION postgres_fdw_disconnect_all() RETURNS boolean LANGUAGE c STRICT PARALLEL RESTRICTED AS 'postgres_fdw';
