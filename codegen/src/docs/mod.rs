//! Markdown schema docs: an index with a Mermaid ER diagram per schema, a page per table and
//! per view, and pages for types and functions. Pure: `ir → Vec<OutputFile>`. A view model
//! here computes every string (escaped, linked); the askama templates only lay them out.

mod markdown;
pub mod mermaid;
mod pages;

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
}

impl Links {
    fn new(s: &Schema) -> Links {
        let mut rels: Vec<(QualName, bool)> = vec![];
        for ns in s.schemas.values() {
            for t in ns.tables.values().filter(|t| !t.builtin || t.has_user_additions()) {
                rels.push((t.qual(), false));
            }
            for v in ns.views.values().filter(|v| !v.builtin) {
                rels.push((QualName::new(&v.schema, &v.name), true));
            }
        }
        let stems = unique(rels.iter().map(|(q, _)| slug(&format!("{}.{}", q.schema, q.name))).collect());
        let views = rels.iter().filter(|(_, v)| *v).map(|(q, _)| q.clone()).collect();
        let pages = rels.into_iter().map(|(q, _)| q).zip(stems).collect();
        let tq: Vec<QualName> = s.schemas.values().flat_map(|ns| ns.types.values().filter(|t| !t.builtin).map(|t| QualName::new(&t.schema, &t.name))).collect();
        let ta = unique(tq.iter().map(|q| format!("type-{}", slug(&format!("{}.{}", q.schema, q.name)))).collect());
        let fq: Vec<(QualName, String)> = s
            .schemas
            .values()
            .flat_map(|ns| ns.functions.values().flatten().filter(|f| !f.builtin).map(|f| (QualName::new(&f.schema, &f.name), f.signature())))
            .collect();
        let fa = unique(fq.iter().map(|(q, _)| format!("fn-{}", slug(&format!("{}.{}", q.schema, q.name)))).collect());
        Links { pages, views, types: tq.into_iter().zip(ta).collect(), functions: fq.into_iter().zip(fa).collect() }
    }

    /// Path of a table's or view's page, relative to the docs root.
    pub fn page(&self, q: &QualName) -> Option<String> {
        let stem = self.pages.get(q)?;
        Some(if self.views.contains(q) { format!("views/{stem}.md") } else { format!("tables/{stem}.md") })
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
        self.functions.iter().find(|((fq, _), _)| fq == q).map(|(_, a)| a)
    }
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
    let mut s = s.clone();
    if let Some(base) = &opts.relative_to {
        let base = std::fs::canonicalize(base).unwrap_or_else(|_| base.clone());
        for f in &mut s.sources {
            if f.builtin || f.name.starts_with('<') {
                continue;
            }
            let full = std::fs::canonicalize(&f.name).unwrap_or_else(|_| std::path::PathBuf::from(&f.name));
            if let Ok(rel) = full.strip_prefix(&base) {
                f.name = rel.to_string_lossy().into_owned();
            }
        }
    }
    let s = &s;
    let links = Links::new(s);
    let mut files = vec![pages::index(s, &links, &opts.header)];
    for ns in s.schemas.values() {
        for t in ns.tables.values().filter(|t| !t.builtin || t.has_user_additions()) {
            files.push(pages::table(s, t, &links, &opts.header));
        }
        for v in ns.views.values().filter(|v| !v.builtin) {
            files.push(pages::view(s, v, &links, &opts.header));
        }
    }
    files.push(pages::types(s, &links, &opts.header));
    files.push(pages::functions(s, &links, &opts.header));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}
