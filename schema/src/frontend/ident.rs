//! Identifiers and positions from sqlparser: names folded as PostgreSQL folds them, and
//! sqlparser's (line, column) locations turned into byte spans of the file.

use crate::cmd::ObjName;
use crate::names::fold;
use crate::span::{FileId, Span};
use sqlparser::ast;

/// Names that parse as identifiers but are SQL value functions (`current_date`,
/// `current_user`, …), not columns.
pub const SQL_VALUE_FUNCTIONS: &[&str] = &[
    "current_user",
    "session_user",
    "current_role",
    "current_date",
    "current_timestamp",
    "current_time",
    "localtime",
    "localtimestamp",
    "user",
    "current_schema",
    "current_catalog",
    "system_user",
];

/// Byte offset of a sqlparser (line, column) location within `text`.
pub fn loc_offset(text: &str, line: u64, col: u64) -> Option<usize> {
    if line == 0 || col == 0 {
        return None;
    }
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i as u64 + 1 == line {
            let by = l
                .char_indices()
                .nth(col as usize - 1)
                .map(|(b, _)| b)
                .unwrap_or(l.len());
            return Some(off + by);
        }
        off += l.len();
    }
    None
}

pub fn ident_span(id: &ast::Ident, text: &str, start: usize, file: FileId) -> Span {
    let s = loc_offset(text, id.span.start.line, id.span.start.column);
    let e = loc_offset(text, id.span.end.line, id.span.end.column);
    match (s, e) {
        (Some(s), Some(e)) if e >= s => Span::new(file, start + s, start + e),
        (Some(s), _) => Span::new(file, start + s, start + s + id.value.len()),
        _ => Span::new(file, start, start + text.len()),
    }
}

/// An identifier from sqlparser, folded as PostgreSQL does.
pub fn ident_name(id: &ast::Ident) -> String {
    if id.quote_style.is_some() {
        id.value.clone()
    } else {
        fold(&id.value)
    }
}

pub fn obj_name(n: &ast::ObjectName, text: &str, start: usize, file: FileId) -> Option<ObjName> {
    let parts: Vec<&ast::Ident> = n.0.iter().filter_map(|p| p.as_ident()).collect();
    let last = parts.last()?;
    let span = ident_span(parts.first()?, text, start, file);
    let end = ident_span(last, text, start, file);
    Some(ObjName {
        schema: (parts.len() > 1).then(|| ident_name(parts[parts.len() - 2])),
        name: ident_name(last),
        span: Span {
            end: end.end,
            ..span
        },
    })
}
