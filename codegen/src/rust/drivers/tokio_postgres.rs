//! tokio-postgres (0.7): `TryFrom<&tokio_postgres::Row>` for rows, `ToSql`/`FromSql` for enums
//! and composite types (arrays of them come with the driver's own `Vec<T>` support), and the
//! query functions (`C: tokio_postgres::GenericClient`: a client or a transaction).

use super::super::queries::{Card, Output, Query};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// Decoding by column name, so the struct also decodes rows of the user's own queries.
pub fn row(ty: &Ident, fields: &[(Ident, String)]) -> TokenStream {
    let names = fields.iter().map(|f| &f.0);
    let cols = fields.iter().map(|f| &f.1);
    let unused = if fields.is_empty() {
        quote!(let _ = row;)
    } else {
        quote!()
    };
    quote! {
        impl TryFrom<&::tokio_postgres::Row> for #ty {
            type Error = ::tokio_postgres::Error;
            fn try_from(row: &::tokio_postgres::Row) -> Result<Self, Self::Error> {
                #unused
                Ok(Self { #(#names: row.try_get(#cols)?,)* })
            }
        }
    }
}

fn accepts(schema: &str, name: &str) -> TokenStream {
    quote! {
        fn accepts(ty: &::postgres_types::Type) -> bool {
            ty.schema() == #schema && ty.name() == #name
        }
    }
}

pub fn enumeration(ty: &Ident, schema: &str, name: &str, label: &str) -> TokenStream {
    let acc = accepts(schema, name);
    quote! {
        impl<'a> ::postgres_types::FromSql<'a> for #ty {
            fn from_sql(_: &::postgres_types::Type, raw: &'a [u8]) -> Result<Self, Box<dyn std::error::Error + Sync + Send>> {
                let label = std::str::from_utf8(raw)?;
                Self::from_label(label).ok_or_else(|| format!("`{label}` is not a label of {}", #label).into())
            }
            #acc
        }
        impl ::postgres_types::ToSql for #ty {
            fn to_sql(&self, _: &::postgres_types::Type, out: &mut ::bytes::BytesMut) -> Result<::postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
                out.extend_from_slice(self.as_str().as_bytes());
                Ok(::postgres_types::IsNull::No)
            }
            #acc
            ::postgres_types::to_sql_checked!();
        }
    }
}

/// The binary record format (a field count, then per field its type's OID, a length, -1 for
/// NULL, and the value, each encoded by the driver for the type the server names), read and
/// written by the support module's `record` helpers, written once for every table.
pub fn composite(
    ty: &Ident,
    root: &TokenStream,
    schema: &str,
    name: &str,
    fields: &[Ident],
) -> TokenStream {
    let acc = accepts(schema, name);
    let count = fields.len();
    quote! {
        impl<'a> ::postgres_types::FromSql<'a> for #ty {
            fn from_sql(ty: &::postgres_types::Type, raw: &'a [u8]) -> Result<Self, Box<dyn std::error::Error + Sync + Send>> {
                let mut record = #root::pgforge::record::Fields::new(ty, raw, #count)?;
                Ok(Self { #(#fields: record.read()?,)* })
            }
            #acc
        }
        impl ::postgres_types::ToSql for #ty {
            fn to_sql(&self, ty: &::postgres_types::Type, out: &mut ::bytes::BytesMut) -> Result<::postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
                #root::pgforge::record::write(ty, out, &[#(&self.#fields),*])
            }
            #acc
            ::postgres_types::to_sql_checked!();
        }
    }
}

/// The query functions, as the items of a `tokio_postgres` module beside the `sql` module.
pub fn queries(qs: &[Query]) -> TokenStream {
    let fns = qs.iter().map(|q| {
        let (name, doc, c) = (&q.name, &q.doc, &q.const_name);
        let args = q.args.iter().map(|(i, t)| quote!(#i: #t));
        let binds = q.binds.iter();
        let params = quote!(&[#(&(#binds) as &(dyn ::postgres_types::ToSql + Sync)),*]);
        let (ret, body) = match &q.output {
            Output::Row { ty, card } => match card {
                Card::One => (quote!(#ty), quote!(<#ty>::try_from(&db.query_one(super::sql::#c, #params).await?))),
                Card::Optional => (quote!(Option<#ty>), quote!(db.query_opt(super::sql::#c, #params).await?.as_ref().map(<#ty>::try_from).transpose())),
                Card::Many => (quote!(Vec<#ty>), quote!(db.query(super::sql::#c, #params).await?.iter().map(<#ty>::try_from).collect())),
            },
            Output::Scalar { ty, card } => match card {
                Card::One => (quote!(#ty), quote!(db.query_one(super::sql::#c, #params).await?.try_get(0))),
                Card::Optional => (quote!(Option<#ty>), quote!(db.query_opt(super::sql::#c, #params).await?.map(|r| r.try_get(0)).transpose())),
                Card::Many => (quote!(Vec<#ty>), quote!(db.query(super::sql::#c, #params).await?.iter().map(|r| r.try_get(0)).collect())),
            },
            Output::Unit => (quote!(()), quote!(db.execute(super::sql::#c, #params).await.map(|_| ()))),
            Output::Affected => (quote!(u64), quote!(db.execute(super::sql::#c, #params).await)),
        };
        let shortcut = q.empty_patch.as_ref().map(|keys| quote! {
            if patch.is_empty() {
                return get(db, #(#keys),*).await;
            }
        });
        quote! {
            #[doc = #doc]
            pub async fn #name<C: ::tokio_postgres::GenericClient>(db: &C, #(#args),*) -> Result<#ret, ::tokio_postgres::Error> {
                #shortcut
                #body
            }
        }
    });
    quote!(#(#fns)*)
}

/// A domain's newtype: everything delegates to the base type.
pub fn newtype(ty: &Ident, base: &TokenStream) -> TokenStream {
    quote! {
        impl<'a> ::postgres_types::FromSql<'a> for #ty {
            fn from_sql(ty: &::postgres_types::Type, raw: &'a [u8]) -> Result<Self, Box<dyn std::error::Error + Sync + Send>> {
                Ok(Self(<#base as ::postgres_types::FromSql<'a>>::from_sql(ty, raw)?))
            }
            fn accepts(ty: &::postgres_types::Type) -> bool {
                <#base as ::postgres_types::FromSql<'a>>::accepts(ty)
            }
        }
        impl ::postgres_types::ToSql for #ty {
            fn to_sql(&self, ty: &::postgres_types::Type, out: &mut ::bytes::BytesMut) -> Result<::postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
                self.0.to_sql(ty, out)
            }
            fn accepts(ty: &::postgres_types::Type) -> bool {
                <#base as ::postgres_types::ToSql>::accepts(ty)
            }
            ::postgres_types::to_sql_checked!();
        }
    }
}
