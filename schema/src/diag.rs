//! rustc-style diagnostics: collected, never fatal on their own, rendered at the end.

use crate::span::{SourceMap, Span};
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Note,
    Warning,
    Error,
}

/// One problem found while loading or replaying migrations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code such as `E0201`; see `codes` for the list.
    pub code: &'static str,
    pub message: String,
    /// Where it is, with a short label under the caret.
    pub primary: Option<(Span, String)>,
    /// Related places ("table created here").
    pub secondary: Vec<(Span, String)>,
    /// Free-form `= note:` / `= help:` lines.
    pub notes: Vec<String>,
    /// Notes that point somewhere: rendered `= note: {text} at file:line:col`.
    pub located: Vec<(Span, String)>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            primary: None,
            secondary: vec![],
            notes: vec![],
            located: vec![],
        }
    }
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }
    pub fn note_level(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, code, message)
    }
    pub fn at(mut self, span: Span, label: impl Into<String>) -> Self {
        self.primary = Some((span, label.into()));
        self
    }
    pub fn also(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push((span, label.into()));
        self
    }
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(format!("note: {}", note.into()));
        self
    }
    /// `= note: {text} at file:line:col` (for related places far away, e.g. in another file).
    pub fn note_at(mut self, span: Span, text: impl Into<String>) -> Self {
        self.located.push((span, text.into()));
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.notes.push(format!("help: {}", help.into()));
        self
    }
}

/// The stable diagnostic codes. Documented in README.md.
pub mod codes {
    pub const SYNTAX: &str = "E0001";
    pub const MISSING_SEMICOLON: &str = "E0002";
    pub const INVALID_UTF8: &str = "E0003";
    pub const IO: &str = "E0004";
    pub const DUPLICATE_VERSION: &str = "E0005";
    pub const NO_MIGRATIONS: &str = "E0006";
    pub const DUPLICATE_OBJECT: &str = "E0101";
    pub const UNKNOWN_SCHEMA: &str = "E0102";
    pub const UNKNOWN_TYPE: &str = "E0103";
    pub const UNKNOWN_COLUMN: &str = "E0201";
    pub const UNKNOWN_RELATION: &str = "E0202";
    pub const FK_TYPE_MISMATCH: &str = "E0203";
    pub const FK_NOT_UNIQUE: &str = "E0204";
    pub const UNKNOWN_FUNCTION: &str = "E0205";
    pub const UNKNOWN_OBJECT: &str = "E0206";
    pub const INVALID_DEFINITION: &str = "E0207";
    /// No operator (or function overload) takes the operand types: `uuid = text`.
    pub const NO_MATCHING_OVERLOAD: &str = "E0208";
    /// An aggregate or window function where PostgreSQL allows none (WHERE, CHECK, …).
    pub const GROUPING: &str = "E0209";
    pub const NOT_IMMUTABLE: &str = "E0301";
    pub const REJECTED_BY_POSTGRES: &str = "E0401";
    pub const VERIFY_MISMATCH: &str = "E0402";
    /// pgforge reported an error on a statement PostgreSQL accepted (found by `verify`).
    pub const DISAGREEMENT: &str = "E0403";
    pub const UNMAPPED_TYPE: &str = "E0501";
    /// A query file's `-- name: Name :command` line is missing or wrong.
    pub const QUERY_ANNOTATION: &str = "E0601";
    pub const NOT_MODELLED: &str = "W0001";
    pub const DYNAMIC_SQL: &str = "W0002";
    pub const PSQL_META: &str = "W0003";
    pub const PARTIAL_MODEL: &str = "W0004";
    pub const INTERNAL: &str = "W0005";
    pub const NO_WRAPPER: &str = "W0501";
    /// `generate`: a column the Rust output leaves out (no Rust type for it).
    pub const UNMAPPED_COLUMN: &str = "W0502";
    /// A query of a query file that pgforge cannot type, left out of the generated code.
    pub const QUERY_LEFT_OUT: &str = "W0601";
    /// `-- @nullable col` / `-- @not-null col` naming no column of the query.
    pub const QUERY_ANNOTATION_UNUSED: &str = "W0602";
}

/// Options for rendering.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    pub color: bool,
}

struct FilesAdapter<'a>(&'a SourceMap);

impl<'a> Files<'a> for FilesAdapter<'a> {
    type FileId = crate::span::FileId;
    type Name = &'a str;
    type Source = &'a str;
    fn name(&'a self, id: Self::FileId) -> Result<Self::Name, FilesError> {
        Ok(&self.0.get(id).name)
    }
    fn source(&'a self, id: Self::FileId) -> Result<Self::Source, FilesError> {
        Ok(&self.0.get(id).text)
    }
    fn line_index(&'a self, id: Self::FileId, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.0.get(id).line_col(byte_index).0 - 1)
    }
    fn line_range(
        &'a self,
        id: Self::FileId,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, FilesError> {
        let f = self.0.get(id);
        let starts: Vec<usize> = std::iter::once(0)
            .chain(f.text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let start = *starts.get(line_index).ok_or(FilesError::LineTooLarge {
            given: line_index,
            max: starts.len(),
        })?;
        let end = starts.get(line_index + 1).copied().unwrap_or(f.text.len());
        Ok(start..end)
    }
}

/// Render diagnostics the way rustc does (`error[E0201]: …`, `--> file:line:col`, snippet, caret).
pub fn render(diags: &[Diagnostic], sources: &SourceMap, opts: RenderOptions) -> String {
    use codespan_reporting::term::termcolor::{Ansi, NoColor};
    let config = Config {
        chars: term::Chars::ascii(),
        ..Config::default()
    };
    let files = FilesAdapter(sources);
    let mut out: Vec<u8> = Vec::new();
    for d in diags {
        let mut cs = to_codespan(d, sources);
        let located: Vec<String> = d
            .located
            .iter()
            .map(|(span, text)| {
                let l = sources.location(*span);
                format!("note: {text} at {}:{}:{}", l.file, l.line, l.col)
            })
            .collect();
        cs.notes.splice(0..0, located);
        let res = if opts.color {
            term::emit_to_write_style(&mut Ansi::new(&mut out), &config, &files, &cs)
        } else {
            term::emit_to_write_style(&mut NoColor::new(&mut out), &config, &files, &cs)
        };
        if res.is_err() {
            out.extend_from_slice(
                format!("{}[{}]: {}\n", label(d.severity), d.code, d.message).as_bytes(),
            );
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A span's byte range moved onto character boundaries of its file (a span that cuts a
/// character would make the snippet renderer panic).
fn char_range(span: &crate::span::Span, sources: &SourceMap) -> std::ops::Range<usize> {
    let f = sources.get(span.file);
    let start = f.char_boundary(span.start as usize);
    start..f.char_boundary(span.end as usize).max(start)
}

fn to_codespan(d: &Diagnostic, sources: &SourceMap) -> CsDiagnostic<crate::span::FileId> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Note => CsSeverity::Note,
    };
    let mut labels = vec![];
    if let Some((span, msg)) = &d.primary {
        labels.push(Label::primary(span.file, char_range(span, sources)).with_message(msg));
    }
    for (span, msg) in &d.secondary {
        labels.push(Label::secondary(span.file, char_range(span, sources)).with_message(msg));
    }
    CsDiagnostic::new(severity)
        .with_code(d.code)
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(d.notes.clone())
}

/// A one-line `file:line:col: error[CODE]: message` form, for logs and tests.
pub fn render_short(d: &Diagnostic, sources: &SourceMap) -> String {
    match &d.primary {
        Some((span, _)) => {
            let loc = sources.location(*span);
            format!(
                "{}:{}:{}: {}[{}]: {}",
                loc.file,
                loc.line,
                loc.col,
                label(d.severity),
                d.code,
                d.message
            )
        }
        None => format!("{}[{}]: {}", label(d.severity), d.code, d.message),
    }
}
