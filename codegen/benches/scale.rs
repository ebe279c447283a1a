//! Benchmark: how each stage grows with the schema. `synthetic_schema(n)` writes a migration
//! of `n` tables (an identity key, a few columns, a foreign key to the table before, an
//! index; every 10th with RLS and a policy; every 20th a view over it), and each stage runs
//! as a whole `pgforge` process on it: `check`, `generate --only typescript`, `--only docs`,
//! `--only rust`, and `generate` of everything. Prints wall time (best of
//! `PGFORGE_BENCH_ITERS`, default 3) and peak RSS per stage and size.
//!
//! `cargo bench -p codegen --bench scale` (sizes: `PGFORGE_SCALE=1000,5000`, default
//! 100,1000,5000). The generated project stays in `target/pgforge-scale/<n>/` to rerun by
//! hand (`pgforge generate target/pgforge-scale/5000`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The synthetic schema of `n` tables, as one migration.
fn synthetic_schema(n: usize) -> String {
    let mut sql = String::with_capacity(n * 300);
    for i in 0..n {
        sql.push_str(&format!(
            "create table public.t{i} (\n  id bigint generated always as identity primary key,\n  name text not null,\n  amount numeric(12, 2),\n  created_at timestamptz not null default now(),\n  note text"
        ));
        if i > 0 {
            sql.push_str(&format!(
                ",\n  parent_id bigint references public.t{} (id)",
                i - 1
            ));
        }
        sql.push_str("\n);\n");
        sql.push_str(&format!(
            "create index t{i}_name_idx on public.t{i} (name);\n"
        ));
        if i % 10 == 0 {
            sql.push_str(&format!(
                "alter table public.t{i} enable row level security;\ncreate policy t{i}_read on public.t{i} for select using (amount > 0);\n"
            ));
        }
        if i % 20 == 0 {
            sql.push_str(&format!(
                "create view public.v{i} as select id, name, amount from public.t{i} where note is not null;\n"
            ));
        }
    }
    sql
}

fn project(n: usize) -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../target/pgforge-scale/{n}"));
    let migrations = dir.join("migrations");
    std::fs::create_dir_all(&migrations).unwrap();
    std::fs::write(migrations.join("0001_schema.sql"), synthetic_schema(n)).unwrap();
    std::fs::write(
        dir.join("pgforge.toml"),
        "[migrations]\npath = \"migrations\"\nsupabase = false\n[output]\ndir = \"out\"\n",
    )
    .unwrap();
    dir
}

/// Wall seconds and peak RSS (KiB) of one `pgforge` process.
#[allow(clippy::zombie_processes)] // reaped by wait4, which also reports its peak RSS
fn run(dir: &Path, args: &[&str]) -> (f64, i64) {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_pgforge"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("pgforge runs");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child, with valid pointers to locals.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed().as_secs_f64();
    assert_eq!(pid, child.id() as libc::pid_t, "waited for pgforge");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "pgforge {args:?} failed in {}",
        dir.display()
    );
    (elapsed, usage.ru_maxrss)
}

fn main() {
    let sizes: Vec<usize> = std::env::var("PGFORGE_SCALE")
        .unwrap_or_else(|_| "100,1000,5000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let iters: usize = std::env::var("PGFORGE_BENCH_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let stages: [(&str, &[&str]); 5] = [
        ("check", &["check", "--color", "never"]),
        ("typescript", &["generate", "--only", "typescript"]),
        ("docs", &["generate", "--only", "docs"]),
        ("rust", &["generate", "--only", "rust"]),
        ("all", &["generate"]),
    ];
    println!(
        "{:>7} {:>9} {:>12} {:>12} {:>12}",
        "tables", "SQL KiB", "stage", "best s", "peak MiB"
    );
    for n in sizes {
        let dir = project(n);
        let kib = synthetic_schema(n).len() / 1024;
        for (stage, args) in stages {
            let _ = std::fs::remove_dir_all(dir.join("out"));
            let mut best = f64::MAX;
            let mut peak = 0;
            for _ in 0..iters {
                // Each run writes everything anew, as a first run does.
                let _ = std::fs::remove_dir_all(dir.join("out"));
                let (s, rss) = run(&dir, args);
                best = best.min(s);
                peak = peak.max(rss);
            }
            println!(
                "{n:>7} {kib:>9} {stage:>12} {best:>12.3} {:>12.1}",
                peak as f64 / 1024.0
            );
        }
    }
}
