//! Schemas: CREATE, DROP, RENAME and COMMENT ON SCHEMA.

use super::{Catalog, DropTarget, RenameTarget};
use crate::diag::{codes, Diagnostic};
use crate::ir::Namespace;
use crate::span::Span;

impl Catalog {
    pub(super) fn create_schema(&mut self, name: &str, if_not_exists: bool, span: Span) {
        if let Some(ns) = self.schema.schemas.get(name) {
            if !if_not_exists {
                let prev = ns.span;
                let mut d = Diagnostic::error(
                    codes::DUPLICATE_OBJECT,
                    format!("schema \"{name}\" already exists"),
                )
                .at(span, "created again here");
                if prev != Span::default() {
                    d = d.note_at(prev, "first created");
                }
                d = d.help("use CREATE SCHEMA IF NOT EXISTS");
                self.error(d);
            }
            return;
        }
        let builtin = self.builtin();
        self.schema.schemas.insert(
            name.to_string(),
            Namespace {
                name: name.to_string(),
                builtin,
                span,
                ..Default::default()
            },
        );
    }

    /// `DROP SCHEMA` of one name.
    pub(super) fn drop_schema(&mut self, d: &DropTarget) {
        let DropTarget { n, cascade, .. } = *d;
        let Some(ns) = self.schema.schemas.get(&n.name) else {
            return self.nothing_to_drop(d, "schema");
        };
        let empty = ns.tables.is_empty()
            && ns.views.is_empty()
            && ns.types.is_empty()
            && ns.functions.is_empty()
            && ns.sequences.is_empty();
        if !empty && !cascade {
            let d = Diagnostic::error(
                codes::INVALID_DEFINITION,
                format!(
                    "cannot drop schema {} because other objects depend on it",
                    n.name
                ),
            )
            .at(n.span, "not empty")
            .help("use DROP SCHEMA … CASCADE");
            self.error(d);
            return;
        }
        self.schema.schemas.remove(&n.name);
    }

    /// `ALTER SCHEMA … RENAME TO / SET SCHEMA`.
    pub(super) fn rename_schema(&mut self, r: &RenameTarget) {
        let RenameTarget { n, to, .. } = *r;
        let Some(to) = to else { return };
        let Some(mut ns) = self.schema.schemas.remove(&n.name) else {
            let d = Diagnostic::error(
                codes::UNKNOWN_SCHEMA,
                format!("schema \"{}\" does not exist", n.name),
            )
            .at(n.span, "here");
            self.error(d);
            return;
        };
        ns.name = to.clone();
        self.schema.schemas.insert(to.clone(), ns);
    }

    /// `COMMENT ON SCHEMA`.
    pub(super) fn comment_schema(&mut self, s: &str, text: &Option<String>, span: Span) {
        match self.namespace_mut(s) {
            Some(ns) => ns.comment = text.clone(),
            None => {
                let d = Diagnostic::error(
                    codes::UNKNOWN_SCHEMA,
                    format!("schema \"{s}\" does not exist"),
                )
                .at(span, "here");
                self.error(d);
            }
        }
    }
}
