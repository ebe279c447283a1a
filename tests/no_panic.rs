//! Nothing panics on input: every migration of the example and of the corpus, cut at many
//! points (mid-string, mid-dollar-quote, mid-DO-body, mid-identifier), and with bytes
//! swapped, goes through load → split → parse → replay → docs without a panic.

use integration_tests::{corpus, root};
use schema::{build_sql, Options};
use std::path::PathBuf;

fn sql_files() -> Vec<PathBuf> {
    let mut dirs = vec![root().join("schema/migrations")];
    if let Some(c) = corpus() {
        let mut cases: Vec<PathBuf> = std::fs::read_dir(c).unwrap().filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect();
        cases.sort();
        dirs.extend(cases);
    }
    let mut files = vec![];
    for d in dirs {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d).unwrap().filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "sql")).collect();
        v.sort();
        files.extend(v);
    }
    files
}

fn run(name: &str, text: &str) {
    let result = std::panic::catch_unwind(|| {
        let b = build_sql(&[(name, text)], &Options { supabase: Some(true), preludes: vec![] });
        let _ = b.render(false);
        let _ = codegen::docs::render_docs(&b.schema, &codegen::docs::DocsOptions { header: String::new(), relative_to: None });
    });
    if result.is_err() {
        let dump = std::env::temp_dir().join("pgforge-panic-input.sql");
        let _ = std::fs::write(&dump, text);
        panic!("pgforge panicked on {name} (input saved to {})", dump.display());
    }
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
            run(&name, &text[..cut]);
            runs += 1;
        }
        // Mangled: swap quotes and parentheses, which unbalances everything.
        let mangled: String = text.chars().map(|c| match c {
            '(' => ')',
            ')' => '(',
            '\'' => '"',
            '$' => '\'',
            c => c,
        }).collect();
        run(&name, &mangled);
        runs += 1;
    }
    eprintln!("{runs} inputs, no panic");
}
