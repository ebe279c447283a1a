//! TypeScript: the `Database` type of `supabase gen types typescript`, produced offline.
//! The target is byte-for-byte the output of `@supabase/postgrest-typegen` (the version
//! pinned in `tests/js/package-lock.json`) run with the Supabase CLI's defaults, which
//! `tests/typescript.rs` measures against the real generator on a real PostgreSQL.
//!
//! model → `meta` (what the generator would introspect) → `print` (its template, laid out
//! by `layout` as oxfmt would) → the askama template `typescript/database.types.ts` (the
//! fixed parts: `Json`, the helper types).

mod collate;
pub mod layout;
pub mod meta;
mod print;
mod tstype;

use askama::Template;
use schema::ir::Schema;

/// What to generate (defined beside the configuration that sets it).
pub use crate::config::TypeScriptOptions as Options;

#[derive(Template)]
#[template(path = "typescript/database.types.ts", escape = "none")]
struct DatabaseFile {
    database: String,
    constants: String,
}

/// The whole `database.types.ts`.
pub fn emit_typescript(schema: &Schema, opts: &Options) -> String {
    let meta = meta::Meta::new(schema, &opts.schemas, opts.inferred_nullability);
    let (database, constants) = print::database_and_constants(&meta);
    let file = DatabaseFile {
        database,
        constants,
    };
    let mut out = file
        .render()
        .expect("rendering a template into a String cannot fail");
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
