//! `pgforge lint`: one fixture per rule (`tests/fixtures/lint/<rule>/input.sql`, cut into
//! migration files at `-- file: NAME` lines), with statements that must trigger it and near
//! misses that must not. The findings of every rule
//! are the case's `expected.txt`; the case's own rule must be among them.

use integration_tests::{case_name, cases, check_each, expect_file};

/// A rule fixture's model: `input.sql`, cut into migration files at `-- file: NAME` lines
/// (the first part is `<case>.sql`), Supabase on when it starts with `-- options: supabase`.
fn fixture_build(dir: &std::path::Path) -> schema::Build {
    let sql = std::fs::read_to_string(dir.join("input.sql")).expect("read input.sql");
    let supabase = sql.starts_with("-- options: supabase");
    let mut files = vec![(format!("{}.sql", case_name(dir)), String::new())];
    for line in sql.lines() {
        match line.strip_prefix("-- file: ") {
            Some(name) => files.push((name.trim().to_string(), String::new())),
            None => {
                let text = &mut files.last_mut().unwrap().1;
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let options = schema::Options {
        supabase: Some(supabase),
        ..Default::default()
    };
    schema::build_sql(&files, &options)
}

fn findings(dir: &std::path::Path) -> String {
    let b = fixture_build(dir);
    assert!(!b.has_errors(), "{}", b.render(false));
    let exposed = ["public".to_string(), "graphql_public".to_string()];
    schema::lint::lint(&b.schema, &exposed, b.supabase)
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

/// `lint --format sarif` of every rule fixture and every corpus case is valid SARIF 2.1.0 by
/// the schema itself (ajv, `tests/js/validate-sarif.mjs`), with one result per finding, each
/// at a place, and every rule described.
#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let dir = std::env::temp_dir().join(format!("pgforge-sarif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut builds: Vec<(String, schema::Build)> = cases("lint")
        .iter()
        .map(|c| (case_name(c), fixture_build(c)))
        .collect();
    if let Some(corpus) = integration_tests::corpus() {
        for case in integration_tests::corpus_cases_without_errors() {
            let options = integration_tests::case_options(&case);
            builds.push((
                case.clone(),
                schema::build_path(&corpus.join(&case), &options),
            ));
        }
    }
    let exposed = ["public".to_string(), "graphql_public".to_string()];
    let mut files = vec![];
    for (name, b) in &builds {
        let findings = schema::lint::lint(&b.schema, &exposed, b.supabase);
        let log: serde_json::Value =
            serde_json::from_str(&codegen::cli::sarif::sarif(b, &findings)).unwrap();
        let run = &log["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            schema::lint::rules().len()
        );
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), findings.len(), "{name}");
        assert!(
            results.iter().all(
                |r| r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64()
                    >= Some(1)
            ),
            "{name}"
        );
        let file = dir.join(format!("{name}.sarif"));
        std::fs::write(&file, log.to_string()).unwrap();
        files.push(file);
    }
    let js = integration_tests::root().join("tests/js/node_modules");
    if !js.join("@microsoft/jest-sarif").is_dir() || !js.join("ajv").is_dir() {
        assert!(
            !integration_tests::required("PGFORGE_REQUIRE_NODE"),
            "PGFORGE_REQUIRE_NODE is set but tests/js/node_modules is missing"
        );
        integration_tests::skip(
            "the schema check needs tests/js/node_modules (npm ci in tests/js)",
        );
        return;
    }
    let out = std::process::Command::new("node")
        .arg(integration_tests::root().join("tests/js/validate-sarif.mjs"))
        .args(&files)
        .output()
        .expect("run node");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        builds.len()
    );
}

/// Every rule fixture is SQL PostgreSQL accepts, file after file (so a rule is never shown
/// firing on a statement that could not be deployed): applied to a throwaway database.
#[test]
fn every_fixture_applies_to_postgres() {
    check_each(
        &cases("lint"),
        |c| case_name(c),
        |dir| {
            let b = fixture_build(dir);
            let label = format!("lint_{}", case_name(dir));
            let _ = integration_tests::applied(&b, &label);
        },
    );
}

/// Rules whose findings are a set of catalog objects, each with a query of its own over
/// PostgreSQL's catalog (written here from the catalog's documentation, independently of the
/// rule's code) returning the objects it should report. `{skip}` is the list of schemas the
/// rules leave alone; `{exposed}` the schemas the API exposes.
const CATALOG_QUERIES: &[(&str, &str)] = &[
    ("no_primary_key", "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and n.nspname <> all ({skip}) and not exists (select from pg_constraint k where k.conrelid = c.oid and k.contype = 'p')"),
    ("rls_disabled_in_public", "select 'public.' || c.relname from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and not c.relrowsecurity"),
    ("policy_exists_rls_disabled", "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname <> all ({skip}) and not c.relrowsecurity and exists (select from pg_policy p where p.polrelid = c.oid)"),
    ("rls_enabled_no_policy", "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname <> all ({skip}) and c.relkind in ('r', 'p') and c.relrowsecurity and not exists (select from pg_policy p where p.polrelid = c.oid)"),
    ("extension_in_public", "select e.extname from pg_extension e where e.extnamespace = 'public'::regnamespace"),
    ("materialized_view_in_api", "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'm' and n.nspname = any ({exposed})"),
    ("foreign_table_in_api", "select n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'f' and n.nspname = any ({exposed})"),
];

/// For every rule fixture applied to PostgreSQL, each rule of `CATALOG_QUERIES` that runs
/// for it reports exactly the objects its catalog query returns: PostgreSQL, not pgforge's
/// reading of the migrations, says which tables lack a primary key, have RLS off, ….
#[test]
fn findings_match_independent_catalog_queries() {
    let skip = format!(
        "array[{}]::name[]",
        schema::lint::skipped_schemas()
            .iter()
            .map(|s| format!("'{s}'"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let exposed = ["public".to_string(), "graphql_public".to_string()];
    let exposed_sql = "array['public', 'graphql_public']::name[]";
    check_each(
        &cases("lint"),
        |c| case_name(c),
        |dir| {
            let b = fixture_build(dir);
            let Some(db) = integration_tests::applied(&b, &format!("lintq_{}", case_name(dir)))
            else {
                return;
            };
            let findings = schema::lint::lint(&b.schema, &exposed, b.supabase);
            for (rule, query) in CATALOG_QUERIES {
                let runs = schema::lint::rules()
                    .iter()
                    .any(|r| r.name == *rule && (b.supabase || !r.supabase_only));
                if !runs {
                    continue;
                }
                let query = query
                    .replace("{skip}", &skip)
                    .replace("{exposed}", exposed_sql);
                let wrapped =
                    format!("select coalesce(json_agg(o order by o), '[]') from ({query}) q(o)");
                let expected: Vec<String> =
                    serde_json::from_value(db.conn.json(&wrapped).unwrap()).unwrap();
                let mut found: Vec<String> = findings
                    .iter()
                    .filter(|f| f.rule == *rule)
                    .map(|f| f.object.clone())
                    .collect();
                found.sort();
                found.dedup();
                assert_eq!(
                    found, expected,
                    "{rule}: pgforge (left) and the catalog (right) differ"
                );
            }
        },
    );
}
