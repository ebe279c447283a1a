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

const KEYWORDS_HEADER: &str =
    "// @generated from PostgreSQL's `pg_get_keywords()` (its kwlist.h) by tests/differential.rs:
// `UPDATE_EXPECT=1 cargo test --test differential` rewrites it from the test server.

use super::Category::*;

pub(super) const KEYWORDS: &[(&str, super::Category, bool)] = &[
";
