//! A SELECT's own level: FROM as a scope, WHERE, GROUP BY, HAVING, `WINDOW`, the select list,
//! and the sort keys around it (`DISTINCT ON`, `ORDER BY`), read in the order PostgreSQL's
//! `transformSelectStmt` reads them.

use super::query::{OutColumn, Scope};
use super::{Analyzer, Typed};
use crate::diag::{codes, Diagnostic};
use crate::sql::{Call, Expr, ExprKind, Item, Literal, Select, Window};

impl Analyzer<'_> {
    /// The output columns of a SELECT; `order_by` is its query's ORDER BY.
    pub(super) fn select_columns(
        &self,
        sel: &Select,
        parent: &Scope,
        order_by: &[Expr],
    ) -> Option<Vec<OutColumn>> {
        let mut scope = Scope {
            parent: Some(parent),
            windows: Some(sel.windows.iter().map(|(n, _)| n.clone()).collect()),
            ..Default::default()
        };
        for f in &sel.from {
            let rels = self.rels_of_item(f, &scope)?;
            scope.rels.extend(rels);
        }
        if let Some(e) = &sel.filter {
            self.refusing_aggregates("WHERE", || self.expr(e, &scope));
        }
        let grouped = self.open_grouping(sel, &scope);
        if let Some(e) = &sel.having {
            self.expr(e, &scope);
        }
        for (_, w) in &sel.windows {
            self.window(w, &scope);
        }
        let out = self.items(&sel.items, &scope, &grouped);
        for e in sel.distinct_on.iter().chain(order_by) {
            self.sort_key(e, &scope, out.as_deref());
        }
        if sel.distinct {
            for e in order_by {
                self.distinct_sort_key(e, sel, out.as_deref());
            }
        }
        if let Some(out) = out.as_deref() {
            self.distinct_on_matches_order(sel, order_by, out);
        }
        self.close_grouping(sel, &scope);
        out
    }

    /// An ORDER BY or DISTINCT ON key: an output column's name or position, else an
    /// expression over FROM (`findTargetlistEntrySQL92`). With the output not known, a bare
    /// name is left alone.
    fn sort_key(&self, e: &Expr, scope: &Scope, out: Option<&[OutColumn]>) {
        match (&e.kind, out) {
            (ExprKind::Column(parts), out) if parts.len() == 1 => {
                let named = |o: &[OutColumn]| o.iter().any(|c| c.name == parts[0]);
                if out.is_some_and(named) {
                    return;
                }
                if out.is_some() || scope.visible(&parts[0]) {
                    self.expr(e, scope);
                }
            }
            (ExprKind::Literal(Literal::Number(n)), Some(out)) => {
                self.position("ORDER BY", n, out.len(), e.span);
            }
            (ExprKind::Literal(_), None) => {}
            _ => {
                self.expr(e, scope);
            }
        }
    }

    /// `for SELECT DISTINCT, ORDER BY expressions must appear in select list`: said of an
    /// ORDER BY column that is neither an output name nor a column the list has as such
    /// (matched by name, and only when the list has no `*`, so never wrongly).
    fn distinct_sort_key(&self, e: &Expr, sel: &Select, out: Option<&[OutColumn]>) {
        let (ExprKind::Column(parts), Some(out)) = (&e.kind, out) else {
            return;
        };
        let Some(name) = parts.last() else { return };
        if parts.len() == 1 && out.iter().any(|c| &c.name == name) {
            return;
        }
        let listed = sel.items.iter().any(|i| match i {
            Item::Star { .. } => true,
            Item::Expr { expr, .. } => {
                matches!(&expr.kind, ExprKind::Column(p) if p.last() == Some(name))
            }
        });
        if !listed {
            self.error(
                Diagnostic::error(
                    codes::INVALID_DEFINITION,
                    "for SELECT DISTINCT, ORDER BY expressions must appear in select list",
                )
                .at(e.span, "not in the select list")
                .help(format!("add {name} to the select list, or drop DISTINCT")),
            );
        }
    }

    /// ORDER BY after UNION / INTERSECT / EXCEPT: only the result's column names and
    /// positions (`transformSetOperationStmt`).
    pub(super) fn set_operation_order_by(&self, order_by: &[Expr], out: &[OutColumn]) {
        for e in order_by {
            let d = match &e.kind {
                ExprKind::Column(parts) => match parts.as_slice() {
                    [c] if out.iter().any(|o| &o.name == c) => continue,
                    [c] => Diagnostic::error(
                        codes::UNKNOWN_COLUMN,
                        format!("column \"{c}\" does not exist"),
                    )
                    .at(e.span, "not a column of the result"),
                    [t, _] => Diagnostic::error(
                        codes::UNKNOWN_COLUMN,
                        format!("missing FROM-clause entry for table \"{t}\""),
                    )
                    .at(e.span, "the result of a set operation has no tables"),
                    _ => continue,
                },
                ExprKind::Literal(Literal::Number(n)) => {
                    self.position("ORDER BY", n, out.len(), e.span);
                    continue;
                }
                ExprKind::Unknown => continue,
                _ => Diagnostic::error(
                    codes::INVALID_DEFINITION,
                    "invalid UNION/INTERSECT/EXCEPT ORDER BY clause",
                )
                .at(e.span, "an expression")
                .note("only result column names can be used, not expressions or functions"),
            };
            self.error(d.help("order by a result column's name or position (wrap the set operation in a subquery to order by an expression)"));
        }
    }

    /// A window's PARTITION BY and ORDER BY (over FROM, never output names), and the named
    /// window it builds on, which must be the SELECT's own.
    pub(super) fn window(&self, w: &Window, scope: &Scope) {
        if let (Some((name, span)), Some(names)) = (&w.base, &scope.windows) {
            if !names.contains(name) {
                self.error(
                    Diagnostic::error(
                        codes::UNKNOWN_OBJECT,
                        format!("window \"{name}\" does not exist"),
                    )
                    .at(*span, "no WINDOW clause of this SELECT defines it"),
                );
            }
        }
        for e in w.partition_by.iter().chain(&w.order_by) {
            self.expr(e, scope);
        }
    }

    /// A call in `scope`, as the grouped-query check sees it: what an aggregate's arguments
    /// read is taken back; its window's keys are read outside it.
    pub(super) fn call_in(&self, call: &Call, scope: &Scope, span: crate::span::Span) -> Typed {
        let mark = self.grouping_mark(scope);
        let (t, chosen) = self.call(call, scope, span);
        self.aggregate_clauses(call, scope);
        self.grouping_call(scope, mark, chosen, call.over.is_some());
        if let Some(w) = &call.over {
            self.window(w, scope);
        }
        t
    }

    /// A call's aggregate clauses: `FILTER (WHERE …)` and its own ORDER BY.
    fn aggregate_clauses(&self, call: &Call, scope: &Scope) {
        for e in &call.order_by {
            self.expr(e, scope);
        }
        if let Some(e) = &call.filter {
            self.refusing_aggregates("FILTER", || self.expr(e, scope));
        }
    }
}
