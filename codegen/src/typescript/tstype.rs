//! PostgreSQL type → TypeScript type, as the generator's `pgTypeToTsType` maps it: by type
//! name, with enums, composite types and row types looked up by name (the owning schema
//! preferred). Everything it does not know is `unknown` (ranges, `inet`, `money`, …).

use super::meta::Meta;
use schema::ir::{TypeDef, TypeKind};

/// A TypeScript type: the members of a union (one member for a plain type), each as text.
/// Kept apart so the printer can lay a union out without re-reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsType {
    pub members: Vec<String>,
}

impl TsType {
    /// The type as one line of text: `A | B`.
    pub fn text(&self) -> String {
        self.members.join(" | ")
    }
    fn is_union(&self) -> bool {
        self.members.len() > 1
    }
}

fn plain(s: impl Into<String>) -> TsType {
    TsType {
        members: vec![s.into()],
    }
}

pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn all_types<'a>(meta: &'a Meta) -> impl Iterator<Item = &'a TypeDef> {
    meta.ir.schemas.values().flat_map(|n| n.types.values())
}

/// `pgTypeToTsType(schema, pgType, context, typeSchema)`.
pub fn ts_type<'a>(meta: &'a Meta, schema: &str, pg_type: &str, type_schema: &str) -> TsType {
    match pg_type {
        "bool" => return plain("boolean"),
        "int2" | "int4" | "int8" | "float4" | "float8" | "numeric" => return plain("number"),
        "bytea" | "bpchar" | "varchar" | "date" | "text" | "citext" | "time" | "timetz"
        | "timestamp" | "timestamptz" | "uuid" | "vector" | "interval" => return plain("string"),
        "json" | "jsonb" => return plain("Json"),
        "void" => return plain("undefined"),
        "record" => return plain("Record<string, unknown>"),
        _ => {}
    }
    if let Some(element) = pg_type.strip_prefix('_') {
        let e = ts_type(meta, schema, element, type_schema);
        // oxfmt drops the generator's parentheses where they are not needed.
        return plain(if e.is_union() {
            format!("({})[]", e.text())
        } else {
            format!("{}[]", e.text())
        });
    }
    let preferred = if type_schema.is_empty() {
        schema
    } else {
        type_schema
    };
    let pick = |found: Vec<&'a TypeDef>| -> Option<&'a TypeDef> {
        found
            .iter()
            .find(|t| t.schema == preferred)
            .or(found.first())
            .copied()
    };
    let enums: Vec<&TypeDef> = all_types(meta)
        .filter(|t| {
            t.name == pg_type && matches!(&t.kind, TypeKind::Enum { values } if !values.is_empty())
        })
        .collect();
    if let Some(t) = pick(enums) {
        let TypeKind::Enum { values } = &t.kind else {
            unreachable!("filtered to enums")
        };
        if meta.schemas.contains(&t.schema) {
            return plain(format!(
                "Database[{}][\"Enums\"][{}]",
                json_string(&t.schema),
                json_string(&t.name)
            ));
        }
        return TsType {
            members: values.iter().map(|v| json_string(v)).collect(),
        };
    }
    let composites: Vec<&TypeDef> = all_types(meta)
        .filter(|t| {
            t.name == pg_type
                && matches!(&t.kind, TypeKind::Composite { attributes } if !attributes.is_empty())
        })
        .collect();
    if let Some(t) = pick(composites) {
        if meta.schemas.contains(&t.schema) {
            return plain(format!(
                "Database[{}][\"CompositeTypes\"][{}]",
                json_string(&t.schema),
                json_string(&t.name)
            ));
        }
        return plain("unknown");
    }
    // Row types: tables (then foreign tables), then views (then materialized views), the
    // owning schema first.
    use super::meta::RelKind::*;
    let order = [Table, ForeignTable, View, MaterializedView];
    let find = |same_schema: bool| {
        order.iter().find_map(|k| {
            meta.relations.iter().find(|r| {
                r.kind == *k && r.name == pg_type && (!same_schema || r.schema == preferred)
            })
        })
    };
    if let Some(r) = find(true).or_else(|| find(false)) {
        let kind = if matches!(r.kind, Table | ForeignTable) {
            "Tables"
        } else {
            "Views"
        };
        return plain(format!(
            "Database[{}][\"{kind}\"][{}][\"Row\"]",
            json_string(&r.schema),
            json_string(&r.name)
        ));
    }
    plain("unknown")
}

/// `generateNullableUnionTsType`: `| null` for nullable columns (not for `unknown`), and
/// `NonNullable<Json>` for NOT NULL json.
pub fn nullable(t: TsType, is_nullable: bool) -> TsType {
    let one = |m: &str| t.members.len() == 1 && t.members[0] == m;
    if one("Json") && !is_nullable {
        return plain("NonNullable<Json>");
    }
    if one("unknown") || one("any") || !is_nullable {
        return t;
    }
    let mut members = t.members;
    members.push("null".into());
    TsType { members }
}
