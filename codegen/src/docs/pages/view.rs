//! A view's page: its columns (type, whether pgforge proves them NOT NULL, where each comes
//! from) and its definition.

use super::super::markdown::{code, code_block};
use super::super::{Graph, Links};
use super::table::index_rows;
use super::{comment, heads, type_cell, Rows};
use crate::output::OutputFile;
use askama::Template;
use schema::ir::{QualName, Schema, View};

#[derive(Template)]
#[template(path = "docs/view.md", escape = "none")]
struct ViewPage {
    header: String,
    kind: String,
    name: String,
    comment: Option<String>,
    columns_head: Vec<String>,
    columns: Rows,
    indexes_head: Vec<String>,
    indexes: Rows,
    definition: String,
    defined_in: String,
}

pub fn view(s: &Schema, v: &View, links: &Links, graph: &Graph, header: &str) -> OutputFile {
    let q = QualName::new(&v.schema, &v.name);
    let columns = v
        .columns
        .iter()
        .map(|c| {
            vec![
                code(&c.name),
                c.ty.as_ref()
                    .map(|t| type_cell(t, links, 1))
                    .unwrap_or_else(|| "(not derivable offline)".into()),
                // PostgreSQL reports every view column nullable; "no" is pgforge's proof.
                if c.not_null { "no (proven)" } else { "yes" }.into(),
                c.source
                    .as_ref()
                    .map(|(t, col)| format!("{} . {}", links.relation(t, 1), code(col)))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let page = ViewPage {
        header: header.into(),
        kind: if v.materialized {
            "Materialized view"
        } else {
            "View"
        }
        .into(),
        name: q.to_string(),
        comment: comment(&v.comment),
        columns_head: heads(&["Column", "Type", "Nullable", "From"]),
        columns,
        indexes_head: heads(&[
            "Name",
            "Definition",
            "Unique",
            "Predicate",
            "Constraint",
            "Comment",
        ]),
        indexes: index_rows(graph, &q),
        definition: code_block("sql", &v.definition),
        defined_in: links.at(s, v.span),
    };
    OutputFile {
        path: links.page(&q).expect("every view has a page").into(),
        contents: page.render().expect("the view template renders"),
    }
}
