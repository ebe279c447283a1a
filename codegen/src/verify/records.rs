//! Both sides of the comparison in one shape: per kind, a map from a key (`schema.table.col`)
//! to a canonical description. The model side renders types the way `format_type` does with
//! `search_path = pg_catalog` (everything outside pg_catalog qualified).

use super::introspect::Db;
use super::probe::Probed;
use super::text::{action, identity_args, index_body, result_text, type_text};
use schema::ir::{self, ConstraintKind, IdentityKind, Schema, TypeKind};
use schema::span::Span;
use std::collections::BTreeMap;

/// One kind's records: key → (description, where the model defined it).
pub type Records = BTreeMap<String, (String, Option<Span>)>;

/// Kinds in report order.
pub const KINDS: &[&str] = &[
    "schemas",
    "tables",
    "columns",
    "defaults",
    "generated expressions",
    "constraints",
    "enums",
    "composite types",
    "domains",
    "views",
    "view columns",
    "view column types",
    "indexes",
    "functions",
    "triggers",
    "rls",
    "policies",
    "comments",
];

#[derive(Default)]
pub struct Side {
    pub kinds: BTreeMap<&'static str, Records>,
    /// Keys whose value the model cannot know offline (kind → keys): "not compared".
    pub unknown: BTreeMap<&'static str, Vec<String>>,
    /// Key prefixes (kind → `schema.table.`) of tables whose columns the model does not
    /// all know: PostgreSQL's keys under them that the model lacks are "not compared".
    pub opaque: BTreeMap<&'static str, Vec<String>>,
}

impl Side {
    fn put(&mut self, kind: &'static str, key: String, value: String, span: Option<Span>) {
        self.kinds
            .entry(kind)
            .or_default()
            .insert(key, (value, span));
    }
}

pub fn model_side(m: &Schema, probed: &Probed) -> Side {
    let mut s = Side::default();
    // The system schemas are left out on PostgreSQL's side too.
    for ns in m
        .schemas
        .values()
        .filter(|n| !matches!(n.name.as_str(), "pg_catalog" | "pg_temp"))
    {
        s.put("schemas", ns.name.clone(), String::new(), Some(ns.span));
        if let Some(c) = &ns.comment {
            s.put(
                "comments",
                format!("schema {}", ns.name),
                c.clone(),
                Some(ns.span),
            );
        }
        model_tables(&mut s, m, probed, ns);
        model_views(&mut s, m, ns);
        model_types(&mut s, m, ns);
        model_functions(&mut s, m, ns);
        model_indexes(&mut s, probed, ns);
    }
    s
}

pub fn db_side(db: &Db) -> Side {
    let mut s = Side::default();
    for n in &db.schemas {
        s.put("schemas", n.clone(), String::new(), None);
    }
    for t in &db.tables {
        let key = format!("{}.{}", t.schema, t.name);
        s.put("tables", key.clone(), format!("kind={}", t.kind), None);
        s.put(
            "rls",
            key,
            format!("enabled={} forced={}", t.rls, t.force),
            None,
        );
    }
    for c in &db.columns {
        let key = format!("{}.{}.{}", c.schema, c.table, c.name);
        if matches!(c.rel.as_str(), "v" | "m") {
            let writable = format!("pos={} updatable={}", c.pos, c.updatable);
            s.put("view columns", key.clone(), writable, None);
            s.put("view column types", key, c.ty.clone(), None);
            continue;
        }
        s.put(
            "columns",
            key.clone(),
            format!(
                "pos={} type={} not_null={} identity={} generated={}",
                c.pos, c.ty, c.not_null, c.identity, c.generated
            ),
            None,
        );
        if let Some(d) = &c.default {
            s.put("defaults", key.clone(), d.clone(), None);
        }
        if let Some(g) = &c.generation {
            s.put("generated expressions", key, g.clone(), None);
        }
    }
    for c in &db.constraints {
        let key = format!("{}.{}.{}", c.schema, c.table, c.name);
        let cols = c.columns.clone().unwrap_or_default().join(", ");
        let v = match c.ty.as_str() {
            "p" => format!("primary key ({cols})"),
            "u" => format!("unique ({cols})"),
            "f" => format!(
                "foreign key ({cols}) references {}.{} ({}) on update {} on delete {}",
                c.target.as_ref().map(|r| r.schema.as_str()).unwrap_or(""),
                c.target.as_ref().map(|r| r.name.as_str()).unwrap_or(""),
                c.ref_columns.clone().unwrap_or_default().join(", "),
                c.on_update,
                c.on_delete
            ),
            "c" => format!("check {}", c.def.trim_end_matches(" NOT VALID")),
            _ => "exclude".into(),
        };
        s.put(
            "constraints",
            key,
            format!(
                "{v} deferrable={} deferred={} valid={}",
                c.deferrable, c.deferred, c.validated
            ),
            None,
        );
    }
    for t in &db.types {
        let key = format!("{}.{}", t.schema, t.name);
        match t.kind.as_str() {
            "e" => s.put(
                "enums",
                key,
                t.labels.clone().unwrap_or_default().join(", "),
                None,
            ),
            "c" => s.put(
                "composite types",
                key,
                t.attributes
                    .clone()
                    .unwrap_or_default()
                    .iter()
                    .map(|(n, ty)| format!("{n} {ty}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                None,
            ),
            "d" => s.put(
                "domains",
                key,
                format!(
                    "base={} not_null={}",
                    t.base.clone().unwrap_or_default(),
                    t.not_null
                ),
                None,
            ),
            _ => {}
        }
    }
    for v in &db.views {
        s.put(
            "views",
            format!("{}.{}", v.schema, v.name),
            format!("materialized={} updatable={}", v.materialized, v.updatable),
            None,
        );
    }
    for i in &db.indexes {
        s.put(
            "indexes",
            format!("{}.{}", i.schema, i.name),
            format!(
                "table={} unique={} {}",
                i.table,
                i.unique,
                index_body(&i.def)
            ),
            None,
        );
    }
    for f in &db.functions {
        s.put(
            "functions",
            format!("{}.{}({})", f.schema, f.name, f.args),
            format!(
                "result={} kind={}",
                f.result.clone().unwrap_or_default(),
                f.kind
            ),
            None,
        );
    }
    for t in &db.triggers {
        let (timing, ev, row) = t.decode();
        s.put(
            "triggers",
            format!("{}.{}.{}", t.schema, t.table, t.name),
            format!(
                "timing={timing} events={} row={row} function={}",
                ev.join(","),
                t.function
            ),
            None,
        );
    }
    for p in &db.policies {
        let cmd = match p.cmd.as_str() {
            "r" => "select",
            "a" => "insert",
            "w" => "update",
            "d" => "delete",
            _ => "all",
        };
        let mut roles = p.roles.clone();
        roles.sort();
        s.put(
            "policies",
            format!("{}.{}.{}", p.schema, p.table, p.name),
            format!(
                "cmd={cmd} permissive={} roles={} {}",
                p.permissive,
                roles.join(","),
                super::text::policy_exprs(p.using.as_deref(), p.check.as_deref())
            ),
            None,
        );
    }
    for c in &db.comments {
        s.put("comments", c.object.clone(), c.text.clone(), None);
    }
    s
}

/// Tables: columns, defaults, generated expressions, constraints, RLS, policies, triggers.
fn model_tables(s: &mut Side, m: &Schema, probed: &Probed, ns: &schema::ir::Namespace) {
    for t in ns.tables.values() {
        let key = format!("{}.{}", t.schema, t.name);
        let kind = match t.kind {
            ir::TableKind::Ordinary => "r",
            ir::TableKind::Partitioned => "p",
            ir::TableKind::Foreign => "f",
        };
        s.put("tables", key.clone(), format!("kind={kind}"), Some(t.span));
        if t.columns_unknown {
            for k in ["columns", "defaults", "generated expressions"] {
                s.opaque.entry(k).or_default().push(format!("{key}."));
            }
        }
        s.put(
            "rls",
            key.clone(),
            format!("enabled={} forced={}", t.rls_enabled, t.rls_forced),
            Some(t.span),
        );
        if let Some(c) = &t.comment {
            s.put("comments", format!("table {key}"), c.clone(), Some(t.span));
        }
        for (i, c) in t.columns.iter().enumerate() {
            let ck = format!("{key}.{}", c.name);
            let identity = match &c.identity {
                Some(i) if i.kind == IdentityKind::Always => "a",
                Some(_) => "d",
                None => "",
            };
            let generated = match &c.generated {
                Some(g) if g.stored => "s",
                Some(_) => "v",
                None => "",
            };
            // A type the model could not derive offline is not compared (as for views).
            if matches!(&c.ty, schema::ir::PgType::Pseudo { type_name } if type_name == "unknown") {
                s.unknown.entry("columns").or_default().push(ck.clone());
                continue;
            }
            s.put(
                "columns",
                ck.clone(),
                format!(
                    "pos={} type={} not_null={} identity={identity} generated={generated}",
                    i + 1,
                    type_text(&c.ty, m),
                    c.not_null
                ),
                Some(c.span),
            );
            if c.default.is_some() {
                let v = probed.defaults.get(&ck).cloned().unwrap_or_else(|| {
                    format!(
                        "<rejected by PostgreSQL: {}>",
                        c.default.as_deref().unwrap_or("")
                    )
                });
                s.put("defaults", ck.clone(), v, Some(c.span));
            }
            if let Some(g) = &c.generated {
                let v = probed
                    .generated
                    .get(&ck)
                    .cloned()
                    .unwrap_or_else(|| format!("<rejected by PostgreSQL: {}>", g.expr));
                s.put("generated expressions", ck.clone(), v, Some(c.span));
            }
            if let Some(cm) = &c.comment {
                s.put("comments", format!("column {ck}"), cm.clone(), Some(c.span));
            }
        }
        for c in &t.constraints {
            let ck = format!("{key}.{}", c.name);
            let attrs = format!(
                " deferrable={} deferred={} valid={}",
                c.deferrable, c.initially_deferred, !c.not_valid
            );
            let v = match &c.kind {
                ConstraintKind::PrimaryKey { columns, .. } => {
                    format!("primary key ({})", columns.join(", "))
                }
                ConstraintKind::Unique { columns, .. } => {
                    format!("unique ({})", columns.join(", "))
                }
                ConstraintKind::ForeignKey {
                    columns,
                    references,
                    referenced_columns,
                    on_delete,
                    on_update,
                    ..
                } => format!(
                    "foreign key ({}) references {}.{} ({}) on update {} on delete {}",
                    columns.join(", "),
                    references.schema,
                    references.name,
                    referenced_columns.join(", "),
                    action(*on_update),
                    action(*on_delete)
                ),
                ConstraintKind::Check { expr, .. } => probed
                    .checks
                    .get(&ck)
                    .map(|d| format!("check {d}"))
                    .unwrap_or_else(|| format!("check <rejected by PostgreSQL: {expr}>")),
                ConstraintKind::Exclude { .. } => "exclude".to_string(),
            };
            s.put("constraints", ck, format!("{v}{attrs}"), Some(c.span));
        }
        for p in &t.policies {
            let pk = format!("{key}.{}", p.name);
            let mut roles = p.roles.clone();
            roles.sort();
            let probe = probed
                .policies
                .get(&pk)
                .cloned()
                .unwrap_or_else(|| "<rejected by PostgreSQL>".into());
            s.put(
                "policies",
                pk,
                format!(
                    "cmd={} permissive={} roles={} {probe}",
                    p.command.as_sql(),
                    p.permissive,
                    roles.join(",")
                ),
                Some(p.span),
            );
        }
        put_triggers(s, &key, &t.triggers);
    }
}

/// A relation's triggers (tables' and views' alike).
fn put_triggers(s: &mut Side, key: &str, triggers: &[schema::ir::Trigger]) {
    for tr in triggers {
        let mut ev: Vec<&str> = tr
            .events
            .iter()
            .map(|e| e.split_whitespace().next().unwrap_or(""))
            .collect();
        ev.sort();
        ev.dedup();
        s.put(
            "triggers",
            format!("{key}.{}", tr.name),
            format!(
                "timing={} events={} row={} function={}",
                tr.timing.as_sql(),
                ev.join(","),
                tr.for_each_row,
                tr.function
            ),
            Some(tr.span),
        );
    }
}

/// Views and their columns.
fn model_views(s: &mut Side, m: &Schema, ns: &schema::ir::Namespace) {
    for v in ns.views.values() {
        let key = format!("{}.{}", v.schema, v.name);
        put_triggers(s, &key, &v.triggers);
        if v.columns_unknown {
            for k in ["view columns", "view column types", "comments"] {
                let prefix = if k == "comments" {
                    format!("column {key}.")
                } else {
                    format!("{key}.")
                };
                s.opaque.entry(k).or_default().push(prefix);
            }
        }
        s.put(
            "views",
            key.clone(),
            format!("materialized={} updatable={}", v.materialized, v.updatable),
            Some(v.span),
        );
        if let Some(c) = &v.comment {
            s.put("comments", format!("table {key}"), c.clone(), Some(v.span));
        }
        for (i, c) in v.columns.iter().enumerate() {
            let ck = format!("{key}.{}", c.name);
            s.put(
                "view columns",
                ck.clone(),
                format!("pos={} updatable={}", i + 1, c.updatable),
                Some(v.span),
            );
            if let Some(cm) = &c.comment {
                s.put("comments", format!("column {ck}"), cm.clone(), Some(v.span));
            }
            match &c.ty {
                Some(t) => s.put("view column types", ck, type_text(t, m), Some(v.span)),
                None => s.unknown.entry("view column types").or_default().push(ck),
            }
        }
    }
}

/// Enums, composite types and domains.
fn model_types(s: &mut Side, m: &Schema, ns: &schema::ir::Namespace) {
    for t in ns.types.values() {
        let key = format!("{}.{}", t.schema, t.name);
        match &t.kind {
            TypeKind::Enum { values } => {
                s.put("enums", key.clone(), values.join(", "), Some(t.span))
            }
            TypeKind::Composite { attributes } => s.put(
                "composite types",
                key.clone(),
                attributes
                    .iter()
                    .map(|a| format!("{} {}", a.name, type_text(&a.ty, m)))
                    .collect::<Vec<_>>()
                    .join(", "),
                Some(t.span),
            ),
            TypeKind::Domain { base, not_null, .. } => s.put(
                "domains",
                key.clone(),
                format!("base={} not_null={not_null}", type_text(base, m)),
                Some(t.span),
            ),
            TypeKind::Range { .. } | TypeKind::Base => {}
        }
        if let Some(c) = &t.comment {
            s.put("comments", format!("type {key}"), c.clone(), Some(t.span));
        }
    }
}

/// Functions (not those an extension created: PostgreSQL's side leaves extension members out).
fn model_functions(s: &mut Side, m: &Schema, ns: &schema::ir::Namespace) {
    // Functions an extension created: PostgreSQL's side leaves extension members out.
    let from_extension = |f: &schema::ir::Function| {
        m.sources
            .get(f.span.file.0 as usize)
            .is_some_and(|src| src.name.starts_with(schema::builtin::EXTENSION_PREFIX))
    };
    for f in ns
        .functions
        .values()
        .flatten()
        .filter(|f| !from_extension(f))
    {
        let key = format!("{}.{}({})", f.schema, f.name, identity_args(f, m));
        s.put(
            "functions",
            key.clone(),
            format!(
                "result={} kind={}",
                result_text(f, m),
                if f.procedure { "p" } else { "f" }
            ),
            Some(f.span),
        );
        if let Some(c) = &f.comment {
            s.put(
                "comments",
                format!("function {key}"),
                c.clone(),
                Some(f.span),
            );
        }
    }
}

/// Indexes and their comments.
fn model_indexes(s: &mut Side, probed: &Probed, ns: &schema::ir::Namespace) {
    for i in ns.indexes.values() {
        if let Some(c) = &i.comment {
            s.put(
                "comments",
                format!("index {}.{}", ns.name, i.name),
                c.clone(),
                Some(i.span),
            );
        }
        let probe = probed
            .indexes
            .get(&format!("{}.{}", ns.name, i.name))
            .cloned()
            .unwrap_or_else(|| "<rejected by PostgreSQL>".into());
        s.put(
            "indexes",
            format!("{}.{}", ns.name, i.name),
            format!("table={} unique={} {probe}", i.table.name, i.unique),
            Some(i.span),
        );
    }
}
