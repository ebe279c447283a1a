//! Benchmark: time to emit Rust and Markdown docs for each corpus case and for the whole
//! corpus, from an already built model (`cargo bench -p schema` measures building it).
//! Run with `cargo bench -p codegen`.

use codegen::docs::{render_docs, DocsOptions};
use codegen::rust::{emit_rust, Drivers, Options as RustOptions, TypeMap};
use schema::{build_path, Options};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let corpus = std::env::var_os("PGFORGE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"));
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .expect("the corpus (set PGFORGE_CORPUS)")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases.insert(
        0,
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/migrations"),
    );
    let iters: u32 = std::env::var("PGFORGE_BENCH_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    println!(
        "{:<26} {:>12} {:>12} {:>14}",
        "case", "rust ms/run", "docs ms/run", "rust lines"
    );
    let (mut tr, mut td) = (0f64, 0f64);
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let b = build_path(
            case,
            &Options {
                supabase: Some(true),
                ..Default::default()
            },
        );
        let map = RustOptions {
            types: TypeMap::default(),
            drivers: Drivers::features(),
            queries: vec![],
        };
        let start = Instant::now();
        let mut lines = 0;
        for _ in 0..iters {
            let (files, _) = emit_rust(&b.schema, &map, "//");
            lines = files.iter().map(|f| f.contents.lines().count()).sum();
        }
        let r = start.elapsed().as_secs_f64() / iters as f64;
        let opts = DocsOptions {
            header: String::new(),
            relative_to: None,
        };
        let start = Instant::now();
        for _ in 0..iters {
            std::hint::black_box(render_docs(&b.schema, &opts));
        }
        let d = start.elapsed().as_secs_f64() / iters as f64;
        tr += r;
        td += d;
        println!(
            "{:<26} {:>12.2} {:>12.2} {:>14}",
            if name == "migrations" {
                "example".to_string()
            } else {
                name
            },
            r * 1e3,
            d * 1e3,
            lines
        );
    }
    println!(
        "{:<26} {:>12.2} {:>12.2}",
        "all of the above",
        tr * 1e3,
        td * 1e3
    );

    // A build script run when nothing changed: hash the inputs, find them unchanged, replay
    // the recorded output lines. And one whose record is gone (a changed setting, say): load,
    // replay, emit both drivers, compare, write nothing.
    let out = std::env::temp_dir().join(format!("pgforge-bench-buildrs-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schema/migrations");
    let config = || {
        codegen::build::Config::default()
            .migrations(&example)
            .supabase(true)
            .rust_column("public.messages.search", "skip")
            .driver(codegen::build::Driver::Sqlx)
            .driver(codegen::build::Driver::TokioPostgres)
            .out_dir(&out)
    };
    config().compile().expect("the example compiles");
    let start = Instant::now();
    for _ in 0..iters {
        config().compile().expect("the example compiles");
    }
    let per = start.elapsed().as_secs_f64() / iters as f64;
    println!("build.rs run with unchanged migrations (example, both drivers): {:.1} ms (goal: under 50 ms)", per * 1e3);
    let start = Instant::now();
    for _ in 0..iters {
        std::fs::remove_file(out.join("pgforge.rs.inputs")).expect("the run left its record");
        config().compile().expect("the example compiles");
    }
    let per = start.elapsed().as_secs_f64() / iters as f64;
    println!(
        "build.rs run that regenerates (example, both drivers, output unchanged): {:.1} ms",
        per * 1e3
    );
    let _ = std::fs::remove_dir_all(&out);
}
