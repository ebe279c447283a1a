//! Benchmark: `pgforge check` (the whole process) on a project with one query file of 200
//! queries over the example schema: the 50 queries of `schema/queries/` and
//! `tests/fixtures/queries/sqlc.sql`, repeated under new names; then the same project without
//! the query file, so the difference is what checking the queries costs. Median of
//! `PGFORGE_BENCH_ITERS` runs (default 5). Goal: under 1 s. Run with
//! `cargo bench -p codegen --bench queries`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The statements of a query file as written (sqlc's parameters kept), each with its name
/// and command, read as `check` reads them.
fn queries_of(text: &str) -> Vec<(String, &'static str, String)> {
    let (annotated, _) = schema::queries::file::read(schema::span::FileId(0), text);
    annotated
        .into_iter()
        .map(|a| {
            (
                a.name,
                a.command.sqlc_name(),
                text[a.span.range()].to_string(),
            )
        })
        .collect()
}

fn project(repo: &Path, with_queries: bool) -> PathBuf {
    let dir = repo.join(format!("target/pgforge-queries-bench/{with_queries}"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut toml = format!(
        "[migrations]\npath = \"{}\"\nsupabase = true\n",
        repo.join("schema/migrations").display()
    );
    if with_queries {
        let mut all = vec![];
        for f in [
            "schema/queries/tenants.sql",
            "schema/queries/conversations.sql",
            "tests/fixtures/queries/sqlc.sql",
        ] {
            all.extend(queries_of(&std::fs::read_to_string(repo.join(f)).unwrap()));
        }
        let mut file = String::new();
        for i in 0..200 {
            let (name, cmd, body) = &all[i % all.len()];
            file.push_str(&format!("-- name: {name}{i} :{cmd}\n{body};\n\n"));
        }
        std::fs::write(dir.join("queries.sql"), file).unwrap();
        toml.push_str("[queries]\npaths = [\"queries.sql\"]\n");
    }
    std::fs::write(dir.join("pgforge.toml"), toml).unwrap();
    dir
}

fn check(dir: &Path) -> f64 {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_pgforge"))
        .args(["check", "--color", "never"])
        .current_dir(dir)
        .output()
        .expect("run pgforge");
    let took = start.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let iters: usize = std::env::var("PGFORGE_BENCH_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let with = project(&repo, true);
    let without = project(&repo, false);
    let a = median((0..iters).map(|_| check(&with)).collect());
    let b = median((0..iters).map(|_| check(&without)).collect());
    println!(
        "pgforge check, 200 queries: {:.0} ms; without them: {:.0} ms; the queries cost {:.0} ms (goal: the whole process under 1 s)",
        a * 1000.0,
        b * 1000.0,
        (a - b) * 1000.0
    );
}
