//! The checked-in output of `cargo run -p codegen` for `schema/migrations`.
//! The Rust emitter fills this crate; until it lands the crate is empty.
