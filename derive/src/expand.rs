//! `TokenStream` in, `TokenStream` out: parse, load, check, generate. Never panics on input:
//! every problem is a `compile_error!` at its span.

use crate::{attrs, check, load};
use proc_macro2::TokenStream;
use quote::quote;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Table,
    Insert,
}

pub fn derive(input: TokenStream, kind: Kind) -> TokenStream {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    expand(
        input,
        kind,
        &manifest,
        cfg!(feature = "sqlx"),
        cfg!(feature = "tokio-postgres"),
    )
}

/// The expansion, with what the environment decides passed in (for unit tests).
pub fn expand(
    input: TokenStream,
    kind: Kind,
    manifest: &Path,
    sqlx: bool,
    tokio_postgres: bool,
) -> TokenStream {
    match try_expand(input, kind, manifest, sqlx, tokio_postgres) {
        Ok(t) => t,
        Err(errs) => errs,
    }
}

/// Cargo tracks what a macro includes: editing any input (or the variable that can name
/// another pgforge.toml) reruns the checks.
pub fn tracked(loaded: &load::Loaded) -> TokenStream {
    let files = loaded.inputs.iter().filter_map(|p| p.to_str()).map(|p| {
        quote! { const _: &[u8] = include_bytes!(#p); }
    });
    let env = load::CONFIG_ENV;
    quote! { #(#files)* const _: Option<&str> = option_env!(#env); }
}

fn errors(errs: Vec<syn::Error>) -> TokenStream {
    let e = errs.iter().map(syn::Error::to_compile_error);
    quote!(#(#e)*)
}

fn try_expand(
    input: TokenStream,
    kind: Kind,
    manifest: &Path,
    sqlx: bool,
    tokio_postgres: bool,
) -> Result<TokenStream, TokenStream> {
    let input: syn::DeriveInput = syn::parse2(input).map_err(|e| e.to_compile_error())?;
    let a = attrs::struct_attrs(&input).map_err(|e| e.to_compile_error())?;
    let syn::Data::Struct(syn::DataStruct {
        fields: syn::Fields::Named(named),
        ..
    }) = &input.data
    else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "pgforge derives are for structs with named fields",
        )
        .to_compile_error());
    };
    let Some((table, table_span)) = a.table.clone() else {
        return Err(
            syn::Error::new(a.span, "missing `#[pgforge(table = \"schema.name\")]`")
                .to_compile_error(),
        );
    };
    let loaded = load::load(manifest, a.migrations.as_deref())
        .map_err(|e| syn::Error::new(a.span, e).to_compile_error())?;
    let tracked = tracked(&loaded);
    let b = &loaded.build;
    if b.has_errors() {
        let prefix = format!("{}/", manifest.display());
        let text = b.render(false).replace(&prefix, "");
        let e = syn::Error::new(a.span, format!("the migrations have errors:\n{text}"))
            .to_compile_error();
        return Err(quote!(#e #tracked));
    }
    let mut with_columns = vec![];
    let mut errs = vec![];
    for f in &named.named {
        match attrs::column(f) {
            Ok(c) => with_columns.push((f, c)),
            Err(e) => errs.push(e),
        }
    }
    let rel = match check::relation(&b.schema, &loaded.types, &table, table_span) {
        Ok(r) => r,
        Err(e) => {
            errs.push(e);
            let e = errors(errs);
            return Err(quote!(#e #tracked));
        }
    };
    let checked = match check::fields(
        &b.schema,
        &loaded.types,
        &rel,
        &with_columns,
        kind == Kind::Insert,
        input.ident.span(),
    ) {
        Ok(c) if errs.is_empty() => c,
        Ok(_) => {
            let e = errors(errs);
            return Err(quote!(#e #tracked));
        }
        Err(more) => {
            errs.extend(more);
            let e = errors(errs);
            return Err(quote!(#e #tracked));
        }
    };
    Ok(generate(
        &input,
        &rel,
        &checked,
        &b.schema,
        kind,
        sqlx,
        tokio_postgres,
        tracked,
    ))
}

#[allow(clippy::too_many_arguments)]
fn generate(
    input: &syn::DeriveInput,
    rel: &check::Rel,
    fields: &[check::Checked],
    s: &schema::ir::Schema,
    kind: Kind,
    sqlx: bool,
    tokio_postgres: bool,
    tracked: TokenStream,
) -> TokenStream {
    let ty = &input.ident;
    let (impl_g, ty_g, where_g) = input.generics.split_for_impl();
    let q = format!("{}.{}", rel.schema, rel.name);
    let from = codegen::rust::sql::qualified(&rel.schema, &rel.name);
    let cols: Vec<&str> = fields.iter().map(|f| f.column.as_str()).collect();
    let list = codegen::rust::sql::column_list(cols.iter().copied());
    let select = format!("SELECT {list} FROM {from}");
    let pairs: Vec<(syn::Ident, String)> = fields
        .iter()
        .map(|f| (f.field.clone(), f.column.clone()))
        .collect();
    let mut items = quote! {
        impl #impl_g #ty #ty_g #where_g {
            /// The relation this struct was checked against.
            pub const TABLE: &'static str = #q;
            /// The columns of the fields, in order.
            pub const COLUMNS: &'static [&'static str] = &[#(#cols),*];
            /// `SELECT` of those columns (quoted identifiers).
            pub const SELECT: &'static str = #select;
        }
    };
    if sqlx {
        items.extend(codegen::rust::drivers::sqlx::row(ty, &pairs));
    }
    if tokio_postgres {
        items.extend(codegen::rust::drivers::tokio_postgres::row(ty, &pairs));
    }
    if kind == Kind::Insert {
        let values = fields
            .iter()
            .enumerate()
            .map(|(i, f)| match &f.ty {
                Some(t) => format!("${}::{}", i + 1, codegen::rust::sql::cast(s, t)),
                None => format!("${}", i + 1),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let insert = format!("INSERT INTO {from} ({list}) VALUES ({values}) RETURNING {list}");
        let names: Vec<&syn::Ident> = fields.iter().map(|f| &f.field).collect();
        items.extend(quote! {
            impl #impl_g #ty #ty_g #where_g {
                /// `INSERT` of the fields' columns, `RETURNING` them.
                pub const INSERT: &'static str = #insert;
            }
        });
        if sqlx {
            items.extend(quote! {
                impl #impl_g #ty #ty_g #where_g {
                    /// Insert through sqlx; returns the row as stored.
                    pub async fn insert_sqlx<'e, E: ::sqlx::PgExecutor<'e>>(&self, db: E) -> Result<Self, ::sqlx::Error> {
                        ::sqlx::query_as::<_, Self>(Self::INSERT) #(.bind(&self.#names))* .fetch_one(db).await
                    }
                }
            });
        }
        if tokio_postgres {
            items.extend(quote! {
                impl #impl_g #ty #ty_g #where_g {
                    /// Insert through tokio-postgres; returns the row as stored.
                    pub async fn insert_tokio_postgres<C: ::tokio_postgres::GenericClient>(&self, db: &C) -> Result<Self, ::tokio_postgres::Error> {
                        let row = db.query_one(Self::INSERT, &[#(&self.#names as &(dyn ::postgres_types::ToSql + Sync)),*]).await?;
                        Self::try_from(&row)
                    }
                }
            });
        }
    }
    quote! {
        #tracked
        #items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A crate directory with migrations; returns its path.
    fn project(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let d = std::env::temp_dir().join(format!("pgforge-derive-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("migrations")).unwrap();
        for (f, sql) in files {
            std::fs::write(d.join("migrations").join(f), sql).unwrap();
        }
        d
    }

    fn pretty(t: TokenStream) -> String {
        prettyplease::unparse(&syn::parse2(t).expect("the expansion parses"))
    }

    const NOTES: &str = "create table public.notes (id bigint generated always as identity primary key, body text not null, tags text[]);\n";

    #[test]
    fn expansion_pretty_printed() {
        let d = project("expand", &[("001_notes.sql", NOTES)]);
        let input = quote! {
            #[pgforge(table = "public.notes", migrations = "migrations")]
            struct Note { id: i64, #[pgforge(column = "body")] text: String, tags: Option<Vec<String>> }
        };
        let out = pretty(expand(input, Kind::Table, &d, false, false));
        let file = d.join("migrations/001_notes.sql").canonicalize().unwrap();
        // The migration is included and the config variable read (so cargo tracks both),
        // then the items.
        let (include, rest) = out.split_once(";\n").expect("an include first");
        assert_eq!(
            include.split_whitespace().collect::<String>(),
            format!("const_:&[u8]=include_bytes!(\"{}\")", file.display())
        );
        let (env, items) = rest.split_once(";\n").expect("the variable next");
        assert_eq!(
            env,
            "const _: Option<&str> = option_env!(\"PGFORGE_CONFIG\")"
        );
        let expected = r#"impl Note {
    /// The relation this struct was checked against.
    pub const TABLE: &'static str = "public.notes";
    /// The columns of the fields, in order.
    pub const COLUMNS: &'static [&'static str] = &["id", "body", "tags"];
    /// `SELECT` of those columns (quoted identifiers).
    pub const SELECT: &'static str = "SELECT \"id\", \"body\", \"tags\" FROM \"public\".\"notes\"";
}
"#;
        assert_eq!(items, expected);
        let with_drivers = pretty(expand(
            quote!(
                #[pgforge(table = "notes", migrations = "migrations")]
                struct N {
                    body: String,
                }
            ),
            Kind::Insert,
            &d,
            true,
            true,
        ));
        for part in [
            "impl<'r> ::sqlx::FromRow<'r, ::sqlx::postgres::PgRow> for N",
            "impl TryFrom<&::tokio_postgres::Row> for N",
            "VALUES ($1::text) RETURNING \\\"body\\\"",
            "pub async fn insert_sqlx",
            "pub async fn insert_tokio_postgres",
        ] {
            assert!(with_drivers.contains(part), "{part} in:\n{with_drivers}");
        }
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_column_renamed_or_dropped_later_is_caught() {
        let d = project("history", &[("001_notes.sql", NOTES), ("002_rename.sql", "alter table public.notes rename column body to content;\nalter table public.notes drop column tags;\n")]);
        let out = expand(
            quote!(
                #[pgforge(table = "public.notes", migrations = "migrations")]
                struct Note {
                    body: String,
                    tags: Option<Vec<String>>,
                }
            ),
            Kind::Table,
            &d,
            false,
            false,
        )
        .to_string();
        assert!(out.contains("no column `body` in `public.notes`"), "{out}");
        assert!(out.contains("no column `tags` in `public.notes`"), "{out}");
        // Fixing the struct passes; the cache sees the same files and reuses the model.
        let ok = expand(
            quote!(
                #[pgforge(table = "public.notes", migrations = "migrations")]
                struct Note {
                    content: String,
                }
            ),
            Kind::Table,
            &d,
            false,
            false,
        )
        .to_string();
        assert!(!ok.contains("compile_error"), "{ok}");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn migration_errors_carry_the_rendered_diagnostic() {
        let d = project(
            "broken",
            &[
                ("001_notes.sql", NOTES),
                ("002_bad.sql", "create index on public.notes (bodyy);\n"),
            ],
        );
        let out = expand(
            quote!(
                #[pgforge(table = "public.notes", migrations = "migrations")]
                struct N {
                    id: i64,
                }
            ),
            Kind::Table,
            &d,
            false,
            false,
        )
        .to_string();
        assert!(out.contains("the migrations have errors"), "{out}");
        assert!(
            out.contains("--> migrations/002_bad.sql:1:31"),
            "file:line:col, relative to the crate: {out}"
        );
        assert!(
            out.contains("include_bytes"),
            "the files are tracked even when they have errors: {out}"
        );
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn bad_input_is_a_compile_error_never_a_panic() {
        let d = project("bad", &[("001_notes.sql", NOTES)]);
        let cases = [
            quote!(
                enum E {
                    A,
                }
            ),
            quote!(
                struct T(i64);
            ),
            quote!(
                struct NoAttr {
                    id: i64,
                }
            ),
            quote!(
                #[pgforge(table = 1)]
                struct T {
                    id: i64,
                }
            ),
            quote!(
                #[pgforge(tabel = "notes")]
                struct T {
                    id: i64,
                }
            ),
            quote!(
                #[pgforge(table = "notes", migrations = "migrations")]
                struct T {
                    #[pgforge(col = "x")]
                    id: i64,
                }
            ),
            quote!(
                #[pgforge(table = "notes", migrations = "nowhere")]
                struct T {
                    id: i64,
                }
            ),
            quote!(
                #[pgforge(table = "a.b.c", migrations = "migrations")]
                struct T {
                    id: i64,
                }
            ),
            quote!(
                #[pgforge(table = "", migrations = "migrations")]
                struct T {}
            ),
            quote!(
                #[pgforge(table = "notes", migrations = "migrations")]
                struct T<'a> {
                    body: &'a str,
                }
            ),
            quote!(garbage tokens),
        ];
        for c in cases {
            let out = std::panic::catch_unwind(|| expand(c.clone(), Kind::Insert, &d, true, true))
                .unwrap_or_else(|_| panic!("panicked on {c}"));
            assert!(out.to_string().contains("compile_error"), "{c} gave {out}");
        }
        let _ = std::fs::remove_dir_all(&d);
    }
}
