//! The query analyzer against PostgreSQL. Every expression of
//! `tests/fixtures/analyze/expressions.txt` and every query of `queries.sql` becomes a view
//! over `schema.sql`'s tables; pgforge types each view column offline, PostgreSQL types it
//! for real, and they must agree: a type pgforge states must be PostgreSQL's (no exceptions);
//! what pgforge cannot type yet is listed in `expected.txt` per family, so progress shows.
//!
//! Nullability is proven by data: every column pgforge calls NOT NULL is read back from
//! PostgreSQL with the tables holding rows full of NULLs, and again with empty tables; one
//! NULL fails the test.

use integration_tests::nulls::{fill_with_nulls, nulls_in_not_null};
use integration_tests::{
    applied, case_options, corpus, corpus_cases_without_errors, expect_file, root,
};
use schema::{build_path, build_sql, Options};
use std::collections::BTreeMap;

struct Case {
    view: String,
    family: String,
    text: String,
}

fn fixture() -> (String, String, Vec<Case>) {
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

#[derive(Default)]
struct Tally {
    total: usize,
    matched: usize,
    unknown: Vec<String>,
    not_null: usize,
}

#[test]
fn types_and_nullability_match_postgres() {
    let (schema_sql, views, cases) = fixture();
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

/// The corpus's own views: every column the analyzer proves NOT NULL is read back from
/// PostgreSQL with the case applied (its own seed rows, if any), then again after every table
/// got rows with NULL in each nullable column (and a second round of sample values), and no
/// NULL may come back. `corpus-not-null.txt` records per case how many view columns are
/// proven NOT NULL, so progress shows.
#[test]
fn corpus_views_never_return_null_where_proven() {
    let Some(dir) = corpus() else { return };
    let mut out = String::from(
        "# case: views, view columns, proven NOT NULL; rows the fill inserted; claims unreadable as applied / filled\n",
    );
    let mut nulls = vec![];
    for case in corpus_cases_without_errors() {
        let b = build_path(&dir.join(&case), &case_options(&case));
        let Some(cluster) = integration_tests::pg_cluster() else {
            return;
        };
        // What this server cannot run (no libxml, no PostGIS) is left out: the views it
        // refuses are counted unreadable, the others are checked.
        let (db, refused) =
            match codegen::verify::applied_partly(&b, cluster, &format!("nn_{case}")) {
                Ok(applied) => applied,
                Err(e) => panic!("{case}: the base objects do not apply: {e}"),
            };
        if !refused.is_empty() {
            out.push_str(&format!(
                "{case}: {} statement(s) refused by this server\n",
                refused.len()
            ));
        }
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let (mut views, mut columns, mut claims) = (0, 0, vec![]);
        for ns in b.schema.schemas.values() {
            for v in ns.views.values().filter(|v| !v.builtin) {
                views += 1;
                columns += v.columns.len();
                let rel = format!("{}.{}", quote(&v.schema), quote(&v.name));
                claims.extend(
                    v.columns
                        .iter()
                        .filter(|c| c.not_null)
                        .map(|c| (rel.clone(), c.name.clone())),
                );
            }
        }
        let (found, unread_applied) = nulls_in_not_null(&db.conn, &claims);
        nulls.extend(found.into_iter().map(|c| format!("{case}: {c}")));
        let rows = fill_with_nulls(&db.conn);
        let (found, unread_filled) = nulls_in_not_null(&db.conn, &claims);
        nulls.extend(found.into_iter().map(|c| format!("{case} (filled): {c}")));
        out.push_str(&format!(
            "{case}: {views} views, {columns} columns, {} proven NOT NULL; {rows} rows; unreadable {unread_applied} / {unread_filled}\n",
            claims.len()
        ));
    }
    assert!(
        nulls.is_empty(),
        "view columns pgforge proved NOT NULL returned NULL: {nulls:?}"
    );
    expect_file(
        &root().join("tests/fixtures/analyze/corpus-not-null.txt"),
        &out,
    );
}

/// Parameters: every query of `params.sql` is prepared on PostgreSQL; the parameter types
/// pgforge infers offline (from the column, operator or function each `$n` meets) must be
/// PostgreSQL's, and so must the result types. A parameter pgforge cannot type is listed in
/// `params-expected.txt`; a wrong type fails.
#[test]
fn prepared_statement_types_match_postgres() {
    let dir = root().join("tests/fixtures/analyze");
    let schema_sql = std::fs::read_to_string(dir.join("schema.sql")).expect("schema.sql");
    let text = std::fs::read_to_string(dir.join("params.sql")).expect("params.sql");
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    let queries: Vec<&str> = body
        .split(";\n")
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .collect();
    assert!(queries.len() >= 50);
    let b = build_sql(&[("schema.sql", &schema_sql)], &Options::default());
    let Some(db) = applied(&b, "params") else {
        return;
    };
    let mut script = String::from("\\pset format unaligned\n\\pset tuples_only on\n");
    for (i, q) in queries.iter().enumerate() {
        script.push_str(&format!("prepare p_{i:03} as {q};\n"));
    }
    script.push_str("select json_agg(json_build_array(name, parameter_types::text[], result_types::text[]) order by name) from pg_prepared_statements;\n");
    let out = db.conn.script(&script).expect("prepare the queries");
    let pg: serde_json::Value =
        serde_json::from_str(out.lines().last().unwrap_or("[]")).expect("json");
    let path = vec!["public".to_string()];
    let (mut wrong, mut unknown, mut typed) = (vec![], vec![], 0);
    for (i, q) in queries.iter().enumerate() {
        let row = &pg[i];
        let strings = integration_tests::json_strings;
        let (pg_params, pg_results) = (strings(&row[1]), strings(&row[2]));
        let tree = schema::frontend::lower_statement(q, 0, schema::span::FileId(0))
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("sqlparser reads {q}"));
        let a = schema::analyze::Analyzer::new(&b.schema, &path);
        let (cols, params) = a.prepared_statement(&tree);
        for (n, theirs) in pg_params.iter().enumerate() {
            match params.get(n).cloned().flatten() {
                Some(t) if t.to_string() == *theirs => typed += 1,
                Some(t) => wrong.push(format!("{q}: ${} is {theirs}, pgforge says {t}", n + 1)),
                None => unknown.push(format!("{q}: ${} ({theirs})", n + 1)),
            }
        }
        let ours: Vec<String> = cols
            .unwrap_or_default()
            .iter()
            .map(|c| {
                c.t.ty
                    .as_ref()
                    .map_or("?".into(), |t| t.without_modifiers().to_string())
            })
            .collect();
        if ours != pg_results {
            wrong.push(format!(
                "{q}: results {pg_results:?}, pgforge says {ours:?}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "pgforge's types differ from PostgreSQL's:\n{}",
        wrong.join("\n")
    );
    let mut out = format!(
        "# {} queries; parameters typed as PostgreSQL types them: {typed}; not known: {}\n",
        queries.len(),
        unknown.len()
    );
    for u in unknown {
        out.push_str(&format!("{u}\n"));
    }
    expect_file(&dir.join("params-expected.txt"), &out);
}
