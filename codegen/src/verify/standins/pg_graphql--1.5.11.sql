-- pgforge stand-in for pg_graphql (verification only: every query resolves to null data).
create function graphql.resolve(query text default null, variables jsonb default '{}', "operationName" text default null, extensions jsonb default null) returns jsonb language sql as $$ select jsonb_build_object('data', null) $$;
create function graphql.comment_directive(comment_ text) returns jsonb language sql immutable as $$ select null::jsonb $$;
create function graphql.rebuild_schema() returns void language sql as $$ select $$;
