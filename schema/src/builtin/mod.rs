//! pgforge's built-in definitions, kept as SQL so the same text feeds the offline model and
//! (in `verify`) a real database.

/// Supabase's base objects: schemas, `auth.users`, `auth.uid()`/`role()`/`email()`/`jwt()`,
/// `storage.buckets`/`objects` and their helpers, and the usual extensions.
pub const SUPABASE: &str = include_str!("supabase.sql");

/// The name the built-in file is shown under in diagnostics.
pub const SUPABASE_NAME: &str = "<pgforge built-in: supabase>";

/// Supabase's roles (anon, authenticated, service_role, …), for `pgforge verify` only.
pub const SUPABASE_ROLES: &str = include_str!("supabase_roles.sql");
