//! The types page: enums, composite types, domains and ranges.

use super::super::markdown::code;
use super::super::Links;
use super::{comment, type_cell};
use crate::output::OutputFile;
use askama::Template;
use schema::ir::{QualName, Schema, TypeKind};

struct TypeEntry {
    anchor: String,
    kind: String,
    name: String,
    comment: Option<String>,
    lines: Vec<String>,
    defined_in: String,
}

#[derive(Template)]
#[template(path = "docs/types.md", escape = "none")]
struct TypesPage {
    header: String,
    types: Vec<TypeEntry>,
}

pub fn types(s: &Schema, links: &Links, header: &str) -> OutputFile {
    let mut types = vec![];
    for ns in s.schemas.values() {
        for t in ns.types.values().filter(|t| !t.builtin) {
            let q = QualName::new(&t.schema, &t.name);
            let lines = match &t.kind {
                TypeKind::Enum { values } => {
                    let mut l = vec!["Values, in order:".to_string(), String::new()];
                    l.extend(
                        values
                            .iter()
                            .enumerate()
                            .map(|(i, v)| format!("{}. {}", i + 1, code(v))),
                    );
                    l
                }
                TypeKind::Composite { attributes } => {
                    let mut l = vec!["| Attribute | Type |".to_string(), "|---|---|".into()];
                    l.extend(attributes.iter().map(|a| {
                        format!("| {} | {} |", code(&a.name), type_cell(&a.ty, links, 0))
                    }));
                    l
                }
                TypeKind::Domain {
                    base,
                    not_null,
                    default,
                    checks,
                } => {
                    let mut l = vec![format!(
                        "Base type {}{}.",
                        type_cell(base, links, 0),
                        if *not_null { ", NOT NULL" } else { "" }
                    )];
                    if let Some(d) = default {
                        l.push(String::new());
                        l.push(format!("Default {}.", code(d)));
                    }
                    for c in checks {
                        l.push(String::new());
                        l.push(format!("Check {}.", code(c)));
                    }
                    l
                }
                TypeKind::Range { subtype } => {
                    vec![format!("A range of {}.", type_cell(subtype, links, 0))]
                }
                TypeKind::Base => vec!["A base type defined outside SQL (or a shell type).".into()],
            };
            types.push(TypeEntry {
                anchor: links.type_anchor(&q).cloned().unwrap_or_default(),
                kind: match &t.kind {
                    TypeKind::Enum { .. } => "Enum",
                    TypeKind::Composite { .. } => "Composite type",
                    TypeKind::Domain { .. } => "Domain",
                    TypeKind::Range { .. } => "Range type",
                    TypeKind::Base => "Base type",
                }
                .into(),
                name: q.to_string(),
                comment: comment(&t.comment),
                lines,
                defined_in: links.at(s, t.span),
            });
        }
    }
    OutputFile {
        path: "types.md".into(),
        contents: TypesPage {
            header: header.into(),
            types,
        }
        .render()
        .expect("the types template renders"),
    }
}
