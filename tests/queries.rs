//! Checked queries (query files in sqlc's syntax) against PostgreSQL: every query pgforge
//! types offline is prepared on the real server, and its parameter and result types must be
//! exactly what `pg_prepared_statements` reports. Errors are refereed the same way: a query
//! pgforge flags must be one PostgreSQL refuses to prepare, and a near miss it accepts must
//! not be flagged. (The generated functions are called through both drivers in drivers.rs.)

use integration_tests::{applied, expect_file, root};
use schema::diag::Severity;
use std::path::PathBuf;

fn example_with(paths: &[PathBuf]) -> schema::Build {
    let mut b = schema::build_path(
        &root().join("schema/migrations"),
        &schema::Options {
            supabase: Some(true),
            ..Default::default()
        },
    );
    b.check_queries(paths);
    b
}

/// The parameter and result types PostgreSQL reports for a prepared statement, or its error.
type Prepared = Result<(Vec<String>, Vec<String>), String>;

/// `prepare` each statement; the (name, parameter types, result types) PostgreSQL reports,
/// or its error, per statement.
fn prepare_all(db: &codegen::verify::Scratch, sqls: &[String]) -> Vec<Prepared> {
    sqls.iter()
        .enumerate()
        .map(|(i, sql)| {
            let script = format!(
                "\\pset format unaligned\n\\pset tuples_only on\nprepare q_{i} as {sql};\nselect json_build_array(parameter_types::text[], result_types::text[]) from pg_prepared_statements where name = 'q_{i}';\n"
            );
            let out = db.conn.script(&script).map_err(|e| e.to_string())?;
            let v: serde_json::Value = serde_json::from_str(out.lines().last().unwrap_or("null"))
                .map_err(|e| format!("{e}: {out}"))?;
            let strings = integration_tests::json_strings;
            Ok((strings(&v[0]), strings(&v[1])))
        })
        .collect()
}

/// Problems (warnings too) in the query files and errors anywhere, as rendered text; empty
/// when there are none. (A migration's own warnings, such as unmodelled GRANTs, do not count.)
fn problems(b: &schema::Build) -> String {
    let in_queries = |d: &&schema::diag::Diagnostic| {
        d.primary
            .as_ref()
            .is_none_or(|(s, _)| b.is_query_file(s.file))
    };
    let ds: Vec<schema::diag::Diagnostic> = b
        .diagnostics
        .iter()
        .filter(|d| {
            d.severity == Severity::Error || (d.severity == Severity::Warning && in_queries(d))
        })
        .cloned()
        .collect();
    if ds.is_empty() {
        return String::new();
    }
    schema::diag::render(&ds, &b.sources, Default::default())
}

/// Every checked query of `b` prepared on `db`: what differs from PostgreSQL, and the
/// number of parameters and columns compared.
fn compare(b: &schema::Build, db: &codegen::verify::Scratch) -> (Vec<String>, usize, usize) {
    let queries: Vec<&schema::queries::CheckedQuery> =
        b.queries.iter().flat_map(|f| &f.queries).collect();
    let sqls: Vec<String> = queries.iter().map(|q| q.sql.clone()).collect();
    let mut wrong = vec![];
    let (mut params, mut columns) = (0, 0);
    for (q, pg) in queries.iter().zip(prepare_all(db, &sqls)) {
        let (pg_params, pg_results) = match pg {
            Ok(p) => p,
            Err(e) => {
                wrong.push(format!("{}: PostgreSQL refuses it: {e}", q.name));
                continue;
            }
        };
        let ours: Vec<String> = q.params.iter().map(|p| p.ty.to_string()).collect();
        if ours != pg_params {
            wrong.push(format!(
                "{}: parameters {pg_params:?}, pgforge says {ours:?}",
                q.name
            ));
        }
        let ours: Vec<String> = q
            .columns
            .iter()
            .map(|c| c.ty.without_modifiers().to_string())
            .collect();
        if ours != pg_results {
            wrong.push(format!(
                "{}: columns {pg_results:?}, pgforge says {ours:?}",
                q.name
            ));
        }
        params += pg_params.len();
        columns += pg_results.len();
    }
    (wrong, params, columns)
}

/// NOT NULL claims of the checked SELECT queries read back from PostgreSQL: the tables are
/// filled with rows holding NULL in every nullable column (and rows of sample values), each
/// query runs with parameters taken from that data (`parameter_values`), and a column
/// pgforge proves NOT NULL must hold no NULL. Returns the NULLs found, the queries that
/// returned rows, and the claims checked on those rows.
fn nulls_by_data(b: &schema::Build, db: &codegen::verify::Scratch) -> (Vec<String>, usize, usize) {
    integration_tests::nulls::fill_with_nulls(&db.conn);
    let (mut nulls, mut with_rows, mut claims) = (vec![], 0, 0);
    let queries = b.queries.iter().flat_map(|f| &f.queries);
    for (i, q) in queries.enumerate() {
        let head = q.sql.trim_start().to_ascii_lowercase();
        if !(head.starts_with("select") || head.starts_with("with")) {
            continue;
        }
        let proven: Vec<&str> = q
            .columns
            .iter()
            .filter(|c| c.not_null)
            .map(|c| c.name.as_str())
            .collect();
        let Some((rows, per_column)) = run_with_parameters(b, db, i, q, &proven) else {
            continue;
        };
        if rows == 0 {
            continue;
        }
        with_rows += 1;
        claims += proven.len();
        for (c, n) in proven.iter().zip(per_column) {
            if n > 0 {
                nulls.push(format!("{}.{c}: {n} NULL(s) in {rows} rows", q.name));
            }
        }
    }
    (nulls, with_rows, claims)
}

/// A value for each parameter, from the data: the first non-NULL value of a column of the
/// parameter's name and type (in a table the query names, if one has it) (for an array, of its element type under the singular name),
/// read into a psql variable; NULL for a nullable parameter or where no column matches (a
/// NULL `LIMIT` is no limit). Returns the psql lines and the EXECUTE arguments.
fn parameter_values(b: &schema::Build, q: &schema::queries::CheckedQuery) -> (String, Vec<String>) {
    let mut lines = String::new();
    let mut args = vec![];
    for (k, p) in q.params.iter().enumerate() {
        let (name, ty, array) = match &p.ty {
            schema::ir::PgType::Array { element, .. } => (
                p.name.trim_end_matches('s').to_string(),
                element.without_modifiers(),
                true,
            ),
            t => (p.name.clone(), t.without_modifiers(), false),
        };
        // The tables the query names first: their values are the ones it can find.
        let sql = q.sql.to_ascii_lowercase();
        let unnamed = |t: &&schema::ir::Table| {
            let mut words = sql.split(|ch: char| !(ch.is_alphanumeric() || ch == '_'));
            !words.any(|w| w == t.name)
        };
        let mut tables: Vec<&schema::ir::Table> = b
            .schema
            .user_schemas()
            .flat_map(|ns| ns.tables.values())
            .collect();
        tables.sort_by_key(unnamed);
        let column = tables.into_iter().find_map(|t| {
            let c = t
                .columns
                .iter()
                .find(|c| c.name == name && c.ty.without_modifiers() == ty)?;
            Some(format!(
                "select \"{}\"::text from \"{}\".\"{}\" where \"{}\" is not null limit 1",
                c.name, t.schema, t.name, c.name
            ))
        });
        match column.filter(|_| !p.nullable) {
            Some(select) => {
                lines.push_str(&format!(
                    "select coalesce(({select}), 'pgforge-null') as v{k} \\gset\n"
                ));
                let value = format!("nullif(:'v{k}', 'pgforge-null')::{ty}");
                args.push(if array {
                    format!("array[{value}]")
                } else {
                    value
                });
            }
            None => args.push("null".into()),
        }
    }
    (lines, args)
}

/// The rows a query returns with `parameter_values`, and how many NULLs each of `columns`
/// holds; `None` when it raises on this data (a cast, a function refusing NULL).
/// `PGFORGE_DEBUG_NULLS=1` prints each script and what psql said.
fn run_with_parameters(
    b: &schema::Build,
    db: &codegen::verify::Scratch,
    i: usize,
    q: &schema::queries::CheckedQuery,
    columns: &[&str],
) -> Option<(u64, Vec<u64>)> {
    let (values, args) = parameter_values(b, q);
    let execute = match args.is_empty() {
        true => format!("execute n_{i}"),
        false => format!("execute n_{i}({})", args.join(", ")),
    };
    let counts: Vec<String> = columns
        .iter()
        .map(|c| {
            format!(
                "count(*) filter (where \"{}\" is null)",
                c.replace('"', "\"\"")
            )
        })
        .chain(["count(*)".to_string()])
        .collect();
    let script = format!(
        "\\pset format unaligned\n\\pset tuples_only on\n{values}begin;\nprepare n_{i} as {};\ncreate temp table r_{i} as {execute};\nselect json_build_array({}) from r_{i};\nrollback;\n",
        q.sql,
        counts.join(", ")
    );
    let out = db.conn.script(&script);
    if std::env::var_os("PGFORGE_DEBUG_NULLS").is_some() {
        eprintln!("--- {}\n{script}\n{out:?}", q.name);
    }
    let out = out.ok()?;
    let v = out
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())?;
    let found: Vec<u64> = v.as_array()?.iter().filter_map(|x| x.as_u64()).collect();
    let (&rows, per_column) = found.split_last()?;
    Some((rows, per_column.to_vec()))
}

/// Every checked query of `b` against PostgreSQL (`db` holds `b`'s schema): its types are
/// PostgreSQL's, and its NOT NULL claims hold on NULL-filled data; `label` names the set.
fn against_postgres(label: &str, b: &schema::Build, db: &codegen::verify::Scratch) {
    let count: usize = b.queries.iter().map(|f| f.queries.len()).sum();
    let (wrong, params, columns) = compare(b, db);
    assert!(
        wrong.is_empty(),
        "{label}: pgforge differs from PostgreSQL:\n{}",
        wrong.join("\n")
    );
    eprintln!("{label}: {count} queries, {params} parameters and {columns} columns typed as PostgreSQL types them");
    let (nulls, with_rows, claims) = nulls_by_data(b, db);
    assert!(
        nulls.is_empty(),
        "{label}: columns pgforge proves NOT NULL returned NULL:\n{}",
        nulls.join("\n")
    );
    assert!(
        with_rows >= 20,
        "{label}: only {with_rows} queries returned rows to check"
    );
    eprintln!("{label}: {claims} NOT NULL claims read back over NULL-filled tables in the {with_rows} queries that returned rows");
}

#[test]
fn query_files_type_as_postgres_prepares_them() {
    let b = example_with(&[
        root().join("schema/queries"),
        root().join("tests/fixtures/queries/sqlc.sql"),
    ]);
    assert_eq!(problems(&b), "");
    let count: usize = b.queries.iter().map(|f| f.queries.len()).sum();
    assert!(count >= 44, "only {count} queries");
    if let Some(db) = applied(&b, "queries") {
        against_postgres("checked queries", &b, &db);
    }
}

/// The second set: queries written against corpus schemas (`tests/fixtures/queries/corpus/
/// <case>.sql`), each case applied as `verify` applies it.
#[test]
fn corpus_query_sets_type_as_postgres_prepares_them() {
    let Some(corpus) = integration_tests::corpus() else {
        return;
    };
    let dir = root().join("tests/fixtures/queries/corpus");
    let mut sets: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    sets.sort();
    let mut total = 0;
    for set in sets {
        let case = set.file_stem().unwrap().to_string_lossy().into_owned();
        let mut b =
            schema::build_path(&corpus.join(&case), &integration_tests::case_options(&case));
        b.check_queries(std::slice::from_ref(&set));
        assert_eq!(problems(&b), "", "{case}");
        total += b.queries.iter().map(|f| f.queries.len()).sum::<usize>();
        if let Some(cluster) = integration_tests::pg_cluster() {
            let (db, _refused) = codegen::verify::applied_partly(&b, cluster, &format!("q_{case}"))
                .unwrap_or_else(|e| panic!("{case}: {e}"));
            against_postgres(&case, &b, &db);
        }
    }
    assert!(total >= 60, "only {total} corpus queries");
}

#[test]
fn query_file_errors_are_what_postgres_refuses() {
    let path = root().join("tests/fixtures/queries/errors.sql");
    let b = example_with(std::slice::from_ref(&path));
    let mut rendered = schema::diag::render(&b.diagnostics, &b.sources, Default::default());
    rendered = rendered.replace(&root().display().to_string(), "<root>");
    expect_file(
        &root().join("tests/fixtures/queries/errors.expected"),
        &rendered,
    );

    // Which statements pgforge flags, by the line of their `-- name:` comment.
    let text = std::fs::read_to_string(&path).unwrap();
    let (annotated, _) = schema::queries::file::read(schema::span::FileId(0), &text);
    let file = b
        .sources
        .files()
        .find(|(_, f)| f.name.ends_with("errors.sql"))
        .map(|(id, _)| id)
        .unwrap();
    let flagged = |a: &schema::queries::file::Annotated| {
        b.diagnostics.iter().any(|d| {
            d.severity == Severity::Error
                && d.primary.as_ref().is_some_and(|(s, _)| {
                    s.file == file && s.start >= a.span.start && s.start <= a.span.end
                })
        })
    };
    let flags: Vec<bool> = annotated.iter().map(flagged).collect();
    assert_eq!(flags.iter().filter(|f| **f).count(), 10, "{rendered}");
    assert_eq!(flags.len(), 14);
    let Some(db) = applied(&b, "query_errors") else {
        return;
    };
    let sqls: Vec<String> = annotated.iter().map(|a| a.compact.clone()).collect();
    for ((a, pg), flagged) in annotated.iter().zip(prepare_all(&db, &sqls)).zip(flags) {
        assert_eq!(
            pg.is_err(),
            flagged,
            "{}: pgforge {} it, PostgreSQL {}",
            a.name,
            if flagged { "flags" } else { "accepts" },
            match &pg {
                Ok(_) => "accepts it".to_string(),
                Err(e) => format!("refuses it: {e}"),
            }
        );
    }
}
