//! `codegen`: pgforge's emitters (Rust, TypeScript, Markdown), the writer, the build.rs API,
//! `verify` and the command line. Everything here reads the model that the `schema` crate
//! builds; nothing here parses SQL. Cargo features say which parts are compiled (see
//! Cargo.toml): the derive crate uses only the always-present core (`rust`, `config`,
//! `output`'s types).

#[cfg(feature = "build")]
pub mod build;
#[cfg(feature = "cli")]
pub mod cli;
pub mod config;
#[cfg(feature = "docs")]
pub mod docs;
#[cfg(feature = "build")]
pub mod generate;
pub mod graph;
pub mod output;
pub mod rust;
#[cfg(feature = "cli")]
pub mod summary;
#[cfg(feature = "typescript")]
pub mod typescript;
#[cfg(feature = "verify")]
pub mod verify;
