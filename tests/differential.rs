//! Statements PostgreSQL accepts, pgforge must accept too: one case per class of false error
//! (`tests/fixtures/accepted/<class>/input.sql`). pgforge must report no error there, and its
//! diagnostics (warnings only) are the case's `expected.txt`. With a PostgreSQL server the
//! same file is applied to it — proving PostgreSQL does accept it — and the model built from
//! it is compared with what PostgreSQL built (`verify`): everything must match.

use codegen::verify::{verify, Target};
use integration_tests::{case_name, cases, check_each, expect_file, pg_cluster};
use schema::diag::Severity;

/// pgforge on a case: its diagnostics, one line each.
fn build(dir: &std::path::Path) -> (schema::Build, String) {
    let name = format!("{}.sql", case_name(dir));
    let sql = std::fs::read_to_string(dir.join("input.sql")).expect("read input.sql");
    let supabase = sql.starts_with("-- options: supabase");
    let options = schema::Options {
        supabase: Some(supabase),
        ..Default::default()
    };
    let b = schema::build_sql(&[(&name, &sql)], &options);
    let shown: String = b
        .diagnostics
        .iter()
        .map(|d| schema::diag::render_short(d, &b.sources) + "\n")
        .collect();
    (b, shown)
}

fn accepted_case(dir: &std::path::Path) {
    let (b, shown) = build(dir);
    let errors = b.count(Severity::Error);
    assert_eq!(
        errors, 0,
        "pgforge reports errors PostgreSQL would not:\n{shown}"
    );
    expect_file(&dir.join("expected.txt"), &shown);
    let Some(cluster) = pg_cluster() else { return };
    let label = format!("accepted_{}", case_name(dir));
    let report = verify(&b, Target::Cluster(cluster), &label)
        .unwrap_or_else(|e| panic!("cannot verify: {e}"));
    let diags = schema::diag::render(&report.diagnostics(), &b.sources, Default::default());
    // A case that needs an extension (`-- requires: vector` on a line of its own) cannot be
    // checked on a server without it (Debian's PostgreSQL has no pgvector).
    let sql = std::fs::read_to_string(dir.join("input.sql")).unwrap_or_default();
    let missing = sql
        .lines()
        .filter_map(|l| l.strip_prefix("-- requires: "))
        .find(|ext| {
            let needle = format!("extension \"{}\" is not available", ext.trim());
            report.refused().iter().any(|d| d.message.contains(&needle))
        });
    if let Some(ext) = missing {
        integration_tests::skip(&format!("{}: this PostgreSQL has no {ext}", case_name(dir)));
        return;
    }
    assert!(
        report.refused().is_empty(),
        "PostgreSQL refused the case, so it does not belong here:\n{diags}"
    );
    assert!(
        report.mismatches.is_empty(),
        "the model differs from what PostgreSQL built:\n{diags}"
    );
}

#[test]
fn statements_postgres_accepts_have_no_error() {
    let cases = cases("accepted");
    assert!(cases.len() >= 8, "expected the accepted-statement cases");
    check_each(&cases, |c| case_name(c), |c| accepted_case(c));
}

/// The keyword table pgforge quotes names and finds statement boundaries with is
/// PostgreSQL's own: `pg_get_keywords()` of the test server, word for word, category for
/// category. `UPDATE_EXPECT=1` regenerates `schema/src/keywords/list.rs` from the server.
#[test]
fn keyword_table_is_the_servers() {
    let Some(cluster) = pg_cluster() else { return };
    if cluster.major_version() != Some(18) {
        integration_tests::skip("keywords: the table is PostgreSQL 18's");
        return;
    }
    let rows = cluster
        .conn("postgres")
        .json("select coalesce(json_agg(json_build_array(word, catcode, barelabel) order by word collate \"C\"), '[]') from pg_get_keywords()")
        .expect("pg_get_keywords()");
    let mut text = String::from(KEYWORDS_HEADER);
    for row in rows.as_array().into_iter().flatten() {
        let category = match row[1].as_str() {
            Some("U") => "Unreserved",
            Some("C") => "ColName",
            Some("T") => "TypeFuncName",
            _ => "Reserved",
        };
        text.push_str(&format!("    ({}, {category}, {}),\n", row[0], row[2]));
    }
    text.push_str("];\n");
    let path = integration_tests::root().join("schema/src/keywords/list.rs");
    expect_file(&path, &text);
}

/// The built-in catalog the query analyzer types with (`schema/src/analyze/data/builtins.tsv`)
/// is the test server's: `extract.sql` run on a fresh database, then once per extension the
/// data covers, after `CREATE EXTENSION` in a database of its own. `UPDATE_EXPECT=1` rewrites
/// the file from the server.
#[test]
fn builtin_catalog_is_the_servers() {
    let Some(cluster) = pg_cluster() else { return };
    if cluster.major_version() != Some(18) {
        integration_tests::skip("builtin catalog: the data is PostgreSQL 18's");
        return;
    }
    let dir = integration_tests::root().join("schema/src/analyze/data");
    let extract = std::fs::read_to_string(dir.join("extract.sql")).expect("extract.sql");
    let run = |ext: &str| -> String {
        let db = codegen::verify::Scratch::create(
            cluster.conn("postgres"),
            &format!("builtins_{}", ext.replace('-', "_")),
        )
        .expect("scratch database");
        let create = if ext.is_empty() {
            String::new()
        } else {
            format!("create extension \"{ext}\" cascade;\n")
        };
        let sql = format!(
            "{create}\\pset format unaligned\n\\pset tuples_only on\n{}",
            extract.replace(":'ext'", &format!("'{ext}'"))
        );
        db.conn
            .script(&sql)
            .unwrap_or_else(|e| panic!("extract.sql for {ext:?}: {e}"))
    };
    let mut text = run("");
    for ext in schema::analyze::builtins::EXTENSIONS {
        text.push_str(&format!("x\t{ext}\n"));
        text.push_str(&run(ext));
    }
    expect_file(&dir.join("builtins.tsv"), &text);
}

const KEYWORDS_HEADER: &str =
    "// @generated from PostgreSQL's `pg_get_keywords()` (its kwlist.h) by tests/differential.rs:
// `UPDATE_EXPECT=1 cargo test --test differential` rewrites it from the test server.

use super::Category::*;

pub(super) const KEYWORDS: &[(&str, super::Category, bool)] = &[
";

/// The statement corpus: `tests/fixtures/differential/rejected.sql` holds cases PostgreSQL
/// refuses (one per kind of mistake, across every diagnostic code), `accepted.sql` cases it
/// accepts that look suspicious (keyword names, special forms, pg_dump output, default
/// names). Each case (`-- case: name`, then its statements) runs against the test server in
/// a transaction that is rolled back, and through `pgforge check`. pgforge must never report
/// an error on a statement PostgreSQL accepted (precision 100% on both sets); how many
/// refusals pgforge also reports (recall) is recorded, with PostgreSQL's own message, in
/// `expected-pg<major>.txt`.
#[test]
fn statement_corpus_precision_and_recall() {
    let Some(cluster) = pg_cluster() else { return };
    let dir = integration_tests::root().join("tests/fixtures/differential");
    let rejected = corpus_cases(&dir.join("rejected.sql"));
    let accepted = corpus_cases(&dir.join("accepted.sql"));
    assert!(
        rejected.len() >= 60 && accepted.len() >= 60,
        "expected 60+ cases in each set"
    );
    let pg_rejected = postgres_refusals(cluster, &rejected);
    let pg_accepted = postgres_refusals(cluster, &accepted);
    let mut out = String::new();
    let mut false_errors = vec![];
    let mut caught = 0;
    for (case, refused) in rejected.iter().zip(&pg_rejected) {
        let first = refused.first().unwrap_or_else(|| {
            panic!(
                "rejected case {}: PostgreSQL accepted it, so it does not belong there",
                case.name
            )
        });
        let ours = pgforge_errors(case);
        false_errors.extend(
            ours.iter()
                .filter(|(s, _)| !refused.iter().any(|r| r.0 == *s))
                .map(|(s, c)| format!("{} (statement {s}): {c}", case.name)),
        );
        let hit = ours
            .iter()
            .find(|(s, _)| *s == first.0)
            .map(|(_, c)| c.as_str());
        caught += usize::from(hit.is_some());
        out.push_str(&format!(
            "rejected {}: {} | PostgreSQL: {}\n",
            case.name,
            hit.unwrap_or("missed"),
            first.1
        ));
    }
    for (case, refused) in accepted.iter().zip(&pg_accepted) {
        assert!(
            refused.is_empty(),
            "accepted case {}: PostgreSQL refused it ({}), so it does not belong there",
            case.name,
            refused[0].1
        );
        let ours = pgforge_errors(case);
        false_errors.extend(
            ours.iter()
                .map(|(s, c)| format!("{} (statement {s}): {c}", case.name)),
        );
        out.push_str(&format!(
            "accepted {}: {}\n",
            case.name,
            if ours.is_empty() { "ok" } else { "FALSE ERROR" }
        ));
    }
    out.push_str(&format!(
        "\nrejected: {} cases, pgforge reports {caught} (recall {:.1}%)\naccepted: {} cases\nfalse errors: {}\n",
        rejected.len(),
        100.0 * caught as f64 / rejected.len() as f64,
        accepted.len(),
        false_errors.len()
    ));
    let major = cluster.major_version().unwrap_or(0);
    expect_file(&dir.join(format!("expected-pg{major}.txt")), &out);
    assert!(
        false_errors.is_empty(),
        "pgforge reports errors on statements PostgreSQL accepts:\n{}",
        false_errors.join("\n")
    );
}

struct CorpusCase {
    name: String,
    sql: String,
}

fn corpus_cases(path: &std::path::Path) -> Vec<CorpusCase> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cases: Vec<CorpusCase> = vec![];
    for line in text.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("-- case: ") {
            cases.push(CorpusCase {
                name: name.trim().to_string(),
                sql: String::new(),
            });
        } else if let Some(c) = cases.last_mut() {
            c.sql.push_str(line);
        }
    }
    cases
}

/// The index of the statement (as pgforge splits the case) that ends on `line`.
fn statement_ending_on(sql: &str, line: usize) -> usize {
    let file = schema::span::SourceFile::new("case.sql", sql, false);
    let raws = schema::split::split(sql);
    raws.iter()
        .position(|r| file.line_col(r.end.saturating_sub(1).max(r.start)).0 >= line)
        .unwrap_or(raws.len().saturating_sub(1))
}

/// pgforge's errors on a case: (statement index, code).
fn pgforge_errors(case: &CorpusCase) -> Vec<(usize, String)> {
    let b = schema::build_sql(&[("case.sql", &case.sql)], &schema::Options::default());
    let raws = schema::split::split(&case.sql);
    b.diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| {
            let at = d.primary.as_ref()?.0.start as usize;
            let i = raws.iter().rposition(|r| r.start <= at).unwrap_or(0);
            Some((i, d.code.to_string()))
        })
        .collect()
}

/// Each case in a rolled-back transaction of its own psql session (an unclosed bracket or
/// quote must not swallow the next case): the statements PostgreSQL refused (index,
/// message), follow-ons of an aborted transaction left out.
fn postgres_refusals(
    cluster: &codegen::verify::cluster::Cluster,
    cases: &[CorpusCase],
) -> Vec<Vec<(usize, String)>> {
    let conn = cluster.conn("postgres");
    let per_case = |c: &CorpusCase| {
        let stderr = conn
            .script_lenient(&format!("begin;\n{}rollback;\n", c.sql))
            .expect("psql runs");
        codegen::verify::referee::refusals(&stderr, schema::span::FileId(0))
            .into_iter()
            .filter(|r| !r.message.contains("current transaction is aborted"))
            .map(|r| {
                let line = (r.line as usize).saturating_sub(1).max(1);
                (statement_ending_on(&c.sql, line), r.message)
            })
            .collect()
    };
    cases.iter().map(per_case).collect()
}
