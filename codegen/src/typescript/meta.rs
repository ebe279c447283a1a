//! What Supabase's generator reads from a live database (`@supabase/postgrest-typegen`'s
//! introspection), derived from pgforge's model instead: relations with their columns as the
//! catalog reports them, foreign-key relationships including the copies PostgREST makes onto
//! views, and functions with their arguments in `pg_proc`'s shape. Names and rules follow
//! the generator's source so the emitter (`print.rs`) can be a direct port of its template.

use super::collate::compare;
use schema::ir::{
    ArgMode, ConstraintKind, Function, IdentityKind, PgType, Returns, Schema, Table, TableKind,
    TriggerTiming, TypeClass, TypeKind, View,
};
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelKind {
    Table,
    ForeignTable,
    View,
    MaterializedView,
}

/// A table, foreign table, view or materialized view of an included schema.
#[derive(Debug)]
pub struct Relation {
    pub schema: String,
    pub name: String,
    pub kind: RelKind,
    /// Sorted by name.
    pub columns: Vec<Col>,
    /// Views: PostgREST may INSERT / UPDATE through it (automatically updatable, or an
    /// INSTEAD OF trigger for that event).
    pub insert_enabled: bool,
    pub update_enabled: bool,
}

/// A column as the generator's `columns` query reports it.
#[derive(Debug, Clone)]
pub struct Col {
    pub name: String,
    /// The type name (`int4`, `_text`, an enum's name); a domain's base type. Empty when
    /// pgforge cannot tell (a view column computed by an expression it does not type).
    pub format: String,
    pub type_schema: String,
    pub nullable: bool,
    pub identity: bool,
    pub identity_always: bool,
    pub generated: bool,
    pub has_default: bool,
    pub updatable: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Relationship {
    pub foreign_key_name: String,
    pub schema: String,
    pub relation: String,
    pub columns: Vec<String>,
    pub is_one_to_one: bool,
    pub referenced_schema: String,
    pub referenced_relation: String,
    pub referenced_columns: Vec<String>,
}

/// A type as `pg_type` names it: `typname` and its schema.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeRef {
    pub name: String,
    pub schema: String,
    /// A table, view or composite type's row type (`typrelid <> 0`).
    pub relation: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    In,
    Out,
    InOut,
    Variadic,
    /// A column of `RETURNS TABLE (…)`.
    Table,
}

#[derive(Debug, Clone)]
pub struct FnArg {
    /// Empty for an unnamed argument, as `proargnames` has it.
    pub name: String,
    pub mode: Mode,
    pub ty: TypeRef,
    pub has_default: bool,
}

impl FnArg {
    pub fn is_input(&self) -> bool {
        matches!(self.mode, Mode::In | Mode::InOut | Mode::Variadic)
    }
}

#[derive(Debug)]
pub struct Func {
    pub schema: String,
    pub name: String,
    /// Sorted by name, as `sortGeneratorMetadata` leaves them.
    pub args: Vec<FnArg>,
    pub return_type: TypeRef,
    pub setof: bool,
    /// `prorows` of a set-returning function (1000 unless `ROWS n`).
    pub rows: Option<f64>,
    /// `pg_get_function_arguments` and `pg_get_function_result`, for ordering overloads.
    pub argument_types: String,
    pub result_text: String,
}

/// Everything the emitter reads, for the included schemas.
pub struct Meta<'s> {
    pub ir: &'s Schema,
    /// Included schemas that exist, sorted.
    pub schemas: Vec<String>,
    pub relations: Vec<Relation>,
    pub relationships: Vec<Relationship>,
    /// Indexes into `relationships` by (schema, relation), in their order.
    by_relation: std::collections::HashMap<(String, String), Vec<usize>>,
    pub functions: Vec<Func>,
}

/// `typname` of a type as it is stored (a domain keeps its own name).
pub fn type_ref(ir: &Schema, ty: &PgType) -> TypeRef {
    use PgType::*;
    let builtin = |n: &str| TypeRef {
        name: n.to_string(),
        schema: "pg_catalog".into(),
        relation: false,
    };
    match ty {
        Bool => builtin("bool"),
        Int2 => builtin("int2"),
        Int4 => builtin("int4"),
        Int8 => builtin("int8"),
        Float4 => builtin("float4"),
        Float8 => builtin("float8"),
        Numeric { .. } => builtin("numeric"),
        Money => builtin("money"),
        Text => builtin("text"),
        Varchar { .. } => builtin("varchar"),
        Char { .. } => builtin("bpchar"),
        Name => builtin("name"),
        Citext => TypeRef {
            name: "citext".into(),
            schema: ir.extension_schema("citext").to_string(),
            relation: false,
        },
        Bytea => builtin("bytea"),
        Uuid => builtin("uuid"),
        Date => builtin("date"),
        Time { tz, .. } => builtin(if *tz { "timetz" } else { "time" }),
        Timestamp { tz, .. } => builtin(if *tz { "timestamptz" } else { "timestamp" }),
        Interval { .. } => builtin("interval"),
        Json => builtin("json"),
        Jsonb => builtin("jsonb"),
        Xml => builtin("xml"),
        Inet => builtin("inet"),
        Cidr => builtin("cidr"),
        Macaddr => builtin("macaddr"),
        Macaddr8 => builtin("macaddr8"),
        Bit { varying, .. } => builtin(if *varying { "varbit" } else { "bit" }),
        Tsvector => builtin("tsvector"),
        Tsquery => builtin("tsquery"),
        Oid => builtin("oid"),
        Vector { .. } => TypeRef {
            name: "vector".into(),
            schema: ir.extension_schema("vector").to_string(),
            relation: false,
        },
        Array { element, .. } => {
            let e = type_ref(ir, element);
            TypeRef {
                name: format!("_{}", e.name),
                schema: e.schema,
                relation: false,
            }
        }
        User {
            schema,
            type_name,
            class,
        } => TypeRef {
            name: type_name.clone(),
            schema: schema.clone(),
            relation: matches!(class, TypeClass::Table | TypeClass::Composite),
        },
        Other {
            schema, type_name, ..
        } => TypeRef {
            name: type_name.clone(),
            schema: schema.clone().unwrap_or_else(|| "pg_catalog".into()),
            relation: false,
        },
        Pseudo { type_name } => builtin(type_name),
    }
}

/// The OID PostgreSQL gives a built-in type (fixed in `pg_type.dat`); types created by
/// migrations come after every built-in one, as on a real server. The generator orders
/// conflicting overloads by argument type OID.
pub fn type_oid(t: &TypeRef) -> u32 {
    let builtin = [
        ("bool", 16),
        ("bytea", 17),
        ("char", 18),
        ("name", 19),
        ("int8", 20),
        ("int2", 21),
        ("int4", 23),
        ("text", 25),
        ("oid", 26),
        ("json", 114),
        ("xml", 142),
        ("cidr", 650),
        ("float4", 700),
        ("float8", 701),
        ("macaddr8", 774),
        ("money", 790),
        ("macaddr", 829),
        ("inet", 869),
        ("_bool", 1000),
        ("_bytea", 1001),
        ("_int2", 1005),
        ("_int4", 1007),
        ("_text", 1009),
        ("_bpchar", 1014),
        ("_varchar", 1015),
        ("_int8", 1016),
        ("_float4", 1021),
        ("_float8", 1022),
        ("bpchar", 1042),
        ("varchar", 1043),
        ("date", 1082),
        ("time", 1083),
        ("timestamp", 1114),
        ("_timestamp", 1115),
        ("_date", 1182),
        ("timestamptz", 1184),
        ("_timestamptz", 1185),
        ("interval", 1186),
        ("timetz", 1266),
        ("bit", 1560),
        ("varbit", 1562),
        ("numeric", 1700),
        ("_numeric", 1231),
        ("record", 2249),
        ("void", 2278),
        ("uuid", 2950),
        ("_uuid", 2951),
        ("tsvector", 3614),
        ("tsquery", 3615),
        ("jsonb", 3802),
        ("_jsonb", 3807),
        ("_json", 199),
    ];
    match builtin
        .iter()
        .find(|(n, _)| *n == t.name)
        .filter(|_| t.schema == "pg_catalog")
    {
        Some((_, oid)) => *oid,
        None => 16384,
    }
}

fn domain(ir: &Schema, ty: &PgType) -> Option<(PgType, bool)> {
    if let PgType::User {
        schema,
        type_name,
        class: TypeClass::Domain,
    } = ty
    {
        if let Some(TypeKind::Domain { base, not_null, .. }) = ir
            .schemas
            .get(schema)
            .and_then(|s| s.types.get(type_name))
            .map(|t| &t.kind)
        {
            return Some((base.clone(), *not_null));
        }
    }
    None
}

/// `format` and `type_schema` of a column: a domain reports its base type.
fn column_type(ir: &Schema, ty: &PgType) -> TypeRef {
    match domain(ir, ty) {
        Some((base, _)) => type_ref(ir, &base),
        None => type_ref(ir, ty),
    }
}

fn domain_not_null(ir: &Schema, ty: &PgType) -> bool {
    domain(ir, ty).is_some_and(|(_, nn)| nn)
}

fn table_columns(ir: &Schema, t: &Table) -> Vec<Col> {
    t.columns
        .iter()
        .map(|c| {
            let ty = column_type(ir, &c.ty);
            Col {
                name: c.name.clone(),
                format: ty.name,
                type_schema: ty.schema,
                nullable: !(c.not_null || domain_not_null(ir, &c.ty)),
                identity: c.identity.is_some(),
                identity_always: c
                    .identity
                    .as_ref()
                    .is_some_and(|i| i.kind == IdentityKind::Always),
                generated: c.generated.is_some(),
                has_default: c.default.is_some(),
                updatable: true,
            }
        })
        .collect()
}

fn view_trigger(v: &View, event: &str) -> bool {
    v.triggers.iter().any(|t| {
        t.timing == TriggerTiming::InsteadOf
            && t.events
                .iter()
                .any(|e| e.split_whitespace().next() == Some(event))
    })
}

fn view_columns(ir: &Schema, v: &View, inferred_nullability: bool) -> Vec<Col> {
    let writable_by_trigger =
        !v.materialized && (view_trigger(v, "insert") || view_trigger(v, "update"));
    v.columns
        .iter()
        .map(|c| {
            let ty = c.ty.as_ref().map(|t| column_type(ir, t));
            Col {
                name: c.name.clone(),
                format: ty.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
                type_schema: ty.map(|t| t.schema).unwrap_or_default(),
                // A view column is never attnotnull; only a NOT NULL domain says otherwise
                // (and, when asked, the analyzer's proof).
                nullable: !(c.ty.as_ref().is_some_and(|t| domain_not_null(ir, t))
                    || (inferred_nullability && c.not_null)),
                identity: false,
                identity_always: false,
                generated: false,
                has_default: false,
                updatable: !v.materialized && (c.updatable || writable_by_trigger),
            }
        })
        .collect()
}

fn sort_columns(mut cols: Vec<Col>) -> Vec<Col> {
    cols.sort_by(|a, b| compare(&a.name, &b.name));
    cols
}

/// Whether a foreign key's columns (in key order) are exactly a primary key's or unique
/// constraint's (in table column order), as the generator's `is_one_to_one` tests.
fn one_to_one(t: &Table, fk_cols: &[String]) -> bool {
    let pos = |c: &String| {
        t.columns
            .iter()
            .position(|x| &x.name == c)
            .unwrap_or(usize::MAX)
    };
    t.constraints.iter().any(|k| match &k.kind {
        ConstraintKind::PrimaryKey { columns, .. } | ConstraintKind::Unique { columns, .. } => {
            let mut cols = columns.clone();
            cols.sort_by_key(pos);
            cols == fk_cols
        }
        _ => false,
    })
}

fn table_relationships(ir: &Schema, included: &[String]) -> Vec<Relationship> {
    let mut out = vec![];
    for s in included {
        let Some(ns) = ir.schemas.get(s) else {
            continue;
        };
        for t in ns.tables.values() {
            for k in &t.constraints {
                if let ConstraintKind::ForeignKey {
                    columns,
                    references,
                    referenced_columns,
                    ..
                } = &k.kind
                {
                    out.push(Relationship {
                        foreign_key_name: k.name.clone(),
                        schema: t.schema.clone(),
                        relation: t.name.clone(),
                        columns: columns.clone(),
                        is_one_to_one: one_to_one(t, columns),
                        referenced_schema: references.schema.clone(),
                        referenced_relation: references.name.clone(),
                        referenced_columns: referenced_columns.clone(),
                    });
                }
            }
        }
    }
    out
}

/// The view columns exposing each of `cols` of `schema.table`, or `None` unless every one is
/// exposed (PostgREST's view key dependencies).
fn exposed(v: &View, schema: &str, table: &str, cols: &[String]) -> Option<Vec<Vec<String>>> {
    cols.iter()
        .map(|c| {
            let names: Vec<String> = v
                .columns
                .iter()
                .filter(|vc| {
                    vc.source
                        .as_ref()
                        .is_some_and(|(q, n)| q.schema == schema && q.name == table && n == c)
                })
                .map(|vc| vc.name.clone())
                .collect();
            (!names.is_empty()).then_some(names)
        })
        .collect()
}

fn cartesian(lists: &[Vec<String>]) -> Vec<Vec<String>> {
    lists.iter().fold(vec![vec![]], |acc, entries| {
        acc.iter()
            .flat_map(|combo| {
                entries
                    .iter()
                    .map(move |e| [combo.clone(), vec![e.clone()]].concat())
            })
            .collect()
    })
}

/// The copies of table relationships onto views that expose the key columns
/// (`expandViewRelationships` of the generator, fed by its view key dependency query).
fn view_relationships(views: &[&View], table_rels: &[Relationship]) -> Vec<Relationship> {
    // The views that show a column of each table, in `views` order: only they can expose one
    // of its keys (looking at every view for every key was quadratic).
    let mut showing: std::collections::HashMap<(&str, &str), Vec<&View>> = Default::default();
    for v in views {
        for (q, _) in v.columns.iter().filter_map(|c| c.source.as_ref()) {
            let list = showing.entry((&q.schema, &q.name)).or_default();
            if !list.last().is_some_and(|l| std::ptr::eq(*l, *v)) {
                list.push(v);
            }
        }
    }
    let showing =
        |schema: &str, table: &str| showing.get(&(schema, table)).cloned().unwrap_or_default();
    let mut out = vec![];
    for r in table_rels {
        let from: Vec<(&View, Vec<Vec<String>>)> = showing(&r.schema, &r.relation)
            .into_iter()
            .filter_map(|v| {
                exposed(v, &r.schema, &r.relation, &r.columns).map(|e| (v, cartesian(&e)))
            })
            .collect();
        let to: Vec<(&View, Vec<Vec<String>>)> =
            showing(&r.referenced_schema, &r.referenced_relation)
                .into_iter()
                .filter_map(|v| {
                    exposed(
                        v,
                        &r.referenced_schema,
                        &r.referenced_relation,
                        &r.referenced_columns,
                    )
                    .map(|e| (v, cartesian(&e)))
                })
                .collect();
        for (v, combos) in &from {
            for cols in combos {
                out.push(Relationship {
                    schema: v.schema.clone(),
                    relation: v.name.clone(),
                    columns: cols.clone(),
                    ..r.clone()
                });
            }
        }
        for (v, combos) in &to {
            for cols in combos {
                out.push(Relationship {
                    referenced_schema: v.schema.clone(),
                    referenced_relation: v.name.clone(),
                    referenced_columns: cols.clone(),
                    ..r.clone()
                });
            }
        }
        for (fv, fcombos) in &from {
            for fcols in fcombos {
                for (tv, tcombos) in &to {
                    for tcols in tcombos {
                        out.push(Relationship {
                            schema: fv.schema.clone(),
                            relation: fv.name.clone(),
                            columns: fcols.clone(),
                            referenced_schema: tv.schema.clone(),
                            referenced_relation: tv.name.clone(),
                            referenced_columns: tcols.clone(),
                            ..r.clone()
                        });
                    }
                }
            }
        }
    }
    out
}

fn json_list(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// The generator's relationship order (`sortGeneratorMetadata`).
fn by_relationship(a: &Relationship, b: &Relationship) -> Ordering {
    compare(&a.foreign_key_name, &b.foreign_key_name)
        .then_with(|| compare(&a.referenced_relation, &b.referenced_relation))
        .then_with(|| {
            compare(
                &json_list(&a.referenced_columns),
                &json_list(&b.referenced_columns),
            )
        })
        .then_with(|| compare(&a.referenced_schema, &b.referenced_schema))
        .then_with(|| compare(&a.schema, &b.schema))
        .then_with(|| compare(&a.relation, &b.relation))
        .then_with(|| compare(&json_list(&a.columns), &json_list(&b.columns)))
}

fn func(ir: &Schema, f: &Function) -> Option<Func> {
    if f.procedure {
        return None;
    }
    let (return_type, setof) = match &f.returns {
        Returns::None => return None,
        Returns::Type { ty, setof } => (type_ref(ir, ty), *setof),
        Returns::Table { .. } => (
            type_ref(
                ir,
                &PgType::Pseudo {
                    type_name: "record".into(),
                },
            ),
            true,
        ),
    };
    if return_type.name == "trigger" || return_type.name == "event_trigger" {
        return None;
    }
    let inputs = f.args.iter().filter(|a| a.mode != ArgMode::Out).count();
    let defaults = f
        .args
        .iter()
        .filter(|a| a.mode != ArgMode::Out && a.default.is_some())
        .count();
    let mut args: Vec<FnArg> = f
        .args
        .iter()
        .enumerate()
        .map(|(i, a)| FnArg {
            name: a.name.clone().unwrap_or_default(),
            mode: match a.mode {
                ArgMode::In => Mode::In,
                ArgMode::Out => Mode::Out,
                ArgMode::InOut => Mode::InOut,
                ArgMode::Variadic => Mode::Variadic,
            },
            ty: type_ref(ir, &a.ty),
            // pg_proc keeps one flag per input argument, matched by position against every
            // argument (the generator's query does the same).
            has_default: i < inputs && i >= inputs - defaults,
        })
        .collect();
    if let Returns::Table { columns } = &f.returns {
        args.extend(columns.iter().map(|c| FnArg {
            name: c.name.clone(),
            mode: Mode::Table,
            ty: type_ref(ir, &c.ty),
            has_default: false,
        }));
    }
    args.sort_by(|a, b| compare(&a.name, &b.name));
    let argument_types = f
        .args
        .iter()
        .map(|a| a.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let result_text = match &f.returns {
        Returns::Type { ty, setof } => format!("{}{ty}", if *setof { "SETOF " } else { "" }),
        Returns::Table { columns } => format!(
            "TABLE({})",
            columns
                .iter()
                .map(|c| format!("{} {}", c.name, c.ty))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Returns::None => String::new(),
    };
    Some(Func {
        schema: f.schema.clone(),
        name: f.name.clone(),
        args,
        return_type,
        setof,
        rows: setof
            .then(|| f.rows.unwrap_or(1000.0))
            .filter(|r| *r != 0.0),
        argument_types,
        result_text,
    })
}

impl<'s> Meta<'s> {
    pub fn new(ir: &'s Schema, wanted: &[String], inferred_nullability: bool) -> Meta<'s> {
        let mut schemas: Vec<String> = wanted
            .iter()
            .filter(|s| ir.schemas.contains_key(*s))
            .cloned()
            .collect();
        schemas.sort_by(|a, b| compare(a, b));
        schemas.dedup();
        let mut relations = vec![];
        let mut views: Vec<&View> = vec![];
        let mut functions = vec![];
        for s in &schemas {
            let ns = &ir.schemas[s];
            for t in ns.tables.values() {
                let kind = if t.kind == TableKind::Foreign {
                    RelKind::ForeignTable
                } else {
                    RelKind::Table
                };
                relations.push(Relation {
                    schema: s.clone(),
                    name: t.name.clone(),
                    kind,
                    columns: sort_columns(table_columns(ir, t)),
                    insert_enabled: true,
                    update_enabled: true,
                });
            }
            for v in ns.views.values() {
                views.push(v);
                let kind = if v.materialized {
                    RelKind::MaterializedView
                } else {
                    RelKind::View
                };
                relations.push(Relation {
                    schema: s.clone(),
                    name: v.name.clone(),
                    kind,
                    columns: sort_columns(view_columns(ir, v, inferred_nullability)),
                    insert_enabled: !v.materialized && (v.updatable || view_trigger(v, "insert")),
                    update_enabled: !v.materialized && (v.updatable || view_trigger(v, "update")),
                });
            }
            functions.extend(ns.functions.values().flatten().filter_map(|f| func(ir, f)));
        }
        let mut relationships = table_relationships(ir, &schemas);
        let copies = view_relationships(&views, &relationships);
        relationships.extend(copies);
        relationships.sort_by(by_relationship);
        let mut by_relation: std::collections::HashMap<(String, String), Vec<usize>> =
            Default::default();
        for (i, r) in relationships.iter().enumerate() {
            let key = (r.schema.clone(), r.relation.clone());
            by_relation.entry(key).or_default().push(i);
        }
        Meta {
            ir,
            schemas,
            relations,
            relationships,
            by_relation,
            functions,
        }
    }

    /// The relationships from `schema.relation`, in order.
    pub fn relationships_of<'m>(
        &'m self,
        schema: &str,
        relation: &str,
    ) -> impl Iterator<Item = &'m Relationship> + 'm {
        let found = self
            .by_relation
            .get(&(schema.to_string(), relation.to_string()));
        found
            .into_iter()
            .flatten()
            .map(move |&i| &self.relationships[i])
    }

    pub fn relation(&self, schema: &str, name: &str) -> Option<&Relation> {
        self.relations
            .iter()
            .find(|r| r.schema == schema && r.name == name)
    }
}
