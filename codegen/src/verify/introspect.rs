//! Read what PostgreSQL built (`introspect.sql`) into plain structs.

use serde::Deserialize;

pub const QUERY: &str = include_str!("introspect.sql");

#[derive(Debug, Default, Deserialize)]
pub struct Db {
    pub schemas: Vec<String>,
    pub tables: Vec<DbTable>,
    pub columns: Vec<DbColumn>,
    pub constraints: Vec<DbConstraint>,
    pub types: Vec<DbType>,
    pub views: Vec<DbView>,
    pub indexes: Vec<DbIndex>,
    pub functions: Vec<DbFunction>,
    pub triggers: Vec<DbTrigger>,
    pub policies: Vec<DbPolicy>,
    pub comments: Vec<DbComment>,
}

#[derive(Debug, Deserialize)]
pub struct DbTable {
    pub schema: String,
    pub name: String,
    pub kind: String,
    pub rls: bool,
    pub force: bool,
}

#[derive(Debug, Deserialize)]
pub struct DbColumn {
    pub schema: String,
    pub table: String,
    pub name: String,
    pub pos: u32,
    #[serde(rename = "type")]
    pub ty: String,
    pub not_null: bool,
    pub default: Option<String>,
    pub generation: Option<String>,
    pub identity: String,
    pub generated: String,
    pub rel: String,
    /// A view column's `pg_column_is_updatable` (without triggers).
    pub updatable: bool,
}

#[derive(Debug, Deserialize)]
pub struct DbConstraint {
    pub schema: String,
    pub table: String,
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    pub columns: Option<Vec<String>>,
    #[serde(rename = "ref")]
    pub target: Option<DbRef>,
    pub ref_columns: Option<Vec<String>>,
    pub on_update: String,
    pub on_delete: String,
    pub def: String,
    pub deferrable: bool,
    pub deferred: bool,
    pub validated: bool,
}

#[derive(Debug, Deserialize)]
pub struct DbRef {
    pub schema: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
pub struct DbType {
    pub schema: String,
    pub name: String,
    pub kind: String,
    pub labels: Option<Vec<String>>,
    pub attributes: Option<Vec<(String, String)>>,
    pub base: Option<String>,
    pub not_null: bool,
}

#[derive(Debug, Deserialize)]
pub struct DbView {
    pub schema: String,
    pub name: String,
    pub materialized: bool,
    /// `pg_relation_is_updatable` without triggers: INSERT and UPDATE both.
    pub updatable: bool,
}

#[derive(Debug, Deserialize)]
pub struct DbIndex {
    pub schema: String,
    pub name: String,
    pub table: String,
    pub unique: bool,
    pub method: String,
    pub def: String,
    pub constraint: bool,
}

#[derive(Debug, Deserialize)]
pub struct DbFunction {
    pub schema: String,
    pub name: String,
    pub args: String,
    pub result: Option<String>,
    pub kind: String,
}

#[derive(Debug, Deserialize)]
pub struct DbTrigger {
    pub schema: String,
    pub table: String,
    pub name: String,
    #[serde(rename = "type")]
    pub ty: i32,
    pub function: String,
}

#[derive(Debug, Deserialize)]
pub struct DbPolicy {
    pub schema: String,
    pub table: String,
    pub name: String,
    pub cmd: String,
    pub permissive: bool,
    pub roles: Vec<String>,
    pub using: Option<String>,
    pub check: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct DbComment {
    pub object: String,
    pub text: String,
}

impl DbTrigger {
    /// (timing, events sorted, for each row) decoded from `tgtype`.
    pub fn decode(&self) -> (String, Vec<&'static str>, bool) {
        let t = self.ty;
        let row = t & 1 != 0;
        let timing = if t & 2 != 0 {
            "before"
        } else if t & 64 != 0 {
            "instead of"
        } else {
            "after"
        };
        let mut ev = vec![];
        if t & 4 != 0 {
            ev.push("insert");
        }
        if t & 8 != 0 {
            ev.push("delete");
        }
        if t & 16 != 0 {
            ev.push("update");
        }
        if t & 32 != 0 {
            ev.push("truncate");
        }
        ev.sort();
        (timing.to_string(), ev, row)
    }
}
