//! The `queries` module: the application's own checked queries (query files, sqlc syntax),
//! one module per file, in it a row struct per query that returns rows, the statements as
//! constants and a function per query for each driver — the same layout as a table's
//! (`queries::tenants::sqlx::get_tenant_by_slug(db, slug)`).
//!
//! sqlc's commands: `:one` → `Option<Row>`, `:many` → `Vec<Row>`, `:exec` → `()`,
//! `:execrows` → `u64`. A query of one column returns that column's value, not a struct.

use super::access::access_items;
use super::drivers;
use super::naming::{camel, dedupe, ident, snake};
use super::queries::{arg_type, Card, Output, Query};
use super::types::{ColumnType, TypeMap};
use super::Options;
use proc_macro2::TokenStream;
use quote::quote;
use schema::diag::{codes, Diagnostic};
use schema::ir::Schema;
use schema::queries::{CheckedQuery, Command, QueryFile};

/// `pub mod queries { … }` for these files; `None` when there are none.
pub fn queries_module(
    s: &Schema,
    opts: &Options,
    files: &[QueryFile],
    errs: &mut Vec<Diagnostic>,
) -> Option<TokenStream> {
    if files.iter().all(|f| f.queries.is_empty()) {
        return None;
    }
    let names = dedupe(files.iter().map(|f| snake(&f.module)).collect());
    let rows = table_rows(s, &opts.types);
    let modules = files.iter().zip(names).map(|(f, name)| {
        let id = ident(&name);
        let doc = format!(" The queries of `{}`.", f.module);
        let items = file_items(s, opts, f, &rows, errs);
        quote! {
            #[doc = #doc]
            pub mod #id { #items }
        }
    });
    Some(quote! {
        /// The application's own queries, checked against the migrations by pgforge.
        pub mod queries { #(#modules)* }
    })
}

/// A query's Rust types: its parameters and, for rows, the fields of its struct.
struct Typed {
    args: Vec<(proc_macro2::Ident, TokenStream)>,
    fields: Vec<(proc_macro2::Ident, String, TokenStream)>,
    /// A one-column query's value type, as the driver modules name it.
    scalar: Option<TokenStream>,
}

fn file_items(
    s: &Schema,
    opts: &Options,
    f: &QueryFile,
    rows: &[TableRow],
    errs: &mut Vec<Diagnostic>,
) -> TokenStream {
    let mut structs = vec![];
    let mut codecs = vec![];
    let mut qs = vec![];
    for q in &f.queries {
        let Some(t) = typed(s, &opts.types, q, errs) else {
            continue;
        };
        let row = ident(&format!("{}Row", camel(&q.name)));
        let mut output = output(q, &t, &row);
        let table = matches!(output, Output::Row { .. })
            .then(|| table_row(rows, q))
            .flatten();
        if let (Some(r), Output::Row { ty, .. }) = (table, &mut output) {
            // The query returns exactly a table's columns: that table's `Row`.
            let (schema, table) = (ident(&r.schema_module), ident(&r.table_module));
            *ty = quote!(super::super::super::#schema::#table::Row);
        } else if matches!(output, Output::Row { .. }) {
            structs.push(row_struct(q, &row, &t));
            let cols: Vec<(proc_macro2::Ident, String)> = t
                .fields
                .iter()
                .map(|(i, c, _)| (i.clone(), c.clone()))
                .collect();
            codecs.push(opts.drivers.each(
                || drivers::sqlx::row(&row, &cols),
                || drivers::tokio_postgres::row(&row, &cols),
            ));
        }
        let binds = t.args.iter().map(|(i, _)| quote!(#i)).collect();
        let name = snake(&q.name);
        qs.push(Query {
            const_name: ident(&name.trim_start_matches("r#").to_uppercase()),
            name: ident(&name),
            doc: doc(q),
            sql: q.sql.clone(),
            args: t.args,
            binds,
            output,
            empty_patch: None,
        });
    }
    let access = access_items(&opts.drivers, None, &qs);
    quote!(#(#structs)* #(#codecs)* #access)
}

/// A table's `Row` as a query's result could use it: its modules and its fields (name,
/// type without modifiers, NOT NULL), in order.
struct TableRow {
    schema_module: String,
    table_module: String,
    fields: Vec<(String, schema::ir::PgType, bool)>,
}

/// Every table whose `Row` reads all its fields natively (one read in text form needs the
/// `::text` cast the table's own statements carry, which a query of the user's does not).
/// Computed once per generation, not per query.
fn table_rows(s: &Schema, map: &TypeMap) -> Vec<TableRow> {
    let root = quote!(super::super);
    let mut out = vec![];
    for m in super::layout::layout(s) {
        let tables = m.ns.tables.values().filter(|t| !t.builtin);
        'tables: for (t, module) in tables.zip(&m.tables) {
            let mut fields = vec![];
            for c in &t.columns {
                let key = format!("{}.{}.{}", t.schema, t.name, c.name);
                match map.column(s, &key, &c.ty, &root) {
                    Ok(ColumnType::Mapped(_)) => {
                        fields.push((c.name.clone(), c.ty.without_modifiers(), c.not_null))
                    }
                    Ok(ColumnType::Text(_)) => continue 'tables,
                    Ok(ColumnType::Skip) | Err(_) => {}
                }
            }
            out.push(TableRow {
                schema_module: m.module.clone(),
                table_module: module.clone(),
                fields,
            });
        }
    }
    out
}

/// The one table whose `Row` has exactly the query's columns: the same names in the same
/// order, the same types and nullability.
fn table_row<'r>(rows: &'r [TableRow], q: &CheckedQuery) -> Option<&'r TableRow> {
    let mut same = rows.iter().filter(|r| {
        r.fields.len() == q.columns.len()
            && r.fields
                .iter()
                .zip(&q.columns)
                .all(|((name, ty, not_null), c)| {
                    *name == c.name && *not_null == c.not_null && *ty == c.ty.without_modifiers()
                })
    });
    match (same.next(), same.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// One line: the query's name, where it is written and its statement.
fn doc(q: &CheckedQuery) -> String {
    let one_line = q.sql.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        " `{}` ({}): `{}`",
        q.name,
        q.location,
        one_line.replace('`', "'")
    )
}

fn output(q: &CheckedQuery, t: &Typed, row: &proc_macro2::Ident) -> Output {
    let card = match q.command {
        Command::One => Card::Optional,
        Command::Many => Card::Many,
        Command::Exec => return Output::Unit,
        Command::ExecRows => return Output::Affected,
    };
    match &t.scalar {
        Some(ty) => Output::Scalar {
            ty: ty.clone(),
            card,
        },
        None => Output::Row {
            ty: quote!(super::#row),
            card,
        },
    }
}

fn row_struct(q: &CheckedQuery, row: &proc_macro2::Ident, t: &Typed) -> TokenStream {
    let doc = format!(" A row of `{}`.", q.name);
    let fields = t.fields.iter().map(|(name, column, ty)| {
        let d = format!(" `{column}`");
        let rename = (name.to_string().trim_start_matches("r#") != column)
            .then(|| quote!(#[serde(rename = #column)]));
        quote!(#[doc = #d] #rename pub #name: #ty,)
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct #row { #(#fields)* }
    }
}

/// The Rust types of a query's parameters and columns; `None` (with a warning) when one has
/// no Rust type the drivers read natively.
fn typed(s: &Schema, map: &TypeMap, q: &CheckedQuery, errs: &mut Vec<Diagnostic>) -> Option<Typed> {
    let fields_root = quote!(super::super);
    let args_root = quote!(super::super::super);
    let mut unmapped = |what: String, ty: &schema::ir::PgType| {
        errs.push(
            Diagnostic::warning(
                codes::QUERY_LEFT_OUT,
                format!("query {} is left out of the generated code: {what} has type {ty}, which no driver reads natively", q.name),
            )
            .at(q.span, "this query")
            .help(format!("cast it to text in the query, or map the type in pgforge.toml: [rust.types] \"{ty}\" = \"path::To::Type\"")),
        );
    };
    let mut args = vec![];
    for p in &q.params {
        let Ok(ty) = map.ty(s, &p.ty, &args_root) else {
            unmapped(format!("parameter {}", p.name), &p.ty);
            return None;
        };
        let by_ref = arg_type(&ty);
        let ty = if p.nullable {
            quote!(Option<#by_ref>)
        } else {
            by_ref
        };
        // `db` is the executor's argument.
        let name = match snake(&p.name) {
            n if n == "db" => "db_value".to_string(),
            n => n,
        };
        args.push((ident(&name), ty));
    }
    let names = dedupe(q.columns.iter().map(|c| snake(&c.name)).collect());
    let mut fields = vec![];
    let optional = |c: &schema::queries::QueryColumn, ty: TokenStream| {
        if c.not_null {
            ty
        } else {
            quote!(Option<#ty>)
        }
    };
    for (c, name) in q.columns.iter().zip(names) {
        let Ok(ty) = map.ty(s, &c.ty, &fields_root) else {
            unmapped(format!("column {}", c.name), &c.ty);
            return None;
        };
        fields.push((ident(&name), c.name.clone(), optional(c, ty)));
    }
    let scalar = match q.columns.as_slice() {
        [c] => Some(optional(c, map.ty(s, &c.ty, &args_root).ok()?)),
        _ => None,
    };
    Some(Typed {
        args,
        fields,
        scalar,
    })
}
