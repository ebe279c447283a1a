//! What depends on a table's columns: views and policies that read them (`View::depends` and
//! `Policy::depends`, resolved by the analyzer, and a view's output lineage), so DROP COLUMN
//! needs CASCADE as pg_depend makes it, CASCADE takes them along, renames carry them, and the
//! migration-safety notes can name them.

use super::Catalog;
use crate::diag::{codes, Diagnostic};
use crate::ir::QualName;
use crate::span::Span;

impl Catalog {
    /// Views that read `q.column`.
    pub(super) fn views_using_column(&self, q: &QualName, column: &str) -> Vec<QualName> {
        let mut out = vec![];
        for v in self
            .schema
            .schemas
            .values()
            .flat_map(|ns| ns.views.values())
        {
            let output = v.columns.iter().any(|c| {
                c.source
                    .as_ref()
                    .is_some_and(|(sq, sc)| sq == q && sc == column)
            });
            let read = v.depends.iter().any(|(sq, sc)| sq == q && sc == column);
            if output || read {
                out.push(QualName::new(&v.schema, &v.name));
            }
        }
        out
    }

    /// Policies (their table, their name) that read `q.column`.
    pub(super) fn policies_using_column(
        &self,
        q: &QualName,
        column: &str,
    ) -> Vec<(QualName, String)> {
        let tables = self
            .schema
            .schemas
            .values()
            .flat_map(|ns| ns.tables.values());
        let mut out = vec![];
        for t in tables {
            for p in &t.policies {
                if p.depends.iter().any(|(sq, sc)| sq == q && sc == column) {
                    out.push((QualName::new(&t.schema, &t.name), p.name.clone()));
                }
            }
        }
        out
    }

    /// Functions (`schema.name(argument types)`) whose body names `q.column`: the column and
    /// the table, or the column in a trigger function a trigger of `q` runs (`NEW.column`).
    /// PostgreSQL keeps such a body as text and records no dependency: a drop or rename
    /// succeeds and the function fails when it next runs.
    pub(super) fn functions_naming_column(&self, q: &QualName, column: &str) -> Vec<String> {
        let triggered: Vec<&QualName> = self
            .schema
            .table(q)
            .map(|t| t.triggers.iter().map(|tr| &tr.function).collect())
            .unwrap_or_default();
        self.own_functions()
            .filter(|f| f.body_names.contains(column))
            .filter(|f| {
                f.body_names.contains(&q.name)
                    || triggered.contains(&&QualName::new(&f.schema, &f.name))
            })
            .map(|f| format!("{}.{}", f.schema, f.signature()))
            .collect()
    }

    /// Functions whose body names table `q` (by its name, qualified or not).
    pub(super) fn functions_naming_table(&self, q: &QualName) -> Vec<String> {
        self.own_functions()
            .filter(|f| f.body_names.contains(&q.name))
            .map(|f| format!("{}.{}", f.schema, f.signature()))
            .collect()
    }

    fn own_functions(&self) -> impl Iterator<Item = &crate::ir::Function> {
        self.schema
            .schemas
            .values()
            .flat_map(|ns| ns.functions.values().flatten())
            .filter(|f| !f.builtin)
    }

    /// Remove the policy `name` of table `t` (DROP COLUMN … CASCADE).
    pub(super) fn drop_dependent_policy(&mut self, t: &QualName, name: &str) {
        if let Some(t) = self.table_mut(t) {
            t.policies.retain(|p| p.name != name);
        }
    }

    /// Dependencies on `q.from` follow its rename to `to`; on table `from`, its move to `to`.
    pub(super) fn follow_in_depends(
        &mut self,
        from: (&QualName, Option<&str>),
        to: (&QualName, Option<&str>),
    ) {
        let follow = |deps: &mut Vec<(QualName, String)>| {
            for (sq, sc) in deps.iter_mut() {
                if sq == from.0 && from.1.is_none_or(|c| c == sc) {
                    *sq = to.0.clone();
                    if let Some(c) = to.1 {
                        *sc = c.to_string();
                    }
                }
            }
        };
        for ns in self.schema.schemas.values_mut() {
            for v in ns.views.values_mut() {
                follow(&mut v.depends);
            }
            for p in ns.tables.values_mut().flat_map(|t| t.policies.iter_mut()) {
                follow(&mut p.depends);
            }
        }
    }

    /// `ALTER COLUMN … TYPE` of a column a view or policy reads: PostgreSQL refuses it (even
    /// to the same type). False when refused (and reported).
    pub(super) fn type_change_allowed(&mut self, q: &QualName, column: &str, sp: Span) -> bool {
        let (message, detail) = if let Some(v) = self.views_using_column(q, column).first() {
            (
                "used by a view or rule",
                format!("view {v} depends on column \"{column}\""),
            )
        } else if let Some((t, p)) = self.policies_using_column(q, column).first() {
            (
                "used in a policy definition",
                format!("policy {p} on table {t} depends on column \"{column}\""),
            )
        } else {
            return true;
        };
        let d = Diagnostic::error(codes::INVALID_DEFINITION, format!("cannot alter type of a column {message}"))
            .at(sp, "its type cannot change while they read it")
            .note(detail)
            .help("drop the view or policy, change the type, then create it again (in the same migration)");
        self.error(d)
    }
}
