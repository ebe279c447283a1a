//! Typed wrappers for SQL functions and procedures whose signature the model knows: a
//! `functions` module per schema with a row struct for each `RETURNS TABLE(…)` or set of OUT
//! parameters and, per driver, one `async fn` per function (overloads numbered `_2`, `_3`, …
//! in the order they were created). Arguments with defaults are `Option`s, VARIADIC ones
//! slices, a single row of a table's type an `Option<Row>`, a procedure a `CALL`. Trigger
//! functions are not callable and get none; a function whose argument or result type has no
//! Rust type, and a procedure with OUT parameters, get a warning naming them.

use super::drivers;
use super::naming::{camel, dedupe, dedupe_camel, ident, snake};
use super::queries::{function_query, is_input, wrappable, FunctionResult, Query, RowCount};
use super::types::ColumnType;
use super::Options;
use proc_macro2::TokenStream;
use quote::quote;
use schema::diag::{codes, Diagnostic};
use schema::ir::{ArgMode, Attribute, Function, Namespace, PgType, Returns, Schema, TypeClass};

fn not_callable(t: &PgType) -> bool {
    matches!(t, PgType::Pseudo { type_name } if matches!(type_name.as_str(), "trigger" | "event_trigger" | "internal" | "language_handler" | "fdw_handler" | "index_am_handler" | "table_am_handler" | "tsm_handler"))
}

/// Whether values of `t` can be sent and received: a relation's row type only when every
/// column has a field (its record codecs are positional; see `items::record_codecs`).
fn codable(s: &Schema, opts: &Options, t: &PgType) -> bool {
    match t {
        PgType::Array { element, .. } => codable(s, opts, element),
        PgType::User {
            schema,
            type_name,
            class: TypeClass::Table,
        } => {
            let key = |c: &str| format!("{schema}.{type_name}.{c}");
            let ns = s.schemas.get(schema);
            if let Some(t) = ns.and_then(|ns| ns.tables.get(type_name)) {
                !t.columns.is_empty()
                    && t.columns.iter().all(|c| {
                        matches!(
                            opts.types.column(s, &key(&c.name), &c.ty, &quote!(x)),
                            Ok(ColumnType::Mapped(_))
                        )
                    })
            } else if let Some(v) = ns.and_then(|ns| ns.views.get(type_name)) {
                !v.columns.is_empty()
                    && v.columns.iter().all(|c| {
                        c.ty.as_ref().is_some_and(|ty| {
                            matches!(
                                opts.types.column(s, &key(&c.name), ty, &quote!(x)),
                                Ok(ColumnType::Mapped(_))
                            )
                        })
                    })
            } else {
                false
            }
        }
        _ => true,
    }
}

/// `None` when the function gets no wrapper (with a warning when that is worth saying).
fn wrapper(
    s: &Schema,
    opts: &Options,
    f: &Function,
    name: &str,
    row_name: &str,
    warn: &mut Vec<Diagnostic>,
) -> Option<(Query, Option<TokenStream>)> {
    if let Returns::Type { ty, .. } = &f.returns {
        if not_callable(ty) {
            return None;
        }
    }
    let root = quote!(super::super::super);
    let q = format!("{}.{}", f.schema, f.signature());
    let skip = |why: String, warn: &mut Vec<Diagnostic>| {
        warn.push(
            Diagnostic::warning(
                codes::NO_WRAPPER,
                format!("no Rust wrapper for function {q}: {why}"),
            )
            .at(f.span, "this function"),
        );
    };
    if f.procedure
        && f.args
            .iter()
            .any(|a| !matches!(a.mode, ArgMode::In | ArgMode::Variadic))
    {
        skip(
            "a procedure with OUT or INOUT parameters is not wrapped yet".into(),
            warn,
        );
        return None;
    }
    let inputs: Vec<&schema::ir::Arg> = f.args.iter().filter(|a| is_input(a.mode)).collect();
    let mut args = vec![];
    let names = dedupe(
        inputs
            .iter()
            .enumerate()
            .map(|(i, a)| {
                a.name
                    .as_deref()
                    .map(snake)
                    .unwrap_or_else(|| format!("arg{}", i + 1))
            })
            .collect(),
    );
    for (a, n) in inputs.iter().zip(names) {
        if !codable(s, opts, &a.ty) {
            skip(
                format!(
                    "argument type {} is a row type with columns that have no Rust type",
                    a.ty
                ),
                warn,
            );
            return None;
        }
        match opts.types.ty(s, &a.ty, &root) {
            Ok(t) => args.push((ident(&n), t, a.ty.clone())),
            Err(u) => {
                skip(
                    format!("argument {}: {u}", a.name.as_deref().unwrap_or("(unnamed)")),
                    warn,
                );
                return None;
            }
        }
    }
    let outs = out_columns(f);
    // Rows of a generated struct: OUT parameters (one row, or SETOF) or `TABLE(…)`.
    let generated = match &f.returns {
        _ if f.procedure => None,
        Returns::Type { setof: true, .. } if !outs.is_empty() => Some((&outs, RowCount::Many)),
        Returns::Type { .. } if !outs.is_empty() => Some((&outs, RowCount::One)),
        Returns::Table { columns } => Some((columns, RowCount::Many)),
        _ => None,
    };
    if let Some((columns, rows)) = generated {
        match row_result(s, opts, &q, row_name, columns, rows) {
            Ok((result, st)) => {
                let query = function_query(s, name, f, args, result);
                return Some((documented(query, f), Some(st)));
            }
            Err(why) => {
                skip(why, warn);
                return None;
            }
        }
    }
    let result = match &f.returns {
        _ if f.procedure => FunctionResult::Unit,
        // `TABLE(…)` has its rows generated above.
        Returns::None | Returns::Table { .. } => return None,
        Returns::Type {
            ty: PgType::Pseudo { type_name },
            ..
        } if type_name == "void" => FunctionResult::Unit,
        Returns::Type {
            ty:
                ty @ PgType::User {
                    schema,
                    type_name,
                    class: TypeClass::Table,
                },
            setof,
        } => {
            let Some(table) = s
                .schemas
                .get(schema)
                .and_then(|ns| ns.tables.get(type_name))
            else {
                skip(
                    format!("the row type {ty} is not a table pgforge knows"),
                    warn,
                );
                return None;
            };
            let columns = table
                .columns
                .iter()
                .filter(|c| {
                    matches!(
                        opts.types.column(
                            s,
                            &format!("{}.{}.{}", table.schema, table.name, c.name),
                            &c.ty,
                            &root
                        ),
                        Ok(ColumnType::Mapped(_))
                    )
                })
                .map(|c| c.name.clone())
                .collect();
            match opts.types.ty(s, ty, &root) {
                Ok(row) => FunctionResult::Rows {
                    ty: row,
                    columns,
                    rows: if *setof {
                        RowCount::Many
                    } else {
                        RowCount::OneOrNone
                    },
                },
                Err(u) => {
                    skip(format!("result: {u}"), warn);
                    return None;
                }
            }
        }
        Returns::Type { ty, .. } if !codable(s, opts, ty) => {
            skip(
                format!("result type {ty} is a row type with columns that have no Rust type"),
                warn,
            );
            return None;
        }
        Returns::Type { ty, setof } => match opts.types.ty(s, ty, &root) {
            Ok(t) => FunctionResult::Scalar {
                ty: t,
                setof: *setof,
            },
            Err(u) => {
                skip(format!("result: {u}"), warn);
                return None;
            }
        },
    };
    Some((
        documented(function_query(s, name, f, args, result), f),
        None,
    ))
}

/// The query with the function's comment appended to its doc comment.
fn documented(mut query: Query, f: &Function) -> Query {
    if let Some(c) = &f.comment {
        query.doc = format!(
            "{}\n\n{}",
            query.doc,
            c.lines()
                .map(|l| format!(" {}", l.trim_end()))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    query
}

/// OUT and INOUT parameters as the columns of the row a function returns (unnamed ones as
/// PostgreSQL names them: `column1`, `column2`, … by their place among the OUT parameters).
fn out_columns(f: &Function) -> Vec<Attribute> {
    f.args
        .iter()
        .filter(|a| matches!(a.mode, ArgMode::Out | ArgMode::InOut))
        .enumerate()
        .map(|(i, a)| Attribute {
            name: a.name.clone().unwrap_or_else(|| format!("column{}", i + 1)),
            ty: a.ty.clone(),
        })
        .collect()
}

/// A generated row struct (every field `Option`) for `TABLE(…)` or OUT parameters, with the
/// drivers' codecs, and the result reading it. `Err` says why a column has no Rust type.
fn row_result(
    s: &Schema,
    opts: &Options,
    q: &str,
    row_name: &str,
    columns: &[Attribute],
    rows: RowCount,
) -> Result<(FunctionResult, TokenStream), String> {
    let names = dedupe(columns.iter().map(|c| snake(&c.name)).collect());
    let mut fields = vec![];
    let mut codec_fields = vec![];
    for (c, n) in columns.iter().zip(names) {
        let t = opts
            .types
            .ty(s, &c.ty, &quote!(super::super))
            .map_err(|u| format!("result column {}: {u}", c.name))?;
        let id = ident(&n);
        let col = &c.name;
        let doc = format!(" `{col}`");
        let rename = if n.trim_start_matches("r#") == col {
            quote!()
        } else {
            quote!(#[serde(rename = #col)])
        };
        fields.push(quote!(#[doc = #doc] #rename pub #id: Option<#t>,));
        codec_fields.push((id, col.clone()));
    }
    let ty = ident(row_name);
    let doc = format!(" A row returned by `{q}`.");
    let codecs = opts.drivers.each(
        || drivers::sqlx::row(&ty, &codec_fields),
        || drivers::tokio_postgres::row(&ty, &codec_fields),
    );
    let row_struct = quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct #ty { #(#fields)* }
        #codecs
    };
    let result = FunctionResult::Rows {
        ty: quote!(super::#ty),
        columns: columns.iter().map(|c| c.name.clone()).collect(),
        rows,
    };
    Ok((result, row_struct))
}

/// The `functions` module of a schema, if any function gets a wrapper.
pub fn functions_module(
    s: &Schema,
    opts: &Options,
    ns: &Namespace,
    module: &proc_macro2::Ident,
    warn: &mut Vec<Diagnostic>,
) -> Option<TokenStream> {
    let fs: Vec<&Function> = ns
        .functions
        .values()
        .flatten()
        .filter(|f| wrappable(f))
        .collect();
    let names = dedupe(fs.iter().map(|f| snake(&f.name)).collect());
    let row_names = dedupe_camel(
        fs.iter()
            .map(|f| format!("{}Row", camel(&f.name)))
            .collect(),
    );
    let mut queries = vec![];
    let mut structs = vec![];
    for ((f, n), r) in fs.iter().zip(&names).zip(&row_names) {
        if let Some((q, st)) = wrapper(s, opts, f, n, r, warn) {
            queries.push(q);
            structs.extend(st);
        }
    }
    if queries.is_empty() {
        return None;
    }
    let access = super::access::access_items(&opts.drivers, None, &queries);
    let doc = format!(" Typed calls of the functions of schema `{}`.", ns.name);
    Some(quote! {
        #[doc = #doc]
        pub mod #module {
            #(#structs)*
            #access
        }
    })
}
