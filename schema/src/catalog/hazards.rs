//! Migration safety: before a statement is replayed, note whether it changes a table that an
//! *earlier* migration file created in a way that locks or breaks it on a live database (the
//! squawk-style lint rules read these notes). A table created in the same file is new and
//! empty when the statement runs, so nothing is noted for it; nor for pgforge's built-in
//! objects.

use super::Catalog;
use crate::cmd::{AlterAction, Cmd, ConstraintDefKind, ObjName, Stmt};
use crate::ir::{hazard_rule as rule, Hazard};
use crate::span::Span;

impl Catalog {
    pub(super) fn note_hazards(&mut self, stmt: &Stmt) {
        if self.builtin() {
            return;
        }
        match &stmt.cmd {
            Cmd::CreateIndex(i) if !i.concurrently => {
                let what = match &i.name {
                    Some(n) => format!("creates index \"{n}\" without CONCURRENTLY"),
                    None => "creates an index without CONCURRENTLY".to_string(),
                };
                self.note(&i.table, stmt.span, rule::CONCURRENT_INDEX, what);
            }
            Cmd::AlterTable { name, actions, .. } => {
                for a in actions {
                    if let Some((rule, what)) = alter_hazard(a) {
                        self.note(name, stmt.span, rule, what);
                    }
                }
            }
            _ => {}
        }
    }

    /// Note a hazard when `table` exists and an earlier file created it.
    fn note(&mut self, table: &ObjName, span: Span, rule: &'static str, what: String) {
        let Some(q) = self.find_table(table) else {
            return;
        };
        let Some(t) = self.schema.table(&q) else {
            return;
        };
        if t.builtin || t.span.file == span.file {
            return;
        }
        self.schema.hazards.push(Hazard {
            rule,
            span,
            table: format!("{}.{}", q.schema, q.name),
            what,
        });
    }
}

/// The hazard of one ALTER TABLE action, if any.
fn alter_hazard(a: &AlterAction) -> Option<(&'static str, String)> {
    match a {
        AlterAction::AddColumn { column: c, .. }
            if c.not_null
                && c.default.is_none()
                && c.identity.is_none()
                && c.generated.is_none()
                && !c.serial =>
        {
            let what = format!("adds NOT NULL column \"{}\" without a default", c.name);
            Some((rule::REQUIRED_FIELD, what))
        }
        AlterAction::AddConstraint(con) if !con.not_valid => {
            let kind = match con.kind {
                ConstraintDefKind::ForeignKey { .. } => "a foreign key",
                ConstraintDefKind::Check(_) => "a CHECK constraint",
                _ => return None,
            };
            Some((rule::NOT_VALID, format!("adds {kind} without NOT VALID")))
        }
        AlterAction::AlterType { column, .. } => Some((
            rule::COLUMN_TYPE,
            format!("changes the type of column \"{column}\""),
        )),
        AlterAction::RenameColumn { from, to, .. } => Some((
            rule::RENAME_COLUMN,
            format!("renames column \"{from}\" to \"{to}\""),
        )),
        AlterAction::RenameTable { to } => {
            Some((rule::RENAME_TABLE, format!("renames the table to \"{to}\"")))
        }
        AlterAction::DropColumn { name, .. } => {
            Some((rule::DROP_COLUMN, format!("drops column \"{name}\"")))
        }
        _ => None,
    }
}
