//! Markdown schema docs: an index with a Mermaid ER diagram per schema, a page per table and
//! per view, and pages for types and functions. Pure: `ir → Vec<OutputFile>`. A view model
//! here computes every string (escaped, linked); the askama templates only lay them out.

mod markdown;
pub mod mermaid;
mod pages;

pub use crate::graph::Graph;

use crate::output::OutputFile;
use markdown::{slug, unique};
use schema::ir::{QualName, Schema};
use std::collections::BTreeMap;

/// Where every object's page or anchor is, computed once so links always agree.
pub(crate) struct Links {
    /// Tables and views → file stem (unique, safe).
    pages: BTreeMap<QualName, String>,
    views: std::collections::BTreeSet<QualName>,
    /// Types and functions → anchor ids.
    types: BTreeMap<QualName, String>,
    functions: BTreeMap<(QualName, String), String>,
    /// Migration file names as shown in the docs, by file index.
    files: Vec<String>,
}

impl Links {
    fn new(s: &Schema, relative_to: Option<&std::path::Path>) -> Links {
        let mut rels: Vec<(QualName, bool)> = vec![];
        for ns in s.schemas.values() {
            for t in ns
                .tables
                .values()
                .filter(|t| !t.builtin || t.has_user_additions())
            {
                rels.push((t.qual(), false));
            }
            for v in ns.views.values().filter(|v| !v.builtin) {
                rels.push((QualName::new(&v.schema, &v.name), true));
            }
        }
        let stems = unique(
            rels.iter()
                .map(|(q, _)| slug(&format!("{}.{}", q.schema, q.name)))
                .collect(),
        );
        let views = rels
            .iter()
            .filter(|(_, v)| *v)
            .map(|(q, _)| q.clone())
            .collect();
        let pages = rels.into_iter().map(|(q, _)| q).zip(stems).collect();
        let tq: Vec<QualName> = s
            .schemas
            .values()
            .flat_map(|ns| {
                ns.types
                    .values()
                    .filter(|t| !t.builtin)
                    .map(|t| QualName::new(&t.schema, &t.name))
            })
            .collect();
        let ta = unique(
            tq.iter()
                .map(|q| format!("type-{}", slug(&format!("{}.{}", q.schema, q.name))))
                .collect(),
        );
        let fq: Vec<(QualName, String)> = s
            .schemas
            .values()
            .flat_map(|ns| {
                ns.functions
                    .values()
                    .flatten()
                    .filter(|f| !f.builtin)
                    .map(|f| (QualName::new(&f.schema, &f.name), f.signature()))
            })
            .collect();
        let fa = unique(
            fq.iter()
                .map(|(q, _)| format!("fn-{}", slug(&format!("{}.{}", q.schema, q.name))))
                .collect(),
        );
        Links {
            pages,
            views,
            types: tq.into_iter().zip(ta).collect(),
            functions: fq.into_iter().zip(fa).collect(),
            files: file_names(s, relative_to),
        }
    }

    /// The migration file of a span, as shown in the docs.
    pub fn file_name(&self, span: schema::span::Span) -> Option<String> {
        self.files.get(span.file.0 as usize).cloned()
    }

    /// `file:line` of a span, as inline code.
    pub fn at(&self, s: &Schema, span: schema::span::Span) -> String {
        match (s.location(span), self.files.get(span.file.0 as usize)) {
            (Some(l), Some(name)) => markdown::code(&format!("{name}:{}", l.line)),
            _ => "(unknown)".into(),
        }
    }

    /// Path of a table's or view's page, relative to the docs root.
    pub fn page(&self, q: &QualName) -> Option<String> {
        let stem = self.pages.get(q)?;
        Some(if self.views.contains(q) {
            format!("views/{stem}.md")
        } else {
            format!("tables/{stem}.md")
        })
    }

    /// A link to a relation's page from a page at `depth` (0 = docs root, 1 = tables/, views/).
    pub fn relation(&self, q: &QualName, depth: usize) -> String {
        let text = markdown::code(&q.to_string());
        match self.page(q) {
            Some(p) => format!("[{text}]({}{p})", "../".repeat(depth)),
            None => text,
        }
    }

    pub fn type_anchor(&self, q: &QualName) -> Option<&String> {
        self.types.get(q)
    }

    pub fn function_anchor(&self, q: &QualName, signature: &str) -> Option<&String> {
        self.functions.get(&(q.clone(), signature.to_string()))
    }

    /// The first overload's anchor (for trigger functions, named without arguments).
    pub fn any_function_anchor(&self, q: &QualName) -> Option<&String> {
        self.functions
            .iter()
            .find(|((fq, _), _)| fq == q)
            .map(|(_, a)| a)
    }
}

/// Migration file names relative to `base` (the project root), so the docs do not depend on
/// where pgforge ran; built-in files and files outside `base` keep their names.
fn file_names(s: &Schema, base: Option<&std::path::Path>) -> Vec<String> {
    let base = base.map(|b| std::fs::canonicalize(b).unwrap_or_else(|_| b.to_path_buf()));
    s.sources
        .iter()
        .map(|f| {
            let rel = base
                .as_ref()
                .filter(|_| !f.builtin && !f.name.starts_with('<'))
                .and_then(|b| {
                    let full = std::fs::canonicalize(&f.name).ok()?;
                    full.strip_prefix(b)
                        .ok()
                        .map(|r| r.to_string_lossy().into_owned())
                });
            rel.unwrap_or_else(|| f.name.clone())
        })
        .collect()
}

/// Options for the docs.
pub struct DocsOptions {
    /// The first line of every file: says it is generated and how to regenerate it.
    pub header: String,
    /// Migration paths are shown relative to this directory (the project root), so the
    /// docs do not depend on where pgforge ran. None: as loaded.
    pub relative_to: Option<std::path::PathBuf>,
}

/// Render the docs for a model.
pub fn render_docs(s: &Schema, opts: &DocsOptions) -> Vec<OutputFile> {
    let links = Links::new(s, opts.relative_to.as_deref());
    let graph = Graph::new(s);
    let mut files = vec![pages::index(s, &links, &opts.header)];
    for ns in s.schemas.values() {
        for t in ns
            .tables
            .values()
            .filter(|t| !t.builtin || t.has_user_additions())
        {
            files.push(pages::table(s, t, &links, &graph, &opts.header));
        }
        for v in ns.views.values().filter(|v| !v.builtin) {
            files.push(pages::view(s, v, &links, &graph, &opts.header));
        }
    }
    files.push(pages::types(s, &links, &opts.header));
    files.push(pages::functions(s, &links, &opts.header));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}
