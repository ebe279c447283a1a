//! `pgforge.toml`: where a project's migrations are and how to read them. Looked up in the
//! current directory; every key is optional.
//!
//! ```toml
//! [migrations]
//! path = "supabase/migrations"   # directory, project root or one .sql file
//! supabase = true                # Supabase base objects (auth.users, auth.uid(), …)
//! preludes = ["db/platform.sql"] # SQL applied before the migrations
//!
//! [check]
//! allow = ["E0301", "0004_search.sql:E0301"] # errors pgforge gets wrong: notes instead
//!
//! [lint]
//! auth_rls_initplan = "allow"     # a rule's level: allow, info, warn or error
//! allow = ["unindexed_foreign_keys:public.audit_log"] # one finding of a rule
//!
//! [output]
//! dir = "generated"              # where `pgforge generate` writes (`--out` overrides)
//! command = "pgforge generate"   # named in every generated file's header
//!
//! [docs]
//! path = "docs"                  # relative to output.dir
//! enabled = true
//!
//! [typescript]                   # Supabase's `Database` type (`supabase gen types typescript`)
//! path = "types/database.types.ts" # relative to output.dir
//! schemas = ["public"]           # the schemas it covers (the CLI's --schema)
//! nullability = "postgres"       # "inferred": no `| null` on view columns proven NOT NULL
//! enabled = true
//!
//! [rust]
//! path = "src"                   # relative to output.dir
//! enabled = true
//! view_nullability = "inferred"  # view columns proven NOT NULL are not Option; "postgres": all Option
//! [rust.types]                   # PostgreSQL type → Rust type
//! "inet" = "std::net::IpAddr"
//! [rust.columns]                 # one column → Rust type, or "skip"
//! "public.messages.search" = "skip"
//! ```

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    #[serde(default)]
    pub migrations: MigrationsConfig,
    #[serde(default)]
    pub output: OutputConfig,
    #[serde(default)]
    pub docs: DocsConfig,
    #[serde(default)]
    pub rust: RustConfig,
    #[serde(default)]
    pub typescript: TypeScriptConfig,
    #[serde(default)]
    pub check: CheckConfig,
    #[serde(default)]
    pub lint: LintConfig,
    #[serde(default)]
    pub queries: QueriesConfig,
}

/// `[queries] paths = ["queries"]`: the application's query files (sqlc syntax), checked
/// against the migrations and generated as typed functions.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueriesConfig {
    #[serde(default)]
    pub paths: Vec<PathBuf>,
}

/// `[lint]`: `rule = "allow" | "info" | "warn" | "error"`, and `allow = ["rule",
/// "rule:schema.object"]` (see `schema::lint::Settings`).
#[derive(Debug, Default, Deserialize)]
pub struct LintConfig {
    #[serde(default)]
    pub allow: Vec<String>,
    /// Migration-safety findings only from this migration on (file names that sort before
    /// it are deployed history).
    #[serde(default)]
    pub safety_from: Option<String>,
    #[serde(flatten)]
    pub levels: std::collections::BTreeMap<String, String>,
}

/// `[check]`: `allow` entries are `CODE`, `PATH:CODE` or `PATH:LINE:CODE` (see
/// `schema::allow`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeScriptConfig {
    /// The file, relative to the output directory (default `types/database.types.ts`).
    pub path: Option<PathBuf>,
    /// Schemas in the `Database` type (default `["public"]`).
    pub schemas: Option<Vec<String>>,
    /// Set to false to generate no TypeScript.
    pub enabled: Option<bool>,
    /// `postgres` (default: view columns `| null` as Supabase's generator prints them) or
    /// `inferred` (no `| null` where pgforge proves a view column NOT NULL).
    pub nullability: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RustConfig {
    /// Directory of the Rust sources, relative to the output directory (default `src`).
    pub path: Option<PathBuf>,
    /// Set to false to generate no Rust.
    pub enabled: Option<bool>,
    /// PostgreSQL type (canonical name, e.g. `inet`) → Rust type path.
    #[serde(default)]
    pub types: std::collections::BTreeMap<String, String>,
    /// `schema.table.column` → Rust type path, or `skip`.
    #[serde(default)]
    pub columns: std::collections::BTreeMap<String, String>,
    /// Drivers to generate query code for: `sqlx`, `tokio-postgres` (default: both).
    pub drivers: Option<Vec<String>>,
    /// Put each driver behind a cargo feature of its name (default true; false: always on).
    pub features: Option<bool>,
    /// `chrono` (default) or `time`: the crate dates and times map to.
    pub datetime: Option<String>,
    /// `base` (default: a domain is its base type) or `newtype` (a struct per domain).
    pub domains: Option<String>,
    /// `inferred` (default: a view column proven NOT NULL is not an `Option`) or `postgres`
    /// (every view column an `Option`, as PostgreSQL reports view columns).
    pub view_nullability: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputConfig {
    /// Where generated files go (`--out` overrides).
    pub dir: Option<PathBuf>,
    /// The command printed in every generated file's header as the way to regenerate it.
    pub command: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocsConfig {
    /// Directory of the Markdown docs, relative to the output directory (default `docs`).
    pub path: Option<PathBuf>,
    /// Set to false to generate no docs.
    pub enabled: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrationsConfig {
    pub path: Option<PathBuf>,
    pub supabase: Option<bool>,
    #[serde(default)]
    pub preludes: Vec<PathBuf>,
}

/// The configuration in force: the file's values with paths made relative to its directory.
#[derive(Debug)]
pub struct Config {
    /// Where the file was found, if anywhere.
    pub file: Option<PathBuf>,
    pub migrations: Option<PathBuf>,
    pub supabase: Option<bool>,
    pub preludes: Vec<PathBuf>,
    /// Errors allowed by `[check] allow`.
    pub allow: Vec<schema::allow::AllowRule>,
    /// `[lint]`: rule levels and allowed findings.
    pub lint: schema::lint::Settings,
    /// The migrations path as written in the file (for generated headers).
    pub migrations_as_written: Option<String>,
    /// The output directory, relative to the current directory.
    pub output_dir: Option<PathBuf>,
    pub command: Option<String>,
    pub docs_path: PathBuf,
    pub docs_enabled: bool,
    pub rust_path: PathBuf,
    pub rust_enabled: bool,
    pub rust_types: crate::rust::TypeMap,
    /// The drivers named in `[rust] drivers`, if the key is there.
    pub rust_drivers: Option<Vec<crate::rust::Driver>>,
    pub rust_features: bool,
    pub typescript_path: PathBuf,
    pub typescript_enabled: bool,
    pub typescript: TypeScriptOptions,
    /// Whether `[typescript] schemas` is set (else a Supabase project's own list applies).
    pub typescript_schemas_set: bool,
    /// `[queries] paths`: query files or directories of them.
    pub queries: Vec<PathBuf>,
}

impl Config {
    /// The drivers for a generated crate: as configured, else both; behind features unless
    /// `[rust] features = false`.
    pub fn crate_drivers(&self) -> crate::rust::Drivers {
        let gate = if self.rust_features {
            crate::rust::Gate::Feature
        } else {
            crate::rust::Gate::On
        };
        crate::rust::Drivers::of(
            self.rust_drivers.as_deref().unwrap_or(&[
                crate::rust::Driver::Sqlx,
                crate::rust::Driver::TokioPostgres,
            ]),
            gate,
        )
    }
}

pub const FILE_NAME: &str = "pgforge.toml";

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            migrations: None,
            supabase: None,
            preludes: vec![],
            allow: vec![],
            lint: Default::default(),
            migrations_as_written: None,
            output_dir: None,
            command: None,
            docs_path: "docs".into(),
            docs_enabled: true,
            rust_path: "src".into(),
            rust_enabled: true,
            rust_types: Default::default(),
            rust_drivers: None,
            rust_features: true,
            typescript_path: "types/database.types.ts".into(),
            typescript_enabled: true,
            typescript: Default::default(),
            typescript_schemas_set: false,
            queries: vec![],
        }
    }
}

impl Config {
    /// Read `pgforge.toml` from `dir` if it exists.
    pub fn find(dir: &Path) -> Result<Config, ConfigError> {
        let path = dir.join(FILE_NAME);
        if !path.is_file() {
            return Ok(Config::default());
        }
        Self::read(&path)
    }

    /// The configuration of the project `input` belongs to: the nearest `pgforge.toml` at or
    /// above it (as cargo finds `Cargo.toml`), so the file of the directory pgforge runs in
    /// never applies to another project's path.
    pub fn find_for(input: &Path) -> Result<Config, ConfigError> {
        let full = std::fs::canonicalize(input).unwrap_or_else(|_| input.to_path_buf());
        let start = if full.is_dir() {
            full.as_path()
        } else {
            full.parent().unwrap_or(Path::new("."))
        };
        match start.ancestors().find(|d| d.join(FILE_NAME).is_file()) {
            Some(dir) => Self::read(&dir.join(FILE_NAME)),
            None => Ok(Config::default()),
        }
    }

    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: shown.clone(),
            source,
        })?;
        let parsed: FileConfig = toml::from_str(&text).map_err(|e| ConfigError::Parse {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let rel = |p: PathBuf| if p.is_absolute() { p } else { base.join(p) };
        let rust_drivers = match parsed.rust.drivers {
            None => None,
            Some(names) => Some(
                names
                    .iter()
                    .map(|n| crate::rust::Driver::parse(n).ok_or_else(|| ConfigError::Parse { path: shown.clone(), message: format!("[rust] drivers: unknown driver `{n}` (known: sqlx, tokio-postgres)") }))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        let time_crate = match parsed.rust.datetime.as_deref() {
            None | Some("chrono") => false,
            Some("time") => true,
            Some(other) => {
                return Err(ConfigError::Parse {
                    path: shown.clone(),
                    message: format!(
                        "[rust] datetime: `{other}` (expected \"chrono\" or \"time\")"
                    ),
                })
            }
        };
        let domain_newtypes = match parsed.rust.domains.as_deref() {
            None | Some("base") => false,
            Some("newtype") => true,
            Some(other) => {
                return Err(ConfigError::Parse {
                    path: shown.clone(),
                    message: format!(
                        "[rust] domains: `{other}` (expected \"base\" or \"newtype\")"
                    ),
                })
            }
        };
        let view_nullability_postgres = match parsed.rust.view_nullability.as_deref() {
            None | Some("inferred") => false,
            Some("postgres") => true,
            Some(other) => {
                return Err(ConfigError::Parse {
                    path: shown.clone(),
                    message: format!(
                        "[rust] view_nullability: `{other}` (expected \"inferred\" or \"postgres\")"
                    ),
                })
            }
        };
        let inferred_nullability = match parsed.typescript.nullability.as_deref() {
            None | Some("postgres") => false,
            Some("inferred") => true,
            Some(other) => {
                return Err(ConfigError::Parse {
                    path: shown.clone(),
                    message: format!(
                    "[typescript] nullability: `{other}` (expected \"postgres\" or \"inferred\")"
                ),
                })
            }
        };
        let allow = parsed
            .check
            .allow
            .iter()
            .map(|a| a.parse())
            .collect::<Result<Vec<_>, String>>()
            .map_err(|e| ConfigError::Parse {
                path: shown.clone(),
                message: format!("[check] allow: {e}"),
            })?;
        let lint = schema::lint::Settings::parse(
            &parsed.lint.levels,
            &parsed.lint.allow,
            parsed.lint.safety_from.clone(),
        )
        .map_err(|message| ConfigError::Parse {
            path: shown.clone(),
            message,
        })?;
        Ok(Config {
            file: Some(path.to_path_buf()),
            allow,
            lint,
            migrations_as_written: parsed
                .migrations
                .path
                .as_ref()
                .map(|p| p.display().to_string()),
            migrations: parsed.migrations.path.map(rel),
            supabase: parsed.migrations.supabase,
            preludes: parsed.migrations.preludes.into_iter().map(rel).collect(),
            output_dir: parsed.output.dir.map(rel),
            command: parsed.output.command,
            docs_path: parsed.docs.path.unwrap_or_else(|| "docs".into()),
            docs_enabled: parsed.docs.enabled.unwrap_or(true),
            rust_path: parsed.rust.path.unwrap_or_else(|| "src".into()),
            rust_enabled: parsed.rust.enabled.unwrap_or(true),
            rust_types: crate::rust::TypeMap {
                by_type: parsed.rust.types,
                by_column: parsed.rust.columns,
                time_crate,
                domain_newtypes,
                view_nullability_postgres,
            },
            rust_drivers,
            rust_features: parsed.rust.features.unwrap_or(true),
            typescript_path: parsed
                .typescript
                .path
                .unwrap_or_else(|| "types/database.types.ts".into()),
            typescript_enabled: parsed.typescript.enabled.unwrap_or(true),
            typescript_schemas_set: parsed.typescript.schemas.is_some(),
            queries: parsed.queries.paths.into_iter().map(rel).collect(),
            typescript: TypeScriptOptions {
                schemas: parsed
                    .typescript
                    .schemas
                    .unwrap_or_else(|| vec!["public".into()]),
                inferred_nullability,
            },
        })
    }
}

/// The schemas `supabase gen types typescript` covers for a Supabase project: `public` and
/// the `[api] schemas` of its `supabase/config.toml` (the CLI's default file lists `public`
/// and `graphql_public`). `None` without that file (or without the key).
pub fn supabase_api_schemas(input: &Path) -> Option<Vec<String>> {
    #[derive(Deserialize)]
    struct File {
        api: Option<Api>,
    }
    #[derive(Deserialize)]
    struct Api {
        schemas: Option<Vec<String>>,
    }
    let dir = if input.is_dir() {
        input
    } else {
        input.parent()?
    };
    let candidates = [
        dir.join("supabase/config.toml"),
        dir.join("config.toml"),
        dir.parent()?.join("config.toml"),
    ];
    let file = candidates.iter().find(|p| {
        p.is_file() && p.parent().and_then(|d| d.file_name()) == Some("supabase".as_ref())
    })?;
    let text = std::fs::read_to_string(file).ok()?;
    let listed = toml::from_str::<File>(&text).ok()?.api?.schemas?;
    let mut schemas = vec!["public".to_string()];
    schemas.extend(listed.into_iter().filter(|s| s != "public"));
    Some(schemas)
}

/// The directories whose presence makes the current directory a project.
pub const PROJECT_DIRS: &[&str] = &[
    "supabase",
    "prisma/migrations",
    "drizzle",
    "db/structure.sql",
    "migrations",
    "db/migrations",
    "db/migration",
    "src/db/migrations",
];

/// `PROJECT_DIRS` as a message lists them: `supabase/, prisma/migrations/, …`.
pub fn project_dirs_listed() -> String {
    PROJECT_DIRS
        .iter()
        .map(|d| {
            if d.ends_with(".sql") {
                d.to_string()
            } else {
                format!("{d}/")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What to read when neither a PATH nor `pgforge.toml` names the migrations: the current
/// directory when it looks like a project (one of `PROJECT_DIRS`: Supabase, Prisma, Drizzle,
/// Rails, diesel, sqlx, dbmate or Flyway layouts; or `.sql` files). Nothing else: an installed binary has no example of its own.
pub fn default_input(cwd: &Path) -> Option<PathBuf> {
    let project = PROJECT_DIRS.iter().any(|d| cwd.join(d).exists())
        || std::fs::read_dir(cwd)
            .map(|rd| {
                rd.flatten()
                    .any(|e| e.path().extension().is_some_and(|x| x == "sql"))
            })
            .unwrap_or(false);
    project.then(|| cwd.to_path_buf())
}

/// What the TypeScript emitter generates.
#[derive(Debug, Clone)]
pub struct TypeScriptOptions {
    /// Schemas to include (the CLI's `--schema`; default `public`).
    pub schemas: Vec<String>,
    /// Drop `| null` from view columns proven NOT NULL (`[typescript] nullability =
    /// "inferred"`, `--nullability inferred`); off by default, which keeps the output
    /// byte-identical to Supabase's generator.
    pub inferred_nullability: bool,
}

impl Default for TypeScriptOptions {
    fn default() -> Self {
        TypeScriptOptions {
            schemas: vec!["public".into()],
            inferred_nullability: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_errors() {
        let dir = std::env::temp_dir().join(format!("pgforge-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(FILE_NAME),
            "[migrations]\npath = \"m\"\nsupabase = true\n",
        )
        .unwrap();
        let c = Config::find(&dir).unwrap();
        assert_eq!(c.migrations, Some(dir.join("m")));
        assert_eq!(c.supabase, Some(true));
        std::fs::write(dir.join(FILE_NAME), "[migrations]\npaht = \"m\"\n").unwrap();
        let e = Config::find(&dir).unwrap_err().to_string();
        assert!(e.contains("unknown field `paht`"), "{e}");
        std::fs::write(dir.join(FILE_NAME), "[rust]\ndatetime = \"time\"\ndomains = \"newtype\"\ndrivers = [\"sqlx\"]\nfeatures = false\n").unwrap();
        let c = Config::find(&dir).unwrap();
        assert!(c.rust_types.time_crate && c.rust_types.domain_newtypes);
        assert_eq!(
            c.crate_drivers(),
            crate::rust::Drivers {
                sqlx: crate::rust::Gate::On,
                tokio_postgres: crate::rust::Gate::Off
            }
        );
        for (bad, said) in [
            ("datetime = \"jiff\"", "[rust] datetime: `jiff`"),
            ("domains = \"alias\"", "[rust] domains: `alias`"),
            ("drivers = [\"diesel\"]", "unknown driver `diesel`"),
        ] {
            std::fs::write(dir.join(FILE_NAME), format!("[rust]\n{bad}\n")).unwrap();
            let e = Config::find(&dir).unwrap_err().to_string();
            assert!(e.contains(said), "{e}");
        }
    }
}
