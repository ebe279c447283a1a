-- pgforge stand-in for pg_net (verification only: no request is ever sent).
create schema if not exists net;
create table net.http_request_queue (id bigserial primary key, method text not null, url text not null, headers jsonb not null, body bytea, timeout_milliseconds integer not null);
create table net._http_response (id bigint, status_code integer, content_type text, headers jsonb, content text, timed_out boolean, error_msg text, created timestamptz not null default now());
create function net.http_get(url text, params jsonb default '{}'::jsonb, headers jsonb default '{}'::jsonb, timeout_milliseconds integer default 5000) returns bigint language sql volatile as $$ select 0::bigint $$;
create function net.http_post(url text, body jsonb default '{}'::jsonb, params jsonb default '{}'::jsonb, headers jsonb default '{"Content-Type": "application/json"}'::jsonb, timeout_milliseconds integer default 5000) returns bigint language sql volatile as $$ select 0::bigint $$;
create function net.http_delete(url text, params jsonb default '{}'::jsonb, headers jsonb default '{}'::jsonb, timeout_milliseconds integer default 5000) returns bigint language sql volatile as $$ select 0::bigint $$;
