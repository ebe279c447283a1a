//! What every subcommand shares: the input flags, resolving them into a build, reporting
//! diagnostics, and the errors that stop a command before any migration is read.

use crate::config::{self, Config};
use clap::{Args, ValueEnum};
use schema::{Build, Options};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Args, Debug, Clone, Default)]
pub struct Input {
    /// A migrations directory, a project root (Supabase, diesel, sqlx, …) or one .sql file.
    /// Defaults to what pgforge.toml names, else the current directory when it is a project.
    /// Settings: with a PATH, the nearest pgforge.toml at or above PATH (never the current
    /// directory's); without one, the current directory's.
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
    Prelude {
        path: String,
        source: std::io::Error,
    },
    #[error("no migrations to read: {cwd} has no pgforge.toml naming them ([migrations] path), none of {}, and no .sql files; pass a PATH or run pgforge in the project's directory", config::project_dirs_listed())]
    NoInput { cwd: String },
    #[error("cannot watch for changes: {0}")]
    Watch(String),
}

/// Resolve the input and build the model. Returns the build, the path as shown, and the
/// configuration in force (read once).
pub fn build(input: &Input) -> Result<(Build, String, Config), UsageError> {
    let (path, cfg) = resolve(input)?;
    let supabase = if input.supabase {
        Some(true)
    } else if input.no_supabase {
        Some(false)
    } else {
        cfg.supabase
    };
    let mut preludes = vec![];
    for p in cfg.preludes.iter().chain(&input.prelude) {
        let text = std::fs::read_to_string(p).map_err(|source| UsageError::Prelude {
            path: p.display().to_string(),
            source,
        })?;
        preludes.push((schema::load::display(p), text));
    }
    let shown = schema::load::display(&std::fs::canonicalize(&path).unwrap_or(path.clone()));
    let mut cfg = cfg;
    if !cfg.typescript_schemas_set {
        if let Some(schemas) = config::supabase_api_schemas(&path) {
            cfg.typescript.schemas = schemas;
        }
    }
    let mut b = schema::build_path(
        &path,
        &Options {
            supabase,
            preludes,
            allow: cfg.allow.clone(),
            ..Default::default()
        },
    );
    b.check_queries(&cfg.queries);
    Ok((b, shown, cfg))
}

/// Where the migrations are, and the configuration in force: PATH with its own project's
/// pgforge.toml (never the current directory's), else what the current directory's
/// pgforge.toml names, else the project the current directory is.
pub fn resolve(input: &Input) -> Result<(PathBuf, Config), UsageError> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let cfg = match &input.path {
        Some(p) => Config::find_for(p)?,
        None => Config::find(&cwd)?,
    };
    let path = input
        .path
        .clone()
        .or(cfg.migrations.clone())
        .or_else(|| config::default_input(&cwd))
        .ok_or_else(|| UsageError::NoInput {
            cwd: cwd.display().to_string(),
        })?;
    Ok((path, cfg))
}

/// Whether to colour stderr.
pub fn use_color(input: &Input) -> bool {
    match input.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// Print diagnostics (of `b`'s sources) to stderr, rustc-style, coloured as `input` says.
pub(super) fn eprint_diagnostics(diags: &[schema::diag::Diagnostic], b: &Build, input: &Input) {
    let options = schema::diag::RenderOptions {
        color: use_color(input),
    };
    eprint!("{}", schema::diag::render(diags, &b.sources, options));
}

/// Print diagnostics to stderr and a one-line tally; exit 1 when there are errors.
pub(super) fn report(b: &Build, input: &Input, always_tally: bool) -> Result<i32, UsageError> {
    eprint!("{}", b.render(use_color(input)));
    let errors = b.count(schema::diag::Severity::Error);
    let warnings = b.count(schema::diag::Severity::Warning);
    if errors > 0 || warnings > 0 || always_tally {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let files = b
            .order
            .iter()
            .filter(|id| !b.sources.get(**id).builtin)
            .count();
        let layout = b.layout.map_or("files", |l| l.describe());
        eprintln!(
            "{}: {layout} layout, {files} migration file{}, {errors} error{}, {warnings} warning{}",
            if errors > 0 { "failed" } else { "ok" },
            plural(files),
            plural(errors),
            plural(warnings),
        );
    }
    Ok(if errors > 0 { 1 } else { 0 })
}

/// Drop pgforge's built-in objects from the model (for `ir` output).
pub fn strip_builtins(model: &mut schema::ir::Schema) {
    model
        .schemas
        .retain(|_, ns| !ns.builtin || ns.has_user_objects() || ns.name == "public");
    for ns in model.schemas.values_mut() {
        ns.tables
            .retain(|_, t| !t.builtin || t.has_user_additions());
        ns.views.retain(|_, v| !v.builtin);
        ns.types.retain(|_, t| !t.builtin);
        for fs in ns.functions.values_mut() {
            fs.retain(|f| !f.builtin);
        }
        ns.functions.retain(|_, fs| !fs.is_empty());
        let tables: Vec<String> = ns.tables.keys().cloned().collect();
        ns.indexes.retain(|_, i| {
            i.table.schema != ns.name
                || tables.contains(&i.table.name)
                || ns.views.contains_key(&i.table.name)
        });
    }
}
