//! Which migration tool owns a directory, and the order that tool applies its files in.
//! The rules are documented in README.md ("Where migrations are found").

use super::{file_name, list, orm};
use crate::diag::{codes, Diagnostic};
use serde::Serialize;
use std::cmp::Ordering;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// One file (a pg_dump `structure.sql`, or any single migration).
    SingleFile,
    /// `.sql` files applied in byte order of their names.
    Plain,
    /// `supabase/migrations/<version>_<name>.sql` (and `supabase/schemas/*.sql`).
    Supabase,
    /// `migrations/<version>_<name>/up.sql`.
    Diesel,
    /// `<version>_<desc>.sql` or `.up.sql`/`.down.sql` (sqlx, golang-migrate, goose, dbmate, …).
    Versioned,
    /// `V<version>__<desc>.sql`, then `R__<desc>.sql`.
    Flyway,
    /// `prisma/migrations/<folder>/migration.sql`, folders in byte order.
    Prisma,
    /// `drizzle/<tag>.sql` in the order of `drizzle/meta/_journal.json`.
    Drizzle,
    /// A Rails project's `db/structure.sql` (a pg_dump).
    RailsStructure,
}

impl Layout {
    /// Whether Supabase's base objects are switched on by default for this layout.
    pub fn is_supabase(self) -> bool {
        self == Layout::Supabase
    }

    /// The tool, as a user names it.
    pub fn describe(self) -> &'static str {
        match self {
            Layout::SingleFile => "single file",
            Layout::Plain => "plain .sql files",
            Layout::Supabase => "Supabase",
            Layout::Diesel => "diesel",
            Layout::Versioned => "versioned (sqlx, golang-migrate, dbmate, goose)",
            Layout::Flyway => "Flyway",
            Layout::Prisma => "Prisma",
            Layout::Drizzle => "Drizzle",
            Layout::RailsStructure => "Rails structure.sql",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Migration {
    pub path: PathBuf,
    pub version: Option<String>,
}

#[derive(Debug)]
pub struct Found {
    pub layout: Layout,
    pub migrations: Vec<Migration>,
    pub duplicate_versions: Vec<(Migration, Migration)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Work out the layout at `path` and list its migrations in apply order.
pub fn detect(path: &Path) -> Result<Found, String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("cannot open {}: {e}", super::display(path)))?;
    if meta.is_file() {
        return Ok(Found {
            layout: Layout::SingleFile,
            migrations: vec![Migration {
                path: path.to_path_buf(),
                version: None,
            }],
            duplicate_versions: vec![],
            diagnostics: vec![],
        });
    }
    // A project root: look for the migrations directory where each tool keeps it.
    if path.join("supabase/migrations").is_dir() || path.join("supabase/schemas").is_dir() {
        return supabase(&path.join("supabase"));
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let parent = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("");
    if name == "supabase" && (path.join("migrations").is_dir() || path.join("schemas").is_dir()) {
        return supabase(path);
    }
    if name == "migrations" && parent == "supabase" {
        return supabase(path.parent().unwrap_or(path));
    }
    if let Some(found) = orm_project(path)? {
        return Ok(found);
    }
    let structure = path.join("db/structure.sql");
    if structure.is_file() {
        return Ok(Found {
            layout: Layout::RailsStructure,
            migrations: vec![Migration {
                path: structure,
                version: None,
            }],
            duplicate_versions: vec![],
            diagnostics: vec![],
        });
    }
    for sub in [
        "migrations",
        "db/migrations",
        "db/migration",
        "src/main/resources/db/migration",
    ] {
        let dir = path.join(sub);
        if dir.is_dir() && !has_sql(path) {
            return in_dir(&dir);
        }
    }
    in_dir(path)
}

/// A Prisma or Drizzle project root (or their migrations folder).
fn orm_project(path: &Path) -> Result<Option<Found>, String> {
    let prisma_dir = path.join("prisma/migrations");
    if prisma_dir.is_dir() && orm::is_prisma(&prisma_dir) {
        return Ok(Some(prisma(&prisma_dir)));
    }
    for sub in [
        "",
        "drizzle",
        "migrations",
        "db/migrations",
        "src/db/migrations",
    ] {
        let dir = if sub.is_empty() {
            path.to_path_buf()
        } else {
            path.join(sub)
        };
        if orm::drizzle_journal(&dir).is_file() {
            return drizzle(&dir).map(Some);
        }
    }
    Ok(None)
}

fn prisma(dir: &Path) -> Found {
    Found {
        layout: Layout::Prisma,
        migrations: unversioned(orm::prisma(dir)),
        duplicate_versions: vec![],
        diagnostics: vec![],
    }
}

fn drizzle(dir: &Path) -> Result<Found, String> {
    let (paths, diagnostics) = orm::drizzle(dir)?;
    Ok(Found {
        layout: Layout::Drizzle,
        migrations: unversioned(paths),
        duplicate_versions: vec![],
        diagnostics,
    })
}

/// Migrations a tool identifies by name, not by a version number.
fn unversioned(paths: Vec<PathBuf>) -> Vec<Migration> {
    paths
        .into_iter()
        .map(|path| Migration {
            path,
            version: None,
        })
        .collect()
}

fn has_sql(dir: &Path) -> bool {
    list(dir)
        .iter()
        .any(|p| p.extension().is_some_and(|e| e == "sql"))
}

fn supabase(root: &Path) -> Result<Found, String> {
    let mut diagnostics = vec![];
    let mut migrations = vec![];
    for p in list(&root.join("migrations")) {
        let n = file_name(&p);
        if !n.ends_with(".sql") {
            continue;
        }
        match leading_version(&n) {
            Some((v, rest)) if rest.starts_with('_') => migrations.push(Migration {
                path: p,
                version: Some(v),
            }),
            _ => diagnostics.push(Diagnostic::warning(
                codes::NOT_MODELLED,
                format!(
                    "skipping {}: Supabase only applies files named <timestamp>_name.sql",
                    super::display(&p)
                ),
            )),
        }
    }
    let (migrations, duplicate_versions) = order_versioned(migrations);
    let mut found = Found {
        layout: Layout::Supabase,
        migrations,
        duplicate_versions,
        diagnostics,
    };
    // Declarative schema files describe the same state the migrations were diffed from; they
    // are the source when the project has no migrations yet.
    let schemas: Vec<PathBuf> = list(&root.join("schemas"))
        .into_iter()
        .filter(|p| file_name(p).ends_with(".sql"))
        .collect();
    if found.migrations.is_empty() {
        found.migrations = schemas
            .into_iter()
            .map(|path| Migration {
                path,
                version: None,
            })
            .collect();
    } else if !schemas.is_empty() {
        found.diagnostics.push(Diagnostic::note_level(
            codes::NOT_MODELLED,
            "supabase/schemas/ is present; pgforge reads supabase/migrations/, which is what gets deployed",
        ));
    }
    Ok(found)
}

fn in_dir(dir: &Path) -> Result<Found, String> {
    if orm::drizzle_journal(dir).is_file() {
        return drizzle(dir);
    }
    let entries = list(dir);
    // Diesel: one directory per migration with an up.sql inside.
    let diesel: Vec<PathBuf> = entries
        .iter()
        .filter(|p| p.join("up.sql").is_file())
        .cloned()
        .collect();
    if !diesel.is_empty() {
        let migrations: Vec<Migration> = diesel
            .into_iter()
            .map(|d| {
                let n = file_name(&d);
                let version = n.split('_').next().map(str::to_string);
                Migration {
                    path: d.join("up.sql"),
                    version,
                }
            })
            .collect();
        let duplicate_versions = duplicates(&migrations, |a, b| a == b);
        return Ok(Found {
            layout: Layout::Diesel,
            migrations,
            duplicate_versions,
            diagnostics: vec![],
        });
    }
    if orm::is_prisma(dir) {
        return Ok(prisma(dir));
    }
    let sql: Vec<PathBuf> = entries
        .into_iter()
        .filter(|p| p.is_file() && file_name(p).ends_with(".sql"))
        .collect();
    let names: Vec<String> = sql.iter().map(|p| file_name(p)).collect();
    if !names.is_empty() && names.iter().all(|n| is_flyway(n)) {
        return Ok(flyway(sql));
    }
    let is_versioned = |n: &str| leading_version(n).is_some_and(|(_, rest)| rest.starts_with('_'));
    if !names.is_empty() && names.iter().all(|n| is_versioned(n)) {
        // sqlx / golang-migrate keep reversible pairs: only the up half is applied.
        let migrations: Vec<Migration> = sql
            .into_iter()
            .filter(|p| !file_name(p).ends_with(".down.sql"))
            .map(|p| {
                let version = leading_version(&file_name(&p)).map(|(v, _)| v);
                Migration { path: p, version }
            })
            .collect();
        let (migrations, duplicate_versions) = order_versioned(migrations);
        return Ok(Found {
            layout: Layout::Versioned,
            migrations,
            duplicate_versions,
            diagnostics: vec![],
        });
    }
    let migrations = sql
        .into_iter()
        .filter(|p| !file_name(p).ends_with(".down.sql"))
        .map(|path| Migration {
            path,
            version: None,
        })
        .collect();
    Ok(Found {
        layout: Layout::Plain,
        migrations,
        duplicate_versions: vec![],
        diagnostics: vec![],
    })
}

/// `20240101_x.sql` → ("20240101", "_x.sql").
fn leading_version(name: &str) -> Option<(String, &str)> {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0).then(|| (name[..digits].to_string(), &name[digits..]))
}

/// Numeric comparison of digit strings of any length.
fn cmp_numeric(a: &str, b: &str) -> Ordering {
    let a = a.trim_start_matches('0');
    let b = b.trim_start_matches('0');
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn order_versioned(mut v: Vec<Migration>) -> (Vec<Migration>, Vec<(Migration, Migration)>) {
    v.sort_by(|a, b| {
        cmp_numeric(
            a.version.as_deref().unwrap_or(""),
            b.version.as_deref().unwrap_or(""),
        )
        .then_with(|| a.path.cmp(&b.path))
    });
    let dups = duplicates(&v, |a, b| cmp_numeric(a, b) == Ordering::Equal);
    (v, dups)
}

fn duplicates(v: &[Migration], same: impl Fn(&str, &str) -> bool) -> Vec<(Migration, Migration)> {
    v.windows(2)
        .filter(|w| match (&w[0].version, &w[1].version) {
            (Some(a), Some(b)) => same(a, b),
            _ => false,
        })
        .map(|w| (w[0].clone(), w[1].clone()))
        .collect()
}

fn is_flyway(n: &str) -> bool {
    let versioned =
        n.starts_with('V') && n.contains("__") && n[1..].starts_with(|c: char| c.is_ascii_digit());
    versioned || n.starts_with("R__") || (n.starts_with('U') && n.contains("__"))
}

/// Flyway: versioned `V1.2__x.sql` by numeric version parts, then repeatable `R__x.sql` by
/// description; undo `U…` files are never applied forward.
fn flyway(files: Vec<PathBuf>) -> Found {
    let mut versioned = vec![];
    let mut repeatable = vec![];
    for p in files {
        let n = file_name(&p);
        if let Some(rest) = n.strip_prefix('V') {
            let version = rest.split("__").next().unwrap_or("").to_string();
            versioned.push(Migration {
                path: p,
                version: Some(version),
            });
        } else if n.starts_with("R__") {
            repeatable.push(Migration {
                path: p,
                version: None,
            });
        }
    }
    let parts = |v: &str| -> Vec<String> {
        let mut p: Vec<String> = v
            .split(['.', '_'])
            .map(|s| s.trim_start_matches('0').to_string())
            .collect();
        while p.last().is_some_and(|s| s.is_empty()) && p.len() > 1 {
            p.pop();
        }
        p
    };
    let cmp = |a: &str, b: &str| -> Ordering {
        let (pa, pb) = (parts(a), parts(b));
        for i in 0..pa.len().max(pb.len()) {
            let x = pa.get(i).map(String::as_str).unwrap_or("");
            let y = pb.get(i).map(String::as_str).unwrap_or("");
            let o = cmp_numeric(x, y);
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    };
    versioned.sort_by(|a, b| {
        cmp(
            a.version.as_deref().unwrap_or(""),
            b.version.as_deref().unwrap_or(""),
        )
    });
    let duplicate_versions = duplicates(&versioned, |a, b| cmp(a, b) == Ordering::Equal);
    repeatable.sort_by(|a, b| a.path.cmp(&b.path));
    versioned.extend(repeatable);
    Found {
        layout: Layout::Flyway,
        migrations: versioned,
        duplicate_versions,
        diagnostics: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(files: &[&str]) -> PathBuf {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "pgforge-layout-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        for f in files {
            let p = dir.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "select 1;").unwrap();
        }
        dir
    }

    fn order(dir: &Path) -> (Layout, Vec<String>, usize) {
        let f = detect(dir).unwrap();
        let names = f
            .migrations
            .iter()
            .map(|m| {
                m.path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        (f.layout, names, f.duplicate_versions.len())
    }

    #[test]
    fn versioned_files_sort_numerically_and_skip_down() {
        let d = tmp(&["10_c.up.sql", "2_b.up.sql", "2_b.down.sql", "1_a.up.sql"]);
        assert_eq!(
            order(&d),
            (
                Layout::Versioned,
                vec![
                    "1_a.up.sql".into(),
                    "2_b.up.sql".into(),
                    "10_c.up.sql".into()
                ],
                0
            )
        );
    }

    #[test]
    fn duplicate_versions_are_reported() {
        let d = tmp(&["001_a.sql", "1_b.sql"]);
        assert_eq!(order(&d).2, 1);
    }

    #[test]
    fn supabase_root_and_non_matching_files() {
        let d = tmp(&[
            "supabase/migrations/20240102000000_b.sql",
            "supabase/migrations/20240101000000_a.sql",
            "supabase/migrations/seed.sql",
        ]);
        let f = detect(&d).unwrap();
        assert_eq!(f.layout, Layout::Supabase);
        assert_eq!(f.migrations.len(), 2);
        assert!(f.migrations[0].path.ends_with("20240101000000_a.sql"));
        assert_eq!(f.diagnostics.len(), 1);
    }

    #[test]
    fn diesel_up_only() {
        let d = tmp(&[
            "migrations/2020-01-02-000000_b/up.sql",
            "migrations/2020-01-01-000000_a/up.sql",
            "migrations/2020-01-01-000000_a/down.sql",
        ]);
        let (layout, names, _) = order(&d);
        assert_eq!(layout, Layout::Diesel);
        assert_eq!(
            names,
            vec![
                "migrations/2020-01-01-000000_a/up.sql",
                "migrations/2020-01-02-000000_b/up.sql"
            ]
        );
    }

    #[test]
    fn flyway_numeric_versions_then_repeatables() {
        let d = tmp(&[
            "V10__c.sql",
            "V2__b.sql",
            "V1.1__a.sql",
            "R__views.sql",
            "U2__undo.sql",
        ]);
        let (layout, names, _) = order(&d);
        assert_eq!(layout, Layout::Flyway);
        assert_eq!(
            names,
            vec!["V1.1__a.sql", "V2__b.sql", "V10__c.sql", "R__views.sql"]
        );
    }

    #[test]
    fn plain_byte_order() {
        let d = tmp(&["b-two.sql", "a-one.sql", "0001-x.sql"]);
        assert_eq!(order(&d).1, vec!["0001-x.sql", "a-one.sql", "b-two.sql"]);
    }

    #[test]
    fn prisma_folders_in_byte_order_from_the_project_root() {
        let d = tmp(&[
            "prisma/migrations/20240102000000_b/migration.sql",
            "prisma/migrations/20240101000000_a copy/migration.sql",
            "prisma/migrations/20240101000000_a/migration.sql",
            "prisma/migrations/migration_lock.toml",
        ]);
        let (layout, names, dups) = order(&d);
        assert_eq!(layout, Layout::Prisma);
        assert_eq!(
            names,
            vec![
                "prisma/migrations/20240101000000_a/migration.sql".to_string(),
                "prisma/migrations/20240101000000_a copy/migration.sql".into(),
                "prisma/migrations/20240102000000_b/migration.sql".into(),
            ]
        );
        assert_eq!(dups, 0);
    }

    #[test]
    fn drizzle_follows_its_journal_and_skips_the_rest() {
        let d = tmp(&[
            "drizzle/0000_a.sql",
            "drizzle/0001_b.sql",
            "drizzle/0001_orphan.sql",
        ]);
        std::fs::create_dir_all(d.join("drizzle/meta")).unwrap();
        std::fs::write(
            d.join("drizzle/meta/_journal.json"),
            r#"{"entries":[{"tag":"0001_b"},{"tag":"0000_a"}]}"#,
        )
        .unwrap();
        let f = detect(&d).unwrap();
        assert_eq!(f.layout, Layout::Drizzle);
        let names: Vec<String> = f.migrations.iter().map(|m| file_name(&m.path)).collect();
        assert_eq!(names, vec!["0001_b.sql", "0000_a.sql"]);
        assert_eq!(f.diagnostics.len(), 1, "the orphan is named in a warning");
        // The migrations folder itself works too.
        assert_eq!(detect(&d.join("drizzle")).unwrap().migrations.len(), 2);
    }

    #[test]
    fn rails_structure_sql_under_a_project_root() {
        let d = tmp(&["db/structure.sql", "db/seeds.rb"]);
        let (layout, names, _) = order(&d);
        assert_eq!(
            (layout, names),
            (Layout::RailsStructure, vec!["db/structure.sql".to_string()])
        );
    }
}
