-- pgforge stand-in for pgsql-http (verification only: no request is ever sent).
create domain http_method as text;
create domain content_type as text check (value ~ '^\S+\/\S+');
create type http_header as (field character varying, value character varying);
create type http_request as (method http_method, uri character varying, headers http_header[], content_type character varying, content character varying);
create type http_response as (status integer, content_type character varying, headers http_header[], content character varying);
create function http_header(field character varying, value character varying) returns http_header language sql immutable as $$ select row($1, $2)::http_header $$;
create function http(request http_request) returns http_response language sql volatile as $$ select row(0, null, null, null)::http_response $$;
create function http_get(uri character varying) returns http_response language sql volatile as $$ select row(0, null, null, null)::http_response $$;
create function http_post(uri character varying, content character varying, content_type character varying) returns http_response language sql volatile as $$ select row(0, null, null, null)::http_response $$;
create function http_put(uri character varying, content character varying, content_type character varying) returns http_response language sql volatile as $$ select row(0, null, null, null)::http_response $$;
create function http_delete(uri character varying) returns http_response language sql volatile as $$ select row(0, null, null, null)::http_response $$;
create function urlencode(string character varying) returns text language sql immutable as $$ select $1::text $$;
