//! The name PostgreSQL gives an unaliased output column: its parser's `FigureColname`. Each
//! form yields a name with a strength — 2 for a column, function or field name, 1 for a
//! type name of a cast or a keyword like `case` — and CASE takes its ELSE branch's name only
//! when that is strong; anything else is `?column?`.

use super::ident::ident_name;
use sqlparser::ast;

/// The output column name of `e`.
pub fn output_name(e: &ast::Expr) -> String {
    figure(e).map_or_else(|| "?column?".into(), |(n, _)| n)
}

fn figure(e: &ast::Expr) -> Option<(String, u8)> {
    use ast::Expr as E;
    let strong = |s: String| Some((s, 2));
    let weak = |s: &str| Some((s.to_string(), 1));
    match e {
        E::Identifier(id) => strong(sql_value_function(id).unwrap_or_else(|| ident_name(id))),
        E::CompoundIdentifier(ids) => strong(ident_name(ids.last()?)),
        E::Function(f) => strong(f.name.0.last()?.as_ident().map(ident_name)?),
        E::Nested(inner) | E::Collate { expr: inner, .. } => figure(inner),
        E::Cast {
            expr, data_type, ..
        } => match figure(expr) {
            Some((n, 2)) => Some((n, 2)),
            _ => weak(&type_name(data_type)),
        },
        E::TypedString(t) => weak(&type_name(&t.data_type)),
        E::Interval(_) => weak("interval"),
        E::Case { else_result, .. } => match else_result.as_deref().and_then(figure) {
            Some((n, 2)) => Some((n, 2)),
            _ => weak("case"),
        },
        E::Exists { .. } => strong("exists".into()),
        E::Array(_) => strong("array".into()),
        E::Tuple(_) => strong("row".into()),
        E::Subquery(q) => match q.body.as_ref() {
            ast::SetExpr::Select(s) => match s.projection.first() {
                Some(ast::SelectItem::ExprWithAlias { alias, .. }) => strong(ident_name(alias)),
                Some(ast::SelectItem::UnnamedExpr(inner)) => {
                    figure(inner).filter(|(n, _)| n != "?column?")
                }
                _ => None,
            },
            _ => None,
        },
        E::CompoundFieldAccess { root, access_chain } => {
            let field = access_chain.iter().rev().find_map(|a| match a {
                ast::AccessExpr::Dot(ast::Expr::Identifier(id)) => Some(ident_name(id)),
                _ => None,
            });
            match field {
                Some(f) => strong(f),
                None => figure(root),
            }
        }
        E::Extract { .. } => strong("extract".into()),
        E::Position { .. } => strong("position".into()),
        E::Substring { .. } => strong("substring".into()),
        E::Trim { .. } => strong("btrim".into()),
        E::Ceil { .. } => strong("ceil".into()),
        E::Floor { .. } => strong("floor".into()),
        E::Overlay { .. } => strong("overlay".into()),
        E::AtTimeZone { .. } => strong("timezone".into()),
        _ => None,
    }
}

/// `current_date` and friends are SQL value functions, named as written.
fn sql_value_function(id: &ast::Ident) -> Option<String> {
    if id.quote_style.is_some() {
        return None;
    }
    let n = id.value.to_ascii_lowercase();
    super::ident::SQL_VALUE_FUNCTIONS
        .contains(&n.as_str())
        .then_some(n)
}

/// The last word of a type's name (`pg_catalog.int4` → `int4`, `varchar(10)` → `varchar`).
fn type_name(t: &ast::DataType) -> String {
    let t = t.to_string().to_ascii_lowercase();
    let base = t.split(['(', '[']).next().unwrap_or(&t).trim();
    let last = base.rsplit('.').next().unwrap_or(base);
    canonical(last.trim_matches('"')).to_string()
}

/// The name of a type as `FigureColname` prints it: the catalog's name for SQL's spellings.
fn canonical(t: &str) -> &str {
    match t {
        "integer" | "int" => "int4",
        "smallint" => "int2",
        "bigint" => "int8",
        "real" => "float4",
        "double precision" | "float" => "float8",
        "boolean" => "bool",
        "decimal" => "numeric",
        "character varying" => "varchar",
        "character" | "char" => "bpchar",
        "timestamp with time zone" => "timestamptz",
        "timestamp without time zone" => "timestamp",
        "time with time zone" => "timetz",
        "time without time zone" => "time",
        t => t,
    }
}
