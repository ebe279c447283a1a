//! SQL text for the query modules: quoted identifiers and the types parameters are cast to.
//! Everything here is decided at generation time; the generated functions hold the results as
//! `&'static str` and bind every value as a parameter.

use schema::ir::{quote_ident, PgType, Schema, TypeClass, TypeKind};

/// `"schema"."name"`, always quoted, so no name can be mistaken for a keyword.
pub fn qualified(schema: &str, name: &str) -> String {
    format!("{}.{}", ident(schema), ident(name))
}

/// An identifier, always double-quoted (a `"` inside is doubled).
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The type a parameter is cast to: without modifiers (a `varchar(20)` parameter is cast to
/// `varchar`, so an over-long value fails on assignment instead of being cut; `char(n)` to
/// `bpchar`), user types
/// schema-qualified (so the SQL does not depend on the caller's `search_path`), domains as
/// their base type (what the drivers encode).
pub fn cast(s: &Schema, t: &PgType) -> String {
    match t {
        PgType::Array { element, .. } => format!("{}[]", cast(s, element)),
        PgType::User {
            schema,
            type_name,
            class,
        } => {
            if *class == TypeClass::Domain {
                if let Some(TypeKind::Domain { base, .. }) = s
                    .schemas
                    .get(schema)
                    .and_then(|ns| ns.types.get(type_name))
                    .map(|t| &t.kind)
                {
                    return cast(s, base);
                }
            }
            qualified(schema, type_name)
        }
        PgType::Vector { .. } => extension_type(s, "vector", "vector"),
        PgType::Citext => extension_type(s, "citext", "citext"),
        PgType::Other {
            schema: Some(sc),
            type_name,
            ..
        } => qualified(sc, type_name),
        // Without a length `character` is `character(1)` and `bit` is `bit(1)`: a cast to
        // them would cut the value. `bpchar` and `bit varying` take any length.
        PgType::Char { .. } => "bpchar".into(),
        PgType::Bit { .. } => "bit varying".into(),
        other => other.without_modifiers().to_string(),
    }
}

/// A type an extension creates, qualified with the schema the extension was created in.
fn extension_type(s: &Schema, extension: &str, name: &str) -> String {
    match s.extensions.get(extension) {
        Some(e) => qualified(&e.schema, name),
        None => quote_ident(name),
    }
}

/// The column list of a SELECT or RETURNING, quoted.
pub fn column_list<'a>(columns: impl IntoIterator<Item = &'a str>) -> String {
    columns
        .into_iter()
        .map(ident)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The label PostgreSQL's `regtype` output gives a type: unqualified when the schema is on the
/// default search path, else `schema.name`; both as `quote_ident` writes them.
pub fn regtype_names(schema: &str, name: &str) -> Vec<String> {
    vec![
        quote_ident(name),
        format!("{}.{}", quote_ident(schema), quote_ident(name)),
    ]
}
