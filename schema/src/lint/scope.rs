//! What the rules look at: the project's own schemas, the ones the API exposes, and whether
//! the API's roles may read a relation.

use super::{Context, SUPABASE_SCHEMAS};
use crate::ir::{Acl, Namespace, Privilege, Table};

/// The project's own namespaces, outside the schemas Supabase manages.
pub(super) fn own<'a>(cx: &'a Context) -> impl Iterator<Item = &'a Namespace> {
    cx.schema
        .schemas
        .values()
        .filter(|ns| !SUPABASE_SCHEMAS.contains(&ns.name.as_str()) && !ns.name.starts_with("pg_"))
}

pub(super) fn own_tables<'a>(cx: &'a Context) -> impl Iterator<Item = &'a Table> {
    own(cx).flat_map(|ns| ns.tables.values().filter(|t| !t.builtin))
}

/// The namespaces the API exposes (Supabase's `[api] schemas`).
pub(super) fn exposed<'a>(cx: &'a Context) -> impl Iterator<Item = &'a Namespace> {
    cx.schema
        .schemas
        .values()
        .filter(|ns| cx.exposed.contains(&ns.name))
}

/// Whether the API's roles may read a relation with this ACL (`has_table_privilege('anon' |
/// 'authenticated', …, 'SELECT')`).
pub(super) fn selectable_through_api(acl: &Acl) -> bool {
    acl.allows("anon", Privilege::Select) || acl.allows("authenticated", Privilege::Select)
}
