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

/// A case PostgreSQL may refuse, with the reason and what its message must say.
struct Refusal {
    needs: &'static str,
    message: &'static str,
}

/// Known reasons a server cannot apply a case as-is.
fn refusals(case: &str) -> Vec<Refusal> {
    let mut v = vec![];
    if matches!(case, "example" | "chatbot-ui") {
        v.push(Refusal {
            needs: "pgvector (the `vector` extension)",
            message: "extension \"vector\" is not available",
        });
    }
    if case == "chatbot-ui" {
        // The embedded build gets pgforge's stand-in; a system PostgreSQL is never modified.
        v.push(Refusal {
            needs: "the `http` extension",
            message: "extension \"http\" is not available",
        });
    }
    if case == "pagila" {
        v.push(Refusal {
            needs: "PostgreSQL 18 (uuidv7(), VIRTUAL generated columns)",
            message: "uuidv7",
        });
        v.push(Refusal {
            needs: "PostgreSQL 18 (VIRTUAL generated columns)",
            message: "VIRTUAL",
        });
    }
    if case == "postgrest-spec-fixtures" {
        v.push(Refusal {
            needs: "a server built with libxml (the fixtures call XML functions)",
            message: "requires the server to be built with libxml",
        });
        v.push(Refusal {
            needs: "PostGIS",
            message: "extension \"postgis\" is not available",
        });
    }
    v
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
    if let Some(rejected) = report.rejected.first() {
        let mut shown = schema::diag::render_short(rejected, &b.sources);
        if let Some(d) = &corpus_dir {
            // Golden files must not depend on where the corpus sits.
            shown = shown.replace(&schema::load::display(d), "corpus");
        }
        shown = shown.replace(&format!("{}/", schema::load::display(&root())), "");
        let known = refusals(case)
            .into_iter()
            .find(|r| rejected.message.contains(r.message));
        match known {
            Some(r) => {
                eprintln!(
                    "NOT APPLIED on PostgreSQL {major}: {case} needs {}: {shown}",
                    r.needs
                );
                out.push_str(&format!("not applied: needs {}\n{shown}\n", r.needs));
            }
            None => panic!(
                "{case}: PostgreSQL rejected a migration for no listed reason:\n{}",
                schema::diag::render(&diags, &b.sources, Default::default())
            ),
        }
    } else if let Some((min, why)) = needs_semantics_of(case).filter(|(min, _)| major < *min) {
        eprintln!(
            "NOT COMPARED on PostgreSQL {major}: {case} (needs {min}+: {why}); {} mismatch(es)",
            report.mismatches.len()
        );
        out.push_str(&format!("not compared: needs PostgreSQL {min}+ ({why})\n"));
    } else {
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
