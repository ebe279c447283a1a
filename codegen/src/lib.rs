//! `codegen`: pgforge's emitters, its command line and (later) the build.rs API. Everything
//! here reads the model that the `schema` crate builds; nothing here parses SQL.

pub mod build;
pub mod cli;
pub mod config;
pub mod docs;
pub mod generate;
pub mod output;
pub mod rust;
pub mod summary;
pub mod typescript;
pub mod verify;
mod verify_cmd;
