//! The catalog: replays lowered statements in order, sqlc-style — one dispatch line per
//! statement kind, one file per object family. Replay semantics (IF NOT EXISTS, OR REPLACE,
//! renames, DROP … CASCADE, search_path, case folding) live here, and so do the checks that
//! catch at build time what PostgreSQL would reject at deploy time.

mod check;
mod function;
mod guard;
mod index;
mod misc;
mod names;
mod policy;
mod table;
mod table_alter;
mod types;
mod view;

use crate::cmd::{Cmd, ObjName, Stmt};
use crate::diag::{codes, Diagnostic};
use crate::ir::{self, QualName};
use crate::span::{FileId, Span};
use std::collections::{BTreeMap, HashSet};

/// How many statements of one kind were modelled, and how many were only recognised.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct KindStats {
    pub modelled: u32,
    pub not_modelled: u32,
}

pub struct Catalog {
    pub schema: ir::Schema,
    pub search_path: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    pub stats: BTreeMap<String, KindStats>,
    /// Files that hold pgforge's built-in definitions: what they create is marked builtin.
    builtin_files: HashSet<FileId>,
    file_lens: Vec<usize>,
    /// Not-modelled statements, aggregated per file and kind into one warning each.
    not_modelled: BTreeMap<(FileId, String), (u32, Span, String)>,
    /// Whether the current statement is guarded (inside IF/EXCEPTION of a DO block).
    guarded: bool,
    /// Whether the current statement follows dynamic SQL it cannot see (see `Stmt::lenient`).
    lenient: bool,
    current_file: FileId,
    supabase: bool,
}

impl Catalog {
    pub fn new(supabase: bool) -> Self {
        let mut schema = ir::Schema { format: 1, ..Default::default() };
        for s in ["public", "pg_catalog"] {
            schema.schemas.insert(s.into(), ir::Namespace { name: s.into(), builtin: true, ..Default::default() });
        }
        // What `initdb` gives the public schema.
        if let Some(p) = schema.schemas.get_mut("public") {
            p.comment = Some("standard public schema".into());
        }
        Catalog {
            schema,
            search_path: vec!["$user".into(), "public".into()],
            diagnostics: vec![],
            stats: BTreeMap::new(),
            builtin_files: HashSet::new(),
            file_lens: vec![],
            not_modelled: BTreeMap::new(),
            guarded: false,
            lenient: false,
            current_file: FileId(0),
            supabase,
        }
    }

    /// Register a file (in SourceMap order) and whether it holds built-in definitions.
    pub fn add_file(&mut self, id: FileId, len: usize, builtin: bool) {
        if self.file_lens.len() <= id.0 as usize {
            self.file_lens.resize(id.0 as usize + 1, 0);
        }
        self.file_lens[id.0 as usize] = len;
        if builtin {
            self.builtin_files.insert(id);
        }
    }

    pub fn supabase(&self) -> bool {
        self.supabase
    }

    fn builtin(&self) -> bool {
        self.builtin_files.contains(&self.current_file)
    }

    /// Replay one statement.
    pub fn apply(&mut self, stmt: &Stmt) {
        // Inside `IF <condition> THEN` of a DO block: skip what did not run in reality.
        if stmt.guards.iter().any(|g| self.eval_guard(g) == Some(false)) {
            if !self.builtin_files.contains(&stmt.span.file) {
                self.stats.entry(stmt.kind.to_string()).or_default().modelled += 1;
            }
            return;
        }
        self.guarded = stmt.guarded || stmt.lenient;
        self.lenient = stmt.lenient;
        self.current_file = stmt.span.file;
        let modelled = !matches!(stmt.cmd, Cmd::NotModelled(_)) && !table_alter::only_ignored(&stmt.cmd);
        if !self.builtin() {
            let e = self.stats.entry(stmt.kind.to_string()).or_default();
            if modelled {
                e.modelled += 1;
            } else {
                e.not_modelled += 1;
            }
        }
        let span = stmt.span;
        match &stmt.cmd {
            Cmd::CreateSchema { name, if_not_exists } => self.create_schema(name, *if_not_exists, span),
            Cmd::CreateTable(t) => self.create_table(t, span),
            Cmd::AlterTable { name, if_exists, actions } => self.alter_table(name, *if_exists, actions, span),
            Cmd::CreateIndex(i) => self.create_index(i, span),
            Cmd::CreateView(v) => self.create_view(v, span),
            Cmd::CreateType { name, def } => self.create_type(name, def, span),
            Cmd::AlterType { name, action } => self.alter_type(name, action, span),
            Cmd::CreateDomain { name, base, not_null, default, checks } => self.create_domain(name, base, *not_null, default, checks, span),
            Cmd::CreateFunction(f) => self.create_function(f, span),
            Cmd::CreateTrigger(t) => self.create_trigger(t, span),
            Cmd::CreatePolicy(p) => self.create_policy(p, span),
            Cmd::AlterPolicy { name, table, rename, roles, using, with_check } => {
                self.alter_policy(name, table, rename, roles, using, with_check, span)
            }
            Cmd::CreateSequence { name, if_not_exists, ty, owned_by } => self.create_sequence(name, *if_not_exists, ty, owned_by, span),
            Cmd::AlterSequence { name, if_exists, owned_by } => self.alter_sequence(name, *if_exists, owned_by, span),
            Cmd::CreateExtension { name, schema, if_not_exists } => self.create_extension(name, schema, *if_not_exists, span),
            Cmd::Comment { target, text } => self.comment(target, text, span),
            Cmd::Drop { kind, names, if_exists, cascade, on } => self.drop(*kind, names, *if_exists, *cascade, on, span),
            Cmd::Rename { kind, name, if_exists, to, schema } => self.rename(*kind, name, *if_exists, to, schema),
            Cmd::SetSearchPath(p) => self.search_path = p.clone(),
            Cmd::AlterView { name, if_exists, set, reset, rename_column } => self.alter_view(name, *if_exists, set, reset, rename_column),
            Cmd::NotModelled(kind) => self.not_modelled(kind, span),
            Cmd::DoBlock => {}
        }
        if let Cmd::AlterTable { actions, .. } = &stmt.cmd {
            if table_alter::only_ignored(&stmt.cmd) {
                for a in actions {
                    if let crate::cmd::AlterAction::Ignored(what) = a {
                        self.not_modelled(&format!("ALTER TABLE … {what}"), span);
                    }
                }
            }
        }
    }

    fn not_modelled(&mut self, kind: &str, span: Span) {
        let e = self.not_modelled.entry((span.file, kind.to_string())).or_insert((0, span, kind.to_string()));
        e.0 += 1;
    }

    /// Finish replay: emit the aggregated not-modelled warnings and hand over the model.
    pub fn finish(mut self) -> (ir::Schema, Vec<Diagnostic>, BTreeMap<String, KindStats>) {
        for ((file, _), (count, span, kind)) in std::mem::take(&mut self.not_modelled) {
            // psql meta-commands and variables already have their own warning (W0003).
            if self.builtin_files.contains(&file) || kind.starts_with("psql") {
                continue;
            }
            let what = if count == 1 { format!("{kind} statement is") } else { format!("{count} {kind} statements are") };
            self.diagnostics.push(
                Diagnostic::warning(codes::NOT_MODELLED, format!("{what} recognised but not modelled"))
                    .at(span, if count == 1 { "not part of the schema model".to_string() } else { "the first of them".to_string() })
                    .note(why_not_modelled(&kind)),
            );
        }
        // Stable order: by file, then position, then errors first.
        self.diagnostics.sort_by_key(|d| {
            let (f, s) = d.primary.as_ref().map(|(sp, _)| (sp.file.0, sp.start)).unwrap_or((u32::MAX, 0));
            (f, s, std::cmp::Reverse(d.severity))
        });
        for d in &mut self.diagnostics {
            clamp(d, &self.file_lens);
        }
        (self.schema, self.diagnostics, self.stats)
    }

    // ---- diagnostics helpers -------------------------------------------------------------

    /// Report an error, unless the statement is guarded (then PostgreSQL skips it too).
    fn error(&mut self, d: Diagnostic) -> bool {
        if !self.guarded {
            self.diagnostics.push(d);
        }
        false
    }

    // ---- lookups ---------------------------------------------------------------------------

    /// The schema an unqualified CREATE goes into: the first existing one on search_path.
    fn creation_schema(&mut self, name: &ObjName) -> Option<String> {
        if let Some(s) = &name.schema {
            if self.schema.schemas.contains_key(s) {
                return Some(s.clone());
            }
            let d = Diagnostic::error(codes::UNKNOWN_SCHEMA, format!("schema \"{s}\" does not exist"))
                .at(name.span, "no such schema")
                .help(self.missing_schema_help(s));
            self.error(d);
            return None;
        }
        let found = self.search_path.iter().find(|s| self.schema.schemas.contains_key(*s)).cloned();
        if found.is_none() {
            let d = Diagnostic::error(codes::UNKNOWN_SCHEMA, "no schema has been selected to create in")
                .at(name.span, "unqualified name")
                .note(format!("search_path is {:?} and none of those schemas exists", self.search_path.join(", ")));
            self.error(d);
        }
        found
    }

    fn missing_schema_help(&self, s: &str) -> String {
        if !self.supabase && matches!(s, "auth" | "storage" | "extensions" | "realtime" | "vault" | "graphql_public") {
            format!("\"{s}\" is created by Supabase; switch on pgforge's Supabase base objects (`--supabase`, or `supabase = true` in pgforge.toml)")
        } else {
            format!("create it first with `CREATE SCHEMA {s};`")
        }
    }

    /// The schemas to search for an unqualified name, in order.
    fn search_schemas(&self) -> Vec<String> {
        let mut v = vec!["pg_catalog".to_string()];
        v.extend(self.search_path.iter().filter(|s| self.schema.schemas.contains_key(*s)).cloned());
        v
    }

    /// Find a table by name (qualified, or along search_path).
    fn find_table(&self, name: &ObjName) -> Option<QualName> {
        self.find_in(name, |ns, n| ns.tables.contains_key(n))
    }

    fn find_view(&self, name: &ObjName) -> Option<QualName> {
        self.find_in(name, |ns, n| ns.views.contains_key(n))
    }

    fn find_in(&self, name: &ObjName, has: impl Fn(&ir::Namespace, &str) -> bool) -> Option<QualName> {
        let schemas = match &name.schema {
            Some(s) => vec![s.clone()],
            None => self.search_schemas(),
        };
        schemas
            .into_iter()
            .find(|s| self.schema.schemas.get(s).is_some_and(|ns| has(ns, &name.name)))
            .map(|s| QualName::new(s, &name.name))
    }

    fn table_mut(&mut self, q: &QualName) -> Option<&mut ir::Table> {
        self.schema.schemas.get_mut(&q.schema)?.tables.get_mut(&q.name)
    }

    /// Whether a relation-namespace name (table, view, sequence, index) is taken, and where.
    fn relation_span(&self, schema: &str, name: &str) -> Option<(Span, &'static str)> {
        let ns = self.schema.schemas.get(schema)?;
        if let Some(t) = ns.tables.get(name) {
            return Some((t.span, "table"));
        }
        if let Some(v) = ns.views.get(name) {
            return Some((v.span, if v.materialized { "materialized view" } else { "view" }));
        }
        if let Some(s) = ns.sequences.get(name) {
            return Some((s.span, "sequence"));
        }
        if let Some(i) = ns.indexes.get(name) {
            return Some((i.span, "index"));
        }
        None
    }

    /// Error for an object that does not exist, with a hint for Supabase objects.
    fn missing_relation(&mut self, name: &ObjName, what: &str) -> bool {
        let shown = match &name.schema {
            Some(s) => format!("{s}.{}", name.name),
            None => name.name.clone(),
        };
        let mut d = Diagnostic::error(codes::UNKNOWN_RELATION, format!("{what} \"{shown}\" does not exist")).at(name.span, "not defined at this point");
        if let Some(s) = &name.schema {
            if !self.schema.schemas.contains_key(s) {
                d = d.help(self.missing_schema_help(s));
            }
        }
        let schema_missing = name.schema.as_ref().is_some_and(|s| !self.schema.schemas.contains_key(s));
        if let Some(later) = self.similar_relation(&name.name).filter(|_| !schema_missing) {
            d = d.help(format!("a relation with a similar name exists: \"{later}\""));
        }
        self.error(d)
    }

    fn similar_relation(&self, name: &str) -> Option<String> {
        let mut best: Option<(usize, String)> = None;
        for ns in self.schema.schemas.values() {
            for n in ns.tables.keys().chain(ns.views.keys()) {
                let d = names::edit_distance(name, n);
                if d > 0 && d <= 2 && best.as_ref().is_none_or(|b| d < b.0) {
                    best = Some((d, format!("{}.{}", ns.name, n)));
                }
            }
        }
        best.map(|b| b.1)
    }
}

fn why_not_modelled(kind: &str) -> String {
    let k = kind.to_ascii_uppercase();
    if k.contains("GRANT") || k.contains("REVOKE") || k.contains("PRIVILEGES") || k.contains("ROLE") || k.contains("OWNER") {
        "privileges, roles and ownership do not change the tables, types or functions pgforge generates code for".into()
    } else if matches!(k.as_str(), "INSERT" | "UPDATE" | "DELETE" | "SELECT" | "COPY" | "MERGE" | "WITH" | "TRUNCATE" | "CALL") {
        "data changes do not change the schema".into()
    } else if k.contains("PSQL") {
        "psql meta-commands and variables are instructions to psql, not SQL".into()
    } else if k == "SET" || k == "RESET" || k == "SESSION" {
        "session settings do not change the schema (only search_path matters, and it is followed)".into()
    } else if k == "TRANSACTION" {
        "transaction control has no effect on the resulting schema".into()
    } else if k.starts_with("DO") {
        "the DO block contains no DDL that pgforge could see".into()
    } else {
        format!("pgforge does not model {kind} yet; it has no effect on generated code")
    }
}

/// Spans from escaped literals inside DO blocks may point past their file; keep them inside.
fn clamp(d: &mut Diagnostic, lens: &[usize]) {
    let fix = |s: &mut Span| {
        let len = lens.get(s.file.0 as usize).copied().unwrap_or(0) as u32;
        if s.end > len {
            s.end = len;
        }
        if s.start > s.end {
            s.start = s.end;
        }
    };
    if let Some((s, _)) = &mut d.primary {
        fix(s);
    }
    for (s, _) in &mut d.secondary {
        fix(s);
    }
}
