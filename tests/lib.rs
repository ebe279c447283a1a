//! Shared helpers for the integration tests: one recipe for every target.
//!
//! - Fixture cases are directories: `tests/fixtures/<target>/<case>/` holds the input
//!   (`input.sql`, or migration files) and the expected output beside it (`expected.txt`,
//!   `expected.rs`, `expected.ts` or an `expected/` directory). `cases(target)` lists them.
//! - `expect_file` / `expect_dir` compare with the expected output and show a unified diff;
//!   `UPDATE_EXPECT=1 cargo test` rewrites it instead (a normal run never does).
//! - Corpus cases are discovered from `../shared/corpus/manifest.json` (`corpus_cases`);
//!   `case_options` is the one table of what a case needs (Supabase, a prelude).
//! - `skip` says, past cargo's output capture, which test did not run and why.

pub mod fuzz;
pub mod ts_parity;

pub mod nulls;

use std::path::{Path, PathBuf};

/// The options each corpus case (and the example) is built with, with the reasons.
pub fn case_options(case: &str) -> schema::Options {
    // Supabase projects reference auth.users, auth.uid(), storage.* — the built-ins.
    let supabase = matches!(
        case,
        "example"
            | "chatbot-ui"
            | "basejump"
            | "supabase-slack-clone"
            | "supabase-auth"
            | "supabase-storage"
            | "atomic-crm-supabase"
            // The TypeScript fixture of a default Supabase project (supabase/config.toml).
            | "supabase_default"
    );
    let mut preludes = vec![];
    if case == "supabase-storage" {
        // Supabase runs storage's migrations as supabase_storage_admin, whose role sets
        // `search_path = storage, public, extensions`; the files rely on it (unqualified
        // iceberg_* tables).
        preludes.push((
            "<storage role search_path>".to_string(),
            "SET search_path TO storage, public, extensions;".to_string(),
        ));
    }
    schema::Options {
        supabase: Some(supabase),
        preludes,
        ..Default::default()
    }
}

/// Corpus cases on which pgforge reports errors today although PostgreSQL applies them:
/// `tests/corpus.rs` asserts they still do (their expected output lists the errors), and the
/// targets that need an error-free model (Rust, docs, verify, …) skip them with a SKIPPED line.
// A case goes in KNOWN_ERRORS only with the issue that fixes it; it leaves when it loads.
pub fn known_errors(case: &str) -> bool {
    // None today: every corpus case loads without errors.
    KNOWN_ERRORS.contains(&case)
}

const KNOWN_ERRORS: &[&str] = &[];

/// The corpus cases a target can run on: every case in the manifest but `known_errors` ones,
/// which it names in a SKIPPED line.
pub fn corpus_cases_without_errors() -> Vec<String> {
    let (ok, failing): (Vec<String>, Vec<String>) =
        corpus_cases().into_iter().partition(|c| !known_errors(c));
    if !failing.is_empty() {
        skip(&format!(
            "corpus cases with known false errors: {}",
            failing.join(", ")
        ));
    }
    ok
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_path_buf()
}

fn bless() -> bool {
    std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v != "0")
}

/// The case directories of a target (`tests/fixtures/<target>/*/`), sorted by name.
pub fn cases(target: &str) -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures").join(target);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

/// A case directory's name.
pub fn case_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A unified diff from `expected` to `actual`, with file headers.
pub fn unified_diff(label: &str, expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .header(&format!("expected/{label}"), &format!("actual/{label}"))
        .to_string()
}

/// Compare `actual` with the expected file at `path`, or rewrite it when `UPDATE_EXPECT=1`.
/// Panics with a unified diff when they differ.
pub fn expect_file(path: &Path, actual: &str) {
    if bless() {
        std::fs::create_dir_all(path.parent().expect("a file has a parent"))
            .expect("create the expected file's directory");
        std::fs::write(path, actual).expect("write the expected file");
        return;
    }
    let shown = path
        .strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string();
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!("{shown} is missing; run `UPDATE_EXPECT=1 cargo test` to create it")
    });
    if expected != actual {
        panic!(
            "{shown} differs (rerun with UPDATE_EXPECT=1 if the change is intended):\n{}",
            unified_diff(&shown, &expected, actual)
        );
    }
}

/// Compare generated files with an expected directory, or rewrite it when `UPDATE_EXPECT=1`
/// (files no longer generated are removed then, and reported as orphans otherwise).
pub fn expect_dir(dir: &Path, files: &[codegen::output::OutputFile]) {
    let (base, name) = (
        dir.parent().expect("a directory has a parent"),
        dir.file_name().expect("a directory has a name"),
    );
    let out = codegen::output::Output {
        dir: name.into(),
        files: files.to_vec(),
        exclusive: true,
    };
    if bless() {
        codegen::output::write(base, &out).expect("write the expected directory");
        return;
    }
    let diffs = codegen::output::differences(base, &out);
    let shown: Vec<String> = diffs.iter().map(|d| d.diff.clone()).collect();
    assert!(
        diffs.is_empty(),
        "output differs from {} (UPDATE_EXPECT=1 to accept):\n{}",
        dir.display(),
        shown.join("\n")
    );
}

/// Run `check` on every case (in parallel, two at a time), then fail once with every case
/// that failed and its message, so one broken case does not hide the others.
pub fn check_each<T: Sync>(
    cases: &[T],
    label: impl Fn(&T) -> String + Sync,
    check: impl Fn(&T) + Sync,
) {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::<String>::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    // Workers carry the test's name, so their SKIPPED lines say which test they belong to.
    let test = std::thread::current().name().unwrap_or("test").to_string();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let worker = std::thread::Builder::new().name(test.clone());
            let spawned = worker.spawn_scoped(s, || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(case) = cases.get(i) else { break };
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(case)));
                if let Err(e) = result {
                    let msg = e
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    failures
                        .lock()
                        .expect("no panic while holding the lock")
                        .push(format!("--- {}\n{msg}", label(case)));
                }
            });
            spawned.expect("a worker thread starts");
        }
    });
    let failures = failures.into_inner().expect("threads are done");
    assert!(
        failures.is_empty(),
        "{} of {} case(s) failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Say that a test did not run, and why: on stderr and in the closing summary of the run.
pub fn skip(why: &str) {
    let thread = std::thread::current();
    test_summary::skip(thread.name().unwrap_or("a test"), why);
}

/// The real-world corpus: `$PGFORGE_CORPUS`, else `../shared/corpus` beside the workspace.
/// `None` (with a SKIPPED line) when it is absent and `PGFORGE_REQUIRE_CORPUS` is unset;
/// with `PGFORGE_REQUIRE_CORPUS=1` (as in CI) an absent corpus fails the test.
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("PGFORGE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/corpus"));
    if dir.join("manifest.json").is_file() {
        return Some(dir);
    }
    if std::env::var_os("PGFORGE_REQUIRE_CORPUS").is_some_and(|v| v != "0") {
        panic!(
            "corpus not found at {} and PGFORGE_REQUIRE_CORPUS is set",
            dir.display()
        );
    }
    skip(&format!(
        "corpus not found at {} (set PGFORGE_CORPUS to point at it)",
        dir.display()
    ));
    None
}

/// The corpus cases named by its `manifest.json`, in name order (empty without a corpus).
/// A new case in the corpus needs no code change here.
pub fn corpus_cases() -> Vec<String> {
    let Some(dir) = corpus() else {
        return vec![];
    };
    let path = dir.join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let manifest: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut names: Vec<String> = manifest
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    names.sort();
    names
}

static CLUSTER: std::sync::OnceLock<Option<codegen::verify::cluster::Cluster>> =
    std::sync::OnceLock::new();

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
                skip("no PostgreSQL server binaries (set PGFORGE_PG_BIN, or run the tests through .ci/run)");
                return None;
            };
            Some(
                codegen::verify::cluster::Cluster::start(&bin).unwrap_or_else(|e| {
                    panic!("cannot start PostgreSQL from {}: {e}", bin.display())
                }),
            )
        })
        .as_ref()
}

/// `b` applied to a new database of the test cluster. `None` (SKIPPED) without a server, or
/// when the server lacks an extension the migrations create (Debian's PostgreSQL has no
/// pgvector) and `PGFORGE_REQUIRE_PG` is unset; any other refusal fails the test.
pub fn applied(b: &schema::Build, label: &str) -> Option<codegen::verify::Scratch> {
    let cluster = pg_cluster()?;
    match codegen::verify::applied(b, cluster, label) {
        Ok(db) => Some(db),
        Err(e) if e.contains("is not available") && !required("PGFORGE_REQUIRE_PG") => {
            let line = e
                .lines()
                .find(|l| l.contains("is not available"))
                .unwrap_or(&e);
            let missing = line.split("; DETAIL").next().unwrap_or(line);
            skip(&format!(
                "this PostgreSQL lacks an extension {label} needs: {missing}"
            ));
            None
        }
        Err(e) => panic!("{label} does not apply: {e}"),
    }
}

/// Whether the environment variable `var` (a `PGFORGE_REQUIRE_*`) is set to something but 0.
pub fn required(var: &str) -> bool {
    std::env::var_os(var).is_some_and(|v| v != "0")
}

/// The strings of a JSON array (`pg_prepared_statements`' type lists); none for anything else.
pub fn json_strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(String::from))
        .collect()
}
