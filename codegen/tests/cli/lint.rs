//! `pgforge lint`: rule names, formats, `--deny` and `[lint]` settings.

use super::*;

/// `pgforge lint`: the advisor's rule names, the four formats, exit status by `--deny`, and
/// the same findings from `check --lint`.
#[test]
fn lint_reports_advisor_rules_in_every_format() {
    let d = tmpdir("lint");
    std::fs::create_dir_all(d.join("supabase/migrations")).unwrap();
    std::fs::write(
        d.join("supabase/migrations/20240101000000_init.sql"),
        "create table public.profiles (id uuid primary key);\ncreate table public.notes (id bigint primary key, owner uuid references public.profiles (id));\nalter table public.notes enable row level security;\ncreate policy \"own\" on public.notes using (owner = auth.uid());\n",
    )
    .unwrap();
    let out = pgforge(&d, &["lint", "."]);
    assert_eq!(out.status.code(), Some(1), "an error-level finding fails");
    let err = text(&out.stderr);
    assert!(
        err.contains("error[rls_disabled_in_public]: table `public.profiles`"),
        "{err}"
    );
    assert!(err.contains("warning[auth_rls_initplan]"), "{err}");
    assert!(err.contains("note[unindexed_foreign_keys]"), "{err}");
    assert!(
        err.contains("lint: 3 finding(s): 1 error, 1 warning, 1 info"),
        "{err}"
    );
    let json = pgforge(&d, &["lint", ".", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "rls_disabled_in_public",
            "unindexed_foreign_keys",
            "auth_rls_initplan"
        ]
    );
    let gh = pgforge(&d, &["lint", ".", "--format", "github"]);
    assert!(
        text(&gh.stdout).contains("::error file=supabase/migrations/20240101000000_init.sql,line=1,col=1,title=rls_disabled_in_public::"),
        "{}",
        text(&gh.stdout)
    );
    let sarif = pgforge(&d, &["lint", ".", "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_slice(&sarif.stdout).expect("SARIF is JSON");
    assert_eq!(v["version"], "2.1.0");
    let r = &v["runs"][0]["results"][0];
    assert_eq!(
        (r["ruleId"].as_str(), r["level"].as_str()),
        (Some("rls_disabled_in_public"), Some("error"))
    );
    assert_eq!(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "supabase/migrations/20240101000000_init.sql"
    );
    // `check --lint`: the check's summary, then the same findings and exit status.
    let check = pgforge(&d, &["check", "--lint", "."]);
    assert_eq!(check.status.code(), Some(1));
    let err = text(&check.stderr);
    assert!(
        err.contains("ok: Supabase layout") && err.contains("lint: 3 finding(s): 1 error"),
        "{err}"
    );
    assert_eq!(
        pgforge(&d, &["check", "."]).status.code(),
        Some(0),
        "no lint without --lint"
    );
    std::fs::write(
        d.join("supabase/migrations/20240102000000_rls.sql"),
        "alter table public.profiles enable row level security;\ncreate policy \"self\" on public.profiles using (id = (select auth.uid()));\n",
    )
    .unwrap();
    assert_eq!(
        pgforge(&d, &["lint", "."]).status.code(),
        Some(0),
        "warnings pass by default"
    );
    assert_eq!(
        pgforge(&d, &["lint", ".", "--deny", "warn"]).status.code(),
        Some(1)
    );
}

/// `[lint]` in pgforge.toml changes a rule's level or allows it (everywhere or for one
/// object); `-- pgforge: allow <rule>` allows it for one statement.
#[test]
fn lint_findings_can_be_allowed_or_relevelled() {
    let d = tmpdir("lint-config");
    std::fs::create_dir_all(d.join("supabase/migrations")).unwrap();
    std::fs::write(
        d.join("supabase/migrations/20240101000000_init.sql"),
        "create table public.a (id bigint primary key);\n-- pgforge: allow rls_disabled_in_public\ncreate table public.b (id bigint primary key);\ncreate table public.c (id bigint primary key);\n",
    )
    .unwrap();
    let out = pgforge(&d, &["lint", "."]);
    let err = text(&out.stderr);
    assert!(
        err.contains("table `public.a`") && !err.contains("table `public.b`"),
        "{err}"
    );
    assert!(err.contains("(1 allowed)"), "{err}");
    std::fs::write(
        d.join("pgforge.toml"),
        "[lint]\nallow = [\"rls_disabled_in_public:public.a\"]\nno_primary_key = \"error\"\n",
    )
    .unwrap();
    let err = text(&pgforge(&d, &["lint", "."]).stderr);
    assert!(
        !err.contains("table `public.a`") && err.contains("table `public.c`"),
        "{err}"
    );
    assert!(err.contains("(2 allowed)"), "{err}");
    std::fs::write(
        d.join("pgforge.toml"),
        "[lint]\nrls_disabled_in_public = \"allow\"\n",
    )
    .unwrap();
    let out = pgforge(&d, &["lint", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::write(d.join("pgforge.toml"), "[lint]\nno_such_rule = \"allow\"\n").unwrap();
    let out = pgforge(&d, &["lint", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown rule `no_such_rule`"));
}

/// Migration-safety findings are about statements that change a table an earlier migration
/// created; `[lint] safety_from` leaves out the deployed history before a migration.
#[test]
fn migration_safety_from_a_version_on() {
    let d = tmpdir("lint-safety");
    std::fs::create_dir_all(d.join("migrations")).unwrap();
    let write =
        |name: &str, sql: &str| std::fs::write(d.join("migrations").join(name), sql).unwrap();
    write(
        "001_init.sql",
        "create table t (id bigint primary key, a int);\n",
    );
    write("002_old.sql", "create index t_a on t (a);\n");
    write("003_new.sql", "alter table t add column b text not null;\n");
    let err = text(&pgforge(&d, &["lint", "."]).stderr);
    assert!(
        err.contains("warning[require_concurrent_index_creation]")
            && err.contains("002_old.sql:1:1"),
        "{err}"
    );
    assert!(
        err.contains("warning[adding_required_field]") && err.contains("003_new.sql:1:1"),
        "{err}"
    );
    std::fs::write(d.join("pgforge.toml"), "[lint]\nsafety_from = \"003\"\n").unwrap();
    let out = pgforge(&d, &["lint", "."]);
    let err = text(&out.stderr);
    assert!(
        !err.contains("require_concurrent_index_creation") && err.contains("adding_required_field"),
        "{err}"
    );
    assert!(err.contains("(1 allowed)"), "{err}");
    assert_eq!(out.status.code(), Some(0), "warnings pass by default");
}
