//! Rust output: one module per PostgreSQL schema; in it, enums and composite types, and one
//! module per table or view with `Row` (and for tables `Insert` and `Update`) structs and the
//! table's name and columns as constants. Built with `quote!`, printed with prettyplease.
//! Pure: `ir → Vec<OutputFile>` plus diagnostics for types it cannot map.

mod items;
pub mod naming;
pub mod types;

pub use items::{emit_rust, emit_rust_single};
pub use types::TypeMap;
