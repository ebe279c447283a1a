-- pgforge stand-in for pg_hashids (verification only: the encoding is not hashids').
create function id_encode(bigint) returns text language sql immutable strict as $$ select $1::text $$;
create function id_encode(bigint, text) returns text language sql immutable strict as $$ select $1::text $$;
create function id_encode(bigint, text, integer) returns text language sql immutable strict as $$ select $1::text $$;
create function id_encode(bigint, text, integer, text) returns text language sql immutable strict as $$ select $1::text $$;
create function id_encode(bigint[]) returns text language sql immutable strict as $$ select array_to_string($1, '-') $$;
create function id_encode(bigint[], text) returns text language sql immutable strict as $$ select array_to_string($1, '-') $$;
create function id_encode(bigint[], text, integer) returns text language sql immutable strict as $$ select array_to_string($1, '-') $$;
create function id_encode(bigint[], text, integer, text) returns text language sql immutable strict as $$ select array_to_string($1, '-') $$;
create function id_decode(text) returns bigint[] language sql immutable strict as $$ select string_to_array($1, '-')::bigint[] $$;
create function id_decode(text, text) returns bigint[] language sql immutable strict as $$ select string_to_array($1, '-')::bigint[] $$;
create function id_decode(text, text, integer) returns bigint[] language sql immutable strict as $$ select string_to_array($1, '-')::bigint[] $$;
create function id_decode(text, text, integer, text) returns bigint[] language sql immutable strict as $$ select string_to_array($1, '-')::bigint[] $$;
create function id_decode_once(text) returns bigint language sql immutable strict as $$ select $1::bigint $$;
create function id_decode_once(text, text) returns bigint language sql immutable strict as $$ select $1::bigint $$;
create function id_decode_once(text, text, integer) returns bigint language sql immutable strict as $$ select $1::bigint $$;
create function id_decode_once(text, text, integer, text) returns bigint language sql immutable strict as $$ select $1::bigint $$;
