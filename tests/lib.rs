//! Shared helpers for the integration tests: where the shared corpus is, and golden files
//! that `UPDATE_EXPECT=1 cargo test` rewrites (a normal run only compares).

pub mod ts_parity;

use std::path::{Path, PathBuf};

/// The options each corpus case (and the example) is built with, with the reasons.
pub fn case_options(case: &str) -> schema::Options {
    // Supabase projects reference auth.users, auth.uid(), storage.* — the built-ins.
    let supabase = matches!(case, "example" | "chatbot-ui" | "basejump" | "supabase-slack-clone" | "supabase-auth" | "supabase-storage");
    let mut preludes = vec![];
    if case == "supabase-storage" {
        // Supabase runs storage's migrations as supabase_storage_admin, whose role sets
        // `search_path = storage, public, extensions`; the files rely on it (unqualified
        // iceberg_* tables).
        preludes.push(("<storage role search_path>".to_string(), "SET search_path TO storage, public, extensions;".to_string()));
    }
    schema::Options { supabase: Some(supabase), preludes }
}

/// Compare generated files with a golden directory (`tests/<base>/<name>/`), or rewrite it
/// with `UPDATE_EXPECT=1`.
pub fn golden_dir(base: &str, name: &str, files: &[codegen::output::OutputFile]) {
    let out = codegen::output::Output { dir: name.into(), files: files.to_vec(), exclusive: true };
    let base = root().join("tests").join(base);
    if std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v != "0") {
        codegen::output::write(&base, &out).expect("write golden directory");
        return;
    }
    let diffs = codegen::output::differences(&base, &out);
    let shown: Vec<String> = diffs.iter().map(|d| d.diff.clone()).collect();
    assert!(diffs.is_empty(), "output for {name} differs from the golden files (UPDATE_EXPECT=1 to accept):\n{}", shown.join("\n"));
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_path_buf()
}

/// The real-world corpus: `$PGFORGE_CORPUS`, else `../shared/corpus` beside the workspace.
/// `None` (with a note on stderr) when it is absent and `PGFORGE_REQUIRE_CORPUS` is unset;
/// with `PGFORGE_REQUIRE_CORPUS=1` (as in CI) an absent corpus fails the test.
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("PGFORGE_CORPUS").map(PathBuf::from).unwrap_or_else(|| root().join("../shared/corpus"));
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("PGFORGE_REQUIRE_CORPUS").is_some_and(|v| v != "0") {
        panic!("corpus not found at {} and PGFORGE_REQUIRE_CORPUS is set", dir.display());
    }
    eprintln!("SKIPPED: corpus not found at {} (set PGFORGE_CORPUS to point at it)", dir.display());
    None
}

/// Compare `actual` with the golden file at `path` (relative to tests/), or rewrite it when
/// `UPDATE_EXPECT=1`. Panics with a line diff when they differ.
pub fn golden(path: &str, actual: &str) {
    let file = root().join("tests").join(path);
    if std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v != "0") {
        std::fs::create_dir_all(file.parent().expect("has a parent")).expect("create golden dir");
        std::fs::write(&file, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&file)
        .unwrap_or_else(|_| panic!("golden file {} is missing; run `UPDATE_EXPECT=1 cargo test` to create it", file.display()));
    if expected != actual {
        let mut diff = String::new();
        let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
        for i in 0..e.len().max(a.len()) {
            match (e.get(i), a.get(i)) {
                (Some(x), Some(y)) if x == y => {}
                (x, y) => {
                    if let Some(x) = x {
                        diff.push_str(&format!("-{x}\n"));
                    }
                    if let Some(y) = y {
                        diff.push_str(&format!("+{y}\n"));
                    }
                }
            }
        }
        panic!("{} is stale (rerun with UPDATE_EXPECT=1 if the change is intended):\n{diff}", file.display());
    }
}

/// One `#[test]` per shared-corpus case, each calling `$run("<case>")`.
#[macro_export]
macro_rules! corpus_tests {
    ($run:path) => {
        #[test]
        fn basejump() {
            $run("basejump")
        }
        #[test]
        fn chatbot_ui() {
            $run("chatbot-ui")
        }
        #[test]
        fn pagila() {
            $run("pagila")
        }
        #[test]
        fn postgres_meta_testdb() {
            $run("postgres-meta-testdb")
        }
        #[test]
        fn postgrest_spec_fixtures() {
            $run("postgrest-spec-fixtures")
        }
        #[test]
        fn supabase_auth() {
            $run("supabase-auth")
        }
        #[test]
        fn supabase_slack_clone() {
            $run("supabase-slack-clone")
        }
        #[test]
        fn supabase_storage() {
            $run("supabase-storage")
        }
    };
}

static CLUSTER: std::sync::OnceLock<Option<codegen::verify::cluster::Cluster>> = std::sync::OnceLock::new();

/// The one throwaway PostgreSQL cluster of a test process, stopped by its watchdog when the
/// process exits. Server: `$PGFORGE_PG_BIN`, else the newest `/usr/lib/postgresql/*/bin`.
/// Without one: `None` (the caller prints SKIPPED), unless `PGFORGE_REQUIRE_PG=1`.
pub fn pg_cluster() -> Option<&'static codegen::verify::cluster::Cluster> {
    CLUSTER
        .get_or_init(|| {
            let Some(bin) = codegen::verify::cluster::find_bin_dir() else {
                if std::env::var_os("PGFORGE_REQUIRE_PG").is_some_and(|v| v != "0") {
                    panic!("no PostgreSQL server binaries and PGFORGE_REQUIRE_PG is set");
                }
                eprintln!("SKIPPED: no PostgreSQL server binaries (set PGFORGE_PG_BIN)");
                return None;
            };
            Some(codegen::verify::cluster::Cluster::start(&bin).unwrap_or_else(|e| panic!("cannot start PostgreSQL from {}: {e}", bin.display())))
        })
        .as_ref()
}
