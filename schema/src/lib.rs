//! `schema`: pgforge's front end. It reads a project's migration files with no database,
//! replays them into one typed schema model ([`ir::Schema`]), and reports what PostgreSQL
//! would reject, rustc-style.
//!
//! ```text
//! load ─▶ split ─▶ parse (frontend + sqlparser) ─▶ lower (cmd) ─▶ Catalog::apply ─▶ ir::Schema
//! ```

pub mod allow;
pub mod analyze;
pub mod builtin;
pub mod catalog;
pub mod cmd;
pub mod diag;
pub mod frontend;
pub mod ir;
pub mod keywords;
pub mod lex;
pub mod lint;
pub mod load;
pub mod names;
pub mod queries;
pub mod span;
pub mod split;
pub mod sql;
pub mod written;

use catalog::{Catalog, KindStats};
use diag::{Diagnostic, Severity};
use span::{SourceFile, SourceMap};
use std::collections::BTreeMap;
use std::path::Path;

/// How to build the model.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Supabase's base objects: `Some(true)`/`Some(false)` forces them on or off; `None`
    /// switches them on for a Supabase project layout.
    pub supabase: Option<bool>,
    /// SQL applied before the migrations (objects the platform creates), as (name, text).
    pub preludes: Vec<(String, String)>,
    /// Errors allowed by `pgforge.toml` (see `allow`).
    pub allow: Vec<allow::AllowRule>,
    /// Leave the query analyzer out: expressions are not lowered for it and nothing is
    /// analysed (view columns get only what the shallow reading of their SELECT list sees).
    /// For measuring what the analyzer costs (`cargo bench -p schema`), not for use.
    pub skip_query_analyzer: bool,
}

/// The result of loading and replaying a project.
#[derive(Debug)]
pub struct Build {
    pub schema: ir::Schema,
    pub diagnostics: Vec<Diagnostic>,
    /// Per statement kind: how many were modelled, how many only recognised.
    pub stats: BTreeMap<String, KindStats>,
    pub sources: SourceMap,
    pub layout: Option<load::Layout>,
    pub supabase: bool,
    /// Every file in the order it was replayed: built-ins and preludes first.
    pub order: Vec<span::FileId>,
    /// The application's query files, checked against the model (`check_queries`).
    pub queries: Vec<queries::QueryFile>,
}

impl Build {
    /// Check the query files (`.sql` files, or directories of them) against the model: their
    /// diagnostics join the migrations', their typed queries go to `queries`.
    pub fn check_queries(&mut self, paths: &[std::path::PathBuf]) {
        let found = queries::check_paths(
            paths,
            &self.schema,
            &mut self.sources,
            &mut self.diagnostics,
        );
        self.queries.extend(found);
    }

    /// Whether `file` is a query file (`check_queries`), not a replayed migration or prelude.
    pub fn is_query_file(&self, file: span::FileId) -> bool {
        !self.order.contains(&file) && !self.sources.get(file).builtin
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
    pub fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }
    /// All diagnostics rendered rustc-style.
    pub fn render(&self, color: bool) -> String {
        diag::render(
            &self.diagnostics,
            &self.sources,
            diag::RenderOptions { color },
        )
    }
}

/// The functions an extension creates (`builtin::extension`), replayed in its schema right
/// after the `CREATE EXTENSION` that created it. Kept out of `Build::order`, so `verify`
/// never runs them: the real extension does.
fn extension_objects(
    catalog: &mut Catalog,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
    name: &str,
    span: span::Span,
) {
    let Some(sql) = builtin::extension(name) else {
        return;
    };
    let Some(schema) = catalog
        .schema
        .extensions
        .get(name)
        .filter(|e| e.span == span)
        .map(|e| e.schema.clone())
    else {
        return;
    };
    let text = format!("SET search_path TO {};\n{sql}", ir::quote_ident(&schema));
    let id = sources.add(SourceFile::new(
        format!("{}{name}>", builtin::EXTENSION_PREFIX),
        text,
        true,
    ));
    let file = sources.get(id);
    catalog.add_file(id, file.text.len(), true);
    let saved = catalog.search_path.clone();
    let parsed = frontend::parse_file(id, &file.text, &split::split(&file.text), true);
    diagnostics.extend(parsed.diagnostics);
    for stmt in &parsed.stmts {
        catalog.apply(stmt);
    }
    catalog.search_path = saved;
}

/// Load the migrations at `path` and replay them.
pub fn build_path(path: &Path, opts: &Options) -> Build {
    let loaded = load::load(path);
    let supabase = opts
        .supabase
        .unwrap_or_else(|| loaded.layout.is_some_and(|l| l.is_supabase()));
    let files: Vec<span::FileId> = loaded.migrations.clone();
    replay(
        loaded.sources,
        files,
        loaded.diagnostics,
        loaded.layout,
        supabase,
        opts,
    )
}

/// Replay migrations given as text: (file name, SQL) in apply order. For tests and tools.
pub fn build_sql(files: &[(&str, &str)], opts: &Options) -> Build {
    let mut sources = SourceMap::default();
    let ids = files
        .iter()
        .map(|(n, t)| sources.add(SourceFile::new(*n, *t, false)))
        .collect();
    replay(
        sources,
        ids,
        vec![],
        None,
        opts.supabase.unwrap_or(false),
        opts,
    )
}

fn replay(
    mut sources: SourceMap,
    migrations: Vec<span::FileId>,
    mut diagnostics: Vec<Diagnostic>,
    layout: Option<load::Layout>,
    supabase: bool,
    opts: &Options,
) -> Build {
    let mut catalog = Catalog::new(supabase);
    // Built-ins and preludes come first, as files of their own.
    let mut order = vec![];
    if supabase {
        order.push(sources.add(SourceFile::new(
            builtin::SUPABASE_NAME,
            builtin::SUPABASE,
            true,
        )));
    }
    // The migration tool's own bookkeeping tables exist before its first migration.
    if let Some(sql) = layout.and_then(builtin::tool_tables) {
        order.push(sources.add(SourceFile::new(builtin::TOOL_TABLES_NAME, sql, true)));
    }
    for (name, text) in &opts.preludes {
        order.push(sources.add(SourceFile::new(name.clone(), text.clone(), true)));
    }
    let first_migration = order.len();
    order.extend(migrations);
    for (id, f) in sources.files() {
        catalog.add_file(id, f.text.len(), f.builtin);
    }
    // Migration tools run each file in a fresh session: a `SET search_path` in one file does
    // not reach the next. The session default is what the built-ins and preludes leave.
    let mut session_path = None;
    for (i, &id) in order.iter().enumerate() {
        if i == first_migration {
            session_path = Some(catalog.search_path.clone());
        }
        if i > first_migration {
            catalog.end_session();
        }
        if let Some(p) = &session_path {
            catalog.search_path = p.clone();
        }
        let file = sources.get(id).clone();
        let raws = split::split(&file.text);
        let parsed = frontend::parse_file(id, &file.text, &raws, !opts.skip_query_analyzer);
        let regions = allow::Regions::new(&file.text, &raws);
        let rules = if file.builtin {
            &[][..]
        } else {
            &opts.allow[..]
        };
        for mut d in parsed.diagnostics {
            if let Some((span, _)) = &d.primary {
                if let Some(why) = regions
                    .allowed_at(&file, span.start as usize, rules)
                    .code(d.code)
                {
                    allow::downgrade(&mut d, why);
                }
            }
            diagnostics.push(d);
        }
        for stmt in &parsed.stmts {
            catalog.allow_in_statement(regions.allowed_at(&file, stmt.span.start as usize, rules));
            catalog.apply(stmt);
            if let cmd::Cmd::CreateExtension { name, .. } = &stmt.cmd {
                extension_objects(
                    &mut catalog,
                    &mut sources,
                    &mut diagnostics,
                    name,
                    stmt.span,
                );
            }
        }
    }
    catalog.end_session();
    let (mut schema, diags, stats) = catalog.finish();
    diagnostics.extend(diags);
    schema.files = sources.files().map(|(_, f)| f.name.clone()).collect();
    schema.sources = sources.files().map(|(_, f)| f.clone()).collect();
    // Stable order for everything: by file, position, then severity.
    diagnostics.sort_by_key(|d| {
        let (f, s) = d
            .primary
            .as_ref()
            .map(|(sp, _)| (sp.file.0, sp.start))
            .unwrap_or((0, 0));
        (d.primary.is_some(), f, s, std::cmp::Reverse(d.severity))
    });
    Build {
        schema,
        diagnostics,
        stats,
        sources,
        layout,
        supabase,
        order,
        queries: vec![],
    }
}
