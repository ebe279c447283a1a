//! Model objects printed the way PostgreSQL's catalog functions print them (`format_type`,
//! `pg_get_function_identity_arguments`, `pg_get_indexdef`, …), for both sides of `verify`.

use schema::ir::{self, ArgMode, FkAction, PgType, Returns, Schema};

pub fn q(s: &str) -> String {
    schema::ir::quote_ident(s)
}

/// `format_type` with `search_path = pg_catalog`.
pub fn type_text(t: &PgType, m: &Schema) -> String {
    let ext_schema = |ext: &str| m.extension_schema(ext).to_string();
    match t {
        PgType::Array { element, .. } => format!("{}[]", type_text(element, m)),
        PgType::User {
            schema, type_name, ..
        } => format!("{}.{}", q(schema), q(type_name)),
        PgType::Vector { dim } => format!(
            "{}.vector{}",
            q(&ext_schema("vector")),
            dim.map(|d| format!("({d})")).unwrap_or_default()
        ),
        PgType::Citext => format!("{}.citext", q(&ext_schema("citext"))),
        PgType::Other {
            schema,
            type_name,
            modifiers,
        } => {
            let s = match schema.as_deref() {
                Some("pg_catalog") => None,
                Some(s) => Some(s.to_string()),
                None => Some(ext_schema(match type_name.as_str() {
                    "geometry" | "geography" | "box2d" | "box3d" => "postgis",
                    "lquery" | "ltxtquery" => "ltree",
                    "halfvec" | "sparsevec" => "vector",
                    n => n,
                })),
            };
            let mods = if modifiers.is_empty() {
                String::new()
            } else {
                format!("({})", modifiers.join(","))
            };
            match s {
                Some(s) => format!("{}.{}{mods}", q(&s), q(type_name)),
                None => format!("{type_name}{mods}"),
            }
        }
        t => t.to_string(),
    }
}

pub fn action(a: FkAction) -> &'static str {
    match a {
        FkAction::NoAction => "a",
        FkAction::Restrict => "r",
        FkAction::Cascade => "c",
        FkAction::SetNull => "n",
        FkAction::SetDefault => "d",
    }
}

/// `pg_get_function_identity_arguments` of a model function.
pub fn identity_args(f: &ir::Function, m: &Schema) -> String {
    f.args
        .iter()
        .map(|a| {
            let mode = match a.mode {
                ArgMode::Out => "OUT ",
                ArgMode::InOut => "INOUT ",
                ArgMode::Variadic => "VARIADIC ",
                // ruleutils.c marks every mode of a procedure's arguments, IN too.
                ArgMode::In if f.procedure => "IN ",
                ArgMode::In => "",
            };
            let name = a
                .name
                .as_ref()
                .map(|n| format!("{} ", q(n)))
                .unwrap_or_default();
            format!("{mode}{name}{}", type_text(&a.ty, m))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `pg_get_function_result` of a model function.
pub fn result_text(f: &ir::Function, m: &Schema) -> String {
    match &f.returns {
        Returns::None => String::new(),
        Returns::Type { ty, setof } => {
            format!("{}{}", if *setof { "SETOF " } else { "" }, type_text(ty, m))
        }
        Returns::Table { columns } => format!(
            "TABLE({})",
            columns
                .iter()
                .map(|c| format!("{} {}", q(&c.name), type_text(&c.ty, m)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Strip `CREATE [UNIQUE] INDEX name ON [ONLY] schema.table ` from `pg_get_indexdef`.
pub fn index_body(def: &str) -> String {
    match def.find(" USING ") {
        Some(p) => def[p + 1..].to_string(),
        None => def.to_string(),
    }
}

pub fn policy_exprs(using: Option<&str>, check: Option<&str>) -> String {
    format!(
        "using={} check={}",
        using.unwrap_or("-"),
        check.unwrap_or("-")
    )
}
