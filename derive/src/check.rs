//! The checks: the relation exists, every field is one of its columns with the type pgforge
//! maps that column to (`Option` where it is nullable), and for an insert every required
//! column is present and no generated one. Each failure is a `syn::Error` at the attribute
//! or field it is about, with a suggestion where there is one.

use crate::shape::{option_inner, shape};
use codegen::rust::types::{ColumnType, TypeMap, Unmapped};
use proc_macro2::Span;
use quote::quote;
use schema::ir::{PgType, Schema};

pub struct Col {
    pub name: String,
    pub ty: Option<PgType>,
    pub not_null: bool,
    /// NOT NULL without a default, identity or generation: an insert must set it.
    pub required: bool,
    /// Computed by PostgreSQL (generated, identity ALWAYS): an insert cannot set it.
    pub computed: bool,
}

pub struct Rel {
    pub schema: String,
    pub name: String,
    pub is_view: bool,
    pub cols: Vec<Col>,
}

/// A field that passed its checks, with its column.
pub struct Checked {
    pub field: syn::Ident,
    pub column: String,
    pub ty: Option<PgType>,
}

/// `; did you mean `x`?` from schema's one "did you mean", or nothing.
fn suggest<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> String {
    schema::names::did_you_mean(wanted, names)
        .map(|n| format!("; did you mean `{n}`?"))
        .unwrap_or_default()
}

pub fn relation(s: &Schema, types: &TypeMap, wanted: &str, span: Span) -> syn::Result<Rel> {
    let (schema, name) = wanted.split_once('.').unwrap_or(("public", wanted));
    let ns = s.schemas.get(schema);
    if let Some(t) = ns.and_then(|ns| ns.tables.get(name)) {
        let cols = t
            .columns
            .iter()
            .map(|c| Col {
                name: c.name.clone(),
                ty: Some(c.ty.clone()),
                not_null: c.not_null,
                required: !c.optional_on_insert(),
                computed: c.is_computed(),
            })
            .collect();
        return Ok(Rel {
            schema: schema.into(),
            name: name.into(),
            is_view: false,
            cols,
        });
    }
    if let Some(v) = ns.and_then(|ns| ns.views.get(name)) {
        let cols = v
            .columns
            .iter()
            .map(|c| Col {
                name: c.name.clone(),
                ty: c.ty.clone(),
                not_null: types.view_column_not_null(c),
                required: false,
                computed: false,
            })
            .collect();
        return Ok(Rel {
            schema: schema.into(),
            name: name.into(),
            is_view: true,
            cols,
        });
    }
    let all: Vec<String> = s
        .schemas
        .values()
        .flat_map(|ns| {
            ns.tables
                .keys()
                .chain(ns.views.keys())
                .map(move |n| format!("{}.{n}", ns.name))
        })
        .collect();
    let hint = suggest(&format!("{schema}.{name}"), all.iter().map(String::as_str));
    Err(syn::Error::new(
        span,
        format!("no table or view `{schema}.{name}` in the migrations{hint}"),
    ))
}

/// Check the fields; all errors at once.
pub fn fields(
    s: &Schema,
    types: &TypeMap,
    rel: &Rel,
    fields: &[(&syn::Field, String)],
    insert: bool,
    struct_span: Span,
) -> Result<Vec<Checked>, Vec<syn::Error>> {
    let q = format!("{}.{}", rel.schema, rel.name);
    let mut errs = vec![];
    let mut out = vec![];
    for (f, column) in fields {
        let ident = f.ident.clone().expect("named fields");
        let Some(col) = rel.cols.iter().find(|c| &c.name == column) else {
            let hint = suggest(column, rel.cols.iter().map(|c| c.name.as_str()));
            errs.push(syn::Error::new_spanned(
                &ident,
                format!("no column `{column}` in `{q}`{hint}"),
            ));
            continue;
        };
        if insert && col.computed {
            errs.push(syn::Error::new_spanned(&ident, format!("column `{column}` of `{q}` is computed by PostgreSQL (generated or identity ALWAYS): an insert cannot set it")));
            continue;
        }
        let key = format!("{q}.{column}");
        let Some(pg) = &col.ty else {
            errs.push(syn::Error::new_spanned(&f.ty, format!("the type of `{key}` cannot be derived offline; name it in pgforge.toml: [rust.columns] \"{key}\" = \"…\"")));
            continue;
        };
        let expected = match types.column(s, &key, pg, &quote!(crate)) {
            Ok(ColumnType::Mapped(t)) => t,
            Ok(ColumnType::Text(_)) => {
                errs.push(syn::Error::new_spanned(&f.ty, format!("column `{key}` has type {}, which no driver reads natively (the generated crate reads it as `::text`); map it in pgforge.toml: [rust.columns] \"{key}\" = \"…\"", pg.without_modifiers())));
                continue;
            }
            Ok(ColumnType::Skip) => {
                errs.push(syn::Error::new_spanned(&ident, format!("column `{key}` is skipped in pgforge.toml ([rust.columns] \"{key}\" = \"skip\")")));
                continue;
            }
            Err(Unmapped::NoDefault(t)) => {
                errs.push(syn::Error::new_spanned(&f.ty, format!("column `{key}` has type {t}, which has no default Rust type; map it in pgforge.toml: [rust.types] \"{t}\" = \"…\" or [rust.columns] \"{key}\" = \"…\"")));
                continue;
            }
            Err(u @ Unmapped::BadOverride(_)) => {
                errs.push(syn::Error::new_spanned(
                    &f.ty,
                    format!("column `{key}`: {u}"),
                ));
                continue;
            }
        };
        let expected: syn::Type = syn::parse2(expected).expect("mapped types parse");
        let want = shape(&expected);
        let nullable = !col.not_null;
        let (inner, is_option) = match option_inner(&f.ty) {
            Some(t) => (t, true),
            None => (&f.ty, false),
        };
        let what = if rel.is_view {
            "the view column is not proven NOT NULL (PostgreSQL reports view columns nullable)"
        } else {
            "the column is nullable"
        };
        if shape(inner) != want {
            let full = if nullable {
                format!("Option<{want}>")
            } else {
                want.clone()
            };
            errs.push(syn::Error::new_spanned(
                &f.ty,
                format!(
                    "column `{key}` is `{pg}`, which maps to `{full}`; this field is `{}`",
                    shape(&f.ty)
                ),
            ));
        } else if nullable && !is_option {
            errs.push(syn::Error::new_spanned(
                &f.ty,
                format!("column `{key}` can be NULL ({what}): the field must be `Option<{want}>`"),
            ));
        } else {
            out.push(Checked {
                field: ident,
                column: column.clone(),
                ty: Some(pg.clone()),
            });
        }
    }
    if insert {
        for c in rel.cols.iter().filter(|c| c.required) {
            if !fields.iter().any(|(_, col)| col == &c.name) {
                errs.push(syn::Error::new(struct_span, format!("column `{}` of `{q}` is NOT NULL without a default: an insert struct must have it", c.name)));
            }
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggestions_are_close_names_only() {
        assert_eq!(
            super::suggest("contnet", ["id", "content", "created_at"].into_iter()),
            "; did you mean `content`?"
        );
        assert_eq!(super::suggest("zzz", ["id", "content"].into_iter()), "");
    }
}
