//! The items of the generated crate.

use super::access::access_items;
use super::drivers::{self, Drivers};
use super::layout::{builtin_types_used, layout};
use super::naming::{camel, dedupe, dedupe_camel, ident, snake};
use super::queries::{self, Query, TableField};
use super::types::{ColumnType, TypeMap, Unmapped};
use super::Options;
use crate::output::OutputFile;
use proc_macro2::TokenStream;
use quote::quote;
use schema::diag::{codes, Diagnostic};
use schema::ir::{Column, Index, Namespace, Schema, Table, TypeKind, View};

/// Doc attributes from a comment (each line its own `///` line).
fn docs(comment: Option<&str>, fallback: &str) -> TokenStream {
    let text = comment.filter(|c| !c.trim().is_empty()).unwrap_or(fallback);
    let lines = text.lines().map(|l| format!(" {}", l.trim_end()));
    quote!(#(#[doc = #lines])*)
}

struct Field {
    name: proc_macro2::Ident,
    column: String,
    ty: TokenStream,
    nullable: bool,
    comment: Option<String>,
    column_ref: Column,
    /// Read and written in PostgreSQL's text form (see `ColumnType::Text`).
    text_form: bool,
}

fn rename(f: &Field) -> TokenStream {
    let n = f.name.to_string();
    if n.trim_start_matches("r#") == f.column {
        quote!()
    } else {
        let c = &f.column;
        quote!(#[serde(rename = #c)])
    }
}

/// The fields of a relation, with the diagnostics for columns it could not map.
fn fields(
    s: &Schema,
    map: &TypeMap,
    schema: &str,
    rel: &str,
    cols: &[(Column, Option<schema::ir::PgType>)],
    errs: &mut Vec<Diagnostic>,
) -> Vec<Field> {
    let names = dedupe(cols.iter().map(|(c, _)| snake(&c.name)).collect());
    let mut out = vec![];
    for ((c, ty), name) in cols.iter().zip(names) {
        let key = format!("{schema}.{rel}.{}", c.name);
        // A per-column override wins, also where the model cannot derive the type.
        let t = match (ty, map.by_column.contains_key(&key)) {
            (Some(t), _) => Some(t),
            (None, true) => Some(&c.ty),
            (None, false) => None,
        };
        let Some(t) = t else {
            errs.push(left_out(
                c,
                &key,
                "its type cannot be derived offline",
                "in this view",
            ));
            continue;
        };
        match map.column(s, &key, t, &quote!(super::super)) {
            Ok(ColumnType::Skip) => {}
            Ok(ColumnType::Mapped(ty)) => out.push(Field { name: ident(&name), column: c.name.clone(), ty, nullable: !c.not_null, comment: c.comment.clone(), column_ref: c.clone(), text_form: false }),
            Ok(ColumnType::Text(ty)) => out.push(Field { name: ident(&name), column: c.name.clone(), ty, nullable: !c.not_null, comment: Some(text_form_doc(c)), column_ref: c.clone(), text_form: true }),
            Err(Unmapped::NoDefault(t)) => errs.push(
                left_out(c, &key, &format!("its type {t} has no default Rust type"), "this column")
                    .help(format!("or map the type in pgforge.toml: [rust.types] \"{t}\" = \"path::To::Type\"")),
            ),
            Err(Unmapped::BadOverride(p)) => errs.push(
                Diagnostic::error(codes::UNMAPPED_TYPE, format!("column {key}: the override `{p}` in pgforge.toml is not a Rust type"))
                    .at(c.span, "this column")
                    .help("write a Rust type path, e.g. \"std::net::IpAddr\" or \"Vec<Option<String>>\", or \"skip\""),
            ),
        }
    }
    out
}

/// The doc of a text-form field: the column's comment, then how it is read.
fn text_form_doc(c: &Column) -> String {
    let how = format!(
        "In PostgreSQL's text form: no driver reads `{}` natively, so it is read as `::text` and written back through a cast.",
        c.ty
    );
    match c.comment.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(t) => format!("{t}\n\n{how}"),
        None => format!("`{}`\n\n{how}", c.name),
    }
}

/// A column the Rust output leaves out (a warning: the other columns, TypeScript and docs are
/// still generated), with the `pgforge.toml` key that maps it.
fn left_out(c: &Column, key: &str, why: &str, label: &str) -> Diagnostic {
    let mut d = Diagnostic::warning(
        codes::UNMAPPED_COLUMN,
        format!("column {key} is left out of the Rust output: {why}"),
    )
    .at(c.span, label);
    if c.not_null && c.default.is_none() && !c.is_computed() {
        d = d.note("it is NOT NULL without a default, so the generated insert cannot fill it");
    }
    d.help(format!(
        "name its Rust type in pgforge.toml: [rust.columns] \"{key}\" = \"…\" (or \"skip\" to leave it out without this warning)"
    ))
}

fn consts(q: &str, cols: &[&str]) -> TokenStream {
    quote! {
        /// The qualified name of the relation.
        pub const TABLE: &str = #q;
        /// Its columns, in order.
        pub const COLUMNS: &[&str] = &[#(#cols),*];
    }
}

fn table_module(
    s: &Schema,
    opts: &Options,
    (t, indexes): (&Table, &[&Index]),
    module: &proc_macro2::Ident,
    errs: &mut Vec<Diagnostic>,
) -> TokenStream {
    let map = &opts.types;
    let q = format!("{}.{}", t.schema, t.name);
    let cols: Vec<(Column, Option<schema::ir::PgType>)> = t
        .columns
        .iter()
        .map(|c| (c.clone(), Some(c.ty.clone())))
        .collect();
    let fs = fields(s, map, &t.schema, &t.name, &cols, errs);
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    let consts = consts(&q, &names);
    let row_fields = fs.iter().map(|f| {
        let (n, ty, r) = (&f.name, &f.ty, rename(f));
        let d = docs(f.comment.as_deref(), &format!("`{}`", f.column));
        let ty = if f.nullable {
            quote!(Option<#ty>)
        } else {
            quote!(#ty)
        };
        quote!(#d #r pub #n: #ty,)
    });
    // Insert: generated columns and identity ALWAYS are left to the database; columns with a
    // default, identity BY DEFAULT or NULL allowed may be omitted.
    let insertable: Vec<&Field> = fs.iter().filter(|f| !f.column_ref.is_computed()).collect();
    let insert_fields = insertable.iter().map(|f| {
        let (n, ty, r) = (&f.name, &f.ty, rename(f));
        let d = docs(f.comment.as_deref(), &format!("`{}`", f.column));
        if f.column_ref.optional_on_insert() {
            quote!(#d #r #[serde(default, skip_serializing_if = "Option::is_none")] pub #n: Option<#ty>,)
        } else {
            quote!(#d #r pub #n: #ty,)
        }
    });
    // Update: every writable column optional; a nullable one can be set to NULL (Some(None)).
    let update_fields = insertable.iter().map(|f| {
        let (n, ty, r) = (&f.name, &f.ty, rename(f));
        let d = docs(f.comment.as_deref(), &format!("`{}`", f.column));
        let ty = if f.nullable {
            quote!(Option<Option<#ty>>)
        } else {
            quote!(Option<#ty>)
        };
        quote!(#d #r #[serde(default, skip_serializing_if = "Option::is_none")] pub #n: #ty,)
    });
    let mod_doc = docs(t.comment.as_deref(), &format!("Table `{q}`."));
    let row_doc = format!(" A row of `{q}`.");
    let insert_doc = format!(" A new row of `{q}`: `None` leaves a column to its default.");
    let update_doc =
        format!(" A change to a row of `{q}`: only the fields that are `Some` are written.");
    let insert_derive = if insertable
        .iter()
        .any(|f| !f.column_ref.optional_on_insert())
    {
        quote!()
    } else {
        quote!(Default,)
    };
    let update_names: Vec<&proc_macro2::Ident> = insertable.iter().map(|f| &f.name).collect();
    let is_empty = if update_names.is_empty() {
        quote!(true)
    } else {
        quote!(#(self.#update_names.is_none())&&*)
    };
    let table_fields: Vec<TableField<'_>> = fs
        .iter()
        .map(|f| TableField {
            field: f.name.clone(),
            column: &f.column_ref,
            insertable: !f.column_ref.is_computed(),
            text_form: f.text_form,
        })
        .collect();
    let qs = queries::table_queries(s, map, t, indexes, &table_fields);
    let access = access(&opts.drivers, &fs, &qs);
    let record = record_codecs(&opts.drivers, &t.schema, &t.name, &fs, t.columns.len());
    quote! {
        #mod_doc
        pub mod #module {
            #consts

            #[doc = #row_doc]
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            pub struct Row { #(#row_fields)* }

            #[doc = #insert_doc]
            #[derive(Debug, Clone, PartialEq, #insert_derive serde::Serialize, serde::Deserialize)]
            pub struct Insert { #(#insert_fields)* }

            #[doc = #update_doc]
            #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
            pub struct Update { #(#update_fields)* }

            #record

            impl Update {
                /// Whether the patch sets no field.
                pub fn is_empty(&self) -> bool {
                    #is_empty
                }
            }

            #access
        }
    }
}

/// A relation's row type is also a composite type (a column or an argument can have it): the
/// record codecs of its `Row`.
fn record_codecs(
    d: &Drivers,
    schema: &str,
    name: &str,
    fs: &[Field],
    columns: usize,
) -> TokenStream {
    let fields: Vec<proc_macro2::Ident> = fs.iter().map(|f| f.name.clone()).collect();
    let row = (ident("Row"), quote!(super::super));
    composite_codecs(d, &row, schema, name, &fields, columns)
}

/// The codecs of a struct for composite type `schema.name` with `attributes` attributes: only
/// when every attribute has a field (records are positional) and there is at least one.
/// `ty`: the struct, and the path from it to the generated root (where `pgforge` is).
fn composite_codecs(
    d: &Drivers,
    (ty, root): &(proc_macro2::Ident, TokenStream),
    schema: &str,
    name: &str,
    fields: &[proc_macro2::Ident],
    attributes: usize,
) -> TokenStream {
    if fields.len() != attributes || attributes == 0 {
        return quote!();
    }
    let qualified = super::sql::qualified(schema, name);
    let names = super::sql::regtype_names(schema, name);
    d.each(
        || drivers::sqlx::composite(ty, &qualified, &names, fields),
        || drivers::tokio_postgres::composite(ty, root, schema, name, fields),
    )
}

/// The `sql` module with each statement, the row codecs and a module of query functions per
/// driver.
fn access(d: &Drivers, fs: &[Field], qs: &[Query]) -> TokenStream {
    let cols: Vec<(proc_macro2::Ident, String)> = fs
        .iter()
        .map(|f| (f.name.clone(), f.column.clone()))
        .collect();
    access_items(d, Some(&cols), qs)
}

fn view_module(
    s: &Schema,
    opts: &Options,
    v: &View,
    module: &proc_macro2::Ident,
    errs: &mut Vec<Diagnostic>,
) -> TokenStream {
    let map = &opts.types;
    let q = format!("{}.{}", v.schema, v.name);
    // PostgreSQL reports every view column nullable; the analyzer proves some NOT NULL.
    let cols: Vec<(Column, Option<schema::ir::PgType>)> = v
        .columns
        .iter()
        .map(|c| {
            let col = Column {
                name: c.name.clone(),
                ty: c.ty.clone().unwrap_or(schema::ir::PgType::Pseudo {
                    type_name: "unknown".into(),
                }),
                not_null: map.view_column_not_null(c),
                default: None,
                identity: None,
                generated: None,
                collation: None,
                comment: None,
                span: v.span,
            };
            (col, c.ty.clone())
        })
        .collect();
    let fs = fields(s, map, &v.schema, &v.name, &cols, errs);
    let names: Vec<&str> = v.columns.iter().map(|c| c.name.as_str()).collect();
    let consts = consts(&q, &names);
    let row_fields = fs.iter().map(|f| {
        let (n, ty, r) = (&f.name, &f.ty, rename(f));
        let d = format!(" `{}`", f.column);
        if f.nullable {
            quote!(#[doc = #d] #r pub #n: Option<#ty>,)
        } else {
            quote!(#[doc = #d] #r pub #n: #ty,)
        }
    });
    let mod_doc = docs(
        v.comment.as_deref(),
        &format!(
            "{} `{q}` (read only).",
            if v.materialized {
                "Materialized view"
            } else {
                "View"
            }
        ),
    );
    let row_doc = format!(" A row of `{q}`.");
    let mapped: Vec<(&str, &str)> = fs
        .iter()
        .map(|f| {
            let read = queries::read_cast(f.text_form, &f.column_ref.ty);
            (f.column.as_str(), read)
        })
        .collect();
    let access = access(
        &opts.drivers,
        &fs,
        &queries::view_queries(&v.schema, &v.name, &mapped),
    );
    let record = record_codecs(&opts.drivers, &v.schema, &v.name, &fs, v.columns.len());
    quote! {
        #mod_doc
        pub mod #module {
            #consts

            #[doc = #row_doc]
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            pub struct Row { #(#row_fields)* }

            #record
            #access
        }
    }
}

fn types(
    s: &Schema,
    opts: &Options,
    ns: &Namespace,
    errs: &mut Vec<Diagnostic>,
) -> Vec<TokenStream> {
    let map = &opts.types;
    let mut out = vec![];
    let used = builtin_types_used(s);
    let emitted =
        |t: &&schema::ir::TypeDef| !t.builtin || used.contains(&(t.schema.clone(), t.name.clone()));
    for t in ns.types.values().filter(emitted) {
        let name = ident(&camel(&t.name));
        let q = format!("{}.{}", t.schema, t.name);
        let doc = docs(t.comment.as_deref(), &format!("`{q}`"));
        match &t.kind {
            TypeKind::Enum { values } => {
                let variants: Vec<proc_macro2::Ident> =
                    dedupe_camel(values.iter().map(|v| camel(v)).collect())
                        .iter()
                        .map(|v| ident(v))
                        .collect();
                let labels = values.iter();
                let labels2 = values.iter();
                let v2 = variants.iter();
                let v3 = variants.iter();
                let v4 = variants.iter();
                let labels3 = values.iter();
                let qualified = super::sql::qualified(&t.schema, &t.name);
                let names = super::sql::regtype_names(&t.schema, &t.name);
                let codecs = opts.drivers.each(
                    || drivers::sqlx::enumeration(&name, &qualified, &names, &q),
                    || drivers::tokio_postgres::enumeration(&name, &t.schema, &t.name, &q),
                );
                out.push(quote! {
                    #doc
                    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
                    pub enum #name { #( #[serde(rename = #labels)] #variants, )* }

                    impl #name {
                        /// Every value, in the order PostgreSQL sorts them.
                        pub const ALL: &[#name] = &[#(#name::#v2),*];
                        /// The PostgreSQL label.
                        pub fn as_str(&self) -> &'static str {
                            match self { #(#name::#v3 => #labels2,)* }
                        }
                        /// The value with this PostgreSQL label.
                        pub fn from_label(label: &str) -> Option<Self> {
                            match label { #(#labels3 => Some(#name::#v4),)* _ => None }
                        }
                    }

                    #codecs
                });
            }
            TypeKind::Composite { attributes } => {
                let names = dedupe(attributes.iter().map(|a| snake(&a.name)).collect());
                let mut fields = vec![];
                let mut field_names = vec![];
                for (a, n) in attributes.iter().zip(names) {
                    match map.ty(s, &a.ty, &quote!(super)) {
                        Ok(ty) => {
                            let id = ident(&n);
                            let r = if n.trim_start_matches("r#") == a.name {
                                quote!()
                            } else {
                                let c = &a.name;
                                quote!(#[serde(rename = #c)])
                            };
                            fields.push(quote!(#r pub #id: Option<#ty>,));
                            field_names.push(id);
                        }
                        Err(u) => errs.push(
                            Diagnostic::error(
                                codes::UNMAPPED_TYPE,
                                format!("attribute {q}.{}: {u}", a.name),
                            )
                            .at(t.span, "in this type")
                            .help(match &u {
                                Unmapped::NoDefault(ty) => format!(
                                    "map it in pgforge.toml: [rust.types] \"{ty}\" = \"path::To::Type\""
                                ),
                                Unmapped::BadOverride(_) => {
                                    "write a Rust type path, e.g. \"std::net::IpAddr\"".to_string()
                                }
                            }),
                        ),
                    }
                }
                let codecs = composite_codecs(
                    &opts.drivers,
                    &(name.clone(), quote!(super)),
                    &t.schema,
                    &t.name,
                    &field_names,
                    attributes.len(),
                );
                out.push(quote! {
                    #doc
                    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
                    pub struct #name { #(#fields)* }

                    #codecs
                });
            }
            // With `domains = "newtype"`, a struct around the base type.
            TypeKind::Domain { base, .. } if map.domain_newtypes => {
                // A base without a Rust type: the columns using the domain report it.
                if let Ok(b) = map.ty(s, base, &quote!(super)) {
                    let arrays = !matches!(base, schema::ir::PgType::Array { .. });
                    let codecs = opts.drivers.each(
                        || drivers::sqlx::newtype(&name, &b, arrays),
                        || drivers::tokio_postgres::newtype(&name, &b),
                    );
                    out.push(quote! {
                        #doc
                        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
                        #[serde(transparent)]
                        pub struct #name(pub #b);

                        #codecs
                    });
                }
            }
            // Otherwise domains map to their base type at each use; ranges and base types
            // need a mapping in pgforge.toml where a column uses them.
            TypeKind::Domain { .. } | TypeKind::Range { .. } | TypeKind::Base => {}
        }
    }
    out
}

/// `ir → files` for the Rust crate's `src/` directory: `lib.rs` and a file per schema.
pub fn emit_rust(s: &Schema, opts: &Options, header: &str) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    emit(s, opts, header, false)
}

/// `ir → one file` with every schema as an inline module, for `include!` from a build script.
pub fn emit_rust_single(s: &Schema, opts: &Options, header: &str) -> (OutputFile, Vec<Diagnostic>) {
    let (mut files, errs) = emit(s, opts, header, true);
    (files.remove(0), errs)
}

fn emit(
    s: &Schema,
    opts: &Options,
    header: &str,
    single: bool,
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut errs = vec![];
    let mut files = vec![];
    let mut mods = vec![];
    let graph = crate::graph::Graph::new(s);
    let mut inline: Vec<TokenStream> = vec![];
    let checked = super::checked::queries_module(s, opts, &opts.queries, &mut errs);
    let support =
        super::support::used(s, &opts.drivers).then(|| super::support::module(&opts.drivers));
    for m in layout(s) {
        let (ns, module) = (m.ns, &m.module);
        let doc = format!(" Schema `{}`.", ns.name);
        // A file per schema is printed item by item as the items are made (the same text as
        // printing them at once): only one table's tokens and syntax tree are alive at a time.
        let mut printed = (!single).then(|| print(header, quote!(#![doc = #doc])));
        let mut items = vec![];
        let add = |printed: &mut Option<String>, items: &mut Vec<TokenStream>, item| match printed {
            Some(text) => text.push_str(&print_items(item)),
            None => items.push(item),
        };
        for t in types(s, opts, ns, &mut errs) {
            add(&mut printed, &mut items, t);
        }
        let rel_names: Vec<&String> = m.tables.iter().chain(&m.views).collect();
        let functions = ident(&m.functions);
        let tables: Vec<(&Table, &[&Index], &String)> = ns
            .tables
            .values()
            .filter(|t| !t.builtin)
            .zip(rel_names.iter().copied())
            .map(|(t, name)| (t, graph.indexes(&t.qual()), name))
            .collect();
        match &mut printed {
            Some(text) => text.push_str(&print_tables(s, opts, &tables, &mut errs)),
            None => {
                for (t, ix, name) in &tables {
                    items.push(table_module(s, opts, (t, ix), &ident(name), &mut errs));
                }
            }
        }
        let views = ns.views.values().filter(|v| !v.builtin);
        for (v, name) in views.zip(&rel_names[tables.len()..]) {
            let item = view_module(s, opts, v, &ident(name), &mut errs);
            add(&mut printed, &mut items, item);
        }
        if let Some(f) = super::functions::functions_module(s, opts, ns, &functions, &mut errs) {
            add(&mut printed, &mut items, f);
        }
        match printed {
            Some(contents) => files.push(OutputFile {
                path: format!("{}.rs", module.trim_start_matches("r#")).into(),
                contents,
            }),
            None => {
                let id = ident(module);
                inline.push(quote! {
                    #[doc = #doc]
                    pub mod #id { #(#items)* }
                });
            }
        }
        mods.push(module.clone());
    }
    if single {
        let all = quote!(#support #(#inline)* #checked);
        return (
            vec![OutputFile {
                path: "pgforge.rs".into(),
                contents: print(header, all),
            }],
            errs,
        );
    }
    let mods_tokens = mods.iter().map(|m| {
        let id = ident(m);
        let file = format!("{}.rs", m.trim_start_matches("r#"));
        // `cargo fmt` in the user's workspace leaves generated files as pgforge wrote them,
        // so `generate --check` stays clean after it.
        if m.starts_with("r#") {
            quote!(#[rustfmt::skip] #[path = #file] pub mod #id;)
        } else {
            quote!(#[rustfmt::skip] pub mod #id;)
        }
    });
    let support = support.map(|m| quote!(#[rustfmt::skip] #m));
    let checked_mod = checked.map(|m| {
        files.push(OutputFile {
            path: format!("{}.rs", super::layout::QUERIES_MODULE).into(),
            contents: print(header, unwrap_module(m)),
        });
        quote! { #[rustfmt::skip] pub mod queries; }
    });
    let lib = quote! {
        //! Types for the database schema, generated by pgforge from the migrations.
        #(#mods_tokens)*
        #support
        #checked_mod
    };
    files.push(OutputFile {
        path: "lib.rs".into(),
        contents: print(header, lib),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    (files, errs)
}

/// Each table's module, printed, in order. A schema of many tables is shared out among the
/// machine's cores (each builds and prints its own part; tokens stay in their thread), so a
/// 1,000-table schema does not wait on one core.
fn print_tables(
    s: &Schema,
    opts: &Options,
    tables: &[(&Table, &[&Index], &String)],
    errs: &mut Vec<Diagnostic>,
) -> String {
    let print_part = |part: &[(&Table, &[&Index], &String)]| {
        let mut errs = vec![];
        let mut text = String::new();
        for (t, ix, name) in part {
            text.push_str(&print_items(table_module(
                s,
                opts,
                (t, ix),
                &ident(name),
                &mut errs,
            )));
        }
        (text, errs)
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(tables.len() / 64).max(1);
    let parts: Vec<(String, Vec<Diagnostic>)> = if threads == 1 {
        vec![print_part(tables)]
    } else {
        let size = tables.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let running: Vec<_> = tables
                .chunks(size)
                .map(|part| scope.spawn(move || print_part(part)))
                .collect();
            running
                .into_iter()
                .map(|h| h.join().expect("printing a part of the tables"))
                .collect()
        })
    };
    let mut text = String::new();
    for (part, part_errs) in parts {
        text.push_str(&part);
        errs.extend(part_errs);
    }
    text
}

/// The items of `pub mod name { … }` as a file of their own, its doc an inner one.
fn unwrap_module(m: TokenStream) -> TokenStream {
    let item: syn::ItemMod = syn::parse2(m).expect("a module");
    let docs = item.attrs.iter().filter_map(|a| match &a.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => Some(&nv.value),
        _ => None,
    });
    let items = item.content.map(|(_, items)| items).unwrap_or_default();
    quote!(#(#![doc = #docs])* #(#items)*)
}

fn print(header: &str, tokens: TokenStream) -> String {
    format!("{header}\n{}", print_items(tokens))
}

/// Top-level items (or a file's inner attributes) as prettyplease prints them.
fn print_items(tokens: TokenStream) -> String {
    let file: syn::File = syn::parse2(tokens).expect("generated Rust parses");
    prettyplease::unparse(&file)
}
