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
                        let what = what + &self.dependents(name, a);
                        self.note(name, stmt.span, rule, what);
                    }
                }
            }
            _ => {}
        }
    }

    /// What else a column drop or rename reaches: the views and policies that read the
    /// column (CASCADE drops them; a rename carries them along).
    fn dependents(&self, table: &ObjName, a: &AlterAction) -> String {
        let (column, cascade) = match a {
            AlterAction::DropColumn { name, cascade, .. } => (name, *cascade),
            AlterAction::RenameColumn { from, .. } => (from, false),
            _ => return String::new(),
        };
        let Some(q) = self.find_table(table) else {
            return String::new();
        };
        let mut names: Vec<String> = self
            .views_using_column(&q, column)
            .iter()
            .map(|v| format!("view {v}"))
            .collect();
        let policies = self.policies_using_column(&q, column);
        names.extend(policies.iter().map(|(t, p)| format!("policy {p} on {t}")));
        match (names.is_empty(), a) {
            (true, _) => String::new(),
            (false, AlterAction::DropColumn { .. }) if cascade => {
                format!(" (and, by CASCADE, {})", names.join(", "))
            }
            (false, AlterAction::RenameColumn { .. }) => format!(
                " ({} read it and follow the rename; what names the column in SQL text, such as a function body, does not)",
                names.join(", ")
            ),
            _ => String::new(),
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
