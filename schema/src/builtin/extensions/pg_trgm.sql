-- The user-facing SQL-callable functions `CREATE EXTENSION pg_trgm` (1.6) puts into the
-- extension's schema (the index support functions, which take `internal`, are left out).
-- pgforge replays this after the migration's CREATE EXTENSION, never against a database.
CREATE FUNCTION set_limit(real) RETURNS real LANGUAGE c STRICT VOLATILE AS 'pg_trgm';
CREATE FUNCTION show_limit() RETURNS real LANGUAGE c STRICT STABLE AS 'pg_trgm';
CREATE FUNCTION show_trgm(text) RETURNS text[] LANGUAGE c STRICT IMMUTABLE AS 'pg_trgm';
CREATE FUNCTION similarity(text, text) RETURNS real LANGUAGE c STRICT IMMUTABLE AS 'pg_trgm';
CREATE FUNCTION similarity_op(text, text) RETURNS boolean LANGUAGE c STRICT STABLE AS 'pg_trgm';
CREATE FUNCTION similarity_dist(text, text) RETURNS real LANGUAGE c STRICT IMMUTABLE AS 'pg_trgm';
CREATE FUNCTION word_similarity(text, text) RETURNS real LANGUAGE c STRICT IMMUTABLE AS 'pg_trgm';
CREATE FUNCTION word_similarity_op(text, text) RETURNS boolean LANGUAGE c STRICT STABLE AS 'pg_trgm';
CREATE FUNCTION word_similarity_commutator_op(text, text) RETURNS boolean LANGUAGE c STRICT STABLE AS 'pg_trgm';
CREATE FUNCTION word_similarity_dist_op(text, text) RETURNS real LANGUAGE c STRICT IMMUTABLE AS 'pg_trgm';
CREATE FUNCTION word_similarity_dist_commutator_op(text, text) RETURNS real LANGUAGE c STRICT IMMUTABLE AS 'pg_trgm';
CREATE FUNCTION strict_word_similarity(text, text) RETURNS real LANGUAGE c STRICT IMMUTABLE AS 'pg_trgm';
CREATE FUNCTION strict_word_similarity_op(text, text) RETURNS boolean LANGUAGE c STRICT STABLE AS 'pg_trgm';
CREATE FUNCTION strict_word_similarity_commutator_op(text, text) RETURNS boolean LANGUAGE c STRICT STABLE AS 'pg_trgm';
CREATE FUNCTION strict_word_similarity_dist_op(text, text) RETURNS real LANGUAGE c STRICT IMMUTABLE AS 'pg_trgm';
CREATE FUNCTION strict_word_similarity_dist_commutator_op(text, text) RETURNS real LANGUAGE c STRICT IMMUTABLE AS 'pg_trgm';
