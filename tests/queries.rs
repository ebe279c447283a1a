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
            .is_none_or(|(s, _)| !b.order.contains(&s.file))
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

#[test]
fn query_files_type_as_postgres_prepares_them() {
    let b = example_with(&[
        root().join("schema/queries"),
        root().join("tests/fixtures/queries/sqlc.sql"),
    ]);
    assert_eq!(problems(&b), "");
    let count: usize = b.queries.iter().map(|f| f.queries.len()).sum();
    assert!(count >= 44, "only {count} queries");
    let Some(db) = applied(&b, "queries") else {
        return;
    };
    let (wrong, params, columns) = compare(&b, &db);
    assert!(
        wrong.is_empty(),
        "pgforge differs from PostgreSQL:\n{}",
        wrong.join("\n")
    );
    eprintln!("checked queries: {count} queries, {params} parameters and {columns} columns typed as PostgreSQL types them");
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
        let count: usize = b.queries.iter().map(|f| f.queries.len()).sum();
        total += count;
        let Some(cluster) = integration_tests::pg_cluster() else {
            return;
        };
        let (db, _refused) = codegen::verify::applied_partly(&b, cluster, &format!("q_{case}"))
            .unwrap_or_else(|e| panic!("{case}: {e}"));
        let (wrong, params, columns) = compare(&b, &db);
        assert!(
            wrong.is_empty(),
            "{case}: pgforge differs from PostgreSQL:\n{}",
            wrong.join("\n")
        );
        eprintln!("{case}: {count} queries, {params} parameters and {columns} columns typed as PostgreSQL types them");
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
