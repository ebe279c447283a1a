-- pgforge stand-in for pgjwt (verification only: no token is ever signed or checked).
create function url_encode(data bytea) returns text language sql immutable as $$ select encode($1, 'base64') $$;
create function url_decode(data text) returns bytea language sql immutable as $$ select decode($1, 'base64') $$;
create function algorithm_sign(signables text, secret text, algorithm text) returns text language sql immutable as $$ select ''::text $$;
create function sign(payload json, secret text, algorithm text default 'HS256') returns text language sql immutable as $$ select ''::text $$;
create function try_cast_double(inp text) returns double precision language plpgsql immutable as $$ begin return inp::double precision; exception when others then return null; end $$;
create function verify(token text, secret text, algorithm text default 'HS256') returns table(header json, payload json, valid boolean) language sql immutable as $$ select null::json, null::json, false $$;
