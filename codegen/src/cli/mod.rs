//! The command line: `pgforge [check|verify|generate|ir] [PATH]` (the clap definition and the
//! dispatch; each subcommand's work is in its own file). Exit codes: 0 fine, 1 the migrations
//! have errors (or `generate --check` found stale files, or `verify` a mismatch), 2 the command
//! line or configuration is wrong.

mod generate;
mod init;
mod input;
mod lint;
pub mod sarif;
mod verify;
mod watch;

pub use input::{build, strip_builtins, use_color, Color, Format, Input, UsageError};

use clap::{Parser, Subcommand};
use generate::generate;
use input::report;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "pgforge",
    version,
    about = "Typed code, docs and diagnostics from PostgreSQL / Supabase migrations, offline"
)]
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
        /// Also run `pgforge lint` (its rustc-style findings, `[lint]` settings; exit 1 on a
        /// finding at error level).
        #[arg(long)]
        lint: bool,
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
        /// TypeScript view columns: `postgres` (every one `| null`, as Supabase's generator
        /// prints them) or `inferred` (no `| null` where pgforge proves NOT NULL). Default:
        /// [typescript] nullability, else postgres.
        #[arg(long, value_parser = ["postgres", "inferred"])]
        nullability: Option<String>,
        /// Write nothing; print a unified diff of every stale, missing or orphaned file and
        /// exit 1 if anything differs.
        #[arg(long, conflicts_with = "watch")]
        check: bool,
        /// Keep running: generate again on every change to the migrations, preludes,
        /// pgforge.toml or supabase/config.toml, one line per run with its time.
        #[arg(long)]
        watch: bool,
    },
    /// Supabase's database advisor rules (splinter's names) over the model, offline: RLS,
    /// exposed views, unindexed foreign keys, duplicate indexes, …
    Lint {
        #[command(flatten)]
        input: Input,
        /// Output: rustc-style diagnostics, JSON, GitHub Actions annotations or SARIF 2.1.0.
        #[arg(long, value_enum, default_value_t = lint::LintFormat::Text)]
        format: lint::LintFormat,
        /// Exit 1 when a finding is at least this level: error, warn or info.
        #[arg(long, default_value = "error", value_parser = ["error", "warn", "warning", "info"])]
        deny: String,
    },
    /// Write a commented pgforge.toml for the project in DIR (default: the current
    /// directory), after finding its layout. Never overwrites one.
    Init {
        /// The project's directory.
        dir: Option<PathBuf>,
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
        Some(Command::Generate {
            input,
            out,
            only,
            schema,
            nullability,
            check,
            watch,
        }) => {
            let flags = watch::Generate {
                out,
                only,
                schema,
                nullability,
            };
            match watch {
                true => watch::watch(&input, &flags),
                false => generate_once(&input, &flags, check),
            }
        }
        Some(Command::Check { input, stats, lint }) => {
            let (b, _, cfg) = build(&input)?;
            // Always a summary line: success must be told apart from not having run.
            let code = report(&b, &input, true)?;
            if stats {
                print!("{}", crate::summary::render_stats(&b));
            }
            if lint && !b.has_errors() {
                let deny = schema::lint::Level::Error;
                let found = lint::run(
                    &b,
                    &lint_root(&input),
                    &input,
                    Default::default(),
                    deny,
                    &cfg.lint,
                );
                return Ok(code.max(found));
            }
            Ok(code)
        }
        Some(Command::Verify {
            input,
            database_url,
            format,
        }) => {
            // Applied even with errors: PostgreSQL is the referee where pgforge may be wrong.
            let (b, shown, _) = build(&input)?;
            verify::run(&b, &shown, &input, database_url, format == Format::Json)
        }
        Some(Command::Lint {
            input,
            format,
            deny,
        }) => {
            let (b, _, cfg) = build(&input)?;
            if b.has_errors() {
                return report(&b, &input, false);
            }
            let deny = schema::lint::Level::parse(&deny).unwrap_or(schema::lint::Level::Error);
            Ok(lint::run(
                &b,
                &lint_root(&input),
                &input,
                format,
                deny,
                &cfg.lint,
            ))
        }
        Some(Command::Init { dir }) => {
            let dir = dir.unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
            Ok(init::init(&dir))
        }
        Some(Command::Ir {
            input,
            with_builtins,
        }) => {
            let (b, _, _) = build(&input)?;
            if b.has_errors() {
                return report(&b, &input, false);
            }
            let mut model = b.schema.clone();
            if !with_builtins {
                strip_builtins(&mut model);
            }
            println!(
                "{}",
                serde_json::to_string_pretty(&model).expect("the IR serialises")
            );
            Ok(0)
        }
    }
}

/// One `generate` (or `generate --check`): build, report, then write or diff.
fn generate_once(input: &Input, flags: &watch::Generate, check: bool) -> Result<i32, UsageError> {
    let (b, _, mut cfg) = build(input)?;
    if !flags.schema.is_empty() {
        cfg.typescript.schemas = flags.schema.clone();
    }
    if let Some(n) = &flags.nullability {
        cfg.typescript.inferred_nullability = n == "inferred";
    }
    let code = report(&b, input, false)?;
    if code != 0 {
        eprintln!("{}", generate::blocked(&b));
        return Ok(code);
    }
    generate(
        &b,
        &cfg,
        input,
        flags.out.clone(),
        flags.only.as_deref(),
        check,
    )
}

/// Where `lint` looks for `supabase/config.toml` (the exposed schemas): PATH, else here.
fn lint_root(input: &Input) -> PathBuf {
    input
        .path
        .clone()
        .unwrap_or_else(|| std::env::current_dir().unwrap_or_default())
}
