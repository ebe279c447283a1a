-- pgforge stand-in for pgcrypto (verification only; not real cryptography).
create function gen_random_bytes(integer) returns bytea language sql volatile strict as
  $$ select decode(string_agg(lpad(to_hex((random() * 255)::int), 2, '0'), ''), 'hex') from generate_series(1, $1) $$;
create function digest(bytea, text) returns bytea language sql immutable strict as
  $$ select case lower($2) when 'sha256' then sha256($1) when 'sha512' then sha512($1) when 'sha224' then sha224($1) when 'sha384' then sha384($1) else decode(md5($1), 'hex') end $$;
create function digest(text, text) returns bytea language sql immutable strict as
  $$ select digest(convert_to($1, 'UTF8'), $2) $$;
create function hmac(bytea, bytea, text) returns bytea language sql immutable strict as
  $$ select digest($2 || $1, $3) $$;
create function hmac(text, text, text) returns bytea language sql immutable strict as
  $$ select digest(convert_to($2 || $1, 'UTF8'), $3) $$;
create function gen_salt(text) returns text language sql volatile strict as
  $$ select '$stand-in$' || md5(random()::text) $$;
create function gen_salt(text, integer) returns text language sql volatile strict as
  $$ select '$stand-in$' || md5(random()::text) $$;
create function crypt(text, text) returns text language sql immutable strict as
  $$ select $2 || md5($1 || $2) $$;
