-- pgforge stand-in for pgsodium (verification only: nothing is encrypted).
create table pgsodium.key (id uuid primary key default gen_random_uuid(), status text default 'valid', created timestamptz not null default now(), expires timestamptz, key_type text, key_id bigint, key_context bytea default '\x7067736f6469756d', name text unique, associated_data text default 'associated', raw_key bytea, raw_key_nonce bytea, parent_key uuid, comment text, user_data text);
create function pgsodium.randombytes_buf(size integer) returns bytea language sql as $$ select decode(repeat('00', $1), 'hex') $$;
create function pgsodium.randombytes_random() returns integer language sql as $$ select 4 $$;
create function pgsodium.crypto_secretbox_keygen() returns bytea language sql as $$ select decode(repeat('00', 32), 'hex') $$;
create function pgsodium.crypto_aead_det_keygen() returns bytea language sql as $$ select decode(repeat('00', 32), 'hex') $$;
create function pgsodium.crypto_aead_det_encrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea default null) returns bytea language sql as $$ select $1 $$;
create function pgsodium.crypto_aead_det_decrypt(message bytea, additional bytea, key_uuid uuid, nonce bytea default null) returns bytea language sql as $$ select $1 $$;
create function pgsodium.create_key(key_type text default 'aead-det', name text default null, raw_key bytea default null, raw_key_nonce bytea default null, parent_key uuid default null, key_context bytea default '\x7067736f6469756d', expires timestamptz default null, associated_data text default '') returns pgsodium.key language sql as $$ insert into pgsodium.key (key_type, name, expires) values ($1, $2, $7) returning * $$;
