//! `pgforge lint`: rule names, formats, `--deny` and `[lint]` settings.

use super::*;

/// `pgforge lint`: the advisor's rule names, the three formats, exit status by `--deny`.
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
