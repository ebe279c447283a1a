//! The two drivers the generated code supports. Each file renders the same things for its
//! driver: row decoding for every `Row` struct, codecs for enums and composite types, and the
//! query functions of `queries.rs`. In the generated crate each driver sits behind a cargo
//! feature (`sqlx`, `tokio-postgres`); a build script names the drivers it wants and gets
//! them without `cfg`, since its crate declares no such features.

pub mod sqlx;
pub mod tokio_postgres;

use proc_macro2::TokenStream;
use quote::quote;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gate {
    /// Not generated.
    #[default]
    Off,
    /// Generated behind `#[cfg(feature = "…")]`.
    Feature,
    /// Generated unconditionally.
    On,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Driver {
    Sqlx,
    TokioPostgres,
}

impl Driver {
    /// `sqlx` or `tokio-postgres` (also `tokio_postgres`).
    pub fn parse(name: &str) -> Option<Driver> {
        match name {
            "sqlx" => Some(Driver::Sqlx),
            "tokio-postgres" | "tokio_postgres" => Some(Driver::TokioPostgres),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Drivers {
    pub sqlx: Gate,
    pub tokio_postgres: Gate,
}

impl Drivers {
    /// Both, each behind its feature: what the generated crate gets.
    pub fn features() -> Self {
        Drivers {
            sqlx: Gate::Feature,
            tokio_postgres: Gate::Feature,
        }
    }

    /// These drivers, each with `gate`.
    pub fn of(list: &[Driver], gate: Gate) -> Self {
        let on = |d| if list.contains(&d) { gate } else { Gate::Off };
        Drivers {
            sqlx: on(Driver::Sqlx),
            tokio_postgres: on(Driver::TokioPostgres),
        }
    }

    /// `items` for each enabled driver, with its `cfg` where it has one.
    pub fn each(
        &self,
        sqlx: impl FnOnce() -> TokenStream,
        tokio_postgres: impl FnOnce() -> TokenStream,
    ) -> TokenStream {
        let mut out = quote!();
        if let Some(cfg) = gate(self.sqlx, "sqlx") {
            out.extend(wrap(cfg, sqlx()));
        }
        if let Some(cfg) = gate(self.tokio_postgres, "tokio-postgres") {
            out.extend(wrap(cfg, tokio_postgres()));
        }
        out
    }
}

fn gate(g: Gate, feature: &str) -> Option<TokenStream> {
    match g {
        Gate::Off => None,
        Gate::Feature => Some(quote!(#[cfg(feature = #feature)])),
        Gate::On => Some(quote!()),
    }
}

/// Put `cfg` on each item of `items`. The renderers emit only items that end with their
/// body in braces (`impl … { }`, `pub mod … { }`, `pub async fn … { }`), so a top-level
/// brace group ends an item: no parsing needed (parsing every item doubled emit time).
fn wrap(cfg: TokenStream, items: TokenStream) -> TokenStream {
    if cfg.is_empty() {
        return items;
    }
    let mut out = TokenStream::new();
    let mut item = TokenStream::new();
    for tt in items {
        let ends = matches!(&tt, proc_macro2::TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace);
        item.extend([tt]);
        if ends {
            out.extend(cfg.clone());
            out.extend(std::mem::take(&mut item));
        }
    }
    debug_assert!(
        item.is_empty(),
        "a driver item that does not end in braces: {item}"
    );
    out.extend(item);
    out
}
