//! The last test binary of `cargo test --workspace`: prints which tests of this run were
//! skipped and why (each skip is recorded by `test_summary::skip`), or that none was, and
//! how to run them. Its output is not captured (no test harness), so it closes the run's
//! output. It fails nothing: a skip is not a failure unless a `PGFORGE_REQUIRE_*` says so,
//! and then the skipping test itself has already failed.

fn main() {
    let record = test_summary::record_file();
    let text = std::fs::read_to_string(&record).unwrap_or_default();
    let _ = std::fs::remove_file(&record);
    let mut skipped: Vec<&str> = text.lines().collect();
    skipped.sort_unstable();
    skipped.dedup();
    println!("\n== pgforge test summary");
    if skipped.is_empty() {
        println!("every test ran: nothing was skipped");
        return;
    }
    println!(
        "{} test(s) skipped, each for a missing part:",
        skipped.len()
    );
    for line in skipped {
        println!("  {line}");
    }
    println!(
        "`scripts/test` installs what they need (PostgreSQL 18.6 with pgvector, the npm packages) and runs them all."
    );
}
