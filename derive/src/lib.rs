//! pgforge's derives: a struct checked against the migrations at compile time, with no
//! database and no generated artefact.
//!
//! ```ignore
//! #[derive(pgforge_derive::Table)]
//! #[pgforge(table = "public.messages")]
//! struct MessagePreview {
//!     id: i64,
//!     content: String,
//!     #[pgforge(column = "created_at")]
//!     at: chrono::DateTime<chrono::Utc>,
//! }
//! ```
//!
//! `Table` checks a struct for reading (the relation exists, every field is a column, each
//! field's type is what pgforge maps the column's type to, `Option` where the column is
//! nullable); `Insert` also checks that every NOT NULL column without a default is present
//! and no generated column is. The migrations come from `pgforge.toml` (searched from the
//! crate's directory upwards) or `#[pgforge(migrations = "…")]`, are parsed once per
//! compiler process (cached by path, size and modification time), and every file is
//! `include_bytes!`d so cargo rebuilds when one changes.

mod attrs;
mod check;
mod expand;
mod literal;
mod load;
mod query;
mod shape;

use proc_macro::TokenStream;

/// Check a struct against a table or view and generate `TABLE`, `COLUMNS`, `SELECT` and
/// row decoding (sqlx `FromRow` / `TryFrom<&tokio_postgres::Row>`, by this crate's features).
#[proc_macro_derive(Table, attributes(pgforge))]
pub fn table(input: TokenStream) -> TokenStream {
    expand::derive(input.into(), expand::Kind::Table).into()
}

/// `Table`, plus the insert checks, `INSERT` (… `RETURNING` the struct's columns) and an
/// `insert` function per enabled driver.
#[proc_macro_derive(Insert, attributes(pgforge))]
pub fn insert(input: TokenStream) -> TokenStream {
    expand::derive(input.into(), expand::Kind::Insert).into()
}

/// A statement checked against the migrations at compile time, typed by the query analyzer:
/// `query!("select … where id = $1", id)`, then `.fetch_all(db)` / `.fetch_optional(db)` /
/// `.fetch_one(db)` / `.execute(db)` (sqlx) or `.query(&c)` / `.query_opt(&c)` /
/// `.query_one(&c)` / `.execute_on(&c)` (tokio-postgres). Rows are a struct of the columns.
/// An optional first argument `migrations = "path"` names the migrations as the derives'
/// attribute does.
#[proc_macro]
pub fn query(input: TokenStream) -> TokenStream {
    query::expand(input.into(), false).into()
}

/// `query!` whose rows are built as `T`, field by field (fields named as the columns).
#[proc_macro]
pub fn query_as(input: TokenStream) -> TokenStream {
    query::expand(input.into(), true).into()
}
