//! The `generate` subcommand: plan the outputs, then write them or (`--check`) diff them.

use super::input::{Input, UsageError};
use crate::config::Config;
use schema::Build;
use std::path::PathBuf;

pub fn generate(
    b: &Build,
    cfg: &Config,
    input: &Input,
    out: Option<PathBuf>,
    only: Option<&str>,
    check: bool,
) -> Result<i32, UsageError> {
    let shown = match (&input.path, &cfg.migrations_as_written) {
        (Some(p), _) => p.display().to_string(),
        (None, Some(w)) => w.clone(),
        // Found from the current directory (a project layout there): where its migrations
        // are, relative to it.
        (None, None) => found_migrations_dir().unwrap_or_else(|| ".".into()),
    };
    let plan = match crate::generate::plan(b, cfg, out.as_deref(), only, &shown) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(2);
        }
    };
    if !plan.diagnostics.is_empty() {
        super::input::eprint_diagnostics(&plan.diagnostics, b, input);
        if plan
            .diagnostics
            .iter()
            .any(|d| d.severity == schema::diag::Severity::Error)
        {
            eprintln!("pgforge generate: nothing written");
            return Ok(1);
        }
    }
    if check {
        let diffs = crate::generate::differences(&plan);
        for d in &diffs {
            print!("{}", d.diff);
        }
        eprintln!(
            "{}",
            if diffs.is_empty() {
                "generated files are up to date".to_string()
            } else {
                format!(
                    "{} generated file(s) differ; run without --check to update",
                    diffs.len()
                )
            }
        );
        return Ok(if diffs.is_empty() { 0 } else { 1 });
    }
    match crate::generate::write(&plan) {
        Ok(changed) => {
            let files: usize = plan.outputs.iter().map(|o| o.files.len()).sum();
            eprintln!(
                "wrote {} of {files} file(s) into {}",
                changed.len(),
                plan.root.display()
            );
            Ok(0)
        }
        Err(e) => {
            eprintln!("error: cannot write into {}: {e}", plan.root.display());
            Ok(1)
        }
    }
}

/// Why `generate` wrote nothing: how many errors and where (the migrations, the query
/// files), where the first is, and how to allow it if pgforge is the one that is wrong.
pub fn blocked(b: &schema::Build) -> String {
    let errors: Vec<_> = b
        .diagnostics
        .iter()
        .filter(|d| d.severity == schema::diag::Severity::Error)
        .collect();
    let in_queries = |d: &schema::diag::Diagnostic| {
        d.primary
            .as_ref()
            .is_some_and(|(s, _)| b.is_query_file(s.file))
    };
    let queries = errors.iter().filter(|d| in_queries(d)).count();
    let place = match (queries, errors.len() - queries) {
        (0, _) => "in the migrations",
        (_, 0) => "in the query files",
        _ => "in the migrations and query files",
    };
    let mut text = format!(
        "pgforge generate: nothing written: {} error{} {place}",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
    let first = errors
        .iter()
        .find_map(|d| Some((d.code, d.primary.as_ref()?.0, in_queries(d))));
    if let Some((code, span, query)) = first {
        let f = b.sources.get(span.file);
        let (line, col) = f.line_col(span.start as usize);
        text.push_str(&format!(
            ", the first at {}:{line}:{col} ({code}).\n",
            f.name
        ));
        if query {
            text.push_str(
                "Fix that query: pgforge refuses what PostgreSQL's PREPARE would refuse.",
            );
        } else {
            text.push_str(&format!(
                "Fix it; or, if PostgreSQL accepts that statement (`pgforge verify` asks it), allow the error: `-- pgforge: allow {code}` on the line above the statement, or `allow = [\"{}:{line}:{code}\"]` under [check] in pgforge.toml.",
                f.name
            ));
        }
    }
    text
}

/// The directory holding the migrations of the project found from the current directory
/// (the deepest one common to them all), relative to it (`supabase/migrations`), for the
/// generated files' headers.
fn found_migrations_dir() -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let project = crate::config::default_input(&cwd)?;
    let inputs = schema::load::sql_inputs(&project);
    let mut common = inputs.first()?.parent()?.to_path_buf();
    for f in &inputs {
        while !f.starts_with(&common) {
            common = common.parent()?.to_path_buf();
        }
    }
    // A migration per folder (Prisma, diesel): the `migrations` directory above them.
    if let Some(m) = common.ancestors().find(|a| a.ends_with("migrations")) {
        common = m.to_path_buf();
    }
    let dir = common.strip_prefix(&cwd).ok()?;
    Some(dir.display().to_string()).filter(|d| !d.is_empty())
}
