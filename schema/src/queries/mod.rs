//! Query files: the application's own SQL, checked offline against the schema model and
//! typed as PostgreSQL's PREPARE types it.
//!
//! ```text
//! .sql file ─▶ file::read (sqlc annotations, `$n`) ─▶ frontend::lower_statement
//!           ─▶ Analyzer::prepared_statement ─▶ CheckedQuery (names, types, nullability)
//! ```
//!
//! A query the analyzer cannot fully type is left out with a warning naming what to add (a
//! cast, an override); only what PostgreSQL itself would refuse is an error.

pub mod file;
mod names;

use crate::analyze::Analyzer;
use crate::diag::{codes, Diagnostic};
use crate::ir::{PgType, Schema};
use crate::span::{FileId, SourceFile, SourceMap, Span};
pub use file::Command;
use std::path::{Path, PathBuf};

/// A parameter of a checked query.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryParam {
    /// A Rust-ready name: sqlc's, else the column or argument it meets, else `p{n}`.
    pub name: String,
    pub ty: PgType,
    /// `sqlc.narg(name)`: may be NULL.
    pub nullable: bool,
}

/// An output column of a checked query.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryColumn {
    pub name: String,
    pub ty: PgType,
    /// Proven NOT NULL by the analyzer, or declared so by `-- @not-null`.
    pub not_null: bool,
}

/// A query ready to generate code for.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedQuery {
    pub name: String,
    pub command: Command,
    /// The statement PostgreSQL runs: parameters as `$n`, trimmed.
    pub sql: String,
    /// Where it is written (the statement).
    pub span: Span,
    /// `file.sql:line` of its `-- name:` line (the file's name only, so generated code does
    /// not depend on where the project is).
    pub location: String,
    pub params: Vec<QueryParam>,
    pub columns: Vec<QueryColumn>,
}

/// The checked queries of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryFile {
    /// The file's stem: the module its queries are generated into.
    pub module: String,
    pub path: String,
    pub queries: Vec<CheckedQuery>,
}

/// Every `.sql` file under `paths` (files or directories, sorted), each checked; the files
/// are added to `sources` so diagnostics point into them.
pub fn check_paths(
    paths: &[PathBuf],
    schema: &Schema,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<QueryFile> {
    let mut out = vec![];
    for path in files_under(paths, diagnostics) {
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    let name = crate::load::display(&path);
                    let id = sources.add(SourceFile::new(name.clone(), text, false));
                    out.push(check_file(id, &name, &path, schema, sources, diagnostics));
                }
                Err(_) => diagnostics.push(
                    Diagnostic::error(
                        codes::INVALID_UTF8,
                        format!("{}: not UTF-8", path.display()),
                    )
                    .help("save the query file as UTF-8"),
                ),
            },
            Err(e) => diagnostics.push(Diagnostic::error(
                codes::IO,
                format!("cannot read query file {}: {e}", path.display()),
            )),
        }
    }
    out
}

/// The `.sql` files under `paths`, as the migrations are found (`load::sql_inputs`: nested
/// directories too; the build script's fingerprint reads the same list), sorted per path.
fn files_under(paths: &[PathBuf], diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = vec![];
    for p in paths {
        if !p.exists() {
            diagnostics.push(
                Diagnostic::error(
                    codes::IO,
                    format!("query path {} does not exist", p.display()),
                )
                .help("fix [queries] paths in pgforge.toml"),
            );
            continue;
        }
        let mut found = crate::load::sql_inputs(p);
        found.sort();
        files.extend(found);
    }
    files
}

/// The queries of one file (already in `sources` as `id`).
pub fn check_file(
    id: FileId,
    name: &str,
    path: &Path,
    schema: &Schema,
    sources: &SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> QueryFile {
    let text = &sources.get(id).text;
    let (annotated, problems) = file::read(id, text);
    for p in problems {
        diagnostics.push(
            Diagnostic::error(codes::QUERY_ANNOTATION, p.message)
                .at(p.span, "here")
                .help(p.help),
        );
    }
    let mut queries: Vec<CheckedQuery> = vec![];
    for a in annotated {
        if let Some(prev) = queries.iter().find(|q| q.name == a.name) {
            diagnostics.push(
                Diagnostic::error(
                    codes::QUERY_ANNOTATION,
                    format!("query {} is defined twice", a.name),
                )
                .at(a.header, "defined again here")
                .also(prev.span, "first defined here"),
            );
            continue;
        }
        if let Some(mut q) = check_one(id, &a, schema, diagnostics) {
            let (line, _) = sources.get(id).line_col(a.header.start as usize);
            let file = path
                .file_name()
                .map_or(name.into(), |f| f.to_string_lossy());
            q.location = format!("{file}:{line}");
            queries.push(q);
        }
    }
    QueryFile {
        module: path
            .file_stem()
            .map_or("queries".into(), |s| s.to_string_lossy().into_owned()),
        path: name.to_string(),
        queries,
    }
}

/// One statement written in Rust (`query!`): checked and typed as a query file's, its
/// diagnostics pointing into a source map of its own (file `name`, the statement's text).
pub fn check_statement(
    name: &str,
    text: &str,
    schema: &Schema,
) -> (Option<CheckedQuery>, Vec<Diagnostic>, SourceMap) {
    let mut sources = SourceMap::default();
    let id = sources.add(SourceFile::new(name, text, false));
    let a = file::standalone(id, "query", text);
    let mut diagnostics = vec![];
    let q = check_one(id, &a, schema, &mut diagnostics);
    (q, diagnostics, sources)
}

/// One statement: parsed, analysed and typed; `None` (with a diagnostic) when it cannot be.
fn check_one(
    file: FileId,
    a: &file::Annotated,
    schema: &Schema,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<CheckedQuery> {
    let stmt = match crate::frontend::lower_statement(&a.text, a.span.start as usize, file) {
        Ok(Some(s)) => s,
        Ok(None) => {
            diagnostics.push(
                Diagnostic::warning(
                    codes::QUERY_LEFT_OUT,
                    format!(
                        "query {}: only SELECT, INSERT, UPDATE and DELETE are generated",
                        a.name
                    ),
                )
                .at(a.span, "left out"),
            );
            return None;
        }
        Err(e) => {
            let at = e.at.max(a.span.start as usize);
            diagnostics.push(
                Diagnostic::error(codes::SYNTAX, format!("syntax error: {}", e.message)).at(
                    Span::new(file, at, (at + 1).min(a.span.end as usize).max(at)),
                    "here",
                ),
            );
            return None;
        }
    };
    let path = vec!["public".to_string()];
    let analyzer = Analyzer::new(schema, &path).checking_statements();
    let (cols, inferred) = analyzer.prepared_statement(&stmt);
    let errors = analyzer.take_diagnostics();
    if !errors.is_empty() {
        diagnostics.extend(errors);
        return None;
    }
    let left_out = |why: String, help: &str| {
        Diagnostic::warning(
            codes::QUERY_LEFT_OUT,
            format!("query {} is left out of the generated code: {why}", a.name),
        )
        .at(a.header, "this query")
        .help(help.to_string())
    };
    let names = names::param_names(&stmt, a, inferred.len().max(a.params.len()));
    let mut params = vec![];
    for (i, name) in names.into_iter().enumerate() {
        let Some(ty) = inferred.get(i).cloned().flatten() else {
            diagnostics.push(left_out(
                format!("pgforge cannot tell the type of ${}", i + 1),
                &format!("cast it where it is used: ${}::type", i + 1),
            ));
            return None;
        };
        let nullable = a.params.get(i).is_some_and(|p| p.nullable);
        params.push(QueryParam { name, ty, nullable });
    }
    let Some(cols) = cols else {
        diagnostics.push(left_out(
            "pgforge cannot tell its columns".into(),
            "list the columns, or report the query shape pgforge does not read",
        ));
        return None;
    };
    let mut columns = vec![];
    for c in cols {
        let Some(ty) = c.t.ty else {
            diagnostics.push(left_out(
                format!("pgforge cannot tell the type of column \"{}\"", c.name),
                "cast the column to the type you expect: expr::type AS name",
            ));
            return None;
        };
        columns.push(QueryColumn {
            name: c.name,
            ty,
            not_null: c.t.not_null,
        });
    }
    if let Some(dup) = columns
        .iter()
        .enumerate()
        .find(|(i, c)| columns[..*i].iter().any(|d| d.name == c.name))
    {
        diagnostics.push(left_out(
            format!("two of its columns are named \"{}\"", dup.1.name),
            "give each column its own name: expr AS name",
        ));
        return None;
    }
    apply_overrides(a, &mut columns, diagnostics);
    Some(CheckedQuery {
        name: a.name.clone(),
        command: a.command,
        sql: a.compact.trim().to_string(),
        span: a.span,
        location: String::new(),
        params,
        columns,
    })
}

fn apply_overrides(
    a: &file::Annotated,
    columns: &mut [QueryColumn],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (col, not_null) in &a.overrides {
        match columns.iter_mut().find(|c| &c.name == col) {
            Some(c) => c.not_null = *not_null,
            None => diagnostics.push(
                Diagnostic::warning(
                    codes::QUERY_ANNOTATION_UNUSED,
                    format!("query {}: no column \"{col}\" to override", a.name),
                )
                .at(a.header, "in this query's comments"),
            ),
        }
    }
}
