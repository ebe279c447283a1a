//! Migration safety: before a statement is replayed, note whether it changes a table that an
//! *earlier* migration file created in a way that locks or breaks it on a live database (the
//! squawk-style lint rules read these notes). A table created in the same file is new and
//! empty when the statement runs, so nothing is noted for it; nor for pgforge's built-in
//! objects.

use super::Catalog;
use crate::cmd::{AlterAction, Cmd, ConstraintDefKind, ObjName, Stmt};
use crate::ir::{hazard_rule as rule, Hazard, QualName};
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
                self.note(&i.table, stmt.span, rule::CONCURRENT_INDEX, what, vec![]);
            }
            Cmd::AlterTable { name, actions, .. } => {
                for a in actions {
                    if let Some((rule, what)) = alter_hazard(a) {
                        let reach = self.dependents(name, a);
                        self.note(name, stmt.span, rule, what, reach);
                    }
                }
            }
            _ => {}
        }
    }

    /// What else a drop or rename reaches, as clauses for the note: the views and policies
    /// that read the column (CASCADE drops them; a rename carries them along), and the
    /// functions whose body names it, which PostgreSQL does not track.
    fn dependents(&self, table: &ObjName, a: &AlterAction) -> Vec<String> {
        let Some(q) = self.find_table(table) else {
            return vec![];
        };
        let (readers, functions, outcome) = match a {
            AlterAction::DropColumn { name, cascade, .. } => {
                let readers = self.readers(&q, name);
                let readers = (*cascade && !readers.is_empty())
                    .then(|| format!("CASCADE also drops {}", readers.join(", ")));
                let outcome = "the drop succeeds and the body fails when it next runs";
                (readers, self.functions_naming_column(&q, name), outcome)
            }
            AlterAction::RenameColumn { from, .. } => {
                let readers = self.readers(&q, from);
                let readers = match readers.as_slice() {
                    [] => None,
                    [one] => Some(format!("{one} reads it and follows the rename")),
                    many => Some(format!("{} read it and follow the rename", many.join(", "))),
                };
                (
                    readers,
                    self.functions_naming_column(&q, from),
                    KEEPS_OLD_NAME,
                )
            }
            AlterAction::RenameTable { .. } => {
                (None, self.functions_naming_table(&q), KEEPS_OLD_NAME)
            }
            _ => return vec![],
        };
        readers
            .into_iter()
            .chain(untracked(&functions, outcome))
            .collect()
    }

    /// The views and policies that read `q.column`, named for a message.
    fn readers(&self, q: &QualName, column: &str) -> Vec<String> {
        let views = self.views_using_column(q, column);
        let mut names: Vec<String> = views.iter().map(|v| format!("view {v}")).collect();
        let policies = self.policies_using_column(q, column);
        names.extend(policies.iter().map(|(t, p)| format!("policy {p} on {t}")));
        names
    }

    /// Note a hazard when `table` exists and an earlier file created it.
    fn note(
        &mut self,
        table: &ObjName,
        span: Span,
        rule: &'static str,
        what: String,
        reach: Vec<String>,
    ) {
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
            reach,
        });
    }
}

/// What a rename leaves a function body that names the old name.
const KEEPS_OLD_NAME: &str = "the body keeps the old name";

/// The functions whose body names what a statement drops or renames, as a clause.
fn untracked(functions: &[String], outcome: &str) -> Option<String> {
    let (who, verb) = match functions {
        [] => return None,
        [one] => (format!("function {one}"), "names it in its body"),
        many => (
            format!("functions {}", many.join(", ")),
            "name it in their bodies",
        ),
    };
    Some(format!(
        "{who} {verb}, a dependency PostgreSQL does not record: {outcome}"
    ))
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
