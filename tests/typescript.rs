//! The target of the TypeScript issue, measured: the real Supabase generator
//! (`@supabase/postgrest-typegen`, pinned in `tests/js/package-lock.json`, run by
//! `tests/js/supabase-typegen.mjs` with the Supabase CLI's defaults) on each Supabase-style case
//! applied to a throwaway PostgreSQL. Its output is kept as golden files
//! (`tests/fixtures/typescript/<case>/expected.ts`), so a change in the real generator or in how
//! a case applies shows in review, and each file must pass `tsc --strict --noEmit`.
//! pgforge's TypeScript for the same migrations (no database) must equal it byte for byte;
//! each case prints `PARITY <case>: <identical>/<total> lines` and the diff when it differs.
//!
//! Needs `tests/js/node_modules` (`npm ci`) and a PostgreSQL server; without them the test
//! prints SKIPPED, unless `PGFORGE_REQUIRE_NODE=1` (set by `.ci/run`).

use integration_tests::ts_parity::{
    case_path, case_pgforge, cases, expected_path, parity, real_generator, schemas,
};
use integration_tests::{case_options, check_each, expect_file, root};
use std::process::Command;

fn node_modules() -> Option<std::path::PathBuf> {
    let js = integration_tests::ts_parity::node_modules();
    if js.is_none() {
        if std::env::var_os("PGFORGE_REQUIRE_NODE").is_some_and(|v| v != "0") {
            panic!("PGFORGE_REQUIRE_NODE is set but tests/js/node_modules lacks the npm packages (npm ci in tests/js)");
        }
        integration_tests::skip("needs tests/js/node_modules (npm ci in tests/js)");
    }
    js
}

/// The real generator's output for a case, or `None` when something needed is missing.
fn real_for_case(case: &str) -> Option<String> {
    node_modules()?;
    // The golden files are the generator's output on PostgreSQL 18 (identity columns of
    // partitions and extension versions differ on older servers): another major cannot
    // renew them, and the golden file stands in for the live output.
    let major = integration_tests::pg_cluster()?.major_version();
    if major != Some(18) {
        integration_tests::skip(&format!(
            "{case}: the real generator's output is recorded on PostgreSQL 18, this server is {}",
            major.map_or("of unknown version".into(), |m| m.to_string())
        ));
        return None;
    }
    let b = schema::build_path(&case_path(case)?, &case_options(case));
    let db = integration_tests::applied(&b, &format!("ts_{}", case.replace('-', "_")))?;
    Some(real_generator(db.conn.uri(), &schemas(case)).unwrap_or_else(|e| panic!("{case}: {e}")))
}

/// `tsc --strict --noEmit` on `database.types.ts` (and a usage file beside it, if given), in
/// a directory under tests/js so that `@supabase/supabase-js` resolves from node_modules.
fn tsc_strict(label: &str, ts: &str, usage: Option<&str>) {
    let dir = root().join(format!("tests/js/.tsc-{label}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("database.types.ts"), ts).unwrap();
    let mut files = vec!["database.types.ts"];
    if let Some(u) = usage {
        std::fs::write(dir.join("usage.ts"), u).unwrap();
        files.push("usage.ts");
    }
    let out = Command::new(root().join("tests/js/node_modules/.bin/tsc"))
        .current_dir(&dir)
        .args([
            "--strict",
            "--noEmit",
            "--skipLibCheck",
            "--target",
            "es2022",
            "--module",
            "esnext",
            "--moduleResolution",
            "bundler",
        ])
        .args(&files)
        .output()
        .expect("run tsc");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{label}: tsc --strict refuses it:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn case(name: &str) {
    let golden_path = expected_path(name);
    // The real generator's output: fresh when Node and PostgreSQL are here (and then kept as
    // the golden file), else the golden file it produced last.
    let real = match real_for_case(name) {
        Some(ts) => {
            assert!(
                ts.starts_with("export type Json ="),
                "{name}: unexpected start:\n{}",
                &ts[..ts.len().min(200)]
            );
            tsc_strict(&format!("supabase-{name}"), &ts, None);
            expect_file(&golden_path, &ts);
            ts
        }
        None => std::fs::read_to_string(&golden_path).expect("golden output of the real generator"),
    };
    let Some(ours) = case_pgforge(name) else {
        return;
    };
    let ours = ours.unwrap_or_else(|e| panic!("{name}: {e}"));
    if node_modules().is_some() {
        // pgforge's own file compiles, and for the example, so does a front end using it
        // through the real supabase-js client.
        let usage = (name == "example").then(|| {
            std::fs::read_to_string(root().join("tests/js/usage/example.ts")).expect("usage file")
        });
        tsc_strict(&format!("pgforge-{name}"), &ours, usage.as_deref());
    }
    let p = parity(name, &real, &ours);
    eprintln!("PARITY {name}: {p}\n{}", p.diff);
    assert!(
        p.identical,
        "{name}: pgforge's TypeScript differs from the real generator's:\n{}",
        p.diff
    );
}

/// Every case of `tests/fixtures/typescript/`.
#[test]
fn typescript_matches_the_real_generator() {
    check_each(&cases(), |c| c.clone(), |c| case(c));
}

/// `[typescript] nullability = "inferred"`: the only change from the default (Supabase's own
/// output) is `| null` dropped from view columns pgforge proves NOT NULL, and the file still
/// compiles under `tsc --strict` with the example's front end.
#[test]
fn inferred_nullability_only_drops_null_from_proven_view_columns() {
    let b = schema::build_path(
        &root().join("schema/migrations"),
        &schema::Options::default(),
    );
    let opts = |inferred| codegen::typescript::Options {
        schemas: vec!["public".into()],
        inferred_nullability: inferred,
    };
    let plain = codegen::typescript::emit_typescript(&b.schema, &opts(false));
    let inferred = codegen::typescript::emit_typescript(&b.schema, &opts(true));
    let proven: Vec<String> = b.schema.schemas["public"]
        .views
        .values()
        .flat_map(|v| {
            v.columns
                .iter()
                .filter(|c| c.not_null)
                .map(|c| c.name.clone())
        })
        .collect();
    assert!(
        proven.iter().any(|c| c == "message_count"),
        "the example proves count(m.id) NOT NULL"
    );
    let (a, b_lines): (Vec<&str>, Vec<&str>) =
        (plain.lines().collect(), inferred.lines().collect());
    assert_eq!(a.len(), b_lines.len());
    let mut dropped = 0;
    for (x, y) in a.iter().zip(&b_lines) {
        if x != y {
            let name = y
                .trim()
                .split(':')
                .next()
                .unwrap_or_default()
                .trim_end_matches('?');
            assert_eq!(x.replace(" | null", ""), *y, "only `| null` may go");
            assert!(
                proven.iter().any(|c| c == name),
                "{name} is not proven NOT NULL"
            );
            dropped += 1;
        }
    }
    assert!(dropped > 0, "nothing changed");
    if node_modules().is_some() {
        let usage =
            std::fs::read_to_string(root().join("tests/js/usage/example.ts")).expect("usage file");
        tsc_strict("pgforge-inferred", &inferred, Some(&usage));
    }
}
