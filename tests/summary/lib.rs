//! Where a skipped test records itself, so the summary at the end of the run can list it.
//!
//! Every test binary of one `cargo test` is a child of the same cargo process, so the record
//! is keyed by the parent's process id: one file per run, in the temporary directory.

use std::io::Write;
use std::path::PathBuf;

/// The record of the `cargo test` run this process belongs to.
pub fn record_file() -> PathBuf {
    let run = std::os::unix::process::parent_id();
    std::env::temp_dir().join(format!("pgforge-test-skips-{run}"))
}

/// Say that a test did not run, and why: on stderr at once (past cargo's capture of passing
/// tests' output), and in the run's record for the closing summary.
pub fn skip(test: &str, why: &str) {
    let line = format!("SKIPPED {test}: {why}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
    let record = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(record_file());
    if let Ok(mut f) = record {
        let _ = f.write_all(line.as_bytes());
    }
}
