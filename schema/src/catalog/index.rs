//! CREATE INDEX: the table and columns must exist at this point of the history, and an
//! expression or predicate may only call IMMUTABLE functions.

use super::names::{choose, join_columns};
use super::Catalog;
use super::{DropTarget, RenameTarget};
use crate::cmd::ObjName;
use crate::cmd::{CreateIndex, IndexElem};
use crate::diag::{codes, Diagnostic};
use crate::ir::{Index, IndexKey};
use crate::span::Span;

impl Catalog {
    pub(super) fn create_index(&mut self, i: &CreateIndex, span: Span) {
        let q = match self.find_table(&i.table).or_else(|| {
            self.find_view(&i.table)
                .filter(|v| self.schema.view(v).is_some_and(|v| v.materialized))
        }) {
            Some(q) => q,
            None => {
                self.missing_relation(&i.table, "relation");
                return;
            }
        };
        // An index on a materialized view has no table to check columns against.
        let table = self.table_copy(&q);
        let mut ok = true;
        let mut keys = vec![];
        let mut names = vec![];
        let mut used: Vec<String> = i.include.clone();
        for e in &i.elems {
            match e {
                IndexElem::Column {
                    name,
                    span: sp,
                    order,
                } => {
                    if let Some(t) = &table {
                        if t.column(name).is_none() {
                            ok &= self.unknown_column(
                                t,
                                name,
                                *sp,
                                &format!("index \"{}\"", i.name.as_deref().unwrap_or("(unnamed)")),
                            );
                        }
                    }
                    names.push(name.clone());
                    used.push(name.clone());
                    keys.push(IndexKey::Column {
                        name: name.clone(),
                        collation: order.collation.clone(),
                        opclass: order.opclass.clone(),
                        descending: order.descending,
                        nulls_first: order.nulls_first,
                    });
                }
                IndexElem::Expr { expr, order } => {
                    if let Some(t) = &table {
                        ok &= self.check_refs(&q, &expr.refs, "index", true)
                            && self.analyze_table_expr(
                                &q,
                                expr,
                                None,
                                Some("index"),
                                "index expressions",
                            );
                        used.extend(super::check::columns_used(t, &expr.refs));
                    }
                    names.push(
                        super::colname::figure_index_colname(&expr.text)
                            .unwrap_or_else(|| "expr".into()),
                    );
                    keys.push(IndexKey::Expression {
                        expr: expr.text.clone(),
                        collation: order.collation.clone(),
                        opclass: order.opclass.clone(),
                        descending: order.descending,
                        nulls_first: order.nulls_first,
                    });
                }
            }
        }
        if let Some(p) = &i.predicate {
            if let Some(t) = &table {
                ok &= self.check_refs(&q, &p.refs, "index predicate", true)
                    && self.analyze_table_expr(
                        &q,
                        p,
                        Some("WHERE"),
                        Some("index predicate"),
                        "index predicates",
                    );
                used.extend(super::check::columns_used(t, &p.refs));
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
                        let d = Diagnostic::error(
                            codes::DUPLICATE_OBJECT,
                            format!("relation \"{n}\" already exists"),
                        )
                        .at(i.name_span, "index name taken")
                        .note_at(prev, format!("the {what} was created"))
                        .help(
                            "use CREATE INDEX IF NOT EXISTS if the migration should be re-runnable",
                        );
                        self.error(d);
                    }
                    return;
                }
                n.clone()
            }
            None => choose(&q.name, Some(&join_columns(&names)), "idx", |n| {
                self.relation_span(&q.schema, n).is_some()
            }),
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
            with: i.with.clone(),
            constraint: None,
            columns: used,
            only: i.only,
            comment: None,
            span,
        };
        match self.namespace_mut(&q.schema) {
            Some(ns) => {
                ns.indexes.insert(name.clone(), idx);
            }
            None => return self.lost(format!("schema {}", q.schema), span),
        }
        if let Some(t) = self.table_mut(&q) {
            t.changed.push(span);
        }
        if !i.only {
            for part in self.partitions_of(&q) {
                self.copy_partition_keys_named(&q, &part, span, Some(&name));
            }
        }
    }

    /// `DROP INDEX` of one name.
    pub(super) fn drop_index(&mut self, d: &DropTarget) {
        let DropTarget { n, .. } = *d;
        let Some(q) = self.find_in(n, |ns, x| ns.indexes.contains_key(x)) else {
            return self.nothing_to_drop(d, "index");
        };
        let Some(idx) = self.schema.index(&q) else {
            return self.lost(format!("index {q}"), n.span);
        };
        if let Some(c) = &idx.constraint {
            let d = Diagnostic::error(
                codes::INVALID_DEFINITION,
                format!(
                    "cannot drop index {} because constraint {c} on table {} requires it",
                    q.name, idx.table
                ),
            )
            .at(n.span, "backs a constraint")
            .help(format!(
                "drop the constraint instead: ALTER TABLE {} DROP CONSTRAINT {c}",
                idx.table
            ));
            self.error(d);
            return;
        }
        if let Some(ns) = self.namespace_mut(&q.schema) {
            ns.indexes.remove(&q.name);
        }
    }

    /// `ALTER INDEX … RENAME TO / SET SCHEMA`.
    pub(super) fn rename_index(&mut self, r: &RenameTarget) {
        let RenameTarget {
            n, if_exists, to, ..
        } = *r;
        let Some(q) = self.find_in(n, |ns, x| ns.indexes.contains_key(x)) else {
            if !if_exists {
                self.missing_relation(n, "index");
            }
            return;
        };
        if let Some(to) = to {
            let Some(ns) = self.namespace_mut(&q.schema) else {
                return self.lost(format!("schema {}", q.schema), n.span);
            };
            let Some(mut i) = ns.indexes.remove(&q.name) else {
                return self.lost(format!("index {q}"), n.span);
            };
            // A constraint's index and the constraint share the name.
            if let Some(c) = &i.constraint {
                let (table, c) = (i.table.clone(), c.clone());
                i.constraint = Some(to.clone());
                if let Some(t) = ns.tables.get_mut(&table.name) {
                    if let Some(con) = t.constraints.iter_mut().find(|x| x.name == c) {
                        con.name = to.clone();
                    }
                    t.constraints.sort_by(|a, b| a.name.cmp(&b.name));
                }
            }
            i.name = to.clone();
            ns.indexes.insert(to.clone(), i);
        }
    }

    /// `COMMENT ON INDEX`.
    pub(super) fn comment_index(&mut self, n: &ObjName, text: &Option<String>) {
        let Some(q) = self.find_in(n, |ns, x| ns.indexes.contains_key(x)) else {
            self.missing_relation(n, "index");
            return;
        };
        match self.index_mut(&q) {
            Some(i) => i.comment = text.clone(),
            None => self.lost(format!("index {q}"), n.span),
        }
    }
}
