-- Queries of the example application, in sqlc's syntax: `pgforge generate` types each one
-- offline and writes it to generated/src/queries/ as a function per driver.

-- name: GetTenantBySlug :one
select id, slug, name, plan, created_at
from tenants
where slug = $1;

-- name: ListTenantsByPlan :many
select id, slug, name
from tenants
where plan = sqlc.arg(plan)
order by slug
limit sqlc.arg(max_rows);

-- name: CreateTenant :one
insert into tenants (slug, name, plan)
values (@slug, @name, coalesce(sqlc.narg(plan), 'free'))
returning id, slug, plan, created_at;

-- name: RenameTenant :execrows
update tenants set name = @name, updated_at = now() where id = @id;

-- name: UpsertTenantSettings :one
insert into tenants (slug, name, settings)
values ($1, $2, $3)
on conflict (slug) do update set settings = tenants.settings || excluded.settings
returning id, settings;

-- name: DeleteTenant :exec
delete from tenants where id = $1;

-- name: TenantsByIds :many
select id, slug from tenants where id = any(sqlc.slice(ids)) order by slug;

-- name: TenantById :one
-- Every column of the table: the generated code returns the table's own `tenants::Row`.
select * from tenants where id = $1;

-- name: TenantViaRpc :one
select id, slug, plan from tenant_by_slug(p_slug => @slug, include_archived => @include_archived);
