//! One view model per page kind, one file per page kind. Every string the templates print
//! is computed here: escaped for Markdown and linked.

mod functions;
mod index;
mod table;
mod types;
mod view;

pub use functions::functions;
pub use index::index;
pub use table::table;
pub use types::types;
pub use view::view;

use super::markdown::{code, paragraph};
use super::Links;
use schema::ir::{PgType, QualName};

type Rows = Vec<Vec<String>>;

pub(super) fn heads(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}

pub(super) fn comment(c: &Option<String>) -> Option<String> {
    c.as_ref()
        .filter(|c| !c.trim().is_empty())
        .map(|c| paragraph(c))
}

/// A type, linked to its definition when the migrations define it.
pub(super) fn type_cell(t: &PgType, links: &Links, depth: usize) -> String {
    if let PgType::User {
        schema, type_name, ..
    } = t.element()
    {
        if let Some(a) = links.type_anchor(&QualName::new(schema, type_name)) {
            return format!(
                "[{}]({}types.md#{a})",
                code(&t.to_string()),
                "../".repeat(depth)
            );
        }
        if let Some(p) = links.page(&QualName::new(schema, type_name)) {
            return format!("[{}]({}{p})", code(&t.to_string()), "../".repeat(depth));
        }
    }
    code(&t.to_string())
}
