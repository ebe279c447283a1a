//! Nullability proven by data: read back every column pgforge calls NOT NULL and look for a
//! NULL (`tests/analyze.rs` on its fixture, the corpus's own views too).

use codegen::verify::psql::Conn;

/// Columns claimed NOT NULL (`(relation, column)`, the relation as SQL: `"s"."v"`) that
/// PostgreSQL returns NULL for with the tables as they are, and how many claims could not be
/// read (the view raises an error on this data, e.g. a cast of text that is not a number).
pub fn nulls_in_not_null(conn: &Conn, claims: &[(String, String)]) -> (Vec<String>, usize) {
    if claims.is_empty() {
        return (vec![], 0);
    }
    let values: Vec<String> = claims
        .iter()
        .map(|(v, c)| format!("({}, {})", literal(v), literal(c)))
        .collect();
    let script = format!(
        "drop table if exists pgforge_nulls;
create table pgforge_nulls(col text, failed bool);
do $$ declare r record; n bigint; begin
  for r in select * from (values {}) v(v, c) loop
    begin
      execute format('select count(*) from %s where (%I::text) is null', r.v, r.c) into n;
      if n > 0 then insert into pgforge_nulls values (r.v || '.' || r.c, false); end if;
    exception when others then insert into pgforge_nulls values (r.v || '.' || r.c, true);
    end;
  end loop;
end $$;",
        values.join(", ")
    );
    conn.script(&script).expect("nullability check");
    let rows = conn
        .json("select json_build_array(coalesce(json_agg(col order by col) filter (where not failed), '[]'), count(*) filter (where failed)) from pgforge_nulls")
        .expect("nullability result");
    conn.script("drop table pgforge_nulls;")
        .expect("drop the result table");
    let nulls = rows[0]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    (nulls, rows[1].as_u64().unwrap_or(0) as usize)
}

fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Fill every table of the database's own schemas with rows of its own making: two rounds,
/// the first with NULL in every nullable column and a sample value (or the default) in the
/// others, the second with sample values everywhere. The samples of a round are the same in
/// every table (round n: the number n, the text `nsample`, the date 2024-06-0n, the uuid
/// ending in n even where the column has a default), so a foreign key column meets its
/// parent's key and joins find rows; a row a CHECK or domain refuses is tried once more with
/// 2000 + n for numbers, then skipped. Foreign keys and triggers are off
/// (`session_replication_role = replica`), so any order works. Then every materialized view
/// is refreshed. Returns the rows inserted.
pub fn fill_with_nulls(conn: &Conn) -> u64 {
    conn.script(FILL).expect("fill the tables");
    conn.json("select coalesce((select n from pgforge_filled), 0)")
        .ok()
        .and_then(|v| v.as_u64())
        .unwrap_or(0)
}

const FILL: &str = r#"
set session_replication_role = replica;
create function pg_temp.sample(t oid, n int, typmod int, attempt int) returns text language plpgsql as $f$
declare ty record; label text;
begin
  select typtype, typcategory, typbasetype, typname into ty from pg_type where oid = t;
  if ty.typtype = 'd' then return pg_temp.sample(ty.typbasetype, n, typmod, attempt); end if;
  if ty.typtype = 'e' then
    select quote_literal(enumlabel) into label from pg_enum where enumtypid = t order by enumsortorder limit 1;
    return label;
  end if;
  return case
    when ty.typcategory = 'A' then '''{}'''
    when ty.typcategory = 'N' then (case attempt when 1 then n else 2000 + n end)::text
    when ty.typcategory = 'S' then
      quote_literal(left(n || 'sample', case when typmod > 4 then typmod - 4 else 100 end))
    when ty.typcategory = 'B' then 'true'
    when ty.typname = 'uuid' then format('%L::uuid', lpad(n::text, 32, '0'))
    when ty.typname in ('timestamptz', 'timestamp', 'date') then format('%L', '2024-06-0' || n)
    when ty.typname in ('time', 'timetz') then '''12:00'''
    when ty.typname in ('json', 'jsonb') then '''{}'''
    when ty.typname = 'interval' then '''1 day'''
    when ty.typname = 'bytea' then '''\x00'''
    when ty.typname in ('inet', 'cidr') then '''10.0.0.1'''
    when ty.typname in ('tsvector', 'tsquery') then '''sample'''
    when ty.typname in ('vector', 'halfvec') then
      format('%L', '[' || array_to_string(array_fill(n, array[greatest(typmod, 1)]), ',') || ']')
    else null end;
end $f$;
create table pgforge_filled(n bigint);
do $$
declare r record; cols text; vals text; round int; attempt int; done bigint := 0;
begin
  for round in 1..2 loop
    for r in select c.oid, format('%I.%I', n.nspname, c.relname) as name
             from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
               and n.nspname not like 'pg\_%' and c.relname <> 'pgforge_filled'
             order by 2 loop
      -- The first attempt's numbers are the round's (they meet foreign keys); a CHECK or
      -- a domain may refuse them, so a second attempt offers 2000 + n.
      for attempt in 1..2 loop
        select string_agg(quote_ident(a.attname), ', ' order by a.attnum),
               string_agg(case
                   when round = 1 and not a.attnotnull then 'NULL'
                   when a.atthasdef and a.atttypid <> 'uuid'::regtype then 'DEFAULT'
                   else coalesce(pg_temp.sample(a.atttypid, round, a.atttypmod, attempt), 'DEFAULT')
                 end, ', ' order by a.attnum)
          into cols, vals
          from pg_attribute a
          where a.attrelid = r.oid and a.attnum > 0 and not a.attisdropped
            and a.attgenerated = '' and a.attidentity = '';
        exit when cols is null;
        begin
          execute format('insert into %s (%s) values (%s)', r.name, cols, vals);
          done := done + 1;
          exit;
        exception when others then null;
        end;
      end loop;
    end loop;
  end loop;
  insert into pgforge_filled values (done);
  for r in select format('%I.%I', n.nspname, c.relname) as name from pg_class c
           join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'm' loop
    begin
      execute 'refresh materialized view ' || r.name;
    exception when others then null;
    end;
  end loop;
end $$;
"#;
