//! Typed wrappers for SQL functions whose signature the model knows: a `functions` module per
//! schema with a row struct for each `RETURNS TABLE(…)` and, per driver, one `async fn` per
//! function (overloads numbered `_2`, `_3`, …). Trigger functions are not callable and get
//! none; a function whose argument or result type has no Rust type gets a warning naming it.

use super::drivers;
use super::naming::{camel, dedupe, dedupe_camel, ident, snake};
use super::queries::{function_query, wrappable, FunctionResult, Query};
use super::types::ColumnType;
use super::Options;
use proc_macro2::TokenStream;
use quote::quote;
use schema::diag::{codes, Diagnostic};
use schema::ir::{Function, Namespace, PgType, Returns, Schema, TypeClass};

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
    let mut args = vec![];
    let names = dedupe(
        f.args
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
    for (a, n) in f.args.iter().zip(names) {
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
    let mut row_struct = None;
    let result = match &f.returns {
        Returns::None => return None,
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
                    setof: *setof,
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
        Returns::Table { columns } => {
            let names = dedupe(columns.iter().map(|c| snake(&c.name)).collect());
            let mut fields = vec![];
            let mut codec_fields = vec![];
            for (c, n) in columns.iter().zip(names) {
                match opts.types.ty(s, &c.ty, &quote!(super::super)) {
                    Ok(t) => {
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
                    Err(u) => {
                        skip(format!("result column {}: {u}", c.name), warn);
                        return None;
                    }
                }
            }
            let ty = ident(row_name);
            let doc = format!(" A row returned by `{q}`.");
            let codecs = opts.drivers.each(
                || drivers::sqlx::row(&ty, &codec_fields),
                || drivers::tokio_postgres::row(&ty, &codec_fields),
            );
            row_struct = Some(quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
                pub struct #ty { #(#fields)* }
                #codecs
            });
            FunctionResult::Rows {
                ty: quote!(super::#ty),
                columns: columns.iter().map(|c| c.name.clone()).collect(),
                setof: true,
            }
        }
    };
    let mut query = function_query(s, name, f, args, result);
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
    Some((query, row_struct))
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
