//! pgforge's built-in definitions, kept as SQL so the same text feeds the offline model and
//! (in `verify`) a real database.

/// Supabase's base objects: schemas, `auth.users`, `auth.uid()`/`role()`/`email()`/`jwt()`,
/// `storage.buckets`/`objects` and their helpers, and the usual extensions.
pub const SUPABASE: &str = include_str!("supabase.sql");

/// The name the built-in file is shown under in diagnostics.
pub const SUPABASE_NAME: &str = "<pgforge built-in: supabase>";

/// Supabase's roles (anon, authenticated, service_role, …), for `pgforge verify` only.
pub const SUPABASE_ROLES: &str = include_str!("supabase_roles.sql");

/// How the files of `extension` are named (`<pgforge built-in: extension pg_trgm>`).
pub const EXTENSION_PREFIX: &str = "<pgforge built-in: extension ";

/// The functions some extensions create in their schema, replayed (as built-ins) right
/// after the migration's `CREATE EXTENSION`: emitters that list what PostgREST exposes (the
/// TypeScript `Database` type) need them. Only offline: `verify` leaves them to the real
/// extension.
pub fn extension(name: &str) -> Option<&'static str> {
    Some(match name {
        "postgres_fdw" => include_str!("extensions/postgres_fdw.sql"),
        "pg_trgm" => include_str!("extensions/pg_trgm.sql"),
        _ => return None,
    })
}
