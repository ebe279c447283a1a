//! `verify` as the referee between pgforge and PostgreSQL: every migration is applied, every
//! statement (no stop at the first error), and each statement PostgreSQL refused is set
//! against each statement pgforge reported an error for.
//!
//! - both: they agree (PostgreSQL's message is shown with pgforge's code);
//! - PostgreSQL only: "pgforge did not see it" — a gap in pgforge — unless it follows from an
//!   earlier refusal (an aborted transaction, an object a refused statement would have made);
//! - pgforge only: "PostgreSQL accepted this statement — pgforge is wrong here".
//!
//! A refusal that says the server lacks something (an extension it does not have) is not a
//! disagreement: the two could not be compared there.

use schema::diag::{codes, Diagnostic, Severity};
use schema::span::{FileId, Span};
use schema::Build;

/// One statement PostgreSQL refused: the file, the line psql names, and the message.
#[derive(Debug, Clone)]
pub struct Refusal {
    pub file: FileId,
    pub line: u32,
    pub message: String,
}

/// Every `psql:<file>:<line>: ERROR:` of a file run without ON_ERROR_STOP.
pub fn refusals(stderr: &str, file: FileId) -> Vec<Refusal> {
    super::psql::parse_errors(stderr)
        .into_iter()
        .map(|(_, line, message)| Refusal {
            file,
            line,
            message,
        })
        .collect()
}

/// What the referee found.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Statements both refused.
    pub agreed: usize,
    /// PostgreSQL's refusals that follow from an earlier one.
    pub follow_on: usize,
    /// Refusals that say the server lacks something: nothing to compare there.
    pub environment: Vec<String>,
    /// PostgreSQL refused, pgforge did not see it.
    pub missed: usize,
    /// pgforge reported an error, PostgreSQL accepted the statement.
    pub false_errors: usize,
    /// Everything above as diagnostics, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The statements PostgreSQL refused: (file, start, end) as pgforge split them.
    pub refused_statements: Vec<(FileId, usize, usize)>,
}

impl Verdict {
    pub fn disagreements(&self) -> usize {
        self.missed + self.false_errors
    }
}

/// A statement: its file and byte range (as pgforge split it), and its lines.
#[derive(Clone, Copy)]
struct Stmt {
    file: FileId,
    start: usize,
    end: usize,
    first_line: u32,
    last_line: u32,
}

fn statements(b: &Build, files: &[FileId]) -> Vec<Stmt> {
    let mut v = vec![];
    for &file in files {
        let f = b.sources.get(file);
        for raw in schema::split::split(&f.text) {
            v.push(Stmt {
                file,
                start: raw.start,
                end: raw.end,
                first_line: f.line_col(raw.start).0 as u32,
                last_line: f.line_col(raw.end.saturating_sub(1).max(raw.start)).0 as u32,
            });
        }
    }
    v
}

/// The statement PostgreSQL's line points at: psql names the line the statement ends on.
fn statement_at_line(stmts: &[Stmt], r: &Refusal) -> Option<usize> {
    let in_file = |s: &&Stmt| s.file == r.file;
    stmts
        .iter()
        .position(|s| in_file(&s) && s.last_line == r.line)
        .or_else(|| {
            stmts
                .iter()
                .position(|s| in_file(&s) && (s.first_line..=s.last_line).contains(&r.line))
        })
}

fn statement_at_offset(stmts: &[Stmt], span: Span) -> Option<usize> {
    let at = span.start as usize;
    stmts
        .iter()
        .rposition(|s| s.file == span.file && s.start <= at && at <= s.end.max(s.start))
}

/// Whether a refusal says the server lacks something, not that the SQL is wrong.
pub fn is_environment(message: &str) -> bool {
    (message.contains("extension \"") && message.contains("is not available"))
        || message.contains("could not open extension control file")
        || message.contains("requires the server to be built with")
        || is_missing_role(message)
}

/// Roles are cluster-wide, made outside the migrations (pgforge makes Supabase's only in a
/// cluster it owns).
fn is_missing_role(message: &str) -> bool {
    // PostgreSQL's own message, or ours around it (`… a prelude: role "anon" does not exist`).
    let own = message.rsplit(": ").next().unwrap_or(message);
    own.starts_with("role \"") && own.contains("does not exist")
}

/// What to do about a refusal for a role `--database-url`'s server lacks, if it is one.
pub fn missing_role_note(message: &str) -> Option<&'static str> {
    is_missing_role(message).then_some("with --database-url pgforge creates no roles (they are cluster-wide): create the roles the migrations grant to in that server, or verify against a throwaway cluster (no --database-url)")
}

/// Set PostgreSQL's refusals against pgforge's errors, statement by statement.
pub fn judge(b: &Build, files: &[FileId], refused: &[Refusal]) -> Verdict {
    let stmts = statements(b, files);
    let mut verdict = Verdict::default();
    let mut pg_at: Vec<Vec<&Refusal>> = vec![vec![]; stmts.len()];
    for r in refused {
        if let Some(i) = statement_at_line(&stmts, r) {
            pg_at[i].push(r);
        }
    }
    let mut ours_at: Vec<Vec<&Diagnostic>> = vec![vec![]; stmts.len()];
    for d in &b.diagnostics {
        if let Some(i) = d
            .primary
            .as_ref()
            .and_then(|p| statement_at_offset(&stmts, p.0))
        {
            ours_at[i].push(d);
        }
    }
    let mut earlier: Option<(String, u32)> = None;
    for (i, s) in stmts.iter().enumerate() {
        let errors: Vec<&&Diagnostic> = ours_at[i]
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if !pg_at[i].is_empty() {
            verdict.refused_statements.push((s.file, s.start, s.end));
        }
        match (pg_at[i].first(), errors.first()) {
            (Some(r), _) if is_environment(&r.message) => {
                verdict.environment.push(r.message.clone());
                let mut d = refusal(b, s, r).note(
                    "this PostgreSQL lacks what the statement needs: pgforge and PostgreSQL could not be compared here",
                );
                if let Some(note) = missing_role_note(&r.message) {
                    d = d.note(note);
                }
                verdict.diagnostics.push(d);
            }
            (Some(r), Some(d)) => {
                verdict.agreed += 1;
                verdict
                    .diagnostics
                    .push(refusal(b, s, r).note(format!("pgforge reported it too ({})", d.code)));
            }
            (Some(r), None) => {
                let d = refusal(b, s, r);
                verdict
                    .diagnostics
                    .push(match follows_from(r, &ours_at[i], earlier.as_ref()) {
                        Some(note) => {
                            verdict.follow_on += 1;
                            d.note(note)
                        }
                        None => {
                            verdict.missed += 1;
                            d.note("pgforge did not see it: a gap in pgforge (please report it)")
                        }
                    });
            }
            (None, Some(d)) => {
                verdict.false_errors += 1;
                let mut out = Diagnostic::error(
                    codes::DISAGREEMENT,
                    format!(
                        "pgforge reported {} here, but PostgreSQL accepted this statement: pgforge is wrong here (please report it)",
                        d.code
                    ),
                )
                .note(format!("pgforge said: {}", d.message))
                .help(format!("until it is fixed, `-- pgforge: allow {}` above the statement lets pgforge go on", d.code));
                if let Some((span, _)) = &d.primary {
                    out = out.at(*span, "pgforge's error");
                }
                verdict.diagnostics.push(out);
            }
            (None, None) => {}
        }
        if let Some(r) = pg_at[i].first() {
            earlier.get_or_insert((b.sources.get(s.file).name.clone(), r.line));
        }
    }
    verdict
}

/// Why a refusal pgforge did not report may only follow from an earlier one: the
/// transaction was already aborted, pgforge noted it as a follow-on error, or an object is
/// missing after an earlier refusal (the statement that would have made it).
fn follows_from(
    r: &Refusal,
    ours: &[&Diagnostic],
    earlier: Option<&(String, u32)>,
) -> Option<String> {
    if r.message.contains("current transaction is aborted") {
        return Some("the transaction was aborted by an earlier refusal".into());
    }
    let noted = ours.iter().any(|d| {
        d.severity == Severity::Note && d.located.iter().any(|(_, t)| t.starts_with("follows from"))
    });
    let missing = r.message.contains("does not exist");
    match earlier {
        Some((f, l)) if noted || missing => Some(format!(
            "this may follow from the earlier refusal at {f}:{l}"
        )),
        _ => None,
    }
}

/// PostgreSQL refused this statement: its message, at the statement's first line.
fn refusal(b: &Build, s: &Stmt, r: &Refusal) -> Diagnostic {
    let text = &b.sources.get(s.file).text;
    let line_end = text[s.start..]
        .find('\n')
        .map_or(text.len(), |p| s.start + p)
        .min(s.end.max(s.start));
    Diagnostic::error(
        codes::REJECTED_BY_POSTGRES,
        format!("PostgreSQL refused this statement: {}", r.message),
    )
    .at(
        Span::new(s.file, s.start, line_end),
        format!("refused (the statement ends on line {})", r.line),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(sql: &str) -> Build {
        schema::build_sql(&[("m.sql", sql)], &schema::Options::default())
    }

    fn refusal(b: &Build, line: u32, message: &str) -> Refusal {
        Refusal {
            file: b.order[0],
            line,
            message: message.into(),
        }
    }

    #[test]
    fn psql_errors_are_read_with_their_details() {
        let stderr = "psql:/x/0001.sql:3: ERROR:  relation \"u\" does not exist\nLINE 1: alter table u\n                    ^\npsql:/x/0001.sql:9: ERROR:  duplicate key\nDETAIL:  Key (id)=(1) already exists.\n";
        let r = refusals(stderr, FileId(0));
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r[0].line, r[0].message.as_str()),
            (3, "relation \"u\" does not exist")
        );
        assert_eq!(
            r[1].message,
            "duplicate key; DETAIL:  Key (id)=(1) already exists."
        );
    }

    #[test]
    fn each_side_of_a_disagreement_is_named() {
        let b = build(
            "create table t (id int);\ncreate index i on t (nope);\ninsert into t values (1);\n",
        );
        // pgforge's error at line 2 with no refusal there; a refusal at line 3 pgforge missed.
        let v = judge(&b, &b.order, &[refusal(&b, 3, "duplicate key")]);
        assert_eq!((v.false_errors, v.missed, v.agreed), (1, 1, 0));
        assert!(v.diagnostics.iter().any(|d| d.code == codes::DISAGREEMENT));
        let v = judge(
            &b,
            &b.order,
            &[refusal(&b, 2, "column \"nope\" does not exist")],
        );
        assert_eq!((v.false_errors, v.missed, v.agreed), (0, 0, 1));
    }

    #[test]
    fn refusals_after_a_refusal_may_follow_from_it() {
        let b = build("create table t (id int);\nbegin;\ninsert into t values (1);\ninsert into t values (2);\ncommit;\n");
        let v = judge(
            &b,
            &b.order,
            &[
                refusal(&b, 3, "duplicate key"),
                refusal(&b, 4, "current transaction is aborted, commands ignored until end of transaction block"),
            ],
        );
        assert_eq!((v.missed, v.follow_on), (1, 1));
        let v = judge(
            &b,
            &b.order,
            &[refusal(&b, 1, "extension \"x\" is not available")],
        );
        assert_eq!((v.environment.len(), v.disagreements()), (1, 0));
    }
}
