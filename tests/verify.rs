//! The differential test: every corpus case and the example project are applied to a real
//! PostgreSQL (one throwaway cluster, a database per case) and compared with pgforge's model,
//! kind by kind. Everything compared must match; what the model cannot know offline is
//! counted as "not compared", never as a match. The per-kind tables are expected files
//! (`tests/fixtures/verify/<case>/expected-pg<major>.txt`), so every regression shows in review.
//!
//! Server: `$PGFORGE_PG_BIN` (CI: the embedded PostgreSQL 18 build), else the newest
//! `/usr/lib/postgresql/*/bin`. Without one the tests print SKIPPED, unless
//! `PGFORGE_REQUIRE_PG=1` (set by `.ci/run`).

use codegen::verify::{cluster::Cluster, verify, Target};
use integration_tests::{
    case_options, check_each, corpus, corpus_cases_without_errors, expect_file, root,
};
use schema::build_path;

fn cluster() -> Option<&'static Cluster> {
    integration_tests::pg_cluster()
}

/// Why a server may refuse a case: it lacks something (an extension, libxml, a role: the
/// referee's "could not compare"), or it is older than the PostgreSQL 18 the model follows.
fn known_refusal(case: &str, message: &str, major: u32) -> Option<String> {
    if codegen::verify::referee::is_environment(message) {
        return Some("what this server lacks (the referee could not compare)".into());
    }
    let pg18 = major < 18
        && case == "pagila"
        && (message.contains("uuidv7") || message.contains("VIRTUAL"));
    pg18.then(|| "PostgreSQL 18 (uuidv7(), VIRTUAL generated columns)".into())
}

/// The model follows PostgreSQL 18. Cases whose result differs on older servers are applied
/// there but not compared, with the reason.
fn needs_semantics_of(case: &str) -> Option<(u32, &'static str)> {
    match case {
        "postgres-meta-testdb" => Some((
            17,
            "partitions inherit identity columns from PostgreSQL 17 on",
        )),
        _ => None,
    }
}

fn run(case: &str) {
    let Some(cl) = cluster() else { return };
    let (path, corpus_dir) = if case == "example" {
        (root().join("schema/migrations"), None)
    } else {
        let Some(dir) = corpus() else { return };
        (dir.join(case), Some(dir))
    };
    let b = build_path(&path, &case_options(case));
    assert!(
        !b.has_errors(),
        "{case}: the model has errors:\n{}",
        b.render(false)
    );
    let report = verify(&b, Target::Cluster(cl), case).unwrap_or_else(|e| panic!("{case}: {e}"));
    let major = cl.major_version().unwrap_or(0);
    let mut out = format!("# {case} on PostgreSQL {major}\n");
    let diags = report.diagnostics();
    // pgforge has no error here; PostgreSQL (the version the model follows) must not have
    // refused anything pgforge missed.
    if major == 18 {
        assert_eq!(
            report.verdict.disagreements(),
            0,
            "{case}: pgforge and PostgreSQL disagree:\n{}",
            schema::diag::render(&diags, &b.sources, Default::default())
        );
    }
    let refused = report.refused();
    if let Some(rejected) = refused.first() {
        let mut shown = schema::diag::render_short(rejected, &b.sources);
        if let Some(d) = &corpus_dir {
            // Golden files must not depend on where the corpus sits.
            shown = shown.replace(&schema::load::display(d), "corpus");
        }
        shown = shown.replace(&format!("{}/", schema::load::display(&root())), "");
        match known_refusal(case, &rejected.message, major) {
            Some(needs) => {
                eprintln!("NOT APPLIED on PostgreSQL {major}: {case} needs {needs}: {shown}");
                out.push_str(&format!(
                    "not applied: {} statement(s), needs {needs}; what they define is not compared\n{shown}\n",
                    refused.len()
                ));
            }
            None => panic!(
                "{case}: PostgreSQL rejected a migration for no listed reason:\n{}",
                schema::diag::render(&diags, &b.sources, Default::default())
            ),
        }
    }
    if let Some((min, why)) = needs_semantics_of(case).filter(|(min, _)| major < *min) {
        eprintln!(
            "NOT COMPARED on PostgreSQL {major}: {case} (needs {min}+: {why}); {} mismatch(es)",
            report.mismatches.len()
        );
        out.push_str(&format!("not compared: needs PostgreSQL {min}+ ({why})\n"));
    } else if !refused.is_empty() && major != 18 {
        // An older server refused PostgreSQL 18 statements: what depends on them differs.
        out.push_str(&format!("not compared on PostgreSQL {major}\n"));
    } else {
        // Everything PostgreSQL could apply is compared, also beside refused statements.
        out.push_str(&report.table());
        assert!(
            report.mismatches.is_empty(),
            "{case}: {} mismatch(es) between the model and PostgreSQL:\n{}",
            report.mismatches.len(),
            schema::diag::render(&diags, &b.sources, Default::default())
        );
    }
    expect_file(
        &root().join(format!(
            "tests/fixtures/verify/{case}/expected-pg{major}.txt"
        )),
        &out,
    );
}

/// The example and every corpus case (discovered from the manifest) against PostgreSQL.
#[test]
fn model_matches_postgres() {
    let mut cases = vec!["example".to_string()];
    cases.extend(corpus_cases_without_errors());
    check_each(&cases, |c| c.clone(), |c| run(c));
}
