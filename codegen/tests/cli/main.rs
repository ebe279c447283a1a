//! The `pgforge` binary as a user runs it: exit codes, diagnostics on stderr, no colour when
//! not on a terminal, and bad input (missing paths, invalid UTF-8, a broken config). One
//! test binary, a module per command.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pgforge(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pgforge"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run pgforge")
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pgforge-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// `verify` needs PostgreSQL server binaries: skipped without them unless PGFORGE_REQUIRE_PG.
fn have_postgres() -> bool {
    if codegen::verify::cluster::find_bin_dir().is_some() {
        return true;
    }
    assert!(
        std::env::var_os("PGFORGE_REQUIRE_PG").is_none_or(|v| v == "0"),
        "no PostgreSQL binaries and PGFORGE_REQUIRE_PG is set"
    );
    let thread = std::thread::current();
    test_summary::skip(
        thread.name().unwrap_or("a cli test"),
        "no PostgreSQL server binaries",
    );
    false
}

mod check;
mod generate;
mod lint;
mod project;
mod verify;
