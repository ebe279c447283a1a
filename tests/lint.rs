//! `pgforge lint`: one fixture per rule (`tests/fixtures/lint/<rule>/input.sql`), with
//! statements that must trigger it and near misses that must not. The findings of every rule
//! are the case's `expected.txt`; the case's own rule must be among them.

use integration_tests::{case_name, cases, check_each, expect_file};

fn findings(dir: &std::path::Path) -> String {
    let sql = std::fs::read_to_string(dir.join("input.sql")).expect("read input.sql");
    let supabase = sql.starts_with("-- options: supabase");
    let name = format!("{}.sql", case_name(dir));
    let b = schema::build_sql(
        &[(&name, &sql)],
        &schema::Options {
            supabase: Some(supabase),
            ..Default::default()
        },
    );
    assert!(!b.has_errors(), "{}", b.render(false));
    let exposed = ["public".to_string(), "graphql_public".to_string()];
    schema::lint::lint(&b.schema, &exposed, supabase)
        .iter()
        .map(|f| schema::diag::render_short(&f.diagnostic, &b.sources) + "\n")
        .collect()
}

#[test]
fn every_rule_has_a_fixture_that_triggers_it() {
    let cases = cases("lint");
    for rule in schema::lint::rules() {
        assert!(
            cases.iter().any(|c| case_name(c) == rule.name),
            "no fixture for {}",
            rule.name
        );
    }
    check_each(
        &cases,
        |c| case_name(c),
        |dir| {
            let out = findings(dir);
            let own = format!("[{}]", case_name(dir));
            assert!(
                out.contains(&own),
                "the fixture does not trigger its rule:\n{out}"
            );
            expect_file(&dir.join("expected.txt"), &out);
        },
    );
}

/// The findings on every corpus case, as golden files (`tests/fixtures/corpus/<case>/lint.txt`),
/// so a rule's change shows case by case in review.
#[test]
fn corpus_findings() {
    let Some(corpus) = integration_tests::corpus() else {
        return;
    };
    check_each(
        &integration_tests::corpus_cases_without_errors(),
        |c| c.clone(),
        |case| {
            let dir = corpus.join(case);
            let options = integration_tests::case_options(case);
            let b = schema::build_path(&dir, &options);
            let exposed = codegen::config::supabase_api_schemas(&dir)
                .unwrap_or_else(|| vec!["public".into(), "graphql_public".into()]);
            let shown = schema::load::display(&dir);
            let out: String = schema::lint::lint(&b.schema, &exposed, b.supabase)
                .iter()
                .map(|f| {
                    schema::diag::render_short(&f.diagnostic, &b.sources)
                        .replace(&shown, "<corpus>")
                        + "\n"
                })
                .collect();
            let golden =
                integration_tests::root().join(format!("tests/fixtures/corpus/{case}/lint.txt"));
            expect_file(&golden, &out);
        },
    );
}
