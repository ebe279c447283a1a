//! PostgreSQL types → Rust types. Defaults (documented in README.md) can be overridden per
//! Postgres type (`[rust.types]`, keyed by PostgreSQL's canonical name such as `inet` or
//! `timestamp with time zone`) and per column (`[rust.columns]`, keyed `schema.table.column`;
//! the value `skip` leaves the column out). A column of a type no driver reads natively is a
//! `String` in PostgreSQL's text form (`ColumnType::Text`: the generated SQL casts it through
//! `text` both ways); what cannot go that way either is left out with a warning that names
//! the key that maps it.

use super::naming::{camel, snake};
use proc_macro2::TokenStream;
use quote::quote;
use schema::ir::{PgType, Schema, TypeClass, TypeKind};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
pub struct TypeMap {
    pub by_type: BTreeMap<String, String>,
    pub by_column: BTreeMap<String, String>,
    /// Dates and times from the `time` crate instead of chrono (`[rust] datetime = "time"`).
    pub time_crate: bool,
    /// Each domain as a newtype around its base type (`[rust] domains = "newtype"`).
    pub domain_newtypes: bool,
    /// Every view column `Option`, as PostgreSQL reports them (`[rust] view_nullability =
    /// "postgres"`); by default a column the analyzer proves NOT NULL is not an `Option`.
    pub view_nullability_postgres: bool,
}

impl TypeMap {
    /// Whether a view column is NOT NULL in the generated code.
    pub fn view_column_not_null(&self, c: &schema::ir::ViewColumn) -> bool {
        c.not_null && !self.view_nullability_postgres
    }
}

/// Why a PostgreSQL type has no Rust type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmapped {
    /// The defaults do not cover this type (its canonical PostgreSQL name).
    NoDefault(String),
    /// A `[rust.types]` / `[rust.columns]` override that is not a Rust type (as written).
    BadOverride(String),
}

impl std::fmt::Display for Unmapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unmapped::NoDefault(t) => write!(f, "type {t} has no default Rust type"),
            Unmapped::BadOverride(p) => {
                write!(f, "the override `{p}` in pgforge.toml is not a Rust type")
            }
        }
    }
}

pub enum ColumnType {
    Mapped(TokenStream),
    /// No Rust type reads this type natively (`tsvector`, `money`, `xml`, ranges, extension
    /// types, …): the column is a `String` (`Vec<String>` for an array) in PostgreSQL's text
    /// form, read through a `::text` cast and written back through one.
    Text(TokenStream),
    Skip,
}

fn parse(path: &str) -> Result<TokenStream, Unmapped> {
    syn::parse_str::<syn::Type>(path)
        .map(|t| quote!(#t))
        .map_err(|_| Unmapped::BadOverride(path.to_string()))
}

/// Whether a column of type `t` can go through its text form: every base type has one, but
/// a composite (or an array of one) is read field by field, and a pseudo-type is no column.
fn text_form_works(s: &Schema, t: &PgType) -> bool {
    match t {
        PgType::Array { element, .. } => text_form_works(s, element),
        PgType::Pseudo { .. } => false,
        PgType::User {
            class: TypeClass::Composite | TypeClass::Table,
            ..
        } => false,
        PgType::User {
            schema,
            type_name,
            class: TypeClass::Domain,
        } => match s
            .schemas
            .get(schema)
            .and_then(|ns| ns.types.get(type_name))
            .map(|t| &t.kind)
        {
            Some(TypeKind::Domain { base, .. }) => text_form_works(s, base),
            _ => true,
        },
        _ => true,
    }
}

impl TypeMap {
    /// `root`: the path from where the type is used to the generated root (`super::super` in
    /// a table module), so the code works wherever it is included.
    pub fn column(
        &self,
        s: &Schema,
        key: &str,
        t: &PgType,
        root: &TokenStream,
    ) -> Result<ColumnType, Unmapped> {
        match self.by_column.get(key).map(String::as_str) {
            Some("skip") => Ok(ColumnType::Skip),
            Some(path) => parse(path).map(ColumnType::Mapped),
            None => match self.ty(s, t, root) {
                Ok(ty) => Ok(ColumnType::Mapped(ty)),
                Err(Unmapped::NoDefault(_)) if text_form_works(s, t) => {
                    Ok(ColumnType::Text(if t.is_array() {
                        quote!(Vec<String>)
                    } else {
                        quote!(String)
                    }))
                }
                Err(e) => Err(e),
            },
        }
    }

    pub fn ty(&self, s: &Schema, t: &PgType, root: &TokenStream) -> Result<TokenStream, Unmapped> {
        let name = t.without_modifiers().to_string();
        if let Some(path) = self.by_type.get(&name) {
            return parse(path);
        }
        Ok(match t {
            PgType::Bool => quote!(bool),
            PgType::Int2 => quote!(i16),
            PgType::Int4 => quote!(i32),
            PgType::Int8 => quote!(i64),
            PgType::Float4 => quote!(f32),
            PgType::Float8 => quote!(f64),
            PgType::Numeric { .. } => quote!(rust_decimal::Decimal),
            PgType::Text
            | PgType::Varchar { .. }
            | PgType::Char { .. }
            | PgType::Name
            | PgType::Citext => quote!(String),
            PgType::Bytea => quote!(Vec<u8>),
            PgType::Uuid => quote!(uuid::Uuid),
            PgType::Date if self.time_crate => quote!(time::Date),
            PgType::Time { tz: false, .. } if self.time_crate => quote!(time::Time),
            PgType::Timestamp { tz: false, .. } if self.time_crate => {
                quote!(time::PrimitiveDateTime)
            }
            PgType::Timestamp { tz: true, .. } if self.time_crate => quote!(time::OffsetDateTime),
            PgType::Date => quote!(chrono::NaiveDate),
            PgType::Time { tz: false, .. } => quote!(chrono::NaiveTime),
            PgType::Timestamp { tz: false, .. } => quote!(chrono::NaiveDateTime),
            PgType::Timestamp { tz: true, .. } => quote!(chrono::DateTime<chrono::Utc>),
            PgType::Json | PgType::Jsonb => quote!(serde_json::Value),
            PgType::Vector { .. } => quote!(pgvector::Vector),
            PgType::Interval { .. } => quote!(#root::pgforge::Interval),
            PgType::Inet | PgType::Cidr => quote!(#root::pgforge::Inet),
            PgType::Array { element, .. } => {
                let e = self.ty(s, element, root)?;
                quote!(Vec<#e>)
            }
            PgType::User {
                schema,
                type_name,
                class,
            } => {
                let module = super::naming::ident(&snake(schema));
                match class {
                    TypeClass::Enum | TypeClass::Composite => {
                        let ty = super::naming::ident(&camel(type_name));
                        quote!(#root::#module::#ty)
                    }
                    TypeClass::Table => {
                        let m = super::naming::ident(&snake(type_name));
                        quote!(#root::#module::#m::Row)
                    }
                    TypeClass::Domain => match s
                        .schemas
                        .get(schema)
                        .and_then(|ns| ns.types.get(type_name))
                        .map(|t| &t.kind)
                    {
                        Some(TypeKind::Domain { base, .. }) if self.domain_newtypes => {
                            // The newtype exists only when its base maps.
                            self.ty(s, base, root)?;
                            let ty = super::naming::ident(&camel(type_name));
                            quote!(#root::#module::#ty)
                        }
                        Some(TypeKind::Domain { base, .. }) => self.ty(s, base, root)?,
                        _ => return Err(Unmapped::NoDefault(name)),
                    },
                    TypeClass::Range => return Err(Unmapped::NoDefault(name)),
                }
            }
            _ => return Err(Unmapped::NoDefault(name)),
        })
    }
}

/// A value of `ty` passed by reference with `lifetime` (empty or `'a`): `&str` for
/// `String`, `&[T]` for `Vec<T>`, else `&T`.
pub fn borrowed(ty: &TokenStream, lifetime: &TokenStream) -> TokenStream {
    if let Ok(syn::Type::Path(p)) = syn::parse2::<syn::Type>(ty.clone()) {
        if p.qself.is_none() && p.path.segments.len() == 1 {
            let seg = &p.path.segments[0];
            if seg.ident == "String" {
                return quote!(&#lifetime str);
            }
            if seg.ident == "Vec" {
                if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                    let inner = &a.args;
                    return quote!(&#lifetime [#inner]);
                }
            }
        }
    }
    quote!(&#lifetime #ty)
}
