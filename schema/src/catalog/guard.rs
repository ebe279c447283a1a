//! Evaluate a `DO` block's IF condition against the catalog as it stands: rows of the
//! catalog views people query (pg_type, pg_indexes, information_schema.columns, …) are
//! produced from the model. `None` when the condition needs something the model lacks.

use super::Catalog;
use crate::cmd::Guard;
use crate::ir::{ConstraintKind, TypeKind};
use std::collections::BTreeMap;

type Row = BTreeMap<&'static str, String>;

impl Catalog {
    pub(super) fn eval_guard(&self, g: &Guard) -> Option<bool> {
        match g {
            Guard::Unknown => None,
            Guard::Not(x) => self.eval_guard(x).map(|b| !b),
            Guard::And(a, b) => match (self.eval_guard(a), self.eval_guard(b)) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            },
            Guard::Or(a, b) => match (self.eval_guard(a), self.eval_guard(b)) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            },
            Guard::Count {
                view,
                filters,
                op,
                n,
            } => {
                let rows = self.view_rows(view)?;
                let mut count = 0i64;
                for r in &rows {
                    let mut all = true;
                    for (col, values) in filters {
                        match r.get(col.as_str()) {
                            Some(v) => all &= values.contains(v),
                            None => return None,
                        }
                    }
                    count += i64::from(all);
                }
                Some(match op.as_str() {
                    "=" => count == *n,
                    "<>" => count != *n,
                    ">" => count > *n,
                    ">=" => count >= *n,
                    "<" => count < *n,
                    "<=" => count <= *n,
                    _ => return None,
                })
            }
        }
    }

    fn view_rows(&self, view: &str) -> Option<Vec<Row>> {
        let row = |pairs: &[(&'static str, &str)]| -> Row {
            pairs.iter().map(|(k, v)| (*k, v.to_string())).collect()
        };
        let mut out = vec![];
        for ns in self.schema.schemas.values() {
            let s = ns.name.as_str();
            match view {
                "pg_namespace" | "schemata" => out.push(row(&[("nspname", s), ("schema_name", s)])),
                "pg_type" => {
                    for t in ns.types.values() {
                        out.push(row(&[("typname", &t.name), ("nspname", s)]));
                    }
                    for t in ns.tables.keys().chain(ns.views.keys()) {
                        out.push(row(&[("typname", t), ("nspname", s)]));
                    }
                }
                "pg_enum" => {
                    for t in ns.types.values() {
                        if let TypeKind::Enum { values } = &t.kind {
                            for v in values {
                                out.push(row(&[
                                    ("enumlabel", v),
                                    ("typname", &t.name),
                                    ("nspname", s),
                                ]));
                            }
                        }
                    }
                }
                "pg_indexes" => {
                    for i in ns.indexes.values() {
                        out.push(row(&[
                            ("schemaname", s),
                            ("tablename", &i.table.name),
                            ("indexname", &i.name),
                        ]));
                    }
                }
                "pg_class" => {
                    for n in ns
                        .tables
                        .keys()
                        .chain(ns.views.keys())
                        .chain(ns.indexes.keys())
                        .chain(ns.sequences.keys())
                    {
                        out.push(row(&[("relname", n), ("nspname", s)]));
                    }
                }
                "pg_tables" | "tables" => {
                    for t in ns.tables.keys() {
                        out.push(row(&[
                            ("schemaname", s),
                            ("tablename", t),
                            ("table_schema", s),
                            ("table_name", t),
                        ]));
                    }
                    if view == "tables" {
                        for v in ns.views.keys() {
                            out.push(row(&[("table_schema", s), ("table_name", v)]));
                        }
                    }
                }
                "pg_views" => {
                    for v in ns.views.keys() {
                        out.push(row(&[("schemaname", s), ("viewname", v)]));
                    }
                }
                "columns" => {
                    for t in ns.tables.values() {
                        for c in &t.columns {
                            out.push(row(&[
                                ("table_schema", s),
                                ("table_name", &t.name),
                                ("column_name", &c.name),
                            ]));
                        }
                    }
                }
                "pg_constraint" | "table_constraints" => {
                    for t in ns.tables.values() {
                        for c in &t.constraints {
                            let kind = match c.kind {
                                ConstraintKind::PrimaryKey { .. } => "PRIMARY KEY",
                                ConstraintKind::Unique { .. } => "UNIQUE",
                                ConstraintKind::ForeignKey { .. } => "FOREIGN KEY",
                                ConstraintKind::Check { .. } => "CHECK",
                                ConstraintKind::Exclude { .. } => "EXCLUDE",
                            };
                            out.push(row(&[
                                ("conname", &c.name),
                                ("nspname", s),
                                ("constraint_name", &c.name),
                                ("constraint_schema", s),
                                ("table_schema", s),
                                ("table_name", &t.name),
                                ("constraint_type", kind),
                            ]));
                        }
                    }
                }
                "pg_proc" | "routines" => {
                    for f in ns.functions.values().flatten() {
                        out.push(row(&[
                            ("proname", &f.name),
                            ("nspname", s),
                            ("routine_name", &f.name),
                            ("routine_schema", s),
                        ]));
                    }
                }
                "pg_policies" => {
                    for t in ns.tables.values() {
                        for p in &t.policies {
                            out.push(row(&[
                                ("policyname", &p.name),
                                ("tablename", &t.name),
                                ("schemaname", s),
                            ]));
                        }
                    }
                }
                "pg_trigger" => {
                    for t in ns.tables.values() {
                        for tr in &t.triggers {
                            out.push(row(&[("tgname", &tr.name)]));
                        }
                    }
                }
                "pg_extension" => {}
                _ => return None,
            }
        }
        if view == "pg_extension" {
            for e in self.schema.extensions.keys() {
                out.push(row(&[("extname", e)]));
            }
        }
        Some(out)
    }
}
