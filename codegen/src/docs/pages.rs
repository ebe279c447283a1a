//! One view model per page kind. Every string the templates print is computed here:
//! escaped for Markdown and linked.

use super::markdown::{cell, code, code_block, first_line, paragraph, slug};
use super::{mermaid, Links};
use crate::output::OutputFile;
use askama::Template;
use schema::ir::{
    self, ConstraintKind, IdentityKind, IndexKey, PgType, QualName, Returns, Schema, Table, TypeKind, View, Volatility,
};

type Rows = Vec<Vec<String>>;

fn heads(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| s.to_string()).collect()
}


fn comment(c: &Option<String>) -> Option<String> {
    c.as_ref().filter(|c| !c.trim().is_empty()).map(|c| paragraph(c))
}

/// A type, linked to its definition when the migrations define it.
fn type_cell(t: &PgType, links: &Links, depth: usize) -> String {
    if let PgType::User { schema, type_name, .. } = t.element() {
        if let Some(a) = links.type_anchor(&QualName::new(schema, type_name)) {
            return format!("[{}]({}types.md#{a})", code(&t.to_string()), "../".repeat(depth));
        }
        if let Some(p) = links.page(&QualName::new(schema, type_name)) {
            return format!("[{}]({}{p})", code(&t.to_string()), "../".repeat(depth));
        }
    }
    code(&t.to_string())
}


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
                    if t.rls_enabled { format!("on{}", if t.rls_forced { " (forced)" } else { "" }) } else { "**off**".into() },
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
                vec![links.relation(&q, 0), if v.materialized { "materialized view" } else { "view" }.into(), cell(v.comment.as_deref().map(first_line).unwrap_or(""))]
            })
            .collect();
        let types: Rows = ns
            .types
            .values()
            .filter(|t| !t.builtin)
            .map(|t| {
                let q = QualName::new(&t.schema, &t.name);
                let a = links.type_anchor(&q).cloned().unwrap_or_default();
                vec![format!("[{}](types.md#{a})", code(&q.to_string())), type_kind(&t.kind).into(), cell(t.comment.as_deref().map(first_line).unwrap_or(""))]
            })
            .collect();
        let functions: Rows = ns
            .functions
            .values()
            .flatten()
            .filter(|f| !f.builtin)
            .map(|f| {
                let q = QualName::new(&f.schema, &f.name);
                let a = links.function_anchor(&q, &f.signature()).cloned().unwrap_or_default();
                vec![format!("[{}](functions.md#{a})", code(&format!("{}.{}", f.schema, f.signature()))), returns(f, links, 0), cell(f.comment.as_deref().map(first_line).unwrap_or(""))]
            })
            .collect();
        // `public`'s comment from initdb says nothing about this project.
        let ns_comment = ns.comment.clone().filter(|c| !(ns.name == "public" && c == "standard public schema"));
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
        table_head: heads(&["Table", "Columns", "Row-level security", "Policies", "Description"]),
        view_head: heads(&["View", "Kind", "Description"]),
        type_head: heads(&["Type", "Kind", "Description"]),
        function_head: heads(&["Function", "Returns", "Description"]),
    };
    OutputFile { path: "README.md".into(), contents: page.render().expect("the index template renders") }
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

fn index_rows(s: &Schema, q: &QualName) -> Rows {
    let Some(ns) = s.schemas.get(&q.schema) else { return vec![] };
    ns.indexes
        .values()
        .filter(|i| &i.table == q)
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
                i.constraint.as_ref().map(|c| format!("backs {}", code(c))).unwrap_or_default(),
                cell(i.comment.as_deref().unwrap_or("")),
            ]
        })
        .collect()
}

pub fn table(s: &Schema, t: &Table, links: &Links, header: &str) -> OutputFile {
    let q = t.qual();
    // Per column, like tbls: the tables it references (parents) and that reference it (children).
    let parents = |col: &str| -> String {
        let mut v: Vec<String> = t
            .constraints
            .iter()
            .filter_map(|c| match &c.kind {
                ConstraintKind::ForeignKey { columns, references, .. } if columns.iter().any(|x| x == col) => Some(links.relation(references, 1)),
                _ => None,
            })
            .collect();
        v.dedup();
        v.join(" ")
    };
    let children = |col: &str| -> String {
        let mut v: Vec<String> = vec![];
        for ns in s.schemas.values() {
            for other in ns.tables.values() {
                for c in &other.constraints {
                    if let ConstraintKind::ForeignKey { references, referenced_columns, .. } = &c.kind {
                        if *references == q && referenced_columns.iter().any(|x| x == col) {
                            let l = links.relation(&other.qual(), 1);
                            if !v.contains(&l) {
                                v.push(l);
                            }
                        }
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
                (Some(i), _) => format!("identity ({})", if i.kind == IdentityKind::Always { "always" } else { "by default" }),
                (_, Some(g)) => format!("generated {} {}", if g.stored { "stored" } else { "virtual" }, code(&g.expr)),
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
    let mut constraints = vec![];
    let mut references = vec![];
    for c in &t.constraints {
        let (kind, def) = match &c.kind {
            ConstraintKind::PrimaryKey { columns, .. } => ("primary key", format!("({})", columns.join(", "))),
            ConstraintKind::Unique { columns, nulls_not_distinct, .. } => ("unique", format!("({}){}", columns.join(", "), if *nulls_not_distinct { " NULLS NOT DISTINCT" } else { "" })),
            ConstraintKind::Check { expr, .. } => ("check", format!("CHECK ({expr})")),
            ConstraintKind::Exclude { definition } => ("exclude", definition.clone()),
            ConstraintKind::ForeignKey { columns, references: r, referenced_columns, on_delete, on_update, .. } => {
                references.push(vec![
                    code(&columns.join(", ")),
                    format!("{} ({})", links.relation(r, 1), code(&referenced_columns.join(", "))),
                    on_delete.as_sql().into(),
                    on_update.as_sql().into(),
                    code(&c.name),
                ]);
                ("foreign key", format!("({}) REFERENCES {r} ({})", columns.join(", "), referenced_columns.join(", ")))
            }
        };
        let mut flags = vec![];
        if c.deferrable {
            flags.push(if c.initially_deferred { "deferrable, initially deferred" } else { "deferrable" });
        }
        if c.not_valid {
            flags.push("not valid");
        }
        constraints.push(vec![code(&c.name), kind.into(), code(&def), flags.join(", "), cell(c.comment.as_deref().unwrap_or(""))]);
    }
    let mut referenced_by = vec![];
    for ns in s.schemas.values() {
        for other in ns.tables.values() {
            for c in &other.constraints {
                if let ConstraintKind::ForeignKey { columns, references: r, referenced_columns, .. } = &c.kind {
                    if *r == q {
                        referenced_by.push(vec![links.relation(&other.qual(), 1), code(&columns.join(", ")), code(&referenced_columns.join(", ")), code(&c.name)]);
                    }
                }
            }
        }
    }
    let triggers: Rows = t
        .triggers
        .iter()
        .map(|tr| {
            let f = match links.any_function_anchor(&tr.function) {
                Some(a) => format!("[{}](../functions.md#{a})", code(&format!("{}()", tr.function))),
                None => code(&format!("{}()", tr.function)),
            };
            let args = if tr.arguments.is_empty() { String::new() } else { code(&tr.arguments.iter().map(|a| format!("'{a}'")).collect::<Vec<_>>().join(", ")) };
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
    let policies: Rows = t
        .policies
        .iter()
        .map(|p| {
            vec![
                cell(&p.name),
                p.command.as_sql().to_uppercase(),
                cell(&p.roles.join(", ")),
                if p.permissive { "permissive" } else { "restrictive" }.into(),
                p.using.as_deref().map(code).unwrap_or_default(),
                p.with_check.as_deref().map(code).unwrap_or_default(),
                cell(p.comment.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    let rls = match (t.rls_enabled, t.policies.is_empty()) {
        (true, true) => "Row-level security is **enabled** and no policy exists: only the table owner and roles that bypass RLS can read or write rows.".to_string(),
        (true, false) => format!("Row-level security is **enabled**{}; rows are visible and writable as these policies allow:", if t.rls_forced { " and forced (it applies to the owner too)" } else { "" }),
        (false, true) => "Row-level security is **disabled**: every role with table privileges sees every row.".to_string(),
        (false, false) => "Row-level security is **disabled**, so these policies have no effect until it is enabled:".to_string(),
    };
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
        migrations.push(format!("changed in {} (line{} {})", code(&f), if ls.len() == 1 { "" } else { "s" }, ls.join(", ")));
    }
    let mut facts = vec![vec!["Kind".to_string(), format!("{:?} table", t.kind).to_lowercase()]];
    if let Some(p) = &t.partition_by {
        facts.push(vec!["Partitioned by".into(), code(p)]);
    }
    if let Some(p) = &t.partition_of {
        facts.push(vec!["Partition of".into(), format!("{} {}", links.relation(p, 1), t.partition_bound.as_deref().map(code).unwrap_or_default())]);
    }
    for i in &t.inherits {
        facts.push(vec!["Inherits".into(), links.relation(i, 1)]);
    }
    if t.builtin {
        facts.push(vec!["Defined by".into(), "Supabase (built in); the policies and triggers below come from the migrations".into()]);
    }
    let page = TablePage {
        header: header.into(),
        kind: "Table".into(),
        name: q.to_string(),
        comment: comment(&t.comment),
        facts_head: heads(&["", ""]),
        facts,
        columns_head: heads(&["Column", "Type", "Nullable", "Default", "Identity / generated", "Parents", "Children", "Comment"]),
        columns,
        constraints_head: heads(&["Name", "Kind", "Definition", "Attributes", "Comment"]),
        constraints,
        indexes_head: heads(&["Name", "Definition", "Unique", "Predicate", "Constraint", "Comment"]),
        indexes: index_rows(s, &q),
        diagram: mermaid::table_diagram(s, t),
        references_head: heads(&["Columns", "References", "On delete", "On update", "Constraint"]),
        references,
        referenced_by_head: heads(&["Table", "Columns", "Referenced columns", "Constraint"]),
        referenced_by,
        triggers_head: heads(&["Name", "Timing", "Events", "For each", "Function", "Arguments", "When", "Comment"]),
        triggers,
        rls,
        policies_head: heads(&["Policy", "Command", "Roles", "Type", "USING", "WITH CHECK", "Comment"]),
        policies,
        migrations,
    };
    OutputFile { path: links.page(&q).expect("every table has a page").into(), contents: page.render().expect("the table template renders") }
}

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

pub fn view(s: &Schema, v: &View, links: &Links, header: &str) -> OutputFile {
    let q = QualName::new(&v.schema, &v.name);
    let columns = v
        .columns
        .iter()
        .map(|c| {
            vec![
                code(&c.name),
                c.ty.as_ref().map(|t| type_cell(t, links, 1)).unwrap_or_else(|| "(not derivable offline)".into()),
                c.source.as_ref().map(|(t, col)| format!("{} . {}", links.relation(t, 1), code(col))).unwrap_or_default(),
            ]
        })
        .collect();
    let page = ViewPage {
        header: header.into(),
        kind: if v.materialized { "Materialized view" } else { "View" }.into(),
        name: q.to_string(),
        comment: comment(&v.comment),
        columns_head: heads(&["Column", "Type", "From"]),
        columns,
        indexes_head: heads(&["Name", "Definition", "Unique", "Predicate", "Constraint", "Comment"]),
        indexes: index_rows(s, &q),
        definition: code_block("sql", &v.definition),
        defined_in: links.at(s, v.span),
    };
    OutputFile { path: links.page(&q).expect("every view has a page").into(), contents: page.render().expect("the view template renders") }
}

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
                    l.extend(values.iter().enumerate().map(|(i, v)| format!("{}. {}", i + 1, code(v))));
                    l
                }
                TypeKind::Composite { attributes } => {
                    let mut l = vec!["| Attribute | Type |".to_string(), "|---|---|".into()];
                    l.extend(attributes.iter().map(|a| format!("| {} | {} |", code(&a.name), type_cell(&a.ty, links, 0))));
                    l
                }
                TypeKind::Domain { base, not_null, default, checks } => {
                    let mut l = vec![format!("Base type {}{}.", type_cell(base, links, 0), if *not_null { ", NOT NULL" } else { "" })];
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
                TypeKind::Range { subtype } => vec![format!("A range of {}.", type_cell(subtype, links, 0))],
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
    OutputFile { path: "types.md".into(), contents: TypesPage { header: header.into(), types }.render().expect("the types template renders") }
}

struct FunctionEntry {
    anchor: String,
    kind: String,
    name: String,
    comment: Option<String>,
    signature: String,
    facts: Vec<(String, String)>,
    defined_in: String,
}

#[derive(Template)]
#[template(path = "docs/functions.md", escape = "none")]
struct FunctionsPage {
    header: String,
    functions: Vec<FunctionEntry>,
}

fn returns(f: &ir::Function, links: &Links, depth: usize) -> String {
    match &f.returns {
        Returns::None => "(procedure)".into(),
        Returns::Type { ty, setof } => format!("{}{}", if *setof { "setof " } else { "" }, type_cell(ty, links, depth)),
        Returns::Table { columns } => code(&format!("table ({})", columns.iter().map(|c| format!("{} {}", c.name, c.ty)).collect::<Vec<_>>().join(", "))),
    }
}

pub fn functions(s: &Schema, links: &Links, header: &str) -> OutputFile {
    let mut functions = vec![];
    for ns in s.schemas.values() {
        for f in ns.functions.values().flatten().filter(|f| !f.builtin) {
            let q = QualName::new(&f.schema, &f.name);
            let args: Vec<String> = f.args.iter().map(ir::Arg::to_string).collect();
            let signature = code_block("sql", &format!("{}.{}({})", f.schema, f.name, args.join(", ")));
            let facts = vec![
                ("Returns".to_string(), returns(f, links, 0)),
                ("Language".into(), code(&f.language)),
                (
                    "Volatility".into(),
                    match f.volatility {
                        Volatility::Immutable => "immutable",
                        Volatility::Stable => "stable",
                        Volatility::Volatile => "volatile",
                    }
                    .into(),
                ),
                ("Security".into(), if f.security_definer { "**definer** (runs with the owner's privileges)" } else { "invoker" }.into()),
                ("Strict".into(), if f.strict { "yes (returns NULL on NULL input)" } else { "no" }.into()),
            ];
            functions.push(FunctionEntry {
                anchor: links.function_anchor(&q, &f.signature()).cloned().unwrap_or_default(),
                kind: if f.procedure { "Procedure" } else { "Function" }.into(),
                name: format!("{}.{}", f.schema, f.signature()),
                comment: comment(&f.comment),
                signature,
                facts,
                defined_in: links.at(s, f.span),
            });
        }
    }
    OutputFile { path: "functions.md".into(), contents: FunctionsPage { header: header.into(), functions }.render().expect("the functions template renders") }
}
