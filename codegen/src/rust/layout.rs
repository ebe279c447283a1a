//! The generated crate's module names, decided in one place: a module per schema (renamed
//! when it collides with `pgforge` or `queries`), in it a module per table and view (suffixed
//! when named like its schema) and `functions`. The emitter lays the crate out by it; the
//! checked queries find a table's `Row` by it.

use super::naming::{dedupe, snake};
use schema::ir::{Namespace, Schema, TypeKind};

/// The module of the checked queries, at the generated root.
pub const QUERIES_MODULE: &str = "queries";

/// One schema's modules, in the emitter's order.
pub struct SchemaModule<'s> {
    pub ns: &'s Namespace,
    pub module: String,
    /// The modules of its (non-built-in) tables, then of its views, in map order.
    pub tables: Vec<String>,
    pub views: Vec<String>,
    pub functions: String,
}

/// Every schema that gets a module.
pub fn layout(s: &Schema) -> Vec<SchemaModule<'_>> {
    let used_types = builtin_types_used(s);
    let schemas: Vec<&Namespace> = s
        .user_schemas()
        .filter(|ns| {
            ns.tables.values().any(|t| !t.builtin)
                || ns.views.values().any(|v| !v.builtin)
                || ns.types.values().any(|t| !t.builtin)
                || used_types.iter().any(|(schema, _)| schema == &ns.name)
                || ns
                    .functions
                    .values()
                    .flatten()
                    .any(super::queries::wrappable)
        })
        .collect();
    // The support modules' names go first, so a schema named like one is the one renamed.
    let mut module_names = dedupe(
        [super::support::MODULE, QUERIES_MODULE]
            .into_iter()
            .map(String::from)
            .chain(schemas.iter().map(|ns| snake(&ns.name)))
            .collect(),
    );
    module_names.drain(..2);
    schemas
        .into_iter()
        .zip(module_names)
        .map(|(ns, module)| relations(ns, module))
        .collect()
}

fn relations(ns: &Namespace, module: String) -> SchemaModule<'_> {
    // A relation named like its schema (`test.test`) would be `test::test`: suffixed.
    let own = |n: String, suffix: &str| {
        if n.trim_start_matches("r#") == module.trim_start_matches("r#") {
            format!("{}_{suffix}", n.trim_start_matches("r#"))
        } else {
            n
        }
    };
    let tables = ns.tables.values().filter(|t| !t.builtin);
    let views = ns.views.values().filter(|v| !v.builtin);
    let (nt, nv) = (tables.clone().count(), views.clone().count());
    let rels: Vec<String> = tables
        .map(|t| own(snake(&t.name), "table"))
        .chain(views.map(|v| own(snake(&v.name), "view")))
        .chain(["functions".to_string()])
        .collect();
    let mut names = dedupe(rels);
    let functions = names.pop().expect("functions is named");
    let views = names.split_off(nt);
    debug_assert_eq!(views.len(), nv);
    SchemaModule {
        ns,
        module,
        tables: names,
        views,
        functions,
    }
}

/// Built-in types (Supabase's `storage.buckettype`, say) that the project's own tables and
/// views use: the generated crate needs them too.
pub fn builtin_types_used(s: &Schema) -> std::collections::BTreeSet<(String, String)> {
    fn walk(
        s: &Schema,
        t: &schema::ir::PgType,
        out: &mut std::collections::BTreeSet<(String, String)>,
    ) {
        match t {
            schema::ir::PgType::Array { element, .. } => walk(s, element, out),
            schema::ir::PgType::User {
                schema, type_name, ..
            } => {
                let def = s.schemas.get(schema).and_then(|ns| ns.types.get(type_name));
                if let Some(def) = def.filter(|d| d.builtin) {
                    if out.insert((schema.clone(), type_name.clone())) {
                        if let TypeKind::Domain { base, .. } = &def.kind {
                            walk(s, base, out);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = std::collections::BTreeSet::new();
    for ns in s.schemas.values() {
        for t in ns.tables.values().filter(|t| !t.builtin) {
            for c in &t.columns {
                walk(s, &c.ty, &mut out);
            }
        }
        for v in ns.views.values().filter(|v| !v.builtin) {
            for ty in v.columns.iter().filter_map(|c| c.ty.as_ref()) {
                walk(s, ty, &mut out);
            }
        }
    }
    out
}
