-- The built-in catalog the query analyzer types expressions with, one line per object, tab-separated.
-- Run against a fresh database of the test server (PostgreSQL 18) by tests/differential.rs, which
-- compares the result with builtins.tsv (`UPDATE_EXPECT=1` rewrites it). Extensions' objects come
-- from the same query run after CREATE EXTENSION, keyed by the extension (see extensions.txt).
--
--   t  name  category  preferred  element  kind  base            (types; arrays are "element[]")
--   c  source  target  context                                    (casts: i implicit, a assignment, e explicit)
--   f  name  kind  result  flags  variadic  defaults  args  out  names  (functions: kind f/a/w; flags R set-returning,
--                                                                   t strict, and the volatility i/s/v)
--   o  name  left  right  result  flags                            (operators, flags as functions')
with objs as (
  select objid, classid from pg_depend
  where refclassid = 'pg_extension'::regclass and deptype = 'e'
    and refobjid = (select oid from pg_extension where extname = :'ext')
), bad(t) as (
  select unnest(array['internal','cstring','language_handler','fdw_handler','table_am_handler',
    'index_am_handler','tsm_handler','trigger','event_trigger','pg_ddl_command']::regtype[])
), types as (
  select t.* from pg_type t
  where t.typname !~ '^_' and t.typtype <> 'p' or t.typname in ('record','void','unknown')
       or t.typtype = 'p' and t.typname ~ '^any'
), procs as (
  select p.* from pg_proc p
  where p.prokind in ('f','a','w')
    and p.prorettype not in (select t from bad)
    and not (p.proargtypes::oid[] && (select array_agg(t::oid) from bad))
)
select line from (
  select 1 as k, format_type(t.oid, null) as name, concat_ws(E'\t', 't', format_type(t.oid, null),
         t.typcategory, case when t.typispreferred then 'p' else '-' end,
         case when t.typelem <> 0 and t.typsubscript <> 0 then format_type(t.typelem, null) else '-' end,
         t.typtype,
         case when t.typbasetype <> 0 then format_type(t.typbasetype, null) else '-' end) as line
  from types t
  where (:'ext' = '' and t.typnamespace = 'pg_catalog'::regnamespace)
     or t.oid in (select objid from objs where classid = 'pg_type'::regclass)
  union all
  select 2, format_type(c.castsource, null) || ' ' || format_type(c.casttarget, null),
         concat_ws(E'\t', 'c', format_type(c.castsource, null), format_type(c.casttarget, null), c.castcontext)
  from pg_cast c
  where (:'ext' = '' and c.oid < 16384 and c.castsource not in (select t from bad)
         and c.casttarget not in (select t from bad))
     or c.oid in (select objid from objs where classid = 'pg_cast'::regclass)
  union all
  select 3, p.proname || '(' || oidvectortypes(p.proargtypes) || ')',
         concat_ws(E'\t', 'f', p.proname, p.prokind, format_type(p.prorettype, null),
           concat(case when p.proretset then 'R' end, case when p.proisstrict then 't' end, p.provolatile),
           case when p.provariadic <> 0 then 'v' else '-' end,
           p.pronargdefaults,
           coalesce((select string_agg(format_type(a, null), ',' order by i)
                     from unnest(p.proargtypes::oid[]) with ordinality u(a, i)), ''),
           coalesce((select string_agg(coalesce(p.proargnames[i], '') || ':' || format_type(a, null), ',' order by i)
                     from unnest(p.proallargtypes, p.proargmodes) with ordinality u(a, m, i)
                     where m in ('o', 'b', 't')), ''),
           -- the input arguments' names (for calls in named notation), empty where unnamed
           coalesce((select string_agg(coalesce(p.proargnames[i], ''), ',' order by i)
                     from unnest(coalesce(p.proargmodes, array_fill('i'::"char", array[p.pronargs]))) with ordinality u(m, i)
                     where m in ('i', 'b', 'v')), ''))
  from procs p
  where (:'ext' = '' and p.pronamespace = 'pg_catalog'::regnamespace)
     or p.oid in (select objid from objs where classid = 'pg_proc'::regclass)
  union all
  select 4, o.oprname || '(' || format_type(o.oprleft, null) || ',' || format_type(o.oprright, null) || ')',
         concat_ws(E'\t', 'o', o.oprname,
           case when o.oprleft <> 0 then format_type(o.oprleft, null) else '-' end,
           format_type(o.oprright, null), format_type(o.oprresult, null),
           concat(case when p.proisstrict then 't' end, p.provolatile))
  from pg_operator o join pg_proc p on p.oid = o.oprcode
  where ((:'ext' = '' and o.oprnamespace = 'pg_catalog'::regnamespace)
         or o.oid in (select objid from objs where classid = 'pg_operator'::regclass))
    and o.oprright not in (select t from bad) and o.oprleft not in (select t from bad)
    and o.oprresult not in (select t from bad)
) x
order by k, name collate "C", line collate "C";
