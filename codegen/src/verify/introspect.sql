-- What PostgreSQL built, as one JSON document. System schemas, pgforge's probe schemas and
-- objects that belong to extensions are left out. Run with search_path = pg_catalog, so
-- format_type() qualifies every non-catalog type.
with
nsp as (
  select n.oid, n.nspname from pg_namespace n
  where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\_%' and n.nspname not like 'pgforge\_probe%'
    and not exists (select 1 from pg_depend d where d.classid = 'pg_namespace'::regclass and d.objid = n.oid and d.deptype = 'e')
),
rel as (
  select c.oid, n.nspname, c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity
  from pg_class c join nsp n on n.oid = c.relnamespace
  where not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
    -- an index of an extension's table belongs to the extension too
    and not exists (select 1 from pg_index i join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = i.indrelid and d.deptype = 'e' where i.indexrelid = c.oid)
)
select json_build_object(
  'schemas', (select coalesce(json_agg(nspname order by nspname), '[]') from nsp),
  'tables', (select coalesce(json_agg(json_build_object('schema', nspname, 'name', relname, 'kind', relkind, 'rls', relrowsecurity, 'force', relforcerowsecurity) order by nspname, relname), '[]')
             from rel where relkind in ('r', 'p', 'f')),
  'columns', (select coalesce(json_agg(x order by s1, s2, s3), '[]') from (
                 select json_build_object(
                   'schema', r.nspname, 'table', r.relname, 'name', a.attname,
                   'pos', row_number() over (partition by r.oid order by a.attnum),
                   'type', format_type(a.atttypid, a.atttypmod), 'not_null', a.attnotnull,
                   'default', case when a.attgenerated = '' then pg_get_expr(ad.adbin, ad.adrelid) end,
                   'generation', case when a.attgenerated <> '' then pg_get_expr(ad.adbin, ad.adrelid) end,
                   'identity', a.attidentity, 'generated', a.attgenerated,
                   'rel', r.relkind,
                   'updatable', r.relkind = 'v' and pg_column_is_updatable(r.oid, a.attnum, false)) as x, r.nspname as s1, r.relname as s2, a.attnum as s3
                 from rel r join pg_attribute a on a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
                 left join pg_attrdef ad on ad.adrelid = r.oid and ad.adnum = a.attnum
                 where r.relkind in ('r', 'p', 'f', 'v', 'm')) cols),
  'constraints', (select coalesce(json_agg(json_build_object(
                 'schema', r.nspname, 'table', r.relname, 'name', co.conname, 'type', co.contype,
                 'columns', (select json_agg(a.attname order by k.i) from unnest(co.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = co.conrelid and a.attnum = k.n),
                 'ref', case when co.contype = 'f' then (select json_build_object('schema', fn.nspname, 'name', fc.relname) from pg_class fc join pg_namespace fn on fn.oid = fc.relnamespace where fc.oid = co.confrelid) end,
                 'ref_columns', (select json_agg(a.attname order by k.i) from unnest(co.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = co.confrelid and a.attnum = k.n),
                 'on_update', co.confupdtype, 'on_delete', co.confdeltype,
                 'def', pg_get_constraintdef(co.oid), 'deferrable', co.condeferrable, 'deferred', co.condeferred, 'validated', co.convalidated
               ) order by r.nspname, r.relname, co.conname), '[]')
              from pg_constraint co join rel r on r.oid = co.conrelid where co.contype in ('p', 'u', 'f', 'c', 'x')
                -- a foreign key to a partitioned table has a hidden clone per referenced
                -- partition on the same table (`…_fkey_1`): PostgreSQL's bookkeeping, not schema
                and not exists (select 1 from pg_constraint p where p.oid = co.conparentid and p.conrelid = co.conrelid)),
  'types', (select coalesce(json_agg(json_build_object(
                 'schema', n.nspname, 'name', t.typname, 'kind', t.typtype,
                 'labels', (select json_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid),
                 'attributes', (select json_agg(json_build_array(a.attname, format_type(a.atttypid, a.atttypmod)) order by a.attnum) from pg_attribute a where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped),
                 'base', case when t.typtype = 'd' then format_type(t.typbasetype, t.typtypmod) end,
                 'not_null', t.typnotnull
               ) order by n.nspname, t.typname), '[]')
              from pg_type t join nsp n on n.oid = t.typnamespace
              where (t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and (select relkind from pg_class where oid = t.typrelid) = 'c'))
                and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')),
  -- updatable: INSERT and UPDATE go through without triggers or rules (8 | 4)
  'views', (select coalesce(json_agg(json_build_object('schema', nspname, 'name', relname, 'materialized', relkind = 'm',
                 'updatable', relkind = 'v' and (pg_relation_is_updatable(oid, false) & 12) = 12) order by nspname, relname), '[]') from rel where relkind in ('v', 'm')),
  'indexes', (select coalesce(json_agg(json_build_object(
                 'schema', ir.nspname, 'name', ir.relname, 'table', t.relname, 'unique', i.indisunique,
                 'method', am.amname, 'def', pg_get_indexdef(i.indexrelid),
                 'constraint', exists (select 1 from pg_constraint co where co.conindid = i.indexrelid and co.conrelid = i.indrelid)
               ) order by ir.nspname, ir.relname), '[]')
              from pg_index i join rel ir on ir.oid = i.indexrelid join pg_class t on t.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid join pg_am am on am.oid = ic.relam),
  'functions', (select coalesce(json_agg(json_build_object(
                 'schema', n.nspname, 'name', p.proname, 'args', pg_get_function_identity_arguments(p.oid),
                 'result', pg_get_function_result(p.oid), 'kind', p.prokind
               ) order by n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)), '[]')
              from pg_proc p join nsp n on n.oid = p.pronamespace
              where p.prokind in ('f', 'p')
                and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')),
  'triggers', (select coalesce(json_agg(json_build_object(
                 'schema', r.nspname, 'table', r.relname, 'name', tg.tgname, 'type', tg.tgtype,
                 'function', (select pn.nspname || '.' || pp.proname from pg_proc pp join pg_namespace pn on pn.oid = pp.pronamespace where pp.oid = tg.tgfoid)
               ) order by r.nspname, r.relname, tg.tgname), '[]')
              from pg_trigger tg join rel r on r.oid = tg.tgrelid where not tg.tgisinternal),
  'policies', (select coalesce(json_agg(json_build_object(
                 'schema', r.nspname, 'table', r.relname, 'name', po.polname, 'cmd', po.polcmd, 'permissive', po.polpermissive,
                 'roles', (select json_agg(case when ro = 0 then 'public' else (select rolname from pg_roles where oid = ro) end order by 1) from unnest(po.polroles) ro),
                 'using', pg_get_expr(po.polqual, po.polrelid), 'check', pg_get_expr(po.polwithcheck, po.polrelid)
               ) order by r.nspname, r.relname, po.polname), '[]')
              from pg_policy po join rel r on r.oid = po.polrelid),
  'comments', (select coalesce(json_agg(json_build_object('object', o, 'text', txt) order by o), '[]') from (
                 select case when r.relkind = 'i' then 'index ' else 'table ' end || r.nspname || '.' || r.relname as o, d.description as txt
                   from pg_description d join rel r on r.oid = d.objoid and d.classoid = 'pg_class'::regclass and d.objsubid = 0
                 union all
                 select 'column ' || r.nspname || '.' || r.relname || '.' || a.attname, d.description
                   from pg_description d join rel r on r.oid = d.objoid and d.classoid = 'pg_class'::regclass and d.objsubid > 0
                   join pg_attribute a on a.attrelid = r.oid and a.attnum = d.objsubid
                 union all
                 select 'type ' || n.nspname || '.' || t.typname, d.description
                   from pg_description d join pg_type t on t.oid = d.objoid and d.classoid = 'pg_type'::regclass join nsp n on n.oid = t.typnamespace
                   where not exists (select 1 from pg_depend e where e.classid = 'pg_type'::regclass and e.objid = t.oid and e.deptype = 'e')
                 union all
                 select 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', d.description
                   from pg_description d join pg_proc p on p.oid = d.objoid and d.classoid = 'pg_proc'::regclass join nsp n on n.oid = p.pronamespace
                   where not exists (select 1 from pg_depend e where e.classid = 'pg_proc'::regclass and e.objid = p.oid and e.deptype = 'e')
                 union all
                 select 'schema ' || n.nspname, d.description
                   from pg_description d join nsp n on n.oid = d.objoid and d.classoid = 'pg_namespace'::regclass
               ) c)
)
