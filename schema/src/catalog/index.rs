//! CREATE INDEX: the table and columns must exist at this point of the history, and an
//! expression or predicate may only call IMMUTABLE functions.

use super::names::{choose, join_columns};
use super::Catalog;
use crate::cmd::{CreateIndex, IndexElem};
use crate::diag::{codes, Diagnostic};
use crate::ir::{Index, IndexKey};
use crate::span::Span;

impl Catalog {
    pub(super) fn create_index(&mut self, i: &CreateIndex, span: Span) {
        let q = match self.find_table(&i.table).or_else(|| self.find_view(&i.table).filter(|v| self.schema.schemas[&v.schema].views[&v.name].materialized)) {
            Some(q) => q,
            None => {
                self.missing_relation(&i.table, "relation");
                return;
            }
        };
        let is_table = self.schema.table(&q).is_some();
        let mut ok = true;
        let mut keys = vec![];
        let mut names = vec![];
        let mut used: Vec<String> = i.include.clone();
        for e in &i.elems {
            match e {
                IndexElem::Column { name, span: sp, opclass, descending } => {
                    if is_table {
                        let t = self.schema.table(&q).expect("table").clone();
                        if t.column(name).is_none() {
                            ok &= self.unknown_column(&t, name, *sp, &format!("index \"{}\"", i.name.as_deref().unwrap_or("(unnamed)")));
                        }
                    }
                    names.push(name.clone());
                    used.push(name.clone());
                    keys.push(IndexKey::Column { name: name.clone(), opclass: opclass.clone(), descending: *descending });
                }
                IndexElem::Expr { expr, opclass, descending } => {
                    if is_table {
                        ok &= self.check_refs(&q, &expr.refs, "index", true);
                        used.extend(super::check::columns_used(self.schema.table(&q).expect("table"), &expr.refs));
                    }
                    names.push("expr".into());
                    keys.push(IndexKey::Expression { expr: expr.text.clone(), opclass: opclass.clone(), descending: *descending });
                }
            }
        }
        if let Some(p) = &i.predicate {
            if is_table {
                ok &= self.check_refs(&q, &p.refs, "index predicate", true);
                used.extend(super::check::columns_used(self.schema.table(&q).expect("table"), &p.refs));
            }
        }
        used.sort();
        used.dedup();
        for inc in &i.include {
            if let Some(t) = self.schema.table(&q).cloned() {
                if t.column(inc).is_none() {
                    ok &= self.unknown_column(&t, inc, span, "index INCLUDE");
                }
            }
        }
        if !ok {
            return;
        }
        let name = match &i.name {
            Some(n) => {
                if let Some((prev, what)) = self.relation_span(&q.schema, n) {
                    if !i.if_not_exists {
                        let d = Diagnostic::error(codes::DUPLICATE_OBJECT, format!("relation \"{n}\" already exists"))
                            .at(i.name_span, "index name taken")
                            .note_at(prev, format!("the {what} was created"))
                            .help("use CREATE INDEX IF NOT EXISTS if the migration should be re-runnable");
                        self.error(d);
                    }
                    return;
                }
                n.clone()
            }
            None => choose(&q.name, Some(&join_columns(&names)), "idx", |n| self.relation_span(&q.schema, n).is_some()),
        };
        let idx = Index {
            name: name.clone(),
            table: q.clone(),
            unique: i.unique,
            method: i.method.to_ascii_lowercase(),
            keys,
            include: i.include.clone(),
            predicate: i.predicate.as_ref().map(|p| p.text.clone()),
            nulls_not_distinct: i.nulls_not_distinct,
            constraint: None,
            columns: used,
            only: i.only,
            comment: None,
            span,
        };
        self.schema.schemas.get_mut(&q.schema).expect("exists").indexes.insert(name.clone(), idx);
        if let Some(t) = self.table_mut(&q) {
            t.changed.push(span);
        }
        if !i.only {
            for part in self.partitions_of(&q) {
                self.copy_partition_keys_named(&q, &part, span, Some(&name));
            }
        }
    }
}
