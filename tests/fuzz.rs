//! A mutation fuzzer over the whole pipeline (split → front end → catalog → every emitter),
//! seeded with every statement of the example and the corpus and with the regression inputs
//! in `tests/fixtures/fuzz/`. No dependency: a seeded xorshift generator picks statements and
//! mutates them (cut, duplicate, delete, insert SQL tokens, swap quotes and brackets, join
//! statements), so a run is reproducible from its seed.
//!
//! `tests/no_panic.rs` runs it for a bounded number of inputs in every `cargo test`; run it
//! longer with `PGFORGE_FUZZ_INPUTS=200000 PGFORGE_FUZZ_SEED=$RANDOM cargo test --release -p
//! integration-tests --test no_panic fuzz`. An input that panics is written to
//! `target/pgforge-fuzz-crash.sql`; add it to `tests/fixtures/fuzz/` as a regression case.

use std::path::{Path, PathBuf};

/// Everything pgforge does with migrations, on one text: replay, diagnostics, docs, and with
/// `code` the code emitters too (Rust with both drivers, TypeScript), errors or not.
pub fn pipeline(name: &str, text: &str, code: bool) {
    let b = schema::build_sql(
        &[(name, text)],
        &schema::Options {
            supabase: Some(true),
            ..Default::default()
        },
    );
    let _ = b.render(false);
    let docs = codegen::docs::DocsOptions {
        header: String::new(),
        relative_to: None,
    };
    let _ = codegen::docs::render_docs(&b.schema, &docs);
    if !code {
        return;
    }
    // The same text as a `query!` statement and as a query file.
    let _ = schema::queries::check_statement(name, text, &b.schema);
    let mut sources = schema::span::SourceMap::default();
    let id = sources.add(schema::span::SourceFile::new(name, text, false));
    let mut diags = vec![];
    let path = std::path::Path::new("fuzz.sql");
    let file = schema::queries::check_file(id, name, path, &b.schema, &sources, &mut diags);
    let _ = schema::diag::render(&diags, &sources, Default::default());
    let rust = codegen::rust::Options {
        types: codegen::rust::TypeMap::default(),
        drivers: codegen::rust::Drivers::features(),
        queries: vec![file],
    };
    let _ = codegen::rust::emit_rust(&b.schema, &rust, "// fuzz");
    let ts = codegen::typescript::Options {
        schemas: vec!["public".into()],
        inferred_nullability: true,
    };
    let _ = codegen::typescript::emit_typescript(&b.schema, &ts);
}

/// The seed statements: every top-level statement of every `.sql` file under `dirs`.
pub fn seed_statements(dirs: &[PathBuf]) -> Vec<String> {
    let mut out = vec![];
    for d in dirs {
        let mut files = schema::load::sql_inputs(d);
        files.sort();
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            for s in schema::split::split(&text) {
                if let Some(stmt) = text.get(s.start..s.end) {
                    out.push(format!("{stmt};"));
                }
            }
        }
    }
    out
}

/// xorshift64*: small, fast, and the same sequence for the same seed everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// Tokens worth inserting: the grammar's turning points and the lexer's hard cases.
const TOKENS: &[&str] = &[
    "(",
    ")",
    ";",
    ",",
    "'",
    "\"",
    "$$",
    "$x$",
    "--",
    "/*",
    "*/",
    "E'\\'",
    "::",
    "[]",
    ".",
    " CREATE ",
    " TABLE ",
    " ALTER ",
    " DROP ",
    " INDEX ",
    " ON ",
    " VIEW ",
    " AS ",
    " SELECT ",
    " FROM ",
    " WHERE ",
    " DEFAULT ",
    " NOT NULL ",
    " REFERENCES ",
    " CHECK ",
    " CONSTRAINT ",
    " PRIMARY KEY ",
    " GENERATED ALWAYS AS ",
    " IDENTITY ",
    " FUNCTION ",
    " RETURNS ",
    " LANGUAGE ",
    " BEGIN ",
    " END ",
    " DO ",
    " IF ",
    " THEN ",
    " POLICY ",
    " USING ",
    " TRIGGER ",
    " TYPE ",
    " ENUM ",
    " CASCADE ",
    " RENAME ",
    " TO ",
    " SCHEMA ",
    " comment ",
    " \\set ",
    " :var ",
    " ATOMIC ",
    " COPY ",
    "\n",
    " 1e309 ",
    " -9223372036854775809 ",
    "\u{0}",
    "ı",
    "🚀",
];

/// One mutation of `text`, on character boundaries.
pub fn mutate(rng: &mut Rng, text: &str) -> String {
    let cut = |rng: &mut Rng, t: &str| {
        let mut i = rng.below(t.len() + 1);
        while !t.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let a = cut(rng, text);
    let b = cut(rng, text);
    let (lo, hi) = (a.min(b), a.max(b));
    match rng.below(6) {
        0 => text[..a].to_string(),
        1 => format!("{}{}", &text[..hi], &text[lo..]),
        2 => format!("{}{}", &text[..lo], &text[hi..]),
        3 => format!(
            "{}{}{}",
            &text[..a],
            TOKENS[rng.below(TOKENS.len())],
            &text[a..]
        ),
        4 => text
            .chars()
            .map(|c| match (c, rng.below(8)) {
                ('(', 0) => ')',
                (')', 0) => '(',
                ('\'', 0) => '"',
                ('$', 0) => '\'',
                (c, _) => c,
            })
            .collect(),
        _ => format!("{}{}", &text[lo..hi], &text[..lo]),
    }
}

/// A fuzz input: one to four seed statements, each mutated zero to three times.
pub fn input(rng: &mut Rng, seeds: &[String]) -> String {
    let mut out = String::new();
    for _ in 0..=rng.below(4) {
        let mut s = seeds[rng.below(seeds.len())].clone();
        for _ in 0..rng.below(4) {
            s = mutate(rng, &s);
        }
        out.push_str(&s);
        out.push('\n');
    }
    out
}

/// Run the pipeline on `text`; on a panic, save the input and fail naming it.
pub fn run_or_save(label: &str, text: &str, code: bool, crash_file: &Path) {
    let result = std::panic::catch_unwind(|| pipeline(label, text, code));
    if result.is_err() {
        let _ = std::fs::write(crash_file, text);
        panic!(
            "pgforge panicked on {label} (input saved to {}; add it to tests/fixtures/fuzz/)",
            crash_file.display()
        );
    }
}
