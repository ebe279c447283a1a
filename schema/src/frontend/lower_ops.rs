//! Binary operators as PostgreSQL names them, from sqlparser's (which knows other dialects'
//! operators and precedences too).

use sqlparser::ast;

/// The name of PostgreSQL's operator for a sqlparser binary operator.
pub fn operator_name(op: &ast::BinaryOperator) -> Option<String> {
    use ast::BinaryOperator as B;
    Some(match op {
        B::PGCustomBinaryOperator(parts) => parts.last()?.clone(),
        // pgvector's cosine distance; sqlparser reads it as MySQL's `<=>`.
        B::Spaceship => "<=>".into(),
        B::Xor
        | B::DuckIntegerDivide
        | B::MyIntegerDivide
        | B::Match
        | B::Regexp
        | B::Glob
        | B::Assignment
        | B::Overlaps => return None,
        B::NotEq => "<>".into(),
        other => other.to_string(),
    })
}

/// sqlparser gives `<=>` the precedence of `=`, PostgreSQL that of any other operator (above
/// comparisons): the two trees agree unless an operand is itself a comparison.
pub fn spaceship_reads_as_postgres(left: &ast::Expr, right: &ast::Expr) -> bool {
    use ast::BinaryOperator as B;
    let comparison = |e: &ast::Expr| {
        matches!(e, ast::Expr::BinaryOp { op, .. }
            if matches!(op, B::Eq | B::NotEq | B::Lt | B::LtEq | B::Gt | B::GtEq | B::Spaceship))
    };
    !comparison(left) && !comparison(right)
}
