//! The query analyzer against PostgreSQL. Every expression of
//! `tests/fixtures/analyze/expressions.txt` and every query of `queries.sql` becomes a view
//! over `schema.sql`'s tables; pgforge types each view column offline, PostgreSQL types it
//! for real, and they must agree: a type pgforge states must be PostgreSQL's (no exceptions);
//! what pgforge cannot type yet is listed in `expected.txt` per family, so progress shows.
//!
//! Nullability is proven by data: every column pgforge calls NOT NULL is read back from
//! PostgreSQL with the tables holding rows full of NULLs, and again with empty tables; one
//! NULL fails the test.

use integration_tests::{applied, expect_file, root};
use schema::{build_sql, Options};
use std::collections::BTreeMap;

struct Case {
    view: String,
    family: String,
    text: String,
}

fn corpus() -> (String, String, Vec<Case>) {
    let dir = root().join("tests/fixtures/analyze");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).expect(f);
    let schema = read("schema.sql");
    let mut views = String::new();
    let mut cases = vec![];
    let mut family = String::new();
    for line in read("expressions.txt").lines() {
        if let Some(f) = line.strip_prefix("# ") {
            family = f.to_string();
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let view = format!("e_{:04}", cases.len() + 1);
        views.push_str(&format!(
            "create view {view} as select {line} as x from t;\n"
        ));
        cases.push(Case {
            view,
            family: format!("expressions: {family}"),
            text: line.to_string(),
        });
    }
    let queries = read("queries.sql");
    let body: String = queries
        .lines()
        .filter(|l| !l.starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    for q in body.split(";\n").map(str::trim).filter(|q| !q.is_empty()) {
        let view = format!("q_{:04}", cases.len() + 1);
        views.push_str(&format!("create view {view} as {q};\n"));
        cases.push(Case {
            view,
            family: "queries".into(),
            text: q.to_string(),
        });
    }
    (schema, views, cases)
}

/// PostgreSQL's view columns: view → [(name, format_type)].
fn postgres_columns(conn: &codegen::verify::psql::Conn) -> BTreeMap<String, Vec<(String, String)>> {
    let rows = conn
        .json(
            "select coalesce(json_agg(json_build_array(c.relname, a.attname, format_type(a.atttypid, a.atttypmod)) order by c.relname, a.attnum), '[]')
             from pg_class c join pg_attribute a on a.attrelid = c.oid
             where (c.relkind = 'v' or c.relname like 'ctas\\_%') and c.relnamespace = 'public'::regnamespace and a.attnum > 0 and not a.attisdropped",
        )
        .expect("view columns");
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for r in rows.as_array().into_iter().flatten() {
        let s = |i: usize| r[i].as_str().unwrap_or_default().to_string();
        out.entry(s(0)).or_default().push((s(1), s(2)));
    }
    out
}

/// Columns claimed NOT NULL that PostgreSQL returns NULL for, with the tables as they are,
/// and how many claims could not be read (the view raises an error on this data, e.g. a cast
/// of text that is not a number).
fn nulls_in_not_null(
    conn: &codegen::verify::psql::Conn,
    claims: &[(String, String)],
) -> (Vec<String>, usize) {
    let values: Vec<String> = claims
        .iter()
        .map(|(v, c)| format!("('{v}', '{}')", c.replace('\'', "''")))
        .collect();
    let script = format!(
        "drop table if exists pgforge_nulls;
create table pgforge_nulls(col text, failed bool);
do $$ declare r record; n bigint; begin
  for r in select * from (values {}) v(v, c) loop
    begin
      execute format('select count(*) from %I where (%I::text) is null', r.v, r.c) into n;
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
    let nulls = rows[0]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    (nulls, rows[1].as_u64().unwrap_or(0) as usize)
}

#[derive(Default)]
struct Tally {
    total: usize,
    matched: usize,
    unknown: Vec<String>,
    not_null: usize,
}

#[test]
fn types_and_nullability_match_postgres() {
    let (schema_sql, views, cases) = corpus();
    assert!(
        cases
            .iter()
            .filter(|c| c.family.starts_with("expressions"))
            .count()
            >= 500
    );
    assert!(cases.iter().filter(|c| c.family == "queries").count() >= 150);
    let b = build_sql(
        &[("schema.sql", &schema_sql), ("views.sql", &views)],
        &Options::default(),
    );
    assert!(!b.has_errors(), "{}", b.render(false));
    let public = &b.schema.schemas["public"];
    let Some(db) = applied(&b, "analyze") else {
        return;
    };
    let pg = postgres_columns(&db.conn);
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut wrong = vec![];
    let mut claims = vec![];
    for case in &cases {
        let ours = &public.views[&case.view].columns;
        let theirs = pg.get(&case.view).cloned().unwrap_or_default();
        let t = tallies.entry(case.family.clone()).or_default();
        if ours.len() != theirs.len() {
            wrong.push(format!(
                "{}: {} columns, PostgreSQL has {}: {}",
                case.view,
                ours.len(),
                theirs.len(),
                case.text
            ));
            continue;
        }
        for (c, (name, ty)) in ours.iter().zip(&theirs) {
            t.total += 1;
            match &c.ty {
                Some(mine) if mine.to_string() == *ty && c.name == *name => t.matched += 1,
                Some(mine) => wrong.push(format!(
                    "{}.{}: pgforge says {} {mine}, PostgreSQL {name} {ty}: {}",
                    case.view, c.name, c.name, case.text
                )),
                None => t
                    .unknown
                    .push(format!("{} ({ty}): {}", case.view, case.text)),
            }
            if c.not_null {
                t.not_null += 1;
                claims.push((case.view.clone(), c.name.clone()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "pgforge's types differ from PostgreSQL's:\n{}",
        wrong.join("\n")
    );
    let (mut nulls, unread_full) = nulls_in_not_null(&db.conn, &claims);
    db.conn
        .script("truncate t, u, w cascade;")
        .expect("truncate");
    let (empty, unread_empty) = nulls_in_not_null(&db.conn, &claims);
    nulls.extend(empty);
    assert!(
        nulls.is_empty(),
        "columns pgforge proved NOT NULL returned NULL: {nulls:?}"
    );
    let mut out = String::from(
        "# family: columns, typed as PostgreSQL types them, not known, proven NOT NULL\n",
    );
    for (f, t) in &tallies {
        out.push_str(&format!(
            "{f}: {} columns, {} typed, {} not known, {} NOT NULL\n",
            t.total,
            t.matched,
            t.unknown.len(),
            t.not_null
        ));
    }
    out.push_str(&format!(
        "\nNOT NULL claims checked by data: {}; unreadable (the view raises an error on the data): {unread_full} with rows, {unread_empty} with empty tables\n",
        claims.len()
    ));
    out.push_str("\n# not known yet\n");
    for t in tallies.values() {
        for u in &t.unknown {
            out.push_str(&format!("{u}\n"));
        }
    }
    expect_file(&root().join("tests/fixtures/analyze/expected.txt"), &out);
}
