-- pgforge stand-in for pg_jsonschema (verification only: every instance is valid).
create function json_matches_schema(schema json, instance json) returns boolean language sql immutable strict as $$ select true $$;
create function jsonb_matches_schema(schema json, instance jsonb) returns boolean language sql immutable strict as $$ select true $$;
create function jsonschema_is_valid(schema json) returns boolean language sql immutable strict as $$ select true $$;
create function jsonschema_validation_errors(schema json, instance json) returns text[] language sql immutable strict as $$ select '{}'::text[] $$;
