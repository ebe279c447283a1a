//! Triggers: CREATE and DROP TRIGGER (DROP POLICY shares the lookup), COMMENT ON TRIGGER.

use super::function::BUILTIN_TRIGGER_FUNCTIONS;
use super::{Catalog, DropTarget};
use crate::cmd::{CreateTrigger, ObjKind};
use crate::diag::{codes, Diagnostic};
use crate::ir::QualName;
use crate::ir::Trigger;
use crate::span::Span;

impl Catalog {
    pub(super) fn create_trigger(&mut self, t: &CreateTrigger, span: Span) {
        let Some(q) = self
            .find_table(&t.table)
            .or_else(|| self.find_view(&t.table))
        else {
            self.missing_relation(&t.table, "relation");
            return;
        };
        if self.find_functions(&t.function).is_empty()
            && !BUILTIN_TRIGGER_FUNCTIONS.contains(&t.function.name.as_str())
        {
            let shown = match &t.function.schema {
                Some(s) => format!("{s}.{}()", t.function.name),
                None => format!("{}()", t.function.name),
            };
            let mut d = Diagnostic::error(
                codes::UNKNOWN_FUNCTION,
                format!("function {shown} does not exist"),
            )
            .at(t.function.span, "no such trigger function at this point")
            .help("create the function before the trigger that calls it");
            d = self.with_similar_function(d, &t.function.name);
            if let Some(s) = &t.function.schema {
                if !self.schema.schemas.contains_key(s) {
                    d = d.help(self.missing_schema_help(s));
                }
            }
            self.error(d);
            return;
        }
        let trigger = Trigger {
            name: t.name.clone(),
            timing: t.timing,
            events: t
                .events
                .iter()
                .map(|(e, cols)| {
                    if cols.is_empty() {
                        e.clone()
                    } else {
                        format!("{e} of {}", cols.join(", "))
                    }
                })
                .collect(),
            for_each_row: t.for_each_row,
            when: t.when.clone(),
            function: {
                let found = self.find_functions(&t.function);
                QualName::new(
                    found
                        .first()
                        .map(|f| f.0.clone())
                        .or(t.function.schema.clone())
                        .unwrap_or_else(|| "pg_catalog".into()),
                    &t.function.name,
                )
            },
            arguments: t.arguments.clone(),
            comment: None,
            span,
        };
        if self.schema.table(&q).is_none() {
            let Some(view) = self.view_mut(&q) else {
                return self.lost(format!("view {q}"), span);
            };
            view.triggers.retain(|x| x.name != t.name);
            view.triggers.push(trigger);
            view.triggers.sort_by(|a, b| a.name.cmp(&b.name));
            return;
        }
        let Some(tbl) = self.table_mut(&q) else {
            return self.lost(format!("table {q}"), span);
        };
        if let Some(pos) = tbl.triggers.iter().position(|x| x.name == t.name) {
            if !t.or_replace {
                let prev = tbl.triggers[pos].span;
                let d = Diagnostic::error(
                    codes::DUPLICATE_OBJECT,
                    format!(
                        "trigger \"{}\" for relation \"{}\" already exists",
                        t.name, q.name
                    ),
                )
                .at(span, "created again here")
                .note_at(prev, "first created")
                .help("drop it first (DROP TRIGGER IF EXISTS) or use CREATE OR REPLACE TRIGGER");
                self.error(d);
                return;
            }
            tbl.triggers[pos] = trigger;
        } else {
            tbl.triggers.push(trigger);
            tbl.triggers.sort_by(|a, b| a.name.cmp(&b.name));
        }
        tbl.changed.push(span);
    }

    /// `DROP TRIGGER` of one name.
    pub(super) fn drop_trigger_or_policy(&mut self, d: &DropTarget) {
        let DropTarget {
            kind,
            n,
            if_exists,
            on,
            span,
            ..
        } = *d;
        let Some(t) = on else { return };
        let Some(q) = self.find_table(t).or_else(|| self.find_view(t)) else {
            if !if_exists {
                self.missing_relation(t, "relation");
            }
            return;
        };
        let Some(table) = self.table_mut(&q) else {
            return;
        };
        let before = table.triggers.len() + table.policies.len();
        if kind == ObjKind::Trigger {
            table.triggers.retain(|x| x.name != n.name);
        } else {
            table.policies.retain(|x| x.name != n.name);
        }
        let removed = before != table.triggers.len() + table.policies.len();
        if removed {
            table.changed.push(span);
        } else {
            self.nothing_to_drop(
                d,
                if kind == ObjKind::Trigger {
                    "trigger"
                } else {
                    "policy"
                },
            );
        }
    }
}
