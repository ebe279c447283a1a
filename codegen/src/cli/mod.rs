//! The command line: `pgforge [check|ir] [PATH]`. Exit codes: 0 fine, 1 the migrations have
//! errors, 2 the command line or configuration is wrong.

use crate::config::{self, Config};
use clap::{Args, Parser, Subcommand, ValueEnum};
use schema::{Build, Options};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "pgforge", version, about = "Typed code, docs and diagnostics from PostgreSQL / Supabase migrations, offline")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Load and replay the migrations and report every problem, rustc-style.
    Check {
        #[command(flatten)]
        input: Input,
        /// Also print, per statement kind, how many statements were modelled and how many not.
        #[arg(long)]
        stats: bool,
    },
    /// Apply the migrations to a real PostgreSQL and compare what it built with the model.
    Verify {
        #[command(flatten)]
        input: Input,
        /// Use this server (a scratch database is created and dropped in it) instead of a
        /// throwaway cluster started from the local PostgreSQL binaries.
        #[arg(long, value_name = "URL")]
        database_url: Option<String>,
        /// Output: a per-kind table and diagnostics (text) or one JSON document.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Generate the outputs (Rust, TypeScript, Markdown docs) from the migrations.
    Generate {
        #[command(flatten)]
        input: Input,
        /// Output directory (default: [output] dir in pgforge.toml).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Generate only this target.
        #[arg(long, value_parser = ["rust", "typescript", "docs"])]
        only: Option<String>,
        /// Schemas in the TypeScript `Database` type, as `supabase gen types --schema`
        /// (repeat, or comma-separated; default: [typescript] schemas, else public).
        #[arg(long, value_name = "NAME", value_delimiter = ',')]
        schema: Vec<String>,
        /// Write nothing; print a unified diff of every stale, missing or orphaned file and
        /// exit 1 if anything differs.
        #[arg(long)]
        check: bool,
    },
    /// Print the schema model as JSON (shape documented in ARCHITECTURE.md).
    Ir {
        #[command(flatten)]
        input: Input,
        /// Include pgforge's built-in Supabase objects (left out by default).
        #[arg(long)]
        with_builtins: bool,
    },
}

#[derive(Args, Debug, Clone, Default)]
pub struct Input {
    /// A migrations directory, a project root (Supabase, diesel, sqlx, …) or one .sql file.
    /// Defaults to what pgforge.toml names, else the example in schema/migrations.
    pub path: Option<PathBuf>,
    /// Switch Supabase's base objects (auth.users, auth.uid(), storage.*) on.
    #[arg(long, overrides_with = "no_supabase")]
    pub supabase: bool,
    /// Switch Supabase's base objects off, even for a Supabase layout.
    #[arg(long)]
    pub no_supabase: bool,
    /// SQL to apply before the migrations (objects your platform creates). Repeatable.
    #[arg(long, value_name = "FILE")]
    pub prelude: Vec<PathBuf>,
    /// Colour: auto (on a terminal), always or never.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
}

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Color {
    #[default]
    Auto,
    Always,
    Never,
}

/// Errors that stop the command before any migration is read (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("cannot read prelude {path}: {source}")]
    Prelude { path: String, source: std::io::Error },
    #[error("no migrations to read: pass a PATH, run pgforge in a project directory (supabase/, migrations/, .sql files), or name them in pgforge.toml ([migrations] path)")]
    NoInput,
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            2
        }
    }
}

pub fn run(cli: Cli) -> Result<i32, UsageError> {
    match cli.command {
        None => {
            let input = Input::default();
            let (b, shown, cfg) = build(&input)?;
            print!("{}", crate::summary::render(&b, &shown));
            let code = report(&b, &input, true)?;
            // With an output directory configured, the plain command also regenerates.
            if code == 0 && cfg.output_dir.is_some() {
                return generate(&b, &cfg, &input, None, None, false);
            }
            Ok(code)
        }
        Some(Command::Generate { input, out, only, schema, check }) => {
            let (b, _, mut cfg) = build(&input)?;
            if !schema.is_empty() {
                cfg.typescript.schemas = schema;
            }
            let code = report(&b, &input, false)?;
            if code != 0 {
                eprintln!("pgforge generate: nothing written, the migrations have errors");
                return Ok(code);
            }
            generate(&b, &cfg, &input, out, only.as_deref(), check)
        }
        Some(Command::Check { input, stats }) => {
            let (b, _, _) = build(&input)?;
            let code = report(&b, &input, false)?;
            if stats {
                print!("{}", crate::summary::render_stats(&b));
            }
            Ok(code)
        }
        Some(Command::Verify { input, database_url, format }) => {
            let (b, shown, _) = build(&input)?;
            if b.has_errors() {
                eprintln!("pgforge verify: the migrations have errors; fix them first (pgforge check)");
                return report(&b, &input, false);
            }
            crate::verify_cmd::run(&b, &shown, &input, database_url, format == Format::Json)
        }
        Some(Command::Ir { input, with_builtins }) => {
            let (b, _, _) = build(&input)?;
            if b.has_errors() {
                return report(&b, &input, false);
            }
            let mut model = b.schema.clone();
            if !with_builtins {
                strip_builtins(&mut model);
            }
            println!("{}", serde_json::to_string_pretty(&model).expect("the IR serialises"));
            Ok(0)
        }
    }
}

fn generate(b: &Build, cfg: &Config, input: &Input, out: Option<PathBuf>, only: Option<&str>, check: bool) -> Result<i32, UsageError> {
    let shown = match (&input.path, &cfg.migrations_as_written) {
        (Some(p), _) => p.display().to_string(),
        (None, Some(w)) => w.clone(),
        (None, None) => "schema/migrations".into(),
    };
    let plan = match crate::generate::plan(b, cfg, out.as_deref(), only, &shown) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(2);
        }
    };
    if !plan.diagnostics.is_empty() {
        eprint!("{}", schema::diag::render(&plan.diagnostics, &b.sources, schema::diag::RenderOptions { color: use_color(input) }));
        if plan.diagnostics.iter().any(|d| d.severity == schema::diag::Severity::Error) {
            eprintln!("pgforge generate: nothing written");
            return Ok(1);
        }
    }
    if check {
        let diffs = crate::generate::differences(&plan);
        for d in &diffs {
            print!("{}", d.diff);
        }
        eprintln!("{}", if diffs.is_empty() { "generated files are up to date".to_string() } else { format!("{} generated file(s) differ; run without --check to update", diffs.len()) });
        return Ok(if diffs.is_empty() { 0 } else { 1 });
    }
    match crate::generate::write(&plan) {
        Ok(changed) => {
            let files: usize = plan.outputs.iter().map(|o| o.files.len()).sum();
            eprintln!("wrote {} of {files} file(s) into {}", changed.len(), plan.root.display());
            Ok(0)
        }
        Err(e) => {
            eprintln!("error: cannot write into {}: {e}", plan.root.display());
            Ok(1)
        }
    }
}

/// Resolve the input and build the model. Returns the build, the path as shown, and the
/// configuration in force (read once).
pub fn build(input: &Input) -> Result<(Build, String, Config), UsageError> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let cfg = Config::find(&cwd)?;
    let path = match input.path.clone().or(cfg.migrations.clone()).or_else(|| config::default_input(&cwd)) {
        Some(p) => p,
        None => return Err(UsageError::NoInput),
    };
    let supabase = if input.supabase {
        Some(true)
    } else if input.no_supabase {
        Some(false)
    } else {
        cfg.supabase
    };
    let mut preludes = vec![];
    for p in cfg.preludes.iter().chain(&input.prelude) {
        let text = std::fs::read_to_string(p).map_err(|source| UsageError::Prelude { path: p.display().to_string(), source })?;
        preludes.push((schema::load::display(p), text));
    }
    let shown = schema::load::display(&std::fs::canonicalize(&path).unwrap_or(path.clone()));
    Ok((schema::build_path(&path, &Options { supabase, preludes }), shown, cfg))
}

/// Whether to colour stderr.
pub fn use_color(input: &Input) -> bool {
    match input.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// Print diagnostics to stderr and a one-line tally; exit 1 when there are errors.
fn report(b: &Build, input: &Input, always_tally: bool) -> Result<i32, UsageError> {
    eprint!("{}", b.render(use_color(input)));
    let errors = b.count(schema::diag::Severity::Error);
    let warnings = b.count(schema::diag::Severity::Warning);
    if errors > 0 || warnings > 0 || always_tally {
        eprintln!(
            "{}: {} error{}, {} warning{}",
            if errors > 0 { "failed" } else { "ok" },
            errors,
            if errors == 1 { "" } else { "s" },
            warnings,
            if warnings == 1 { "" } else { "s" }
        );
    }
    Ok(if errors > 0 { 1 } else { 0 })
}

/// Drop pgforge's built-in objects from the model (for `ir` output).
pub fn strip_builtins(model: &mut schema::ir::Schema) {
    model.schemas.retain(|_, ns| !ns.builtin || ns.has_user_objects() || ns.name == "public");
    for ns in model.schemas.values_mut() {
        ns.tables.retain(|_, t| !t.builtin || t.has_user_additions());
        ns.views.retain(|_, v| !v.builtin);
        ns.types.retain(|_, t| !t.builtin);
        for fs in ns.functions.values_mut() {
            fs.retain(|f| !f.builtin);
        }
        ns.functions.retain(|_, fs| !fs.is_empty());
        let tables: Vec<String> = ns.tables.keys().cloned().collect();
        ns.indexes.retain(|_, i| i.table.schema != ns.name || tables.contains(&i.table.name) || ns.views.contains_key(&i.table.name));
    }
}
