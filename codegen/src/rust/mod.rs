//! Rust output: one module per PostgreSQL schema; in it, enums and composite types, and one
//! module per table or view with `Row` (and for tables `Insert` and `Update`) structs and the
//! table's name and columns as constants. Built with `quote!`, printed with prettyplease.
//! Pure: `ir → Vec<OutputFile>` plus diagnostics for types it cannot map.

mod access;
mod checked;
pub mod drivers;
mod functions;
mod items;
mod layout;
pub mod naming;
mod queries;
pub mod sql;
mod support;
pub mod types;

pub use drivers::{Driver, Drivers, Gate};
pub use items::{emit_rust, emit_rust_single};
pub use types::TypeMap;

/// What the Rust emitter is told: the type mapping and which drivers to generate code for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub types: TypeMap,
    pub drivers: Drivers,
    /// The application's checked queries (`[queries] paths`): a `queries` module.
    pub queries: Vec<schema::queries::QueryFile>,
}
