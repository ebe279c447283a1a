//! Benchmark: load + split + parse + replay over the whole shared corpus, in MB/s, and the
//! peak heap while doing it, as a multiple of the input size; and each case again without
//! the query analyzer (`Options::skip_query_analyzer`), for what the analyzer adds. Run with
//! `cargo bench -p schema`. Goals (2-core machine): at least 15 MB/s; peak heap under 20× the
//! input; the analyzer adds at most 20% to the whole corpus.

use schema::{build_path, Options};
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

/// Counts live heap bytes and remembers the peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            if new > l.size() {
                let now = LIVE.fetch_add(new - l.size(), Relaxed) + new - l.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn options(case: &str) -> Options {
    // The same settings as `case_options` in tests/lib.rs.
    let supabase = matches!(
        case,
        "chatbot-ui"
            | "basejump"
            | "supabase-slack-clone"
            | "supabase-auth"
            | "supabase-storage"
            | "atomic-crm-supabase"
    );
    let preludes = if case == "supabase-storage" {
        vec![(
            "<storage role search_path>".to_string(),
            "SET search_path TO storage, public, extensions;".to_string(),
        )]
    } else {
        vec![]
    };
    Options {
        supabase: Some(supabase),
        preludes,
        ..Default::default()
    }
}

/// The bytes of every file under `p` (the layouts nest: Prisma folders, supabase/migrations).
fn dir_bytes(p: &std::path::Path) -> u64 {
    std::fs::read_dir(p)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| match e.file_type() {
                    Ok(t) if t.is_dir() => dir_bytes(&e.path()),
                    _ => e.metadata().map(|m| m.len()).unwrap_or(0),
                })
                .sum()
        })
        .unwrap_or(0)
}

fn main() {
    // A child of `fresh_processes`: one build, as `pgforge check` makes it, then exit.
    if let Some(case) = std::env::var_os("PGFORGE_BENCH_CHILD").map(PathBuf::from) {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let opts = Options {
            skip_query_analyzer: std::env::var_os("PGFORGE_BENCH_SKIP").is_some(),
            ..options(&name)
        };
        std::hint::black_box(build_path(&case, &opts));
        return;
    }
    let corpus = std::env::var_os("PGFORGE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"));
    if !corpus.is_dir() {
        eprintln!(
            "corpus not found at {} (set PGFORGE_CORPUS)",
            corpus.display()
        );
        std::process::exit(1);
    }
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    let iters: u32 = std::env::var("PGFORGE_BENCH_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    // `with` / `without` runs only that side (for an instruction count under callgrind).
    let mode = std::env::var("PGFORGE_BENCH_MODE").unwrap_or_default();
    let sides: &[bool] = match mode.as_str() {
        "with" => &[false],
        "without" => &[true],
        _ => &[false, true],
    };

    println!(
        "{:<26} {:>10} {:>10} {:>10} {:>12} {:>12} {:>10}",
        "case", "bytes", "ms/run", "MB/s", "peak heap ×", "ms w/o anlz", "analyzer"
    );
    let (mut total_bytes, mut total_secs, mut total_without) = (0u64, 0f64, 0f64);
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = dir_bytes(case);
        let opts = options(&name);
        // Peak heap of one run, above what was live before it.
        let base = LIVE.load(Relaxed);
        PEAK.store(base, Relaxed);
        let b = build_path(case, &opts);
        let peak = PEAK.load(Relaxed) - base;
        assert!(!b.has_errors(), "{name} has errors");
        drop(b);
        // With and without the query analyzer, alternately, so both see the same machine.
        let mut times: [Vec<f64>; 2] = [vec![], vec![]];
        for _ in 0..iters {
            for &skip in sides {
                let o = Options {
                    skip_query_analyzer: skip,
                    ..opts.clone()
                };
                let start = Instant::now();
                std::hint::black_box(build_path(case, &o));
                times[skip as usize].push(start.elapsed().as_secs_f64());
            }
        }
        let (secs, without) = (median(&mut times[0]), median(&mut times[1]));
        total_bytes += bytes;
        total_secs += secs;
        total_without += without;
        println!(
            "{:<26} {:>10} {:>10.2} {:>10.1} {:>12.1} {:>12.2} {:>9.1}%",
            name,
            bytes,
            secs * 1e3,
            bytes as f64 / secs / 1e6,
            peak as f64 / bytes as f64,
            without * 1e3,
            (secs / without - 1.0) * 100.0
        );
    }
    // The whole corpus in one go, for the peak-memory goal.
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let all: Vec<_> = cases
        .iter()
        .map(|c| build_path(c, &options(&c.file_name().unwrap().to_string_lossy())))
        .collect();
    let peak_all = PEAK.load(Relaxed) - base;
    drop(all);
    println!(
        "{:<26} {:>10} {:>10.2} {:>10.1} {:>12.1} {:>12.2} {:>9.1}%",
        "whole corpus",
        total_bytes,
        total_secs * 1e3,
        total_bytes as f64 / total_secs / 1e6,
        peak_all as f64 / total_bytes as f64,
        total_without * 1e3,
        (total_secs / total_without - 1.0) * 100.0
    );
    println!("(goals: ≥ 15 MB/s; peak heap of all models held at once < 20× input;");
    println!(" the query analyzer adds at most 20% to the whole corpus's time)");
    if mode.is_empty() {
        fresh_processes(&cases);
    }
}

/// Each case built once in a fresh process, as one `pgforge check` builds it (the one-time
/// work — statics, caches converted on first use — included), with and without the query
/// analyzer, alternately; `PGFORGE_BENCH_PROCS` runs of each (default 9), medians.
fn fresh_processes(cases: &[PathBuf]) {
    let runs: usize = std::env::var("PGFORGE_BENCH_PROCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(9);
    let exe = std::env::current_exe().expect("the bench binary");
    println!(
        "\n{:<26} {:>12} {:>12} {:>10}",
        "fresh process", "ms", "ms w/o anlz", "analyzer"
    );
    let (mut with, mut without) = (0f64, 0f64);
    for case in cases {
        let mut times: [Vec<f64>; 2] = [vec![], vec![]];
        for _ in 0..runs {
            for skip in [false, true] {
                let mut cmd = std::process::Command::new(&exe);
                cmd.env("PGFORGE_BENCH_CHILD", case);
                if skip {
                    cmd.env("PGFORGE_BENCH_SKIP", "1");
                }
                let start = Instant::now();
                let status = cmd.status().expect("run the bench binary");
                assert!(status.success(), "child failed on {}", case.display());
                times[skip as usize].push(start.elapsed().as_secs_f64());
            }
        }
        let (w, wo) = (median(&mut times[0]), median(&mut times[1]));
        with += w;
        without += wo;
        let name = case.file_name().unwrap().to_string_lossy();
        println!(
            "{:<26} {:>12.2} {:>12.2} {:>9.1}%",
            name,
            w * 1e3,
            wo * 1e3,
            (w / wo - 1.0) * 100.0
        );
    }
    println!(
        "{:<26} {:>12.2} {:>12.2} {:>9.1}%",
        "whole corpus",
        with * 1e3,
        without * 1e3,
        (with / without - 1.0) * 100.0
    );
}

/// The median of some run times (NaN when there are none: that side was not run).
fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
