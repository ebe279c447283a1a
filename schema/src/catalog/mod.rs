//! The catalog: replays lowered statements in order, sqlc-style — one dispatch line per
//! statement kind, one file per object family. Replay semantics (IF NOT EXISTS, OR REPLACE,
//! renames, DROP … CASCADE, search_path, case folding) live here, and so do the checks that
//! catch at build time what PostgreSQL would reject at deploy time.

mod aggregate;
mod analyzed;
mod check;
mod colname;
mod constraint;
mod depends;
mod extension;
mod from_function;
mod function;
mod grant;
mod guard;
mod hazards;
mod index;
mod lookup;
mod names;
mod outcome;
mod policy;
mod schema;
mod sequence;
mod storage;
mod table;
mod table_alter;
mod trigger;
mod types;
mod view;

use crate::cmd::{Cmd, CommentTarget, ObjKind, ObjName, Stmt, TypeRef};
use crate::diag::{codes, Diagnostic};
use crate::ir::{self};
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
    /// SQL functions PostgreSQL would inline, by (schema, signature): their body's references.
    inline: std::collections::HashMap<(String, String), Vec<crate::cmd::ExprRef>>,
    /// Codes the current statement allows (see `crate::allow`).
    allowed: crate::allow::Allowed,
    /// Errors reported so far (not counting allowed or follow-on ones).
    errors: usize,
    /// Objects whose CREATE was refused, with that statement (see `outcome`).
    refused: Vec<(String, Span)>,
    /// Whether the current statement's error was "already exists".
    duplicate: bool,
    /// Whether the current statement is `ALTER TABLE ONLY`.
    only: bool,
    /// `check_function_bodies` (on unless a migration sets it off, as pg_dump does).
    check_function_bodies: bool,
}

impl Catalog {
    pub fn new(supabase: bool) -> Self {
        let mut schema = ir::Schema {
            format: 1,
            ..Default::default()
        };
        // What every database has: `public`, the system catalog, and `pg_temp` (each
        // session's own schema for temporary objects, emptied when the session ends).
        for s in ["public", "pg_catalog", "pg_temp"] {
            schema.schemas.insert(
                s.into(),
                ir::Namespace {
                    name: s.into(),
                    builtin: true,
                    ..Default::default()
                },
            );
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
            check_function_bodies: true,
            current_file: FileId(0),
            supabase,
            inline: Default::default(),
            allowed: Default::default(),
            errors: 0,
            refused: vec![],
            duplicate: false,
            only: false,
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

    /// A migration file ends: its session's temporary objects (`pg_temp.*`) go with it.
    pub fn end_session(&mut self) {
        if let Some(ns) = self.schema.schemas.get_mut("pg_temp") {
            ns.tables.clear();
            ns.views.clear();
            ns.types.clear();
            ns.functions.clear();
            ns.sequences.clear();
            ns.indexes.clear();
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
        if stmt
            .guards
            .iter()
            .any(|g| self.eval_guard(g) == Some(false))
        {
            if !self.builtin_files.contains(&stmt.span.file) {
                self.stats
                    .entry(stmt.kind.to_string())
                    .or_default()
                    .modelled += 1;
            }
            return;
        }
        self.guarded = stmt.guarded || stmt.lenient;
        self.lenient = stmt.lenient;
        self.current_file = stmt.span.file;
        let modelled =
            !matches!(stmt.cmd, Cmd::NotModelled(_)) && !table_alter::only_ignored(&stmt.cmd);
        if !self.builtin() {
            let e = self.stats.entry(stmt.kind.to_string()).or_default();
            if modelled {
                e.modelled += 1;
            } else {
                e.not_modelled += 1;
            }
        }
        let span = stmt.span;
        let errors_before = self.errors;
        self.note_hazards(stmt);
        self.dispatch(stmt);
        self.remember_refused(&stmt.cmd, span, errors_before);
    }

    fn dispatch(&mut self, stmt: &Stmt) {
        let span = stmt.span;
        match &stmt.cmd {
            Cmd::CreateSchema {
                name,
                if_not_exists,
            } => self.create_schema(name, *if_not_exists, span),
            Cmd::CreateTable(t) => self.create_table(t, span),
            Cmd::AlterTable {
                name,
                if_exists,
                only,
                actions,
            } => {
                self.only = *only;
                self.alter_table(name, *if_exists, actions, span);
                self.only = false;
            }
            Cmd::CreateIndex(i) => self.create_index(i, span),
            Cmd::CreateView(v) => self.create_view(v, span),
            Cmd::CreateType { name, def } => self.create_type(name, def, span),
            Cmd::AlterType { name, action } => self.alter_type(name, action, span),
            Cmd::CreateDomain {
                name,
                base,
                not_null,
                default,
                checks,
            } => self.create_domain(name, base, *not_null, default, checks, span),
            Cmd::CreateFunction(f) => self.create_function(f, span),
            Cmd::CreateAggregate(a) => self.create_aggregate(a, span),
            Cmd::AlterFunction(a) => self.alter_function(a),
            Cmd::CreateTrigger(t) => self.create_trigger(t, span),
            Cmd::CreatePolicy(p) => self.create_policy(p, span),
            Cmd::AlterPolicy {
                name,
                table,
                rename,
                roles,
                using,
                with_check,
            } => self.alter_policy(name, table, rename, roles, using, with_check, span),
            Cmd::CreateSequence {
                name,
                if_not_exists,
                ty,
                owned_by,
            } => self.create_sequence(name, *if_not_exists, ty, owned_by, span),
            Cmd::AlterSequence {
                name,
                if_exists,
                owned_by,
            } => self.alter_sequence(name, *if_exists, owned_by, span),
            Cmd::CreateExtension {
                name,
                schema,
                if_not_exists,
            } => self.create_extension(name, schema, *if_not_exists, span),
            Cmd::Comment { target, text } => self.comment(target, text, span),
            Cmd::Drop {
                kind,
                names,
                if_exists,
                cascade,
                on,
            } => self.drop(*kind, names, *if_exists, *cascade, on, span),
            Cmd::Rename {
                kind,
                name,
                if_exists,
                to,
                schema,
            } => self.rename(&RenameTarget {
                kind: *kind,
                n: name,
                if_exists: *if_exists,
                to,
                schema,
            }),
            Cmd::SetSearchPath(p) => self.search_path = p.clone(),
            Cmd::SetCheckFunctionBodies(on) => self.check_function_bodies = *on,
            Cmd::AlterView {
                name,
                if_exists,
                set,
                reset,
                rename_column,
            } => self.alter_view(name, *if_exists, set, reset, rename_column),
            Cmd::Grant(g) => self.grant(g),
            Cmd::DefaultPrivileges(d) => self.default_privileges(d),
            Cmd::InsertBuckets { rows, .. } => self.insert_buckets(rows, span),
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
        let e = self
            .not_modelled
            .entry((span.file, kind.to_string()))
            .or_insert((0, span, kind.to_string()));
        e.0 += 1;
    }

    /// Finish replay: emit the aggregated not-modelled warnings and hand over the model.
    pub fn finish(mut self) -> (ir::Schema, Vec<Diagnostic>, BTreeMap<String, KindStats>) {
        self.drop_tool_tables();
        for ((file, _), (count, span, kind)) in std::mem::take(&mut self.not_modelled) {
            // psql meta-commands and variables already have their own warning (W0003).
            if self.builtin_files.contains(&file) || kind.starts_with("psql") {
                continue;
            }
            let what = if count == 1 {
                format!("{kind} statement is")
            } else {
                format!("{count} {kind} statements are")
            };
            self.diagnostics.push(
                Diagnostic::warning(
                    codes::NOT_MODELLED,
                    format!("{what} recognised but not modelled"),
                )
                .at(
                    span,
                    if count == 1 {
                        "not part of the schema model".to_string()
                    } else {
                        "the first of them".to_string()
                    },
                )
                .note(why_not_modelled(&kind)),
            );
        }
        // Stable order: by file, then position, then errors first.
        self.diagnostics.sort_by_key(|d| {
            let (f, s) = d
                .primary
                .as_ref()
                .map(|(sp, _)| (sp.file.0, sp.start))
                .unwrap_or((u32::MAX, 0));
            (f, s, std::cmp::Reverse(d.severity))
        });
        for d in &mut self.diagnostics {
            clamp(d, &self.file_lens);
        }
        (self.schema, self.diagnostics, self.stats)
    }

    // ---- diagnostics helpers -------------------------------------------------------------

    // ---- lookups ---------------------------------------------------------------------------
}

fn why_not_modelled(kind: &str) -> String {
    let k = kind.to_ascii_uppercase();
    if k.contains("GRANT")
        || k.contains("REVOKE")
        || k.contains("PRIVILEGES")
        || k.contains("ROLE")
        || k.contains("OWNER")
    {
        "privileges on tables, views and functions are modelled (the lint rules read them); those on schemas, sequences, types and databases, role membership and ownership are not, and none of them changes the code pgforge generates".into()
    } else if matches!(
        k.as_str(),
        "INSERT" | "UPDATE" | "DELETE" | "SELECT" | "COPY" | "MERGE" | "WITH" | "TRUNCATE" | "CALL"
    ) {
        "data changes do not change the schema".into()
    } else if k.contains("PSQL") {
        "psql meta-commands and variables are instructions to psql, not SQL".into()
    } else if k == "SET" || k == "RESET" || k == "SESSION" {
        "session settings do not change the schema (only search_path matters, and it is followed)"
            .into()
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

/// One name of a `DROP` statement, with the statement's options.
#[derive(Clone, Copy)]
pub(super) struct DropTarget<'a> {
    pub kind: ObjKind,
    pub n: &'a ObjName,
    pub args: &'a Option<Vec<TypeRef>>,
    pub if_exists: bool,
    pub cascade: bool,
    pub on: &'a Option<ObjName>,
    pub span: Span,
}

/// `ALTER <kind> name RENAME TO … / SET SCHEMA …`.
#[derive(Clone, Copy)]
pub(super) struct RenameTarget<'a> {
    pub kind: ObjKind,
    pub n: &'a ObjName,
    pub if_exists: bool,
    pub to: &'a Option<String>,
    pub schema: &'a Option<String>,
}

/// DROP, RENAME and COMMENT ON name objects of every family; each family's file handles its own.
impl Catalog {
    #[allow(clippy::too_many_arguments)]
    fn drop(
        &mut self,
        kind: ObjKind,
        names: &[(ObjName, Option<Vec<TypeRef>>)],
        if_exists: bool,
        cascade: bool,
        on: &Option<ObjName>,
        span: Span,
    ) {
        for (n, args) in names {
            let d = DropTarget {
                kind,
                n,
                args,
                if_exists,
                cascade,
                on,
                span,
            };
            match kind {
                ObjKind::Table | ObjKind::ForeignTable => self.drop_table(&d),
                ObjKind::View | ObjKind::MaterializedView => self.drop_view(&d),
                ObjKind::Index => self.drop_index(&d),
                ObjKind::Sequence => self.drop_sequence(&d),
                ObjKind::Type | ObjKind::Domain => self.drop_type(&d),
                ObjKind::Function | ObjKind::Procedure => self.drop_function(&d),
                ObjKind::Trigger | ObjKind::Policy => self.drop_trigger_or_policy(&d),
                ObjKind::Schema => self.drop_schema(&d),
                ObjKind::Extension => self.drop_extension(&d),
            }
        }
    }

    /// The error for a name that is not there, unless `IF EXISTS`.
    fn nothing_to_drop(&mut self, d: &DropTarget, what: &str) {
        if d.if_exists {
            return;
        }
        let e = Diagnostic::error(
            codes::UNKNOWN_OBJECT,
            format!("{what} \"{}\" does not exist", d.n.name),
        )
        .at(d.n.span, "nothing to drop at this point")
        .help(format!(
            "use DROP {} IF EXISTS if that is expected",
            what.to_uppercase()
        ));
        self.error(e);
    }

    fn rename(&mut self, r: &RenameTarget) {
        match r.kind {
            ObjKind::Index => self.rename_index(r),
            ObjKind::View | ObjKind::MaterializedView => self.rename_view(r),
            ObjKind::Sequence => self.rename_sequence(r),
            ObjKind::Function | ObjKind::Procedure => self.rename_function(r),
            ObjKind::Schema => self.rename_schema(r),
            // Tables are renamed through ALTER TABLE; the rest is not modelled.
            _ => {}
        }
    }

    fn comment(&mut self, target: &CommentTarget, text: &Option<String>, span: Span) {
        match target {
            CommentTarget::Table(n) => self.comment_table(n, text),
            CommentTarget::Column(n, col) => self.comment_column(n, col, text),
            CommentTarget::View(n) => self.comment_view(n, text),
            CommentTarget::Type(n) => self.comment_type(n, text),
            CommentTarget::Function(n, args) => self.comment_function(n, args, text),
            CommentTarget::Index(n) => self.comment_index(n, text),
            CommentTarget::OnTable(kind, name, table) => {
                self.comment_on_table(kind, name, table, text, span)
            }
            CommentTarget::Schema(s) => self.comment_schema(s, text, span),
            CommentTarget::Other(_) => {}
        }
    }
}
