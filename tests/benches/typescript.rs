//! TypeScript: pgforge (migrations → `database.types.ts`, no database) beside the real
//! Supabase generator (apply the migrations to a throwaway PostgreSQL, then introspect and
//! generate with the pinned `@supabase/postgrest-typegen` under Node), measured in one run,
//! with the share of identical lines.
//!
//! ```text
//! cargo bench -p integration-tests --bench typescript                  # every case
//! cargo bench -p integration-tests --bench typescript -- path/to/supabase/migrations [public,app]
//! ```
//! With a path it compares your project (Supabase built-ins on) and prints the diff. Needs
//! PostgreSQL server binaries (`PGFORGE_PG_BIN` or PATH) and `npm ci` in tests/js.

use integration_tests::ts_parity::{self, parity, real_generator};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

struct Case {
    label: String,
    path: PathBuf,
    options: schema::Options,
    schemas: Vec<String>,
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let cases: Vec<Case> = match args.first() {
        Some(path) => vec![Case {
            label: path.clone(),
            path: PathBuf::from(path),
            options: schema::Options {
                supabase: Some(true),
                ..Default::default()
            },
            schemas: args
                .get(1)
                .map(|s| s.split(',').map(str::to_string).collect())
                .unwrap_or_else(|| vec!["public".into()]),
        }],
        None => ts_parity::cases()
            .iter()
            .filter_map(|c| {
                Some(Case {
                    label: c.to_string(),
                    path: ts_parity::case_path(c)?,
                    options: integration_tests::case_options(c),
                    schemas: ts_parity::schemas(c),
                })
            })
            .collect(),
    };
    if ts_parity::node_modules().is_none() {
        eprintln!("needs tests/js/node_modules: run `npm ci` in tests/js");
        std::process::exit(2);
    }
    let Some(bin) = codegen::verify::cluster::find_bin_dir() else {
        eprintln!("needs PostgreSQL server binaries: set PGFORGE_PG_BIN");
        std::process::exit(2);
    };
    let cluster = codegen::verify::cluster::Cluster::start(&bin).expect("a throwaway PostgreSQL");
    println!(
        "{:<24} {:>12} {:>10} {:>12} {:>10} {:>8}  parity",
        "case", "pgforge ms", "apply ms", "typegen ms", "real ms", "speedup"
    );
    let mut total = (Duration::ZERO, Duration::ZERO);
    for (i, c) in cases.iter().enumerate() {
        // pgforge: best of 5 whole runs (load, parse, replay, emit).
        let mut ours = Err(String::new());
        let mut best = Duration::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            ours = ts_parity::pgforge(&c.path, &c.options, &c.schemas);
            best = best.min(t.elapsed());
        }
        let ours = match ours {
            Ok(o) => o,
            Err(e) => {
                println!("{:<24} pgforge reports errors:\n{e}", c.label);
                continue;
            }
        };
        // The real thing: apply to a fresh database, then introspect + generate.
        let t = Instant::now();
        let b = schema::build_path(&c.path, &c.options);
        let db = match codegen::verify::applied(&b, &cluster, &format!("bench_ts_{i}")) {
            Ok(db) => db,
            Err(e) => {
                println!("{:<24} does not apply to PostgreSQL: {e}", c.label);
                continue;
            }
        };
        let apply = t.elapsed();
        let t = Instant::now();
        let real = real_generator(db.conn.uri(), &c.schemas).expect("the real generator runs");
        let typegen = t.elapsed();
        let p = parity(&c.label, &real, &ours);
        let real_total = apply + typegen;
        total.0 += best;
        total.1 += real_total;
        println!(
            "{:<24} {:>12} {:>10} {:>12} {:>10} {:>7.0}x  {p}",
            c.label,
            ms(best),
            ms(apply),
            ms(typegen),
            ms(real_total),
            real_total.as_secs_f64() / best.as_secs_f64()
        );
        if !args.is_empty() && !p.identical {
            println!("{}", p.diff);
        }
    }
    println!(
        "{:<24} {:>12} {:>10} {:>12} {:>10} {:>7.0}x",
        "total",
        ms(total.0),
        "",
        "",
        ms(total.1),
        total.1.as_secs_f64() / total.0.as_secs_f64().max(1e-9)
    );
}
