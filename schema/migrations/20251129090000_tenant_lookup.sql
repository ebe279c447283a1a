-- A lookup by slug that returns the tenant's row, or a row of NULLs when there is none (as a
-- plpgsql function returning a composite does): generated wrappers return `Option<Row>` for
-- it. `include_archived` has a default, so callers may leave it out (`None` in Rust).
create or replace function public.tenant_by_slug(p_slug text, include_archived boolean default false)
returns public.tenants
language plpgsql
stable
set search_path = ''
as $$
declare
  found public.tenants;
begin
  select * into found from public.tenants t
  where t.slug = p_slug and (include_archived or t.plan <> 'archived');
  return found;
end
$$;

-- Overloads: the Rust names are numbered in the order the functions were created
-- (`tenant_count`, `tenant_count_2`).
create function public.tenant_count()
returns bigint
language sql
stable
set search_path = ''
as $$ select count(*) from public.tenants $$;

create function public.tenant_count(p_plan text)
returns bigint
language sql
stable
set search_path = ''
as $$ select count(*) from public.tenants where plan = p_plan $$;

-- OUT parameters: one row of them.
create function public.plan_stats(p_plan text, out tenants bigint, out newest timestamptz)
language sql
stable
set search_path = ''
as $$ select count(*), max(created_at) from public.tenants where plan = p_plan $$;

-- VARIADIC: the slugs as one array.
create function public.tenants_with_slugs(variadic slugs text[])
returns setof public.tenants
language sql
stable
set search_path = ''
as $$ select * from public.tenants where slug = any (slugs) order by slug $$;

-- A procedure: called with CALL.
create procedure public.archive_tenant(p_id uuid)
language sql
set search_path = ''
as $$ update public.tenants set plan = 'archived' where id = p_id $$;
