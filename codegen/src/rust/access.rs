//! The `sql` module of a table, view or schema's functions, and its driver modules: the
//! statements as constants and one `async fn` per query for each driver.

use super::drivers::{self, Drivers, Gate};
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
    let reexport = sole_driver_reexport(d);
    quote!(#sql #codecs #modules #reexport)
}

/// `pub use` of the driver module when it is the only one a build has, so the module's
/// queries are also `module::query(db, …)` (`queries::accounts::get_account`). None where
/// both may be on: the same names in both would be ambiguous.
fn sole_driver_reexport(d: &Drivers) -> TokenStream {
    let sqlx = sole(d.sqlx, d.tokio_postgres, "sqlx", "tokio-postgres");
    let tp = sole(d.tokio_postgres, d.sqlx, "tokio-postgres", "sqlx");
    let sqlx = sqlx.map(|cfg| quote!(#cfg pub use self::sqlx::*;));
    let tp = tp.map(|cfg| quote!(#cfg pub use self::tokio_postgres::*;));
    quote!(#sqlx #tp)
}

/// The `cfg` under which driver `this` is on and `other` off; None when that never holds.
fn sole(this: Gate, other: Gate, this_feature: &str, other_feature: &str) -> Option<TokenStream> {
    match (this, other) {
        (Gate::Off, _) | (_, Gate::On) => None,
        (Gate::On, Gate::Off) => Some(quote!()),
        (Gate::On, Gate::Feature) => Some(quote!(#[cfg(not(feature = #other_feature))])),
        (Gate::Feature, Gate::Off) => Some(quote!(#[cfg(feature = #this_feature)])),
        (Gate::Feature, Gate::Feature) => {
            Some(quote!(#[cfg(all(feature = #this_feature, not(feature = #other_feature)))]))
        }
    }
}
