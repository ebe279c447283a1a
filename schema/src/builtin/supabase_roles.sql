-- The roles a Supabase database has before the first migration. Used by `pgforge verify`
-- only: roles are cluster-wide and not part of the schema model.
do $$
declare r text;
begin
  foreach r in array array['anon', 'authenticated', 'service_role', 'authenticator', 'supabase_admin',
                           'supabase_auth_admin', 'supabase_storage_admin', 'supabase_realtime_admin',
                           'dashboard_user', 'pgbouncer', 'supabase_functions_admin'] loop
    if not exists (select 1 from pg_roles where rolname = r) then
      -- Roles are cluster-wide: another session may create the same role at the same time.
      begin
        execute format('create role %I nologin', r);
      exception when duplicate_object or unique_violation then null;
      end;
    end if;
  end loop;
end
$$;
