//! The clauses around a SELECT list, lowered: `GROUP BY` (grouping sets flattened),
//! `DISTINCT ON`, `ORDER BY`, `WINDOW` and a call's `OVER`, `FILTER` and own `ORDER BY`.

use super::ident::ident_name;
use super::lower::Lower;
use crate::sql::{Call, Expr, Window};
use sqlparser::ast;

impl Lower<'_> {
    /// `GROUP BY`'s expressions, and whether some of it was not kept.
    pub(super) fn group_by(&self, g: &ast::GroupByExpr) -> (Vec<Expr>, bool) {
        let ast::GroupByExpr::Expressions(v, modifiers) = g else {
            return (vec![], true);
        };
        let mut out = vec![];
        for e in v {
            match e {
                ast::Expr::Rollup(sets) | ast::Expr::Cube(sets) | ast::Expr::GroupingSets(sets) => {
                    out.extend(sets.iter().flatten().map(|x| self.expr(x)))
                }
                _ => out.push(self.expr(e)),
            }
        }
        (out, !modifiers.is_empty())
    }

    pub(super) fn distinct_on(&self, d: &Option<ast::Distinct>) -> Vec<Expr> {
        match d {
            Some(ast::Distinct::On(v)) => v.iter().map(|e| self.expr(e)).collect(),
            _ => vec![],
        }
    }

    pub(super) fn order_by(&self, o: &Option<ast::OrderBy>) -> Vec<Expr> {
        match o.as_ref().map(|o| &o.kind) {
            Some(ast::OrderByKind::Expressions(v)) => self.sort_keys(v),
            _ => vec![],
        }
    }

    fn sort_keys(&self, v: &[ast::OrderByExpr]) -> Vec<Expr> {
        v.iter().map(|o| self.expr(&o.expr)).collect()
    }

    /// `WINDOW w AS (…)` definitions.
    pub(super) fn windows(&self, defs: &[ast::NamedWindowDefinition]) -> Vec<(String, Window)> {
        defs.iter()
            .map(|ast::NamedWindowDefinition(name, def)| {
                let w = match def {
                    ast::NamedWindowExpr::NamedWindow(base) => self.window_named(base),
                    ast::NamedWindowExpr::WindowSpec(spec) => self.window_spec(spec),
                };
                (ident_name(name), w)
            })
            .collect()
    }

    fn window_named(&self, base: &ast::Ident) -> Window {
        Window {
            base: Some((ident_name(base), self.span_of(base.span))),
            ..Window::default()
        }
    }

    fn window_spec(&self, spec: &ast::WindowSpec) -> Window {
        Window {
            base: spec
                .window_name
                .as_ref()
                .map(|n| (ident_name(n), self.span_of(n.span))),
            partition_by: spec.partition_by.iter().map(|e| self.expr(e)).collect(),
            order_by: self.sort_keys(&spec.order_by),
        }
    }

    /// A call's `OVER`, `FILTER (WHERE …)` and aggregate `ORDER BY`.
    pub(super) fn call_clauses(&self, call: &mut Call, f: &ast::Function) {
        call.over = f.over.as_ref().map(|w| match w {
            ast::WindowType::WindowSpec(spec) => self.window_spec(spec),
            ast::WindowType::NamedWindow(name) => self.window_named(name),
        });
        call.filter = f.filter.as_ref().map(|e| Box::new(self.expr(e)));
        if let ast::FunctionArguments::List(l) = &f.args {
            for clause in &l.clauses {
                if let ast::FunctionArgumentClause::OrderBy(v) = clause {
                    call.order_by = self.sort_keys(v);
                }
            }
        }
    }
}
