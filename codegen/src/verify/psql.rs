//! Talking to PostgreSQL through `psql` (shipped with every server and client install): run
//! scripts with `ON_ERROR_STOP`, read query results as JSON, and map psql's
//! `psql:<file>:<line>: ERROR: …` back to migration files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Debug, Clone)]
pub struct Conn {
    psql: PathBuf,
    /// A connection URI (with the database filled in).
    uri: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PsqlError {
    #[error("cannot run psql ({0}); install the PostgreSQL client")]
    Spawn(std::io::Error),
    #[error("{0}")]
    Sql(String),
}

impl Conn {
    pub fn local(bin: &Path, port: u16, db: &str) -> Conn {
        Conn {
            psql: bin.join("psql"),
            uri: format!("postgresql://postgres@127.0.0.1:{port}/{db}"),
        }
    }

    /// The connection URI, for clients other than psql.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// From a user's `--database-url`, pointed at database `db`.
    pub fn from_url(url: &str, db: Option<&str>) -> Conn {
        let psql = super::bin::find_bin_dir()
            .map(|b| b.join("psql"))
            .filter(|p| p.is_file())
            .unwrap_or_else(|| PathBuf::from("psql"));
        let uri = match db {
            Some(db) => with_database(url, db),
            None => url.to_string(),
        };
        Conn { psql, uri }
    }

    pub fn with_db(&self, db: &str) -> Conn {
        Conn {
            psql: self.psql.clone(),
            uri: with_database(&self.uri, db),
        }
    }

    fn command(&self) -> Command {
        let mut c = Command::new(&self.psql);
        c.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d"])
            .arg(&self.uri);
        c.env("PGOPTIONS", "-c client_min_messages=warning");
        c
    }

    /// Run a script given on stdin. Err carries psql's stderr.
    pub fn script(&self, sql: &str) -> Result<String, PsqlError> {
        let mut child = self
            .command()
            .args(["-f", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(PsqlError::Spawn)?;
        child
            .stdin
            .take()
            .expect("piped")
            .write_all(sql.as_bytes())
            .map_err(PsqlError::Spawn)?;
        let out = child.wait_with_output().map_err(PsqlError::Spawn)?;
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        if out.status.success() && !err.contains("ERROR:") {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(PsqlError::Sql(err))
        }
    }

    /// Run a script that may fail statement by statement (no ON_ERROR_STOP); returns stderr.
    pub fn script_lenient(&self, sql: &str) -> Result<String, PsqlError> {
        let mut c = Command::new(&self.psql);
        c.args(["-X", "-q", "-d"])
            .arg(&self.uri)
            .env("PGOPTIONS", "-c client_min_messages=warning");
        let mut child = c
            .args(["-f", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(PsqlError::Spawn)?;
        child
            .stdin
            .take()
            .expect("piped")
            .write_all(sql.as_bytes())
            .map_err(PsqlError::Spawn)?;
        let out = child.wait_with_output().map_err(PsqlError::Spawn)?;
        Ok(String::from_utf8_lossy(&out.stderr).into_owned())
    }

    /// One query returning one JSON value.
    pub fn json(&self, query: &str) -> Result<serde_json::Value, PsqlError> {
        let out = self
            .command()
            .args(["-A", "-t", "-c", query])
            .stdin(Stdio::null())
            .output()
            .map_err(PsqlError::Spawn)?;
        if !out.status.success() {
            return Err(PsqlError::Sql(
                String::from_utf8_lossy(&out.stderr).into_owned(),
            ));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        serde_json::from_str(text.trim()).map_err(|e| {
            PsqlError::Sql(format!(
                "unexpected output from psql ({e}): {}",
                text.chars().take(200).collect::<String>()
            ))
        })
    }
}

/// Replace the database of a connection URI (`postgresql://u@h:p/db?x` → `…/new?x`).
pub fn with_database(url: &str, db: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = base[scheme_end..]
        .find('/')
        .map(|i| i + scheme_end)
        .unwrap_or(base.len());
    let mut out = format!("{}/{}", &base[..path_start], db);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// Every `psql:<file>:<line>: ERROR:  message` of psql's stderr → (file, line, message),
/// with the DETAIL and HINT lines that follow each appended.
pub fn parse_errors(stderr: &str) -> Vec<(String, u32, String)> {
    let lines: Vec<&str> = stderr.lines().collect();
    let mut out = vec![];
    for (i, l) in lines.iter().enumerate() {
        let Some(rest) = l.strip_prefix("psql:") else {
            continue;
        };
        let Some((file_line, msg)) = rest.split_once(": ERROR:") else {
            continue;
        };
        let Some((file, num)) = file_line.rsplit_once(':') else {
            continue;
        };
        let Ok(num) = num.parse() else {
            continue;
        };
        let mut message = msg.trim().to_string();
        for d in lines[i + 1..]
            .iter()
            .take_while(|l| !l.starts_with("psql:"))
            .filter(|l| l.starts_with("DETAIL:") || l.starts_with("HINT:"))
        {
            message.push_str("; ");
            message.push_str(d.trim());
        }
        out.push((file.to_string(), num, message));
    }
    out
}

/// The first error of psql's stderr (see `parse_errors`).
pub fn parse_error(stderr: &str) -> Option<(String, u32, String)> {
    parse_errors(stderr).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_in_urls() {
        assert_eq!(
            with_database("postgresql://u:p@h:5432/app?sslmode=disable", "x"),
            "postgresql://u:p@h:5432/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
    }

    #[test]
    fn psql_errors() {
        let e = "psql:/tmp/a/001.sql:12: ERROR:  column \"slug\" does not exist\nHINT:  Perhaps you meant x.";
        assert_eq!(
            parse_error(e),
            Some((
                "/tmp/a/001.sql".into(),
                12,
                "column \"slug\" does not exist; HINT:  Perhaps you meant x.".into()
            ))
        );
    }
}
