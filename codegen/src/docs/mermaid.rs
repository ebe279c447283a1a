//! A Mermaid `erDiagram` per schema: tables with their key columns, and foreign keys with
//! cardinality from nullability (parent side) and uniqueness (child side).

use schema::ir::{ConstraintKind, Namespace, QualName, Schema, Table};
use std::collections::BTreeSet;

use std::fmt::Write;

/// Mermaid entity and attribute names: letters, digits and `_` only.
fn ident(s: &str) -> String {
    let mut o: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if o.is_empty() || o.starts_with(|c: char| c.is_ascii_digit()) {
        o.insert(0, 'x');
    }
    o
}

pub fn entity(q: &QualName) -> String {
    ident(&format!("{}__{}", q.schema, q.name))
}

fn attr_type(t: &str) -> String {
    ident(&t.replace("[]", "_array"))
}

fn is_unique(t: &Table, cols: &[String]) -> bool {
    let mut want = cols.to_vec();
    want.sort();
    t.constraints.iter().any(|c| {
        matches!(
            c.kind,
            ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }
        ) && {
            let mut k = c.kind.columns().to_vec();
            k.sort();
            k == want
        }
    })
}

/// The diagram for one schema, or None when it has no tables.
pub fn diagram(ns: &Namespace) -> Option<String> {
    let tables: Vec<&Table> = ns.tables.values().filter(|t| !t.builtin).collect();
    if tables.is_empty() {
        return None;
    }
    Some(render(&tables, |_| true))
}

/// One table and its neighbours (the tables it references and those referencing it), with
/// the relations that involve the table. None when it has no relations.
pub fn table_diagram(s: &Schema, t: &Table, graph: &super::Graph) -> Option<String> {
    let q = t.qual();
    let mut neighbours: BTreeSet<QualName> = t
        .constraints
        .iter()
        .filter_map(|c| match &c.kind {
            ConstraintKind::ForeignKey { references, .. } => Some(references.clone()),
            _ => None,
        })
        .collect();
    neighbours.extend(
        graph
            .referenced_by(&q)
            .iter()
            .map(|(child, _)| child.qual()),
    );
    neighbours.remove(&q);
    let mut tables: Vec<&Table> = vec![t];
    tables.extend(neighbours.iter().filter_map(|n| s.table(n)));
    if tables.len() == 1 {
        return None;
    }
    Some(render(&tables, |(child, parent)| {
        *child == q || *parent == q
    }))
}

/// Entities with their key columns, then the relations `keep` accepts (child, parent).
fn render(tables: &[&Table], keep: impl Fn((&QualName, &QualName)) -> bool) -> String {
    let mut out = String::from("erDiagram\n");
    for t in tables {
        let keys: BTreeSet<&str> = t
            .constraints
            .iter()
            .filter(|c| !matches!(c.kind, ConstraintKind::Check { .. }))
            .flat_map(|c| c.kind.columns().iter().map(String::as_str))
            .collect();
        let _ = writeln!(out, "  {} {{", entity(&t.qual()));
        for c in t.columns.iter().filter(|c| keys.contains(c.name.as_str())) {
            let mut marks = vec![];
            if t.constraints.iter().any(|k| {
                matches!(k.kind, ConstraintKind::PrimaryKey { .. })
                    && k.kind.columns().contains(&c.name)
            }) {
                marks.push("PK");
            }
            if t.constraints.iter().any(|k| {
                matches!(k.kind, ConstraintKind::ForeignKey { .. })
                    && k.kind.columns().contains(&c.name)
            }) {
                marks.push("FK");
            }
            if t.constraints.iter().any(|k| {
                matches!(k.kind, ConstraintKind::Unique { .. })
                    && k.kind.columns().contains(&c.name)
            }) {
                marks.push("UK");
            }
            let _ = writeln!(
                out,
                "    {} {} {}",
                attr_type(&c.ty.to_string()),
                ident(&c.name),
                marks.join(",")
            );
        }
        let _ = writeln!(out, "  }}");
    }
    for t in tables {
        for c in &t.constraints {
            if let ConstraintKind::ForeignKey {
                columns,
                references,
                ..
            } = &c.kind
            {
                if !keep((&t.qual(), references)) {
                    continue;
                }
                // Tables of other schemas (or Supabase's) appear through the relation alone.
                let nullable = columns
                    .iter()
                    .any(|n| t.column(n).is_some_and(|c| !c.not_null));
                let parent = if nullable { "|o" } else { "||" };
                let child = if is_unique(t, columns) { "o|" } else { "o{" };
                let _ = writeln!(
                    out,
                    "  {} {parent}--{child} {} : \"{}\"",
                    entity(references),
                    entity(&t.qual()),
                    c.name.replace('"', "'")
                );
            }
        }
    }
    out
}
