//! The `sql` module of a table, view or schema's functions, and its driver modules: the
//! statements as constants and one `async fn` per query for each driver.

use super::drivers::{self, Drivers};
use super::naming::ident;
use super::queries::Query;
use proc_macro2::TokenStream;
use quote::quote;

/// `access` for a module whose `Row` has the fields `row` (none: no `Row` here).
pub(super) fn access_items(
    d: &Drivers,
    row: Option<&[(proc_macro2::Ident, String)]>,
    qs: &[Query],
) -> TokenStream {
    let consts = qs.iter().map(|q| {
        let (c, sql) = (&q.const_name, &q.sql);
        let doc = format!(
            " The statement of `{}`.",
            q.name.to_string().trim_start_matches("r#")
        );
        quote!(#[doc = #doc] pub const #c: &str = #sql;)
    });
    let sql = quote! {
        /// The statements of the query functions (static text; values are bound as `$n`).
        pub mod sql { #(#consts)* }
    };
    if *d == Drivers::default() {
        return sql;
    }
    let codecs = match row {
        Some(cols) => d.each(
            || drivers::sqlx::row(&ident("Row"), cols),
            || drivers::tokio_postgres::row(&ident("Row"), cols),
        ),
        None => quote!(),
    };
    let sqlx_fns = drivers::sqlx::queries(qs);
    let tp_fns = drivers::tokio_postgres::queries(qs);
    let modules = d.each(
        || {
            quote! {
                /// The queries through sqlx: `db` is a pool, a connection or a transaction.
                pub mod sqlx {
                    // Values are bound by reference whatever their type, `Copy` or not; a function
                    // takes as many arguments as its SQL function or key has.
                    #![allow(clippy::needless_borrows_for_generic_args, clippy::too_many_arguments)]
                    #sqlx_fns
                }
            }
        },
        || {
            quote! {
                /// The queries through tokio-postgres: `db` is a client or a transaction.
                pub mod tokio_postgres {
                    // A function takes as many arguments as its SQL function or key has.
                    #![allow(clippy::too_many_arguments)]
                    #tp_fns
                }
            }
        },
    );
    let reexport = d.sole_driver_reexport();
    quote!(#sql #codecs #modules #reexport)
}
