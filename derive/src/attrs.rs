//! `#[pgforge(table = "schema.name", migrations = "path")]` on the struct and
//! `#[pgforge(column = "name")]` on a field.

use proc_macro2::Span;

pub struct StructAttrs {
    pub table: Option<(String, Span)>,
    pub migrations: Option<String>,
    /// The span of the `#[pgforge(...)]` attribute, where migration errors are reported.
    pub span: Span,
}

pub fn struct_attrs(input: &syn::DeriveInput) -> syn::Result<StructAttrs> {
    let mut out = StructAttrs {
        table: None,
        migrations: None,
        span: input.ident.span(),
    };
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("pgforge")) {
        out.span = attr.pound_token.span;
        attr.parse_nested_meta(|meta| {
            let value = || -> syn::Result<syn::LitStr> { meta.value()?.parse() };
            if meta.path.is_ident("table") {
                let v = value()?;
                out.table = Some((v.value(), v.span()));
            } else if meta.path.is_ident("migrations") {
                out.migrations = Some(value()?.value());
            } else {
                return Err(meta.error("unknown pgforge attribute (expected `table = \"schema.name\"` or `migrations = \"path\"`)"));
            }
            Ok(())
        })?;
    }
    Ok(out)
}

/// The column a field names: `#[pgforge(column = "…")]`, else the field's own name.
pub fn column(field: &syn::Field) -> syn::Result<String> {
    let mut column = None;
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("pgforge")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("column") {
                column = Some(meta.value()?.parse::<syn::LitStr>()?.value());
                Ok(())
            } else {
                Err(meta.error("unknown pgforge field attribute (expected `column = \"name\"`)"))
            }
        })?;
    }
    let own = || {
        field
            .ident
            .as_ref()
            .map(|i| i.to_string().trim_start_matches("r#").to_string())
            .unwrap_or_default()
    };
    Ok(column.unwrap_or_else(own))
}
