//! Shared by `tests/typescript.rs` and the `typescript` bench: the cases, the real Supabase
//! generator (`tests/js/supabase-typegen.mjs`, pinned `@supabase/postgrest-typegen`) on a
//! database, pgforge on the same migrations, and the line-by-line comparison.

use crate::{case_options, corpus, root};
use std::path::PathBuf;
use std::process::Command;

/// The cases: every directory of `tests/fixtures/typescript/` (its `expected.ts` is the real
/// generator's output): the example, Supabase-style corpus cases, and one fixture per rule of
/// the generator (a directory with its own migrations).
pub fn cases() -> Vec<String> {
    crate::cases("typescript")
        .iter()
        .map(|d| crate::case_name(d))
        .collect()
}

/// Where a case's expected output (the real generator's) is kept.
pub fn expected_path(case: &str) -> PathBuf {
    root().join(format!("tests/fixtures/typescript/{case}/expected.ts"))
}

/// `tests/js/node_modules` when it holds the generator and tsc.
pub fn node_modules() -> Option<PathBuf> {
    let js = root().join("tests/js/node_modules");
    (js.join("@supabase/postgrest-typegen").is_dir() && js.join(".bin/tsc").exists()).then_some(js)
}

/// Where a case's migrations are: the example, the fixture's own `.sql` files, or the corpus
/// case of that name.
pub fn case_path(case: &str) -> Option<PathBuf> {
    let dir = root().join("tests/fixtures/typescript").join(case);
    let own_sql = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .any(|e| e.path().extension().is_some_and(|x| x == "sql"));
    Some(match case {
        "example" => root().join("schema/migrations"),
        _ if own_sql || dir.join("supabase").is_dir() => dir,
        _ => corpus()?.join(case),
    })
}

/// The schemas a case generates (`--schema`): the lines of its `schemas.txt`, else what its
/// `supabase/config.toml` exposes (as pgforge reads it for a Supabase project), else `public`.
pub fn schemas(case: &str) -> Vec<String> {
    let dir = root().join(format!("tests/fixtures/typescript/{case}"));
    if let Some(listed) = dir
        .join("supabase")
        .is_dir()
        .then(|| codegen::config::supabase_api_schemas(&dir))
        .flatten()
    {
        return listed;
    }
    let file = dir.join("schemas.txt");
    match std::fs::read_to_string(file) {
        Ok(text) => text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        Err(_) => vec!["public".to_string()],
    }
}

/// The real generator on a database holding the migrations: `supabase gen types typescript`
/// with the CLI's defaults (one-to-one detection on, no PostgREST version).
pub fn real_generator(url: &str, schemas: &[String]) -> Result<String, String> {
    let out = Command::new("node")
        .arg(root().join("tests/js/supabase-typegen.mjs"))
        .arg(schemas.join(","))
        .env("PG_META_DB_URL", url)
        .output()
        .map_err(|e| format!("cannot run node: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "the real generator failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}

/// pgforge's TypeScript for migrations at `path`, from the files alone.
pub fn pgforge(
    path: &std::path::Path,
    options: &schema::Options,
    schemas: &[String],
) -> Result<String, String> {
    let b = schema::build_path(path, options);
    if b.has_errors() {
        return Err(b.render(false));
    }
    Ok(codegen::typescript::emit_typescript(
        &b.schema,
        &codegen::typescript::Options {
            schemas: schemas.to_vec(),
            inferred_nullability: false,
        },
    ))
}

pub fn case_pgforge(case: &str) -> Option<Result<String, String>> {
    Some(pgforge(
        &case_path(case)?,
        &case_options(case),
        &schemas(case),
    ))
}

/// How close pgforge's output is to the real one.
pub struct Parity {
    /// Lines of the real output that pgforge reproduces (in order).
    pub same: usize,
    pub total: usize,
    pub identical: bool,
    /// A unified diff, empty when identical.
    pub diff: String,
}

pub fn parity(label: &str, real: &str, ours: &str) -> Parity {
    let d = similar::TextDiff::from_lines(real, ours);
    let same = d
        .ops()
        .iter()
        .filter(|o| o.tag() == similar::DiffTag::Equal)
        .map(|o| o.old_range().len())
        .sum();
    let identical = real == ours;
    let diff = if identical {
        String::new()
    } else {
        d.unified_diff()
            .context_radius(2)
            .header(
                &format!("supabase gen types ({label})"),
                &format!("pgforge ({label})"),
            )
            .to_string()
    };
    Parity {
        same,
        total: real.lines().count(),
        identical,
        diff,
    }
}

impl std::fmt::Display for Parity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}/{} lines identical ({:.1}%){}",
            self.same,
            self.total,
            100.0 * self.same as f64 / self.total.max(1) as f64,
            if self.identical {
                ", byte-identical"
            } else {
                ""
            }
        )
    }
}
