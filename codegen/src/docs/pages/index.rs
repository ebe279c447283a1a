//! The index page: every schema, its relations, types and functions, and its ER diagram.

use super::super::markdown::{cell, code, first_line, slug};
use super::super::{mermaid, Links};
use super::functions::returns;
use super::{comment, heads, Rows};
use crate::output::OutputFile;
use askama::Template;
use schema::ir::{QualName, Schema, TypeKind};

#[derive(Template)]
#[template(path = "docs/index.md", escape = "none")]
struct IndexPage {
    header: String,
    schemas: Vec<SchemaSection>,
    table_head: Vec<String>,
    view_head: Vec<String>,
    type_head: Vec<String>,
    function_head: Vec<String>,
}

struct SchemaSection {
    name: String,
    anchor: String,
    comment: Option<String>,
    diagram: Option<String>,
    tables: Rows,
    views: Rows,
    types: Rows,
    functions: Rows,
}

pub fn index(s: &Schema, links: &Links, header: &str) -> OutputFile {
    let mut schemas = vec![];
    for ns in s.user_schemas() {
        let tables: Rows = ns
            .tables
            .values()
            .filter(|t| !t.builtin || t.has_user_additions())
            .map(|t| {
                vec![
                    links.relation(&t.qual(), 0),
                    t.columns.len().to_string(),
                    if t.rls_enabled {
                        format!("on{}", if t.rls_forced { " (forced)" } else { "" })
                    } else {
                        "**off**".into()
                    },
                    t.policies.len().to_string(),
                    cell(t.comment.as_deref().map(first_line).unwrap_or("")),
                ]
            })
            .collect();
        let views: Rows = ns
            .views
            .values()
            .filter(|v| !v.builtin)
            .map(|v| {
                let q = QualName::new(&v.schema, &v.name);
                vec![
                    links.relation(&q, 0),
                    if v.materialized {
                        "materialized view"
                    } else {
                        "view"
                    }
                    .into(),
                    cell(v.comment.as_deref().map(first_line).unwrap_or("")),
                ]
            })
            .collect();
        let types: Rows = ns
            .types
            .values()
            .filter(|t| !t.builtin)
            .map(|t| {
                let q = QualName::new(&t.schema, &t.name);
                let a = links.type_anchor(&q).cloned().unwrap_or_default();
                vec![
                    format!("[{}](types.md#{a})", code(&q.to_string())),
                    type_kind(&t.kind).into(),
                    cell(t.comment.as_deref().map(first_line).unwrap_or("")),
                ]
            })
            .collect();
        let functions: Rows = ns
            .functions
            .values()
            .flatten()
            .filter(|f| !f.builtin)
            .map(|f| {
                let q = QualName::new(&f.schema, &f.name);
                let a = links
                    .function_anchor(&q, &f.signature())
                    .cloned()
                    .unwrap_or_default();
                vec![
                    format!(
                        "[{}](functions.md#{a})",
                        code(&format!("{}.{}", f.schema, f.signature()))
                    ),
                    returns(f, links, 0),
                    cell(f.comment.as_deref().map(first_line).unwrap_or("")),
                ]
            })
            .collect();
        // `public`'s comment from initdb says nothing about this project.
        let ns_comment = ns
            .comment
            .clone()
            .filter(|c| !(ns.name == "public" && c == "standard public schema"));
        schemas.push(SchemaSection {
            name: ns.name.clone(),
            anchor: format!("schema-{}", slug(&ns.name)),
            comment: comment(&ns_comment),
            diagram: mermaid::diagram(ns),
            tables,
            views,
            types,
            functions,
        });
    }
    let page = IndexPage {
        header: header.into(),
        schemas,
        table_head: heads(&[
            "Table",
            "Columns",
            "Row-level security",
            "Policies",
            "Description",
        ]),
        view_head: heads(&["View", "Kind", "Description"]),
        type_head: heads(&["Type", "Kind", "Description"]),
        function_head: heads(&["Function", "Returns", "Description"]),
    };
    OutputFile {
        path: "README.md".into(),
        contents: page.render().expect("the index template renders"),
    }
}

fn type_kind(k: &TypeKind) -> &'static str {
    match k {
        TypeKind::Enum { .. } => "enum",
        TypeKind::Composite { .. } => "composite type",
        TypeKind::Domain { .. } => "domain",
        TypeKind::Range { .. } => "range type",
        TypeKind::Base => "base type",
    }
}
