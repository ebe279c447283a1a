-- pgforge stand-in for uuid-ossp (verification only).
create function uuid_nil() returns uuid language sql immutable as $$ select '00000000-0000-0000-0000-000000000000'::uuid $$;
create function uuid_ns_dns() returns uuid language sql immutable as $$ select '6ba7b810-9dad-11d1-80b4-00c04fd430c8'::uuid $$;
create function uuid_ns_url() returns uuid language sql immutable as $$ select '6ba7b811-9dad-11d1-80b4-00c04fd430c8'::uuid $$;
create function uuid_ns_oid() returns uuid language sql immutable as $$ select '6ba7b812-9dad-11d1-80b4-00c04fd430c8'::uuid $$;
create function uuid_ns_x500() returns uuid language sql immutable as $$ select '6ba7b814-9dad-11d1-80b4-00c04fd430c8'::uuid $$;
create function uuid_generate_v1() returns uuid language sql volatile as $$ select gen_random_uuid() $$;
create function uuid_generate_v1mc() returns uuid language sql volatile as $$ select gen_random_uuid() $$;
create function uuid_generate_v4() returns uuid language sql volatile as $$ select gen_random_uuid() $$;
create function uuid_generate_v3(namespace uuid, name text) returns uuid language sql immutable strict as
  $$ select (overlay(overlay(md5(namespace::text || name) placing '3' from 13) placing '8' from 17))::uuid $$;
create function uuid_generate_v5(namespace uuid, name text) returns uuid language sql immutable strict as
  $$ select (overlay(overlay(md5(namespace::text || name) placing '5' from 13) placing '8' from 17))::uuid $$;
