//! `pgforge verify`: apply the migrations to a real PostgreSQL, in pgforge's order, and
//! compare what it built with pgforge's model, kind by kind.

mod bin;
pub mod cluster;
mod compare;
pub mod introspect;
mod probe;
pub mod psql;
mod records;
pub mod referee;
mod standins;
mod text;

pub use compare::{KindResult, Mismatch, Report};

use psql::{Conn, PsqlError};
use schema::diag::{codes, Diagnostic};
use schema::Build;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error(transparent)]
    Cluster(#[from] cluster::ClusterError),
    #[error("PostgreSQL: {0}")]
    Psql(#[from] PsqlError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Where to verify.
pub enum Target<'a> {
    /// A database of a cluster someone else runs: a scratch database is created in it.
    Url(String),
    /// A database in a running throwaway cluster (tests share one cluster).
    Cluster(&'a cluster::Cluster),
}

/// A scratch database, dropped on drop.
pub struct Scratch {
    admin: Conn,
    pub conn: Conn,
    name: String,
}

impl Scratch {
    pub fn create(admin: Conn, name: &str) -> Result<Scratch, VerifyError> {
        admin.script(&format!(
            "drop database if exists \"{name}\" with (force);\ncreate database \"{name}\";\n"
        ))?;
        Ok(Scratch {
            conn: admin.with_db(name),
            admin,
            name: name.to_string(),
        })
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = self.admin.script(&format!(
            "drop database if exists \"{}\" with (force);\n",
            self.name
        ));
    }
}

fn scratch_name(label: &str) -> String {
    let clean: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(30)
        .collect();
    format!("pgforge_verify_{}_{clean}", std::process::id())
}

/// Verify a build. `label` names the scratch database.
pub fn verify(b: &Build, target: Target, label: &str) -> Result<Report, VerifyError> {
    let admin = match &target {
        Target::Url(u) => Conn::from_url(u, None),
        Target::Cluster(c) => {
            standins::install(&c.bin);
            c.conn("postgres")
        }
    };
    // Roles are cluster-wide: pgforge creates Supabase's roles only in a cluster it owns.
    let create_roles = matches!(target, Target::Cluster(_));
    let scratch = Scratch::create(admin, &scratch_name(label))?;
    let conn = &scratch.conn;
    let dir = std::env::temp_dir().join(format!(
        "pgforge-verify-{}-{}",
        std::process::id(),
        scratch_name(label)
    ));
    std::fs::create_dir_all(&dir)?;
    let result = run(b, conn, &dir, create_roles);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn run(
    b: &Build,
    conn: &Conn,
    dir: &std::path::Path,
    create_roles: bool,
) -> Result<Report, VerifyError> {
    let mut report = Report::default();
    // Without the base objects nothing can be compared; with a migration refused, what the
    // refused statements define is left out of the comparison, everything else compared.
    if !apply(b, conn, dir, create_roles, &mut report)? && !report.rejected.is_empty() {
        return Ok(report);
    }
    let db: introspect::Db = {
        let v = conn.json(&format!(
            "set search_path = pg_catalog; {}",
            introspect::QUERY
        ))?;
        serde_json::from_value(v)
            .map_err(|e| PsqlError::Sql(format!("introspection result: {e}")))?
    };
    let probed = probe::run(conn, &b.schema, &db)?;
    let refused = report.verdict.refused_statements.clone();
    compare::compare(&b.schema, &db, &probed, &refused, &mut report);
    Ok(report)
}

/// A scratch database of a throwaway cluster with the build applied (Supabase's roles, base
/// objects, every migration), as `verify` applies it: for tests that run generated code
/// against the real thing. The database is dropped with the `Scratch`.
pub fn applied(b: &Build, c: &cluster::Cluster, label: &str) -> Result<Scratch, String> {
    match applied_partly(b, c, label)? {
        (scratch, refused) if refused.is_empty() => Ok(scratch),
        (_, refused) => Err(refused.join("\n")),
    }
}

/// As `applied`, but also when PostgreSQL refused some statements (it ran all the others):
/// the database, with the refusals' messages. Err only when the base objects do not apply.
pub fn applied_partly(
    b: &Build,
    c: &cluster::Cluster,
    label: &str,
) -> Result<(Scratch, Vec<String>), String> {
    standins::install(&c.bin);
    let scratch =
        Scratch::create(c.conn("postgres"), &scratch_name(label)).map_err(|e| e.to_string())?;
    let dir = std::env::temp_dir().join(format!(
        "pgforge-apply-{}-{}",
        std::process::id(),
        scratch_name(label)
    ));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut report = Report::default();
    let ok = apply(b, &scratch.conn, &dir, true, &mut report);
    let _ = std::fs::remove_dir_all(&dir);
    let refused: Vec<String> = report.refused().iter().map(|d| d.message.clone()).collect();
    match ok {
        Ok(_) if report.rejected.is_empty() => Ok((scratch, refused)),
        Ok(_) => Err(report
            .rejected
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("\n")),
        Err(e) => Err(e.to_string()),
    }
}

fn apply(
    b: &Build,
    conn: &Conn,
    dir: &std::path::Path,
    create_roles: bool,
    report: &mut Report,
) -> Result<bool, VerifyError> {
    // Files as pgforge read them (down sections blanked), less what pgforge skipped (psql
    // meta-commands, statements with psql variables), so PostgreSQL runs what pgforge saw.
    let write = |i: usize, id: schema::span::FileId| -> std::io::Result<PathBuf> {
        let p = dir.join(format!("{i:04}.sql"));
        std::fs::write(&p, without_psql(&b.sources.get(id).text))?;
        Ok(p)
    };
    // Base objects and preludes in one session, whose search_path becomes the database's
    // default: each migration then runs in a fresh session, as migration tools run them.
    let mut base = String::from("\\set ON_ERROR_STOP 1\n");
    if b.supabase && create_roles {
        let p = dir.join("roles.sql");
        std::fs::write(&p, schema::builtin::SUPABASE_ROLES)?;
        base.push_str(&format!("\\i {}\n", p.display()));
    }
    let mut files = vec![];
    for (i, &id) in b.order.iter().enumerate() {
        let path = write(i, id)?;
        if b.sources.get(id).builtin {
            base.push_str(&format!("\\i {}\n", path.display()));
        } else {
            files.push((id, path));
        }
    }
    base.push_str("do $pgforge$ begin execute format('alter database %I set search_path to %s', current_database(), current_setting('search_path')); end $pgforge$;\n");
    if let Err(e) = conn.script(&base) {
        report.rejected.push(base_rejection(&e));
        return Ok(false);
    }
    // Every statement of every file, as written (BEGIN/COMMIT included), with no stop at an
    // error: the referee sets each refusal against pgforge's errors.
    let mut refused = vec![];
    for (id, path) in &files {
        let stderr = conn.script_lenient(&format!("\\i {}\n", path.display()))?;
        refused.extend(referee::refusals(&stderr, *id));
    }
    drop_tool_tables(b, conn)?;
    let ids: Vec<schema::span::FileId> = files.iter().map(|(id, _)| *id).collect();
    report.verdict = referee::judge(b, &ids, &refused);
    Ok(refused.is_empty())
}

/// The migration tool's bookkeeping tables (created with the base objects) leave the
/// database as they leave the model, unless a migration made its own table of that name.
fn drop_tool_tables(b: &Build, conn: &Conn) -> Result<(), VerifyError> {
    let mut sql = String::new();
    for (s, n) in schema::builtin::tool_table_names() {
        let q = schema::ir::QualName::new(s, n);
        if b.schema.table(&q).is_none() {
            sql.push_str(&format!("drop table if exists {q} cascade;\n"));
        }
    }
    for s in schema::builtin::tool_schemas() {
        if !b.schema.schemas.contains_key(s) {
            // Only if empty: a schema with the project's objects stays (and is compared).
            sql.push_str(&format!("drop schema if exists {s};\n"));
        }
    }
    conn.script_lenient(&sql)?;
    Ok(())
}

/// Blank out psql meta-commands and statements that use psql variables, keeping every
/// line where it was (so PostgreSQL's line numbers still point into the original file).
fn without_psql(text: &str) -> String {
    let mut ranges = vec![];
    for raw in schema::split::split(text) {
        if raw.is_psql_only() {
            // With the terminating `;`, if there is one.
            let end = if raw.terminated {
                text[raw.end..]
                    .find(';')
                    .map(|p| raw.end + p + 1)
                    .unwrap_or(raw.end)
            } else {
                raw.end
            };
            ranges.push(raw.start..end);
        }
    }
    text.char_indices()
        .map(|(i, c)| {
            if c != '\n' && ranges.iter().any(|r| r.contains(&i)) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// PostgreSQL refused the base objects or a prelude (then no migration runs): its message.
fn base_rejection(e: &PsqlError) -> Diagnostic {
    let text = e.to_string();
    let Some((_, _, msg)) = psql::parse_error(&text) else {
        return Diagnostic::error(
            codes::REJECTED_BY_POSTGRES,
            format!("PostgreSQL: {}", text.trim()),
        );
    };
    let d = Diagnostic::error(
        codes::REJECTED_BY_POSTGRES,
        format!("PostgreSQL rejected the base objects or a prelude: {msg}"),
    );
    match referee::missing_role_note(&msg) {
        Some(note) => d.note(note),
        None => d,
    }
}
