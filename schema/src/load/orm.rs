//! The migration folders of ORMs that keep their own bookkeeping: Prisma (a folder per
//! migration, applied in byte order of the folder names) and Drizzle (files applied in the
//! order of `meta/_journal.json`, not by name).

use super::{file_name, list};
use crate::diag::{codes, Diagnostic};
use std::path::{Path, PathBuf};

/// Whether `dir` holds Prisma migration folders (`<name>/migration.sql`).
pub fn is_prisma(dir: &Path) -> bool {
    list(dir).iter().any(|p| p.join("migration.sql").is_file())
}

/// `prisma migrate`: every folder with a `migration.sql`, in byte order of the folder name
/// (names with spaces included; `migration_lock.toml` is not a migration). Prisma identifies
/// a migration by its whole folder name, so two folders with the same timestamp are two
/// migrations, not a duplicate version.
pub fn prisma(dir: &Path) -> Vec<PathBuf> {
    list(dir)
        .into_iter()
        .map(|p| p.join("migration.sql"))
        .filter(|p| p.is_file())
        .collect()
}

/// The journal drizzle-kit writes beside its migrations.
pub fn drizzle_journal(dir: &Path) -> PathBuf {
    dir.join("meta/_journal.json")
}

/// drizzle-orm's migrator: the journal's entries in order, each `<tag>.sql`. A `.sql` file
/// the journal does not name is never applied (a warning says so); a named file that is
/// missing is an error, as it is for the migrator.
pub fn drizzle(dir: &Path) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), String> {
    let journal = drizzle_journal(dir);
    let text = std::fs::read_to_string(&journal)
        .map_err(|e| format!("cannot read {}: {e}", super::display(&journal)))?;
    let tags = journal_tags(&text)
        .map_err(|e| format!("{}: not a drizzle journal: {e}", super::display(&journal)))?;
    let mut diagnostics = vec![];
    let mut migrations = vec![];
    for tag in &tags {
        let path = dir.join(format!("{tag}.sql"));
        if path.is_file() {
            migrations.push(path);
        } else {
            diagnostics.push(Diagnostic::error(
                codes::IO,
                format!(
                    "{} names migration \"{tag}\", but {} does not exist",
                    super::display(&journal),
                    super::display(&path)
                ),
            ));
        }
    }
    for p in list(dir) {
        let n = file_name(&p);
        let tag = n.strip_suffix(".sql").unwrap_or(&n);
        if p.is_file() && n.ends_with(".sql") && !tags.iter().any(|t| t == tag) {
            diagnostics.push(Diagnostic::warning(
                codes::NOT_MODELLED,
                format!(
                    "skipping {}: it is not in {}, so drizzle never applies it",
                    super::display(&p),
                    super::display(&journal)
                ),
            ));
        }
    }
    Ok((migrations, diagnostics))
}

/// The `tag` of each entry of a drizzle journal, in journal order.
fn journal_tags(text: &str) -> Result<Vec<String>, String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let entries = v
        .get("entries")
        .and_then(|e| e.as_array())
        .ok_or("no \"entries\" list")?;
    entries
        .iter()
        .map(|e| {
            e.get("tag")
                .and_then(|t| t.as_str())
                .map(str::to_string)
                .ok_or_else(|| "an entry without a \"tag\"".to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journal_order_not_name_order() {
        let tags = journal_tags(
            r#"{"version":"5","entries":[{"idx":0,"tag":"0001_b"},{"idx":1,"tag":"0000_a"}]}"#,
        );
        assert_eq!(tags, Ok(vec!["0001_b".to_string(), "0000_a".to_string()]));
        assert!(journal_tags("{}").is_err());
    }
}
