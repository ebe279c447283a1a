//! The conditions `DO` blocks test before DDL, turned into [`Guard`]s the catalog can
//! evaluate: `[NOT] EXISTS (SELECT … FROM <catalog view> WHERE col = 'x' AND col IN (…))`,
//! `(SELECT count(*) FROM …) = n`, `(SELECT count(*) = n FROM …)`, with NOT / AND / OR.
//! Anything else is `Guard::Unknown`.

use crate::cmd::Guard;
use sqlparser::ast::{self, Expr, SelectItem, SetExpr, TableFactor};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

/// Catalog views (and the tables joined to them for a schema name) pgforge can answer.
const VIEWS: &[&str] = &[
    "pg_type",
    "pg_indexes",
    "pg_class",
    "pg_tables",
    "pg_views",
    "pg_namespace",
    "pg_extension",
    "pg_proc",
    "pg_constraint",
    "pg_policies",
    "pg_trigger",
    "pg_enum",
    "tables",
    "columns",
    "schemata",
    "table_constraints",
    "routines",
];
const JOINABLE: &[&str] = &["pg_namespace", "pg_class", "pg_type"];

pub fn parse(text: &str) -> Guard {
    let dialect = PostgreSqlDialect {};
    match Parser::new(&dialect)
        .try_with_sql(text)
        .and_then(|mut p| p.parse_expr())
    {
        Ok(e) => lower(&e),
        Err(_) => Guard::Unknown,
    }
}

fn lower(e: &Expr) -> Guard {
    match e {
        Expr::Nested(inner) => lower(inner),
        Expr::UnaryOp {
            op: ast::UnaryOperator::Not,
            expr,
        } => Guard::Not(Box::new(lower(expr))),
        Expr::BinaryOp {
            left,
            op: ast::BinaryOperator::And,
            right,
        } => Guard::And(Box::new(lower(left)), Box::new(lower(right))),
        Expr::BinaryOp {
            left,
            op: ast::BinaryOperator::Or,
            right,
        } => Guard::Or(Box::new(lower(left)), Box::new(lower(right))),
        Expr::Exists { subquery, negated } => {
            let g = count_query(subquery, ">", 0).unwrap_or(Guard::Unknown);
            if *negated {
                Guard::Not(Box::new(g))
            } else {
                g
            }
        }
        // (SELECT count(*) = 2 FROM …)
        Expr::Subquery(q) => projection_comparison(q).unwrap_or(Guard::Unknown),
        // (SELECT count(*) FROM …) = 0
        Expr::BinaryOp { left, op, right } => match (left.as_ref(), number(right)) {
            (Expr::Subquery(q), Some(n)) => op_text(op)
                .and_then(|o| count_query(q, o, n))
                .unwrap_or(Guard::Unknown),
            _ => Guard::Unknown,
        },
        _ => Guard::Unknown,
    }
}

fn op_text(op: &ast::BinaryOperator) -> Option<&'static str> {
    use ast::BinaryOperator as B;
    Some(match op {
        B::Eq => "=",
        B::NotEq => "<>",
        B::Gt => ">",
        B::GtEq => ">=",
        B::Lt => "<",
        B::LtEq => "<=",
        _ => return None,
    })
}

fn number(e: &Expr) -> Option<i64> {
    match e {
        Expr::Value(v) => match &v.value {
            ast::Value::Number(n, _) => n.parse().ok(),
            _ => None,
        },
        Expr::Nested(i) => number(i),
        _ => None,
    }
}

fn projection_comparison(q: &ast::Query) -> Option<Guard> {
    let SetExpr::Select(sel) = q.body.as_ref() else {
        return None;
    };
    let [SelectItem::UnnamedExpr(Expr::BinaryOp { left, op, right })] = sel.projection.as_slice()
    else {
        return None;
    };
    if !matches!(left.as_ref(), Expr::Function(f) if f.name.to_string().eq_ignore_ascii_case("count"))
    {
        return None;
    }
    count_query(q, op_text(op)?, number(right)?)
}

/// A SELECT over one catalog view (plus pg_namespace/pg_class joins) with equality filters.
fn count_query(q: &ast::Query, op: &str, n: i64) -> Option<Guard> {
    let SetExpr::Select(sel) = q.body.as_ref() else {
        return None;
    };
    if sel.from.len() != 1 {
        return None;
    }
    let twj = &sel.from[0];
    let mut views = vec![];
    for tf in std::iter::once(&twj.relation).chain(twj.joins.iter().map(|j| &j.relation)) {
        let TableFactor::Table { name, .. } = tf else {
            return None;
        };
        let last = name.0.last()?.as_ident()?.value.to_ascii_lowercase();
        if !VIEWS.contains(&last.as_str()) {
            return None;
        }
        views.push(last);
    }
    // The main view is the first one that is not only joined for a name.
    let view = views
        .iter()
        .find(|v| !JOINABLE.contains(&v.as_str()))
        .or(views.first())?
        .clone();
    let mut filters = vec![];
    if let Some(w) = &sel.selection {
        if !conjuncts(w, &mut filters) {
            return None;
        }
    }
    Some(Guard::Count {
        view,
        filters,
        op: op.to_string(),
        n,
    })
}

/// Collect `col = 'lit'` / `col IN ('a', 'b')` conjuncts; false on anything else that is
/// not a join condition (`a.x = b.y`).
fn conjuncts(e: &Expr, out: &mut Vec<(String, Vec<String>)>) -> bool {
    let col = |e: &Expr| -> Option<String> {
        match e {
            Expr::Identifier(i) => Some(i.value.to_ascii_lowercase()),
            Expr::CompoundIdentifier(ids) => ids.last().map(|i| i.value.to_ascii_lowercase()),
            _ => None,
        }
    };
    let lit = |e: &Expr| -> Option<String> {
        match e {
            Expr::Value(v) => match &v.value {
                ast::Value::SingleQuotedString(s) => Some(s.clone()),
                _ => None,
            },
            Expr::Cast { expr, .. } => match expr.as_ref() {
                Expr::Value(v) => match &v.value {
                    ast::Value::SingleQuotedString(s) => Some(s.clone()),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    };
    match e {
        Expr::Nested(i) => conjuncts(i, out),
        Expr::BinaryOp {
            left,
            op: ast::BinaryOperator::And,
            right,
        } => conjuncts(left, out) && conjuncts(right, out),
        Expr::BinaryOp {
            left,
            op: ast::BinaryOperator::Eq,
            right,
        } => match (col(left), lit(right), col(right)) {
            (Some(c), Some(v), _) => {
                out.push((c, vec![v]));
                true
            }
            // A join condition between two columns.
            (Some(_), None, Some(_)) => true,
            _ => false,
        },
        Expr::InList {
            expr,
            list,
            negated: false,
        } => match (col(expr), list.iter().map(lit).collect::<Option<Vec<_>>>()) {
            (Some(c), Some(vs)) => {
                out.push((c, vs));
                true
            }
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idioms() {
        let g = parse("not exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace where t.typname = 'role' and n.nspname = 'basejump')");
        assert_eq!(
            g,
            Guard::Not(Box::new(Guard::Count {
                view: "pg_type".into(),
                filters: vec![
                    ("typname".into(), vec!["role".into()]),
                    ("nspname".into(), vec!["basejump".into()])
                ],
                op: ">".into(),
                n: 0
            }))
        );
        let g = parse("(select count(*) = 2 from pg_indexes where indexname in ('a', 'b') and schemaname = 'auth')");
        assert!(
            matches!(g, Guard::Count { ref view, op: ref o, n: 2, .. } if view == "pg_indexes" && o == "=")
        );
        assert_eq!(parse("is_multitenant"), Guard::Unknown);
        assert_eq!(
            parse("exists (select 1 from pg_roles where rolname = 'x')"),
            Guard::Unknown
        );
    }
}
