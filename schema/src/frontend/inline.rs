//! Which SQL functions PostgreSQL inlines into their caller before it judges an index or
//! generated-column expression for mutability (`inline_function` in clauses.c): a
//! `LANGUAGE sql` function, not SECURITY DEFINER, without SET, returning one non-set,
//! non-record value, whose body is one `SELECT <expression>` with no FROM, WHERE, GROUP BY,
//! HAVING, window, DISTINCT, ORDER BY, LIMIT, set operation, CTE or subquery. Such a
//! function declared VOLATILE is still accepted in an index when its body is immutable.

use super::expr;
use crate::cmd::{CreateFunction, ExprRef, FuncReturns, TypeRef};
use crate::span::FileId;
use sqlparser::ast::{self, Visit, Visitor};
use std::ops::ControlFlow;

/// The references of the body's one expression, when PostgreSQL would inline `f`. `at` is
/// where the body's text starts in the file, so spans land on its bytes.
pub fn inlinable(
    f: &CreateFunction,
    parsed: Option<&[ast::Statement]>,
    body: &str,
    at: usize,
    file: FileId,
) -> Option<Vec<ExprRef>> {
    if !may_inline(f) {
        return None;
    }
    let [ast::Statement::Query(query)] = parsed? else {
        return None;
    };
    let e = single_expression(query)?;
    Some(expr::collect(e, body, at, file))
}

/// Whether `f`'s declaration lets PostgreSQL inline it (its body decides the rest).
pub fn may_inline(f: &CreateFunction) -> bool {
    let scalar = match &f.returns {
        FuncReturns::Type { ty, setof } => !setof && !is_record(ty),
        _ => false,
    };
    f.language.eq_ignore_ascii_case("sql") && !f.security_definer && !f.procedure && scalar
}

fn is_record(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named { name, .. } if name.name == "record")
}

/// `SELECT <expr>` and nothing else, or `None`.
fn single_expression(q: &ast::Query) -> Option<&ast::Expr> {
    if q.with.is_some() || q.order_by.is_some() || q.limit_clause.is_some() || q.fetch.is_some() {
        return None;
    }
    let ast::SetExpr::Select(sel) = q.body.as_ref() else {
        return None;
    };
    let plain = sel.from.is_empty()
        && sel.selection.is_none()
        && sel.having.is_none()
        && sel.distinct.is_none()
        && sel.named_window.is_empty()
        && matches!(&sel.group_by, ast::GroupByExpr::Expressions(v, m) if v.is_empty() && m.is_empty());
    let e = match sel.projection.as_slice() {
        [ast::SelectItem::UnnamedExpr(e)] | [ast::SelectItem::ExprWithAlias { expr: e, .. }] => e,
        _ => return None,
    };
    (plain && !has_sublink_or_window(e)).then_some(e)
}

/// Subqueries and window calls stop inlining.
fn has_sublink_or_window(e: &ast::Expr) -> bool {
    struct Found(bool);
    impl Visitor for Found {
        type Break = ();
        fn pre_visit_query(&mut self, _q: &ast::Query) -> ControlFlow<()> {
            self.0 = true;
            ControlFlow::Break(())
        }
        fn pre_visit_expr(&mut self, e: &ast::Expr) -> ControlFlow<()> {
            if matches!(e, ast::Expr::Function(f) if f.over.is_some()) {
                self.0 = true;
                return ControlFlow::Break(());
            }
            ControlFlow::Continue(())
        }
    }
    let mut f = Found(false);
    let _ = e.visit(&mut f);
    f.0
}
