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

/// The schema an extension's control file names (`schema = …`): `CREATE EXTENSION` without
/// `WITH SCHEMA` installs it there, creating the schema if it is missing.
pub fn extension_home_schema(name: &str) -> Option<&'static str> {
    Some(match name {
        "pgsodium" => "pgsodium",
        "supabase_vault" => "vault",
        "pg_graphql" => "graphql",
        _ => return None,
    })
}

/// The migration tools' bookkeeping tables (see `tool_tables.sql`). They exist while the
/// migrations replay (so references to them resolve) and are left out of the finished model
/// and, in `verify`, dropped before PostgreSQL is compared: they are the tool's, not the
/// project's.
const TOOL_TABLES: &str = include_str!("tool_tables.sql");

/// The name the tool tables' file is shown under in diagnostics.
pub const TOOL_TABLES_NAME: &str = "<pgforge built-in: migration tool tables>";

/// The bookkeeping tables of the tools that run a layout's migrations, as SQL: the
/// sections of `tool_tables.sql` for those tools. A Rails `structure.sql` creates its own
/// (`schema_migrations`, `ar_internal_metadata` are in the dump), so it has none.
pub fn tool_tables(layout: crate::load::Layout) -> Option<String> {
    use crate::load::Layout::*;
    let tools: &[&str] = match layout {
        Diesel => &["diesel"],
        Versioned => &["sqlx", "golang-migrate", "goose"],
        Flyway => &["flyway"],
        Prisma => &["prisma"],
        Drizzle => &["drizzle"],
        Supabase => &["supabase"],
        SingleFile | Plain | RailsStructure => return None,
    };
    let sections = TOOL_TABLES.split("-- tool: ").skip(1).filter(|s| {
        let tool = s.lines().next().unwrap_or("").trim();
        tools.contains(&tool)
    });
    Some(sections.map(|s| format!("-- tool: {s}")).collect())
}

/// Whether `schema.name` is one of the tool tables: a migration's own table of that name
/// replaces it (pgforge cannot know which tool of a family runs the migrations).
pub fn is_tool_table(schema: &str, name: &str) -> bool {
    tool_table_names().any(|(s, n)| s == schema && n == name)
}

/// Every tool table as (schema, name).
pub fn tool_table_names() -> impl Iterator<Item = (&'static str, &'static str)> {
    TOOL_TABLES
        .lines()
        .filter_map(|l| l.strip_prefix("CREATE TABLE IF NOT EXISTS "))
        .filter_map(|l| l.split_whitespace().next())
        .map(|q| q.split_once('.').unwrap_or(("public", q)))
}

/// The schemas the tools create for their tables (`drizzle`, `supabase_migrations`).
pub fn tool_schemas() -> impl Iterator<Item = &'static str> {
    TOOL_TABLES
        .lines()
        .filter_map(|l| l.strip_prefix("CREATE SCHEMA IF NOT EXISTS "))
        .map(|l| l.trim_end_matches(';'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Layout;

    #[test]
    fn each_layout_gets_its_tools_tables() {
        let diesel = tool_tables(Layout::Diesel).unwrap();
        assert!(diesel.contains("__diesel_schema_migrations") && !diesel.contains("_sqlx"));
        let versioned = tool_tables(Layout::Versioned).unwrap();
        assert!(versioned.contains("_sqlx_migrations") && versioned.contains("goose_db_version"));
        assert!(tool_tables(Layout::RailsStructure).is_none());
        assert!(is_tool_table("drizzle", "__drizzle_migrations"));
        assert!(is_tool_table("public", "schema_migrations"));
        assert!(!is_tool_table("public", "users"));
    }
}
