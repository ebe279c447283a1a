//! Nothing panics on input: every migration of the example and of the corpus, cut at many
//! points (mid-string, mid-dollar-quote, mid-DO-body, mid-identifier), and with bytes
//! swapped, goes through split → parse → replay → every emitter without a panic; and so does
//! every input of the fuzzer (`tests/fuzz.rs`), which runs here for a bounded number of inputs.

use integration_tests::{corpus, corpus_cases, fuzz, root};
use std::path::PathBuf;

/// The example and every corpus case (from the manifest).
fn case_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![root().join("schema/migrations")];
    if let Some(c) = corpus() {
        dirs.extend(corpus_cases().into_iter().map(|case| c.join(case)));
    }
    dirs
}

fn sql_files() -> Vec<PathBuf> {
    let mut files = vec![];
    for d in case_dirs() {
        let mut v = schema::load::sql_inputs(&d);
        v.sort();
        files.extend(v);
    }
    files
}

/// The whole pipeline (`code`: the Rust and TypeScript emitters too) on one input.
fn run(name: &str, text: &str, code: bool) {
    fuzz::run_or_save(name, text, code, &crash_file());
}

fn crash_file() -> PathBuf {
    root().join("target/pgforge-fuzz-crash.sql")
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The fuzzer, seeded with every statement of the example and the corpus, for
/// `PGFORGE_FUZZ_INPUTS` inputs (default 4000) from `PGFORGE_FUZZ_SEED` (default 1); every
/// regression input in `tests/fixtures/fuzz/` first.
#[test]
fn fuzz_the_whole_pipeline() {
    for f in schema::load::sql_inputs(&root().join("tests/fixtures/fuzz")) {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        run(&f.display().to_string(), &text, true);
    }
    let seeds = fuzz::seed_statements(&case_dirs());
    assert!(
        seeds.len() > 100,
        "too few seed statements: {}",
        seeds.len()
    );
    let seed = env_number("PGFORGE_FUZZ_SEED", 1);
    let inputs = env_number("PGFORGE_FUZZ_INPUTS", 4000);
    let mut rng = fuzz::Rng::new(seed);
    for i in 0..inputs {
        let text = fuzz::input(&mut rng, &seeds);
        run(&format!("fuzz-{seed}-{i}.sql"), &text, true);
    }
    eprintln!(
        "{inputs} fuzz inputs from seed {seed} ({} seed statements), no panic",
        seeds.len()
    );
}

#[test]
fn truncated_and_mangled_migrations_never_panic() {
    let files = sql_files();
    assert!(!files.is_empty());
    let mut runs = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let name = f.display().to_string();
        // Cut points: 24 per file, spread over it, on character boundaries.
        let n = 24.min(text.len().max(1));
        for i in 0..=n {
            let mut cut = text.len() * i / n;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            // Every cut is replayed; every sixth also goes through the code emitters.
            run(&name, &text[..cut], i % 6 == 3);
            runs += 1;
        }
        // Mangled: swap quotes and parentheses, which unbalances everything.
        let mangled: String = text
            .chars()
            .map(|c| match c {
                '(' => ')',
                ')' => '(',
                '\'' => '"',
                '$' => '\'',
                c => c,
            })
            .collect();
        run(&name, &mangled, true);
        runs += 1;
    }
    eprintln!("{runs} inputs, no panic");
}
