//! The build.rs API, prost-build style:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     codegen::build::Config::new().migrations("migrations").supabase(true).compile()?;
//!     Ok(())
//! }
//! // src/lib.rs
//! // pub mod db { include!(concat!(env!("OUT_DIR"), "/pgforge.rs")); }
//! ```
//!
//! `.typescript("web/src/database.types.ts")` also writes Supabase's `Database` type there
//! (relative to the crate; the schemas of `[typescript] schemas` in pgforge.toml, else
//! `public`, or `.typescript_schemas(…)`).
//!
//! `compile` writes `pgforge.rs` into `OUT_DIR`, prints `cargo:rerun-if-changed` for the
//! migrations directory (which also catches newly added files), every migration file and
//! `pgforge.toml`, turns warnings into `cargo:warning=` lines, and fails the build with the
//! rendered diagnostics on errors.

use crate::output::{self, Output};
pub use crate::rust::Driver;
use crate::rust::{emit_rust_single, Drivers, Gate, TypeMap};
use std::path::{Path, PathBuf};

/// Why `compile` failed. Its `Debug` is its `Display` (the rendered diagnostics): a build
/// script that returns `Result<(), BuildError>` from `main` prints the diagnostics as they
/// are, not one escaped line.
#[derive(thiserror::Error)]
pub enum BuildError {
    #[error("pgforge: the migrations have errors\n{0}")]
    Migrations(String),
    #[error("pgforge: {0}")]
    Config(String),
    #[error("pgforge: cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

impl std::fmt::Debug for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

#[derive(Debug, Default)]
pub struct Config {
    migrations: Option<PathBuf>,
    supabase: Option<bool>,
    preludes: Vec<PathBuf>,
    allow: Vec<schema::allow::AllowRule>,
    out_dir: Option<PathBuf>,
    types: TypeMap,
    drivers: Vec<Driver>,
    typescript: Option<PathBuf>,
    typescript_schemas: Vec<String>,
    /// `[typescript] nullability = "inferred"`.
    typescript_inferred_nullability: bool,
    /// A `pgforge.toml` that could not be read: `compile` reports it before anything else.
    file_error: Option<String>,
    /// Query files (or directories of them) to check and generate.
    queries: Vec<PathBuf>,
}

impl Config {
    /// Settings from `pgforge.toml` in the crate's directory, if there is one; without a
    /// migrations path there, the project the crate is in (as the CLI finds it).
    pub fn new() -> Config {
        let mut c = Config::default();
        let dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .unwrap_or_default();
        c.typescript_schemas = vec![];
        match crate::config::Config::find(&dir) {
            Ok(f) => {
                c.migrations = f.migrations;
                c.supabase = f.supabase;
                c.preludes = f.preludes;
                c.allow = f.allow;
                c.queries = f.queries;
                c.types = f.rust_types;
                c.drivers = f.rust_drivers.unwrap_or_default();
                c.typescript_inferred_nullability = f.typescript.inferred_nullability;
                if f.typescript_schemas_set {
                    c.typescript_schemas = f.typescript.schemas;
                } else {
                    // Empty: the project's `supabase/config.toml`, else `public` (at compile).
                    c.typescript_schemas = vec![];
                }
            }
            Err(e) => c.file_error = Some(e.to_string()),
        }
        // No path named: the project the crate is in, found as the CLI and the derive find
        // it (the nearest directory at or above the crate with `supabase/`, `migrations/`, …).
        if c.migrations.is_none() {
            c.migrations = dir.ancestors().find_map(crate::config::default_input);
        }
        c
    }
    /// Also write the TypeScript `Database` type (as `supabase gen types typescript` does) to
    /// this file, relative to the crate directory.
    pub fn typescript(mut self, path: impl AsRef<Path>) -> Config {
        self.typescript = Some(path.as_ref().to_path_buf());
        self
    }
    /// The schemas of the TypeScript `Database` type (default: `public` and the `[api]
    /// schemas` of the project's `supabase/config.toml`, else `public`).
    pub fn typescript_schemas(mut self, schemas: &[&str]) -> Config {
        self.typescript_schemas = schemas.iter().map(|s| s.to_string()).collect();
        self
    }
    /// The migrations: a directory, a project root or one file (relative to the crate).
    pub fn migrations(mut self, path: impl AsRef<Path>) -> Config {
        self.migrations = Some(path.as_ref().to_path_buf());
        self
    }
    /// Also check the query files (sqlc syntax) of this file or directory (relative to the
    /// crate) and generate their `queries` module.
    pub fn queries(mut self, path: impl AsRef<Path>) -> Config {
        self.queries.push(path.as_ref().to_path_buf());
        self
    }
    /// Switch Supabase's base objects on or off (default: by layout).
    pub fn supabase(mut self, on: bool) -> Config {
        self.supabase = Some(on);
        self
    }
    /// SQL applied before the migrations.
    pub fn prelude(mut self, path: impl AsRef<Path>) -> Config {
        self.preludes.push(path.as_ref().to_path_buf());
        self
    }
    /// Map a PostgreSQL type (canonical name) to a Rust type.
    pub fn rust_type(mut self, pg: &str, rust: &str) -> Config {
        self.types.by_type.insert(pg.into(), rust.into());
        self
    }
    /// Map one column (`schema.table.column`) to a Rust type, or `"skip"` it.
    pub fn rust_column(mut self, column: &str, rust: &str) -> Config {
        self.types.by_column.insert(column.into(), rust.into());
        self
    }
    /// Dates and times from the `time` crate instead of chrono (as `[rust] datetime = "time"`).
    pub fn time_crate(mut self, on: bool) -> Config {
        self.types.time_crate = on;
        self
    }
    /// Each domain as a newtype around its base type (as `[rust] domains = "newtype"`).
    pub fn domain_newtypes(mut self, on: bool) -> Config {
        self.types.domain_newtypes = on;
        self
    }
    /// Generate query functions and row codecs for this driver (none by default; the crate
    /// then needs the driver's dependencies, as the README lists). Repeat for both.
    pub fn driver(mut self, d: Driver) -> Config {
        if !self.drivers.contains(&d) {
            self.drivers.push(d);
        }
        self
    }
    /// Where to write `pgforge.rs` (default: `OUT_DIR`).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Config {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// For a crate that uses the derive crate and generates nothing: only print what makes
    /// cargo rerun the build script — and so recompile the crate and re-run the derive's
    /// checks — when a migration is *added* (the derive already tracks the files it read).
    /// The same as the one build.rs line `println!("cargo:rerun-if-changed=migrations");`.
    pub fn watch(self) -> Result<(), BuildError> {
        let migrations = self.migrations.ok_or_else(|| {
            BuildError::Config(
                "no migrations: call .migrations(path) or set [migrations] path in pgforge.toml"
                    .into(),
            )
        })?;
        println!("cargo:rerun-if-changed={}", migrations.display());
        if let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
            println!(
                "cargo:rerun-if-changed={}",
                Path::new(&dir).join(crate::config::FILE_NAME).display()
            );
        }
        Ok(())
    }

    pub fn compile(self) -> Result<(), BuildError> {
        if let Some(e) = self.file_error {
            return Err(BuildError::Config(e));
        }
        let migrations = self.migrations.ok_or_else(|| {
            BuildError::Config(
                "no migrations: call .migrations(path) or set [migrations] path in pgforge.toml"
                    .into(),
            )
        })?;
        let out_dir = self
            .out_dir
            .or_else(|| std::env::var_os("OUT_DIR").map(PathBuf::from))
            .ok_or_else(|| {
                BuildError::Config("OUT_DIR is not set (not running under cargo?)".into())
            })?;
        println!("cargo:rerun-if-changed={}", migrations.display());
        if let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
            println!(
                "cargo:rerun-if-changed={}",
                Path::new(&dir).join(crate::config::FILE_NAME).display()
            );
        }
        for p in &self.preludes {
            println!("cargo:rerun-if-changed={}", p.display());
        }
        // Cargo reruns the script for reasons of its own too (the script changed, a feature
        // changed): when no input changed since the last run, replay what it printed.
        let typescript =
            self.typescript
                .as_ref()
                .map(|p| match std::env::var_os("CARGO_MANIFEST_DIR") {
                    Some(dir) if p.is_relative() => Path::new(&dir).join(p),
                    _ => p.clone(),
                });
        let settings = format!(
            "{:?} {:?} {:?} {:?} {:?} {:?}",
            self.supabase,
            self.types,
            self.drivers,
            typescript,
            self.typescript_schemas,
            self.allow
        );
        let fingerprint = fingerprint(&migrations, &self.preludes, &self.queries, &settings);
        let record = out_dir.join("pgforge.rs.inputs");
        let outputs_present =
            out_dir.join("pgforge.rs").is_file() && typescript.as_ref().is_none_or(|t| t.is_file());
        if let Some(prev) =
            Record::read(&record).filter(|r| r.fingerprint == fingerprint && outputs_present)
        {
            for f in &prev.rerun {
                println!("cargo:rerun-if-changed={f}");
            }
            for w in &prev.warnings {
                println!("cargo:warning={w}");
            }
            return Ok(());
        }
        let mut preludes = vec![];
        for p in &self.preludes {
            let text = std::fs::read_to_string(p).map_err(|e| {
                BuildError::Config(format!("cannot read prelude {}: {e}", p.display()))
            })?;
            preludes.push((p.display().to_string(), text));
        }
        let mut b = schema::build_path(
            &migrations,
            &schema::Options {
                supabase: self.supabase,
                preludes,
                allow: self.allow.clone(),
                ..Default::default()
            },
        );
        b.check_queries(&self.queries);
        let mut rec = Record {
            fingerprint,
            rerun: vec![],
            warnings: vec![],
        };
        for (_, f) in b.sources.files().filter(|(_, f)| !f.builtin) {
            println!("cargo:rerun-if-changed={}", f.name);
            rec.rerun.push(f.name.clone());
        }
        let mut warn = |text: String| {
            // One cargo:warning line each: cargo shows further lines as plain output.
            let text = text.replace('\n', " ");
            println!("cargo:warning={text}");
            rec.warnings.push(text);
        };
        for d in b
            .diagnostics
            .iter()
            .filter(|d| d.severity == schema::diag::Severity::Warning)
        {
            warn(schema::diag::render_short(d, &b.sources));
        }
        if b.has_errors() {
            return Err(BuildError::Migrations(b.render(false)));
        }
        let header = format!(
            "// Generated by pgforge from {} by a build script; do not edit.",
            migrations.display()
        );
        let opts = crate::rust::Options {
            types: self.types,
            drivers: Drivers::of(&self.drivers, Gate::On),
            queries: b.queries.clone(),
        };
        let (file, diags) = emit_rust_single(&b.schema, &opts, &header);
        let (errs, warns): (Vec<_>, Vec<_>) = diags
            .into_iter()
            .partition(|d| d.severity == schema::diag::Severity::Error);
        for d in &warns {
            warn(schema::diag::render_short(d, &b.sources));
        }
        if !errs.is_empty() {
            return Err(BuildError::Migrations(schema::diag::render(
                &errs,
                &b.sources,
                Default::default(),
            )));
        }
        let out = Output {
            dir: PathBuf::new(),
            files: vec![file],
            exclusive: false,
        };
        // Only the one file: other files in OUT_DIR are not ours.
        for d in output::differences(&out_dir, &out) {
            let target = out_dir.join(&d.path);
            let tmp = out_dir.join(".pgforge.rs.tmp");
            std::fs::write(&tmp, &out.files[0].contents)
                .and_then(|_| std::fs::rename(&tmp, &target))
                .map_err(|source| BuildError::Write {
                    path: target.display().to_string(),
                    source,
                })?;
        }
        if let Some(path) = &typescript {
            let schemas = if self.typescript_schemas.is_empty() {
                crate::config::supabase_api_schemas(&migrations)
                    .unwrap_or_else(|| crate::typescript::Options::default().schemas)
            } else {
                self.typescript_schemas.clone()
            };
            let contents = crate::typescript::emit_typescript(
                &b.schema,
                &crate::typescript::Options {
                    schemas,
                    inferred_nullability: self.typescript_inferred_nullability,
                },
            );
            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            let name = path.file_name().ok_or_else(|| {
                BuildError::Config(format!("typescript: `{}` names no file", path.display()))
            })?;
            let out = Output {
                dir: PathBuf::new(),
                files: vec![output::OutputFile {
                    path: name.into(),
                    contents,
                }],
                exclusive: false,
            };
            output::write(&dir, &out).map_err(|source| BuildError::Write {
                path: path.display().to_string(),
                source,
            })?;
        }
        rec.write(&record);
        Ok(())
    }
}

/// What a run printed, kept in `OUT_DIR` with the fingerprint of its inputs.
#[derive(serde::Serialize, serde::Deserialize)]
struct Record {
    fingerprint: String,
    rerun: Vec<String>,
    warnings: Vec<String>,
}

impl Record {
    fn read(path: &Path) -> Option<Record> {
        serde_json::from_slice(&std::fs::read(path).ok()?).ok()
    }
    /// Best effort: without the record the next run just does the work again.
    fn write(&self, path: &Path) {
        if let Ok(json) = serde_json::to_vec(self) {
            let tmp = path.with_extension("inputs.tmp");
            let _ = std::fs::write(&tmp, json).and_then(|_| std::fs::rename(&tmp, path));
        }
    }
}

/// A hash of everything the output depends on: pgforge's version, the settings, and the
/// path and bytes of every `.sql` file under the migrations path and of each prelude.
fn fingerprint(
    migrations: &Path,
    preludes: &[PathBuf],
    queries: &[PathBuf],
    settings: &str,
) -> String {
    use std::hash::{Hash, Hasher};
    let mut files = schema::load::sql_inputs(migrations);
    files.extend(preludes.iter().cloned());
    for q in queries {
        files.extend(schema::load::sql_inputs(q));
    }
    files.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    settings.hash(&mut h);
    for f in &files {
        f.hash(&mut h);
        std::fs::read(f).ok().hash(&mut h);
    }
    format!("{:016x}", h.finish())
}
