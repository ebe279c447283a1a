//! A table's page: columns, constraints, indexes, keys in and out, triggers, RLS and policies.

use super::super::markdown::{cell, code};
use super::super::{mermaid, Graph, Links};
use super::{comment, heads, type_cell, Rows};
use crate::output::OutputFile;
use askama::Template;
use schema::ir::{ConstraintKind, IdentityKind, IndexKey, QualName, Schema, Table};

#[derive(Template)]
#[template(path = "docs/table.md", escape = "none")]
struct TablePage {
    header: String,
    kind: String,
    name: String,
    comment: Option<String>,
    facts_head: Vec<String>,
    facts: Rows,
    columns_head: Vec<String>,
    columns: Rows,
    constraints_head: Vec<String>,
    constraints: Rows,
    indexes_head: Vec<String>,
    indexes: Rows,
    diagram: Option<String>,
    references_head: Vec<String>,
    references: Rows,
    referenced_by_head: Vec<String>,
    referenced_by: Rows,
    triggers_head: Vec<String>,
    triggers: Rows,
    rls: String,
    policies_head: Vec<String>,
    policies: Rows,
    migrations: Vec<String>,
}

pub(super) fn index_rows(graph: &Graph, q: &QualName) -> Rows {
    graph
        .indexes(q)
        .iter()
        .map(|i| {
            let keys: Vec<String> = i.keys.iter().map(IndexKey::to_string).collect();
            let mut def = format!("{} ({})", i.method, keys.join(", "));
            if !i.include.is_empty() {
                def.push_str(&format!(" INCLUDE ({})", i.include.join(", ")));
            }
            vec![
                code(&i.name),
                code(&def),
                if i.unique { "yes" } else { "" }.into(),
                i.predicate.as_deref().map(code).unwrap_or_default(),
                i.constraint
                    .as_ref()
                    .map(|c| format!("backs {}", code(c)))
                    .unwrap_or_default(),
                cell(i.comment.as_deref().unwrap_or("")),
            ]
        })
        .collect()
}

pub fn table(s: &Schema, t: &Table, links: &Links, graph: &Graph, header: &str) -> OutputFile {
    let q = t.qual();
    let columns = column_rows(graph, t, links);
    let (constraints, references) = constraint_rows(t, links);
    let referenced_by = referenced_by_rows(graph, &q, links);
    let triggers = trigger_rows(t, links);
    let policies = policy_rows(t);
    let rls = rls_sentence(t);
    let migrations = migration_lines(s, t, links);
    let facts = fact_rows(t, links);
    let page = TablePage {
        header: header.into(),
        kind: "Table".into(),
        name: q.to_string(),
        comment: comment(&t.comment),
        facts_head: heads(&["", ""]),
        facts,
        columns_head: heads(&[
            "Column",
            "Type",
            "Nullable",
            "Default",
            "Identity / generated",
            "Parents",
            "Children",
            "Comment",
        ]),
        columns,
        constraints_head: heads(&["Name", "Kind", "Definition", "Attributes", "Comment"]),
        constraints,
        indexes_head: heads(&[
            "Name",
            "Definition",
            "Unique",
            "Predicate",
            "Constraint",
            "Comment",
        ]),
        indexes: index_rows(graph, &q),
        diagram: mermaid::table_diagram(s, t, graph),
        references_head: heads(&[
            "Columns",
            "References",
            "On delete",
            "On update",
            "Constraint",
        ]),
        references,
        referenced_by_head: heads(&["Table", "Columns", "Referenced columns", "Constraint"]),
        referenced_by,
        triggers_head: heads(&[
            "Name",
            "Timing",
            "Events",
            "For each",
            "Function",
            "Arguments",
            "When",
            "Comment",
        ]),
        triggers,
        rls,
        policies_head: heads(&[
            "Policy",
            "Command",
            "Roles",
            "Type",
            "USING",
            "WITH CHECK",
            "Comment",
        ]),
        policies,
        migrations,
    };
    OutputFile {
        path: links.page(&q).expect("every table has a page").into(),
        contents: page.render().expect("the table template renders"),
    }
}

/// Per column, like tbls: the tables it references (parents) and that reference it (children).
fn column_rows(graph: &Graph, t: &Table, links: &Links) -> Rows {
    let q = t.qual();
    let parents = |col: &str| -> String {
        let mut v: Vec<String> = t
            .constraints
            .iter()
            .filter_map(|c| match &c.kind {
                ConstraintKind::ForeignKey {
                    columns,
                    references,
                    ..
                } if columns.iter().any(|x| x == col) => Some(links.relation(references, 1)),
                _ => None,
            })
            .collect();
        v.dedup();
        v.join(" ")
    };
    let children = |col: &str| -> String {
        let mut v: Vec<String> = vec![];
        for (other, c) in graph.referenced_by(&q) {
            if let ConstraintKind::ForeignKey {
                referenced_columns, ..
            } = &c.kind
            {
                if referenced_columns.iter().any(|x| x == col) {
                    let l = links.relation(&other.qual(), 1);
                    if !v.contains(&l) {
                        v.push(l);
                    }
                }
            }
        }
        v.join(" ")
    };
    let columns: Rows = t
        .columns
        .iter()
        .map(|c| {
            let special = match (&c.identity, &c.generated) {
                (Some(i), _) => format!(
                    "identity ({})",
                    if i.kind == IdentityKind::Always {
                        "always"
                    } else {
                        "by default"
                    }
                ),
                (_, Some(g)) => format!(
                    "generated {} {}",
                    if g.stored { "stored" } else { "virtual" },
                    code(&g.expr)
                ),
                _ => String::new(),
            };
            vec![
                code(&c.name),
                type_cell(&c.ty, links, 1),
                if c.not_null { "no" } else { "yes" }.into(),
                c.default.as_deref().map(code).unwrap_or_default(),
                special,
                parents(&c.name),
                children(&c.name),
                cell(c.comment.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    columns
}

/// The constraints, and the foreign keys among them as references.
fn constraint_rows(t: &Table, links: &Links) -> (Rows, Rows) {
    let mut constraints = vec![];
    let mut references = vec![];
    for c in &t.constraints {
        let (kind, def) = match &c.kind {
            ConstraintKind::PrimaryKey { columns, .. } => {
                ("primary key", format!("({})", columns.join(", ")))
            }
            ConstraintKind::Unique {
                columns,
                nulls_not_distinct,
                ..
            } => (
                "unique",
                format!(
                    "({}){}",
                    columns.join(", "),
                    if *nulls_not_distinct {
                        " NULLS NOT DISTINCT"
                    } else {
                        ""
                    }
                ),
            ),
            ConstraintKind::Check { expr, .. } => ("check", format!("CHECK ({expr})")),
            ConstraintKind::Exclude { definition } => ("exclude", definition.clone()),
            ConstraintKind::ForeignKey {
                columns,
                references: r,
                referenced_columns,
                on_delete,
                on_update,
                ..
            } => {
                references.push(vec![
                    code(&columns.join(", ")),
                    format!(
                        "{} ({})",
                        links.relation(r, 1),
                        code(&referenced_columns.join(", "))
                    ),
                    on_delete.as_sql().into(),
                    on_update.as_sql().into(),
                    code(&c.name),
                ]);
                (
                    "foreign key",
                    format!(
                        "({}) REFERENCES {r} ({})",
                        columns.join(", "),
                        referenced_columns.join(", ")
                    ),
                )
            }
        };
        let mut flags = vec![];
        if c.deferrable {
            flags.push(if c.initially_deferred {
                "deferrable, initially deferred"
            } else {
                "deferrable"
            });
        }
        if c.not_valid {
            flags.push("not valid");
        }
        constraints.push(vec![
            code(&c.name),
            kind.into(),
            code(&def),
            flags.join(", "),
            cell(c.comment.as_deref().unwrap_or("")),
        ]);
    }
    (constraints, references)
}

/// Foreign keys of other tables that point at this one.
fn referenced_by_rows(graph: &Graph, q: &QualName, links: &Links) -> Rows {
    let mut referenced_by = vec![];
    for (other, c) in graph.referenced_by(q) {
        if let ConstraintKind::ForeignKey {
            columns,
            referenced_columns,
            ..
        } = &c.kind
        {
            referenced_by.push(vec![
                links.relation(&other.qual(), 1),
                code(&columns.join(", ")),
                code(&referenced_columns.join(", ")),
                code(&c.name),
            ]);
        }
    }
    referenced_by
}

fn trigger_rows(t: &Table, links: &Links) -> Rows {
    let triggers: Rows = t
        .triggers
        .iter()
        .map(|tr| {
            let f = match links.any_function_anchor(&tr.function) {
                Some(a) => format!(
                    "[{}](../functions.md#{a})",
                    code(&format!("{}()", tr.function))
                ),
                None => code(&format!("{}()", tr.function)),
            };
            let args = if tr.arguments.is_empty() {
                String::new()
            } else {
                code(
                    &tr.arguments
                        .iter()
                        .map(|a| format!("'{a}'"))
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            };
            vec![
                code(&tr.name),
                tr.timing.as_sql().into(),
                cell(&tr.events.join(" or ")),
                if tr.for_each_row { "row" } else { "statement" }.into(),
                f,
                args,
                tr.when.as_deref().map(code).unwrap_or_default(),
                cell(tr.comment.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    triggers
}

fn policy_rows(t: &Table) -> Rows {
    let policies: Rows = t
        .policies
        .iter()
        .map(|p| {
            vec![
                cell(&p.name),
                p.command.as_sql().to_uppercase(),
                cell(&p.roles.join(", ")),
                if p.permissive {
                    "permissive"
                } else {
                    "restrictive"
                }
                .into(),
                p.using.as_deref().map(code).unwrap_or_default(),
                p.with_check.as_deref().map(code).unwrap_or_default(),
                cell(p.comment.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    policies
}

/// What row-level security means for this table, in one sentence.
fn rls_sentence(t: &Table) -> String {
    let rls = match (t.rls_enabled, t.policies.is_empty()) {
        (true, true) => "Row-level security is **enabled** and no policy exists: only the table owner and roles that bypass RLS can read or write rows.".to_string(),
        (true, false) => format!("Row-level security is **enabled**{}; rows are visible and writable as these policies allow:", if t.rls_forced { " and forced (it applies to the owner too)" } else { "" }),
        (false, true) => "Row-level security is **disabled**: every role with table privileges sees every row.".to_string(),
        (false, false) => "Row-level security is **disabled**, so these policies have no effect until it is enabled:".to_string(),
    };
    rls
}

/// Where the table was created and, grouped by file, where it was changed later.
fn migration_lines(s: &Schema, t: &Table, links: &Links) -> Vec<String> {
    let mut migrations = vec![format!("created in {}", links.at(s, t.span))];
    // Later changes, grouped by file: `changed in x.sql (lines 6, 7, 8)`.
    let mut by_file: Vec<(String, Vec<u32>)> = vec![];
    for sp in &t.changed {
        if let Some(l) = s.location(*sp) {
            let file = links.file_name(*sp).unwrap_or(l.file);
            match by_file.iter_mut().find(|(f, _)| *f == file) {
                Some((_, lines)) if !lines.contains(&l.line) => lines.push(l.line),
                Some(_) => {}
                None => by_file.push((file, vec![l.line])),
            }
        }
    }
    for (f, lines) in by_file {
        let ls: Vec<String> = lines.iter().map(u32::to_string).collect();
        migrations.push(format!(
            "changed in {} (line{} {})",
            code(&f),
            if ls.len() == 1 { "" } else { "s" },
            ls.join(", ")
        ));
    }
    migrations
}

fn fact_rows(t: &Table, links: &Links) -> Rows {
    let mut facts = vec![vec![
        "Kind".to_string(),
        format!("{:?} table", t.kind).to_lowercase(),
    ]];
    if let Some(p) = &t.partition_by {
        facts.push(vec!["Partitioned by".into(), code(p)]);
    }
    if let Some(p) = &t.partition_of {
        facts.push(vec![
            "Partition of".into(),
            format!(
                "{} {}",
                links.relation(p, 1),
                t.partition_bound.as_deref().map(code).unwrap_or_default()
            ),
        ]);
    }
    for i in &t.inherits {
        facts.push(vec!["Inherits".into(), links.relation(i, 1)]);
    }
    if t.builtin {
        facts.push(vec![
            "Defined by".into(),
            "Supabase (built in); the policies and triggers below come from the migrations".into(),
        ]);
    }
    facts
}
