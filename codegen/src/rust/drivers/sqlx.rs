//! sqlx (0.9, Postgres): `FromRow` for rows, `Type`/`Encode`/`Decode` (and arrays) for enums
//! and composite types, and the query functions (`E: sqlx::PgExecutor<'e>`: a pool, a
//! connection or a transaction).

use super::super::queries::{Card, Output, Query};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `FromRow` by column name, so the struct also decodes rows of the user's own queries.
pub fn row(ty: &Ident, fields: &[(Ident, String)]) -> TokenStream {
    let names = fields.iter().map(|f| &f.0);
    let cols = fields.iter().map(|f| &f.1);
    let prelude = if fields.is_empty() {
        quote!(let _ = row;)
    } else {
        quote!(
            use ::sqlx::Row as _;
        )
    };
    quote! {
        impl<'r> ::sqlx::FromRow<'r, ::sqlx::postgres::PgRow> for #ty {
            fn from_row(row: &'r ::sqlx::postgres::PgRow) -> Result<Self, ::sqlx::Error> {
                #prelude
                Ok(Self { #(#names: row.try_get(#cols)?,)* })
            }
        }
    }
}

/// `Type` and array support for a named type: declared by its qualified name (resolved by
/// sqlx per connection), accepted by the names PostgreSQL reports for it.
fn named_type(ty: &Ident, qualified: &str, names: &[String]) -> TokenStream {
    quote! {
        impl ::sqlx::Type<::sqlx::Postgres> for #ty {
            fn type_info() -> ::sqlx::postgres::PgTypeInfo {
                ::sqlx::postgres::PgTypeInfo::with_name(#qualified)
            }
            fn compatible(ty: &::sqlx::postgres::PgTypeInfo) -> bool {
                [#(#names),*].contains(&::sqlx::TypeInfo::name(ty))
            }
        }
        impl ::sqlx::postgres::PgHasArrayType for #ty {
            fn array_type_info() -> ::sqlx::postgres::PgTypeInfo {
                ::sqlx::postgres::PgTypeInfo::array_of(#qualified)
            }
            fn array_compatible(ty: &::sqlx::postgres::PgTypeInfo) -> bool {
                match ty.kind() {
                    ::sqlx::postgres::PgTypeKind::Array(element) => <Self as ::sqlx::Type<::sqlx::Postgres>>::compatible(element),
                    _ => false,
                }
            }
        }
    }
}

pub fn enumeration(ty: &Ident, qualified: &str, names: &[String], label: &str) -> TokenStream {
    let t = named_type(ty, qualified, names);
    quote! {
        #t
        impl ::sqlx::Encode<'_, ::sqlx::Postgres> for #ty {
            fn encode_by_ref(&self, buf: &mut ::sqlx::postgres::PgArgumentBuffer) -> Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                <&str as ::sqlx::Encode<'_, ::sqlx::Postgres>>::encode_by_ref(&self.as_str(), buf)
            }
        }
        impl<'r> ::sqlx::Decode<'r, ::sqlx::Postgres> for #ty {
            fn decode(value: ::sqlx::postgres::PgValueRef<'r>) -> Result<Self, ::sqlx::error::BoxDynError> {
                let label = <&str as ::sqlx::Decode<'r, ::sqlx::Postgres>>::decode(value)?;
                Self::from_label(label).ok_or_else(|| format!("`{label}` is not a label of {}", #label).into())
            }
        }
    }
}

pub fn composite(ty: &Ident, qualified: &str, names: &[String], fields: &[Ident]) -> TokenStream {
    let t = named_type(ty, qualified, names);
    quote! {
        #t
        impl ::sqlx::Encode<'_, ::sqlx::Postgres> for #ty {
            // Borrowed: the fields are not all `Copy`.
            #[allow(clippy::needless_borrows_for_generic_args)]
            fn encode_by_ref(&self, buf: &mut ::sqlx::postgres::PgArgumentBuffer) -> Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                let mut record = ::sqlx::postgres::types::PgRecordEncoder::new(buf);
                #(record.encode(&self.#fields)?;)*
                record.finish();
                Ok(::sqlx::encode::IsNull::No)
            }
        }
        impl<'r> ::sqlx::Decode<'r, ::sqlx::Postgres> for #ty {
            fn decode(value: ::sqlx::postgres::PgValueRef<'r>) -> Result<Self, ::sqlx::error::BoxDynError> {
                #[allow(unused_mut)]
                let mut record = ::sqlx::postgres::types::PgRecordDecoder::new(value)?;
                Ok(Self { #(#fields: record.try_decode()?,)* })
            }
        }
    }
}

/// The query functions, as the items of a `sqlx` module beside the `sql` module.
pub fn queries(qs: &[Query]) -> TokenStream {
    let fns = qs.iter().map(|q| {
        let (name, doc, c) = (&q.name, &q.doc, &q.const_name);
        let args = q.args.iter().map(|(i, t)| quote!(#i: #t));
        let binds = q.binds.iter().map(|b| quote!(.bind(#b)));
        let (ret, body) = match &q.output {
            Output::Row { ty, card } => {
                let (r, fetch) = fetch(ty, card);
                (r, quote!(::sqlx::query_as::<_, #ty>(super::sql::#c) #(#binds)* .#fetch(db).await))
            }
            Output::Scalar { ty, card } => {
                let (r, fetch) = fetch(ty, card);
                (r, quote!(::sqlx::query_scalar::<_, #ty>(super::sql::#c) #(#binds)* .#fetch(db).await))
            }
            Output::Unit => (quote!(()), quote!(::sqlx::query(super::sql::#c) #(#binds)* .execute(db).await.map(|_| ()))),
            Output::Affected => (quote!(u64), quote!(::sqlx::query(super::sql::#c) #(#binds)* .execute(db).await.map(|r| r.rows_affected()))),
        };
        let shortcut = q.empty_patch.as_ref().map(|keys| quote! {
            if patch.is_empty() {
                return get(db, #(#keys),*).await;
            }
        });
        quote! {
            #[doc = #doc]
            pub async fn #name<'e, E: ::sqlx::PgExecutor<'e>>(db: E, #(#args),*) -> Result<#ret, ::sqlx::Error> {
                #shortcut
                #body
            }
        }
    });
    quote!(#(#fns)*)
}

fn fetch(ty: &TokenStream, card: &Card) -> (TokenStream, Ident) {
    let id = |s: &str| Ident::new(s, proc_macro2::Span::call_site());
    match card {
        Card::One => (quote!(#ty), id("fetch_one")),
        Card::Optional => (quote!(Option<#ty>), id("fetch_optional")),
        Card::Many => (quote!(Vec<#ty>), id("fetch_all")),
    }
}

/// A domain's newtype: everything delegates to the base type (PostgreSQL sends domain values
/// as their base type). `arrays`: the base has an array type of its own.
pub fn newtype(ty: &Ident, base: &TokenStream, arrays: bool) -> TokenStream {
    let array = arrays.then(|| {
        quote! {
            impl ::sqlx::postgres::PgHasArrayType for #ty {
                fn array_type_info() -> ::sqlx::postgres::PgTypeInfo {
                    <#base as ::sqlx::postgres::PgHasArrayType>::array_type_info()
                }
                fn array_compatible(ty: &::sqlx::postgres::PgTypeInfo) -> bool {
                    <#base as ::sqlx::postgres::PgHasArrayType>::array_compatible(ty)
                }
            }
        }
    });
    quote! {
        impl ::sqlx::Type<::sqlx::Postgres> for #ty {
            fn type_info() -> ::sqlx::postgres::PgTypeInfo {
                <#base as ::sqlx::Type<::sqlx::Postgres>>::type_info()
            }
            fn compatible(ty: &::sqlx::postgres::PgTypeInfo) -> bool {
                <#base as ::sqlx::Type<::sqlx::Postgres>>::compatible(ty)
            }
        }
        #array
        impl ::sqlx::Encode<'_, ::sqlx::Postgres> for #ty {
            fn encode_by_ref(&self, buf: &mut ::sqlx::postgres::PgArgumentBuffer) -> Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                <#base as ::sqlx::Encode<'_, ::sqlx::Postgres>>::encode_by_ref(&self.0, buf)
            }
        }
        impl<'r> ::sqlx::Decode<'r, ::sqlx::Postgres> for #ty {
            fn decode(value: ::sqlx::postgres::PgValueRef<'r>) -> Result<Self, ::sqlx::error::BoxDynError> {
                Ok(Self(<#base as ::sqlx::Decode<'r, ::sqlx::Postgres>>::decode(value)?))
            }
        }
    }
}
