//! `query!` and `query_as!`: one statement checked against the migrations at compile time by
//! the query analyzer (`schema::queries::check_statement`), expanded into a value that runs
//! it through the drivers this crate's features name:
//!
//! ```ignore
//! let rows = pgforge_derive::query!("select id, slug from tenants where plan = $1", plan)
//!     .fetch_all(&pool).await?;                      // sqlx
//! let row = pgforge_derive::query_as!(Tenant, "select id, slug from tenants where id = $1", id)
//!     .query_opt(&client).await?;                    // tokio-postgres
//! ```
//!
//! sqlx: `fetch_all`, `fetch_optional`, `fetch_one`, `execute` (rows affected);
//! tokio-postgres: `query`, `query_opt`, `query_one`, `execute_on`. A parameter whose type
//! has a Rust type is that type (`&str` for text, `&[T]` for arrays; `sqlc.narg(x)` takes an
//! `Option<&T>`): an argument of another type does not compile. `query!` rows are a struct
//! of the columns (`Option` where a column may be NULL); `query_as!(T, …)` builds `T` field by
//! field, so a missing or extra field, a field of the wrong type or a non-`Option` field for a
//! nullable column does not compile. Enums and composites are the generated crate's types when
//! the call says where it is (`query!(types = generated, "…")`); without it an enum parameter
//! takes the argument's own type and an enum column is refused with the ways to read it.

use crate::load;
use codegen::rust::naming::{dedupe, ident, snake};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use schema::ir::PgType;
use schema::queries::CheckedQuery;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;

struct Input {
    target: Option<syn::Path>,
    migrations: Option<String>,
    /// `types = path`: where the generated crate's types live (`generated`), so enum and
    /// composite parameters and columns are typed; without it they are not.
    types: Option<syn::Path>,
    sql: syn::LitStr,
    args: Vec<syn::Expr>,
}

fn parse(input: ParseStream, with_target: bool) -> syn::Result<Input> {
    let target = if with_target {
        let p: syn::Path = input.parse()?;
        input.parse::<syn::Token![,]>()?;
        Some(p)
    } else {
        None
    };
    let (mut migrations, mut types) = (None, None);
    while input.peek(syn::Ident) && input.peek2(syn::Token![=]) {
        let key: syn::Ident = input.parse()?;
        input.parse::<syn::Token![=]>()?;
        if key == "migrations" && migrations.is_none() {
            migrations = Some(input.parse::<syn::LitStr>()?.value());
        } else if key == "types" && types.is_none() {
            types = Some(input.parse::<syn::Path>()?);
        } else {
            return Err(syn::Error::new(
                key.span(),
                "expected `migrations = \"path\"`, `types = path::to::generated` or the query",
            ));
        }
        input.parse::<syn::Token![,]>()?;
    }
    let sql: syn::LitStr = input.parse()?;
    let mut args = vec![];
    while !input.is_empty() {
        input.parse::<syn::Token![,]>()?;
        if input.is_empty() {
            break;
        }
        args.push(input.parse()?);
    }
    Ok(Input {
        target,
        migrations,
        types,
        sql,
        args,
    })
}

struct QueryInput(Input);
struct QueryAsInput(Input);

impl Parse for QueryInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        parse(input, false).map(QueryInput)
    }
}

impl Parse for QueryAsInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        parse(input, true).map(QueryAsInput)
    }
}

pub fn expand(input: TokenStream, with_target: bool) -> TokenStream {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_default();
    let parsed = if with_target {
        syn::parse2::<QueryAsInput>(input).map(|i| i.0)
    } else {
        syn::parse2::<QueryInput>(input).map(|i| i.0)
    };
    let input = match parsed {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    let drivers = (cfg!(feature = "sqlx"), cfg!(feature = "tokio-postgres"));
    match try_expand(&input, &manifest, drivers) {
        Ok(t) | Err(t) => t,
    }
}

/// `rendered` with each `--> query!:line:col` made the place in the Rust file, inside the
/// literal (on stable Rust the compiler's own marker can only cover the whole literal).
fn in_rust_source(
    mut rendered: String,
    diags: &[schema::diag::Diagnostic],
    sources: &schema::span::SourceMap,
    lit: &syn::LitStr,
) -> String {
    for d in diags {
        let Some((at, _)) = &d.primary else { continue };
        let Some(real) = crate::literal::location(lit, at.start as usize) else {
            continue;
        };
        let l = sources.location(*at);
        rendered = rendered.replace(
            &format!("--> query!:{}:{}", l.line, l.col),
            &format!("--> {real}"),
        );
    }
    rendered
}

/// rustc prints `error: ` before the message: the rendered diagnostic's own `error[E0201]: `
/// becomes a trailing `[E0201]` on its first line.
fn without_level(rendered: &str) -> String {
    let (first, rest) = rendered.split_once('\n').unwrap_or((rendered, ""));
    let Some(after) = first
        .strip_prefix("error[")
        .or_else(|| first.strip_prefix("warning["))
    else {
        return rendered.to_string();
    };
    match after.split_once("]: ") {
        Some((code, message)) => format!("{message} [{code}]\n{rest}"),
        None => rendered.to_string(),
    }
}

fn error(span: Span, message: impl std::fmt::Display) -> TokenStream {
    syn::Error::new(span, message).to_compile_error()
}

/// A value's Rust type; `None` for a type the macro cannot name: an enum or a composite when
/// the call does not say where the generated types are (`types = generated`). A parameter of
/// such a type takes the argument's own type.
fn rust_type(loaded: &load::Loaded, t: &PgType, types: Option<&syn::Path>) -> Option<TokenStream> {
    let user = |t: &PgType| matches!(t, PgType::User { .. });
    let root = match types {
        Some(path) => quote!(#path),
        None if user(t) || user(t.element()) => return None,
        None => quote!(crate),
    };
    loaded.types.ty(&loaded.build.schema, t, &root).ok()
}

fn try_expand(
    input: &Input,
    manifest: &std::path::Path,
    (sqlx, tokio_postgres): (bool, bool),
) -> Result<TokenStream, TokenStream> {
    let span = input.sql.span();
    let loaded = load::load(manifest, input.migrations.as_deref()).map_err(|e| error(span, e))?;
    let tracked = crate::expand::tracked(&loaded);
    let fail = |e: TokenStream| quote!({ #tracked #e });
    let b = &loaded.build;
    if b.has_errors() {
        let prefix = format!("{}/", manifest.display());
        let text = b.render(false).replace(&prefix, "");
        return Err(fail(error(
            span,
            format!("the migrations have errors:\n{text}"),
        )));
    }
    let sql = input.sql.value();
    let (q, diags, sources) = schema::queries::check_statement("query!", &sql, &b.schema);
    if !diags.is_empty() {
        let text = schema::diag::render(&diags, &sources, Default::default());
        let text = in_rust_source(text, &diags, &sources, &input.sql);
        // The first error's own place in the literal where the compiler allows it (nightly).
        let at = diags.iter().find_map(|d| d.primary.as_ref());
        let span = at
            .and_then(|(at, _)| crate::literal::subspan(&input.sql, at.range()))
            .unwrap_or(span);
        return Err(fail(error(span, without_level(text.trim_end()))));
    }
    let q = q.ok_or_else(|| fail(error(span, "pgforge cannot type this query")))?;
    if q.params.len() != input.args.len() {
        let wanted: Vec<String> = q
            .params
            .iter()
            .enumerate()
            .map(|(i, p)| format!("${} {} ({})", i + 1, p.name, p.ty))
            .collect();
        let message = format!(
            "this query takes {} argument(s): {}; {} given",
            q.params.len(),
            if wanted.is_empty() {
                "none".to_string()
            } else {
                wanted.join(", ")
            },
            input.args.len()
        );
        return Err(fail(error(span, message)));
    }
    let rows = match &input.target {
        Some(t) => Rows::Target(t.clone()),
        None => Rows::Struct(row_fields(&loaded, &q, input.types.as_ref(), span).map_err(fail)?),
    };
    Ok(generate(
        &loaded,
        &q,
        input,
        &rows,
        sqlx,
        tokio_postgres,
        tracked,
    ))
}

enum Rows {
    /// `query!`: a struct of the columns, with these field types (names: `column_fields`).
    Struct(Vec<TokenStream>),
    /// `query_as!(T, …)`.
    Target(syn::Path),
}

fn row_fields(
    loaded: &load::Loaded,
    q: &CheckedQuery,
    types: Option<&syn::Path>,
    span: Span,
) -> Result<Vec<TokenStream>, TokenStream> {
    let mut out = vec![];
    for c in &q.columns {
        let Some(ty) = rust_type(loaded, &c.ty, types) else {
            return Err(error(span, format!(
                "column `{}` is of type {}: say where the generated types are (`query!(types = generated, \"…\")`), read it with query_as!(YourType, …), or cast it in the query (`{}::text`)",
                c.name, c.ty, c.name
            )));
        };
        out.push(if c.not_null { ty } else { quote!(Option<#ty>) });
    }
    Ok(out)
}

/// The fields of a row (`query!`'s struct, the type `query_as!` fills): the columns' names,
/// snake-cased.
fn column_fields(q: &CheckedQuery) -> Vec<syn::Ident> {
    let names = dedupe(q.columns.iter().map(|c| snake(&c.name)).collect());
    names.iter().map(|n| ident(n)).collect()
}

fn generate(
    loaded: &load::Loaded,
    q: &CheckedQuery,
    input: &Input,
    rows: &Rows,
    sqlx: bool,
    tokio_postgres: bool,
    tracked: TokenStream,
) -> TokenStream {
    let sql = &q.sql;
    // Parameters: a field per argument; concrete where the type has a Rust type.
    let mut generics = vec![];
    let mut fields = vec![];
    let mut inits = vec![];
    let mut binds = vec![];
    for (i, (p, arg)) in q.params.iter().zip(&input.args).enumerate() {
        let f = format_ident!("p{}", i + 1);
        let by_ref = match rust_type(loaded, &p.ty, input.types.as_ref()) {
            Some(ty) => codegen::rust::types::borrowed(&ty, &quote!('q)),
            None => {
                let g = format_ident!("P{}", i + 1);
                generics.push(g.clone());
                quote!(&'q #g)
            }
        };
        let (ty, init) = if p.nullable {
            (quote!(Option<#by_ref>), quote_spanned!(arg.span()=> #arg))
        } else {
            (by_ref, quote_spanned!(arg.span()=> &(#arg)))
        };
        fields.push(quote!(#f: #ty));
        inits.push(quote!(#f: #init));
        binds.push(f);
    }
    let (row_ty, row_def) = match rows {
        Rows::Struct(types) => {
            let defs = column_fields(q)
                .into_iter()
                .zip(types)
                .map(|(n, t)| quote!(pub #n: #t));
            (
                quote!(Row),
                quote! {
                    #[derive(Debug, Clone, PartialEq)]
                    struct Row { #(#defs,)* }
                },
            )
        }
        Rows::Target(t) => (quote!(#t), nullable_checks(q, t)),
    };
    let names = column_fields(q);
    let cols: Vec<&str> = q.columns.iter().map(|c| c.name.as_str()).collect();
    let decode = quote!(#row_ty { #(#names: row.try_get(#cols)?,)* });
    let gen_params = quote!(<'q, #(#generics: ?Sized),*>);
    let gen_use = quote!(<'q, #(#generics),*>);
    let mut impls = quote!();
    if sqlx {
        let bounds = generics.iter().map(|g| {
            quote!(&'q #g: ::sqlx::Encode<'q, ::sqlx::Postgres> + ::sqlx::Type<::sqlx::Postgres>)
        });
        impls.extend(quote! {
            #[allow(dead_code)]
            impl #gen_params Query #gen_use where #(#bounds,)* {
                fn sqlx(&self) -> ::sqlx::query::Query<'q, ::sqlx::Postgres, ::sqlx::postgres::PgArguments> {
                    ::sqlx::query(#sql) #(.bind(self.#binds))*
                }
                fn decode_sqlx(row: &::sqlx::postgres::PgRow) -> Result<#row_ty, ::sqlx::Error> {
                    use ::sqlx::Row as _;
                    Ok(#decode)
                }
                /// Every row.
                pub async fn fetch_all<'e, E: ::sqlx::PgExecutor<'e>>(self, db: E) -> Result<Vec<#row_ty>, ::sqlx::Error> {
                    self.sqlx().fetch_all(db).await?.iter().map(Self::decode_sqlx).collect()
                }
                /// The first row, if any.
                pub async fn fetch_optional<'e, E: ::sqlx::PgExecutor<'e>>(self, db: E) -> Result<Option<#row_ty>, ::sqlx::Error> {
                    self.sqlx().fetch_optional(db).await?.as_ref().map(Self::decode_sqlx).transpose()
                }
                /// Exactly one row (an error for none).
                pub async fn fetch_one<'e, E: ::sqlx::PgExecutor<'e>>(self, db: E) -> Result<#row_ty, ::sqlx::Error> {
                    Self::decode_sqlx(&self.sqlx().fetch_one(db).await?)
                }
                /// Run it; the number of rows affected.
                pub async fn execute<'e, E: ::sqlx::PgExecutor<'e>>(self, db: E) -> Result<u64, ::sqlx::Error> {
                    Ok(self.sqlx().execute(db).await?.rows_affected())
                }
            }
        });
    }
    if tokio_postgres {
        let bounds = generics
            .iter()
            .map(|g| quote!(&'q #g: ::postgres_types::ToSql + Sync));
        impls.extend(quote! {
            #[allow(dead_code)]
            impl #gen_params Query #gen_use where #(#bounds,)* {
                fn decode_tokio_postgres(row: &::tokio_postgres::Row) -> Result<#row_ty, ::tokio_postgres::Error> {
                    Ok(#decode)
                }
                /// Every row.
                pub async fn query<C: ::tokio_postgres::GenericClient>(self, db: &C) -> Result<Vec<#row_ty>, ::tokio_postgres::Error> {
                    db.query(#sql, &[#(&self.#binds as &(dyn ::postgres_types::ToSql + Sync)),*]).await?.iter().map(Self::decode_tokio_postgres).collect()
                }
                /// The first row, if any (an error for more than one).
                pub async fn query_opt<C: ::tokio_postgres::GenericClient>(self, db: &C) -> Result<Option<#row_ty>, ::tokio_postgres::Error> {
                    db.query_opt(#sql, &[#(&self.#binds as &(dyn ::postgres_types::ToSql + Sync)),*]).await?.as_ref().map(Self::decode_tokio_postgres).transpose()
                }
                /// Exactly one row.
                pub async fn query_one<C: ::tokio_postgres::GenericClient>(self, db: &C) -> Result<#row_ty, ::tokio_postgres::Error> {
                    Self::decode_tokio_postgres(&db.query_one(#sql, &[#(&self.#binds as &(dyn ::postgres_types::ToSql + Sync)),*]).await?)
                }
                /// Run it; the number of rows affected.
                pub async fn execute_on<C: ::tokio_postgres::GenericClient>(self, db: &C) -> Result<u64, ::tokio_postgres::Error> {
                    db.execute(#sql, &[#(&self.#binds as &(dyn ::postgres_types::ToSql + Sync)),*]).await
                }
            }
        });
    }
    let phantom = (fields.is_empty() || !generics.is_empty())
        .then(|| quote!(_q: std::marker::PhantomData<&'q ()>,));
    let phantom_init = phantom
        .as_ref()
        .map(|_| quote!(_q: std::marker::PhantomData,));
    quote! {{
        #tracked
        #row_def
        struct Query #gen_params { #(#fields,)* #phantom }
        #impls
        Query { #(#inits,)* #phantom_init }
    }}
}

/// `query_as!`: a nullable column read into a field that is not an `Option` does not compile.
fn nullable_checks(q: &CheckedQuery, target: &syn::Path) -> TokenStream {
    let names = column_fields(q);
    let checks = q
        .columns
        .iter()
        .zip(&names)
        .filter(|(c, _)| !c.not_null)
        .map(|(_, n)| quote!(column_may_be_null_so_the_field_must_be_an_option(&t.#n);));
    quote! {
        #[allow(dead_code)]
        trait ColumnMayBeNull {}
        impl<T> ColumnMayBeNull for Option<T> {}
        #[allow(dead_code)]
        fn column_may_be_null_so_the_field_must_be_an_option<T: ColumnMayBeNull>(_: &T) {}
        #[allow(dead_code)]
        fn nullable_columns_are_options(t: &#target) { #(#checks)* }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `query!` input over a crate whose one migration has an enum column; the expansion as
    /// text (an error is a `compile_error!` in it).
    fn expand_over_enum(name: &str, input: TokenStream) -> String {
        let d = std::env::temp_dir().join(format!("pgforge-query-{}-{name}", std::process::id()));
        std::fs::create_dir_all(d.join("migrations")).unwrap();
        std::fs::write(
            d.join("migrations/001.sql"),
            "create type public.mood as enum ('ok', 'sad');\ncreate table public.days (id int primary key, mood public.mood not null);\n",
        )
        .unwrap();
        let parsed = syn::parse2::<QueryInput>(input)
            .expect("the input parses")
            .0;
        let out = match try_expand(&parsed, &d, (true, false)) {
            Ok(t) | Err(t) => t.to_string(),
        };
        let _ = std::fs::remove_dir_all(&d);
        out
    }

    #[test]
    fn enums_are_typed_where_the_call_says_the_types_are() {
        let sql = "select mood from days where mood = $1";
        let without = expand_over_enum("without", quote!(migrations = "migrations", #sql, m));
        assert!(
            without.contains("compile_error")
                && without.contains("column `mood` is of type mood:")
                && without.contains("types = generated"),
            "{without}"
        );
        let with = expand_over_enum(
            "with",
            quote!(migrations = "migrations", types = my::gen, #sql, m),
        );
        assert!(!with.contains("compile_error"), "{with}");
        let mood = "my :: gen :: public :: Mood";
        assert_eq!(
            with.matches(&format!("pub mood : {mood}")).count(),
            1,
            "{with}"
        );
        assert_eq!(
            with.matches(&format!("p1 : & 'q {mood}")).count(),
            1,
            "{with}"
        );
    }
}
