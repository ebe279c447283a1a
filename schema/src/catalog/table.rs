//! CREATE TABLE: columns (serial, identity, generated), constraints with PostgreSQL's
//! generated names, LIKE, INHERITS, PARTITION OF, CREATE TABLE AS; and the constraint
//! checks shared with ALTER TABLE (columns exist, foreign keys point at a key of the
//! same type).

use super::names::{choose, join_columns};
use super::Catalog;
use super::DropTarget;
use crate::cmd::{ColumnDef, ConstraintDef, ConstraintDefKind, CreateTable, ObjName};
use crate::diag::{codes, Diagnostic};
use crate::ir::{
    self, AclKind, Column, ConstraintKind, Generated, Identity, Index, IndexKey, PgType, QualName,
    Table, TableKind,
};
use crate::span::Span;

/// `NULL`, `null::text`, `(NULL)`.
pub(super) fn is_null_literal(e: &str) -> bool {
    let t = e
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    let head = t.split("::").next().unwrap_or("").trim();
    head.eq_ignore_ascii_case("null")
}

impl Catalog {
    pub(super) fn create_table(&mut self, t: &CreateTable, span: Span) {
        let Some(schema) = self.creation_schema(&t.name) else {
            return;
        };
        if !t.if_not_exists {
            self.yield_tool_table(&schema, &t.name, span);
        }
        if let Some((prev, what)) = self.relation_span(&schema, &t.name.name) {
            if !t.if_not_exists {
                let d = Diagnostic::error(
                    codes::DUPLICATE_OBJECT,
                    format!("relation \"{}.{}\" already exists", schema, t.name.name),
                )
                .at(t.name.span, "created again here")
                .note_at(prev, format!("the {what} was created"))
                .help("use CREATE TABLE IF NOT EXISTS if the migration should be re-runnable");
                self.error(d);
            }
            return;
        }
        let q = QualName::new(&schema, &t.name.name);
        let mut table = Table {
            schema: schema.clone(),
            name: t.name.name.clone(),
            kind: if t.foreign {
                TableKind::Foreign
            } else if t.partition_by.is_some() {
                TableKind::Partitioned
            } else {
                TableKind::Ordinary
            },
            builtin: self.builtin(),
            columns: vec![],
            constraints: vec![],
            rls_enabled: false,
            rls_forced: false,
            policies: vec![],
            triggers: vec![],
            comment: None,
            partition_by: t.partition_by.clone(),
            partition_of: None,
            partition_bound: None,
            inherits: vec![],
            unlogged: t.unlogged,
            acl: self
                .schema
                .default_privileges
                .for_new(&schema, AclKind::Tables),
            column_acl: Default::default(),
            columns_unknown: false,
            span,
            changed: vec![],
        };
        // Inherited columns first (INHERITS, PARTITION OF), then LIKE, then our own.
        let mut parents = t.inherits.clone();
        if let Some((p, bound)) = &t.partition_of {
            parents.insert(0, p.clone());
            table.partition_bound = bound.clone();
        }
        if !self.inherit_columns(t, &mut table, &parents, span) {
            return;
        }
        let Some(like_indexes) = self.like_columns(t, &mut table, span) else {
            return;
        };
        if let Some(shape) = &t.as_query {
            let star = shape
                .items
                .iter()
                .any(|i| matches!(i, crate::cmd::SelectItem::Star { .. }));
            let star_opaque = self.star_is_opaque(shape) && star;
            let mut columns = self.query_columns(shape);
            // The analyzer types what the SELECT list alone does not show, and expands `*`
            // over subqueries and functions. (CREATE TABLE AS makes no column NOT NULL.)
            let expanded = self.analyze_view_columns(shape, &mut columns, star_opaque, &mut vec![]);
            table.columns_unknown = shape.items.is_empty() || (star_opaque && !expanded);
            if table.columns_unknown && !shape.items.is_empty() {
                self.diagnostics.push(
                    Diagnostic::warning(
                        codes::PARTIAL_MODEL,
                        format!(
                            "the columns of {}.{} could not all be derived offline (`*` over a subquery or function)",
                            table.schema, table.name
                        ),
                    )
                    .at(t.name.span, "the model lists only the columns it can see"),
                );
            }
            for vc in columns {
                table.columns.push(Column {
                    name: vc.name,
                    ty: vc.ty.unwrap_or(PgType::Pseudo {
                        type_name: "unknown".into(),
                    }),
                    not_null: false,
                    default: None,
                    identity: None,
                    generated: None,
                    collation: None,
                    comment: None,
                    span,
                });
            }
        }
        let mut pending: Vec<ConstraintDef> = vec![];
        for cd in &t.columns {
            if let Some(existing) = table.columns.iter_mut().find(|c| c.name == cd.name) {
                if t.partition_of.is_some() || !parents.is_empty() {
                    // Partition column options / merged inherited column.
                    if let Some(d) = cd.default.as_ref().filter(|d| !is_null_literal(&d.text)) {
                        existing.default = Some(d.text.clone());
                    }
                    existing.not_null |= cd.not_null;
                    pending.extend(cd.constraints.iter().cloned());
                    continue;
                }
                let d = Diagnostic::error(
                    codes::DUPLICATE_OBJECT,
                    format!("column \"{}\" specified more than once", cd.name),
                )
                .at(cd.span, "again here")
                .also(existing.span, "first here");
                self.error(d);
                continue;
            }
            let col = self.column(&q, cd);
            table.columns.push(col);
            pending.extend(cd.constraints.iter().cloned());
        }
        pending.extend(t.constraints.iter().cloned());
        let pending = key_order(pending);
        match self.namespace_mut(&schema) {
            Some(ns) => {
                ns.tables.insert(t.name.name.clone(), table);
            }
            None => return self.lost(format!("schema {schema}"), span),
        }
        for cd in &t.columns {
            if cd.serial {
                self.serial_sequence(&q, &cd.name, span);
            }
        }
        for con in &pending {
            // PostgreSQL marks NOT VALID constraints of a new table valid: the table is empty.
            let con = ConstraintDef {
                not_valid: con.not_valid && t.foreign,
                ..con.clone()
            };
            self.add_constraint(&q, &con, span);
        }
        // LIKE … INCLUDING INDEXES: keys and indexes come along under new names.
        for src in like_indexes {
            self.copy_like_indexes(&src, &q, span);
        }
        // Partitions get their own copies of the parent's key indexes.
        if let Some((p, _)) = &t.partition_of {
            if let Some(pq) = self.find_table(p) {
                self.copy_partition_keys(&pq, &q, span);
                self.clone_parent_fks(&pq, &q);
            }
        }
        for cd in &t.columns {
            if let Some(d) = &cd.default {
                self.analyze_default(&q, d);
            }
            if let Some((g, _)) = &cd.generated {
                if self.check_refs(&q, &g.refs, "generated column", true) {
                    self.analyze_table_expr(
                        &q,
                        g,
                        None,
                        Some("generated column"),
                        "column generation expressions",
                    );
                }
            }
        }
    }

    /// A column from its definition (types resolved; constraints are added separately).
    pub(super) fn column(&mut self, table: &QualName, cd: &ColumnDef) -> Column {
        let ty = self.resolve_type(&cd.ty);
        // `DEFAULT NULL` is no default at all: PostgreSQL stores nothing for it.
        let mut default = cd
            .default
            .as_ref()
            .map(|d| d.text.clone())
            .filter(|d| !is_null_literal(d));
        let mut not_null = cd.not_null;
        if cd.serial {
            let seq = super::names::make_object_name(&table.name, Some(&cd.name), "seq");
            // As PostgreSQL prints a regclass: each part quoted when it needs it.
            let qualified = if table.schema == "public" {
                ir::quote_ident(&seq)
            } else {
                format!(
                    "{}.{}",
                    ir::quote_ident(&table.schema),
                    ir::quote_ident(&seq)
                )
            };
            default = Some(format!(
                "nextval('{}'::regclass)",
                qualified.replace('\'', "''")
            ));
            not_null = true;
        }
        Column {
            name: cd.name.clone(),
            ty,
            not_null: not_null || cd.identity.is_some(),
            default,
            identity: cd.identity.as_ref().map(|(kind, options)| Identity {
                kind: *kind,
                options: options.clone(),
            }),
            generated: cd.generated.as_ref().map(|(e, stored)| Generated {
                expr: e.text.clone(),
                stored: *stored,
            }),
            collation: cd.collation.clone(),
            comment: None,
            span: cd.span,
        }
    }

    pub(super) fn serial_sequence(&mut self, table: &QualName, column: &str, span: Span) {
        let ty = self
            .schema
            .table(table)
            .and_then(|t| t.column(column))
            .map(|c| c.ty.clone())
            .unwrap_or(PgType::Int4);
        let name = choose(&table.name, Some(column), "seq", |n| {
            self.relation_span(&table.schema, n).is_some()
        });
        if let Some(ns) = self.schema.schemas.get_mut(&table.schema) {
            ns.sequences.insert(
                name.clone(),
                ir::Sequence {
                    schema: table.schema.clone(),
                    name,
                    ty,
                    owned_by: Some((table.clone(), column.to_string())),
                    span,
                },
            );
        }
    }

    fn copy_like_indexes(&mut self, src: &QualName, dst: &QualName, span: Span) {
        let Some(source) = self.schema.table(src).cloned() else {
            return;
        };
        for con in &source.constraints {
            let kind = match &con.kind {
                ConstraintKind::PrimaryKey { columns, include } => ConstraintDefKind::PrimaryKey {
                    columns: columns.iter().map(|c| (c.clone(), span)).collect(),
                    include: include.clone(),
                },
                ConstraintKind::Unique {
                    columns,
                    include,
                    nulls_not_distinct,
                } => ConstraintDefKind::Unique {
                    columns: columns.iter().map(|c| (c.clone(), span)).collect(),
                    include: include.clone(),
                    nulls_not_distinct: *nulls_not_distinct,
                },
                _ => continue,
            };
            let def = ConstraintDef {
                name: None,
                span,
                kind,
                deferrable: con.deferrable,
                initially_deferred: con.initially_deferred,
                not_valid: false,
            };
            self.add_constraint(dst, &def, span);
        }
        let plain: Vec<Index> = self
            .schema
            .schemas
            .get(&src.schema)
            .map(|ns| {
                ns.indexes
                    .values()
                    .filter(|i| &i.table == src && i.constraint.is_none())
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        for i in plain {
            let cols: Vec<String> = i
                .keys
                .iter()
                .map(|k| match k {
                    IndexKey::Column { name, .. } => name.clone(),
                    IndexKey::Expression { .. } => "expr".into(),
                })
                .collect();
            let name = choose(&dst.name, Some(&join_columns(&cols)), "idx", |n| {
                self.relation_span(&dst.schema, n).is_some()
            });
            let copy = Index {
                name: name.clone(),
                table: dst.clone(),
                span,
                ..i
            };
            if let Some(ns) = self.schema.schemas.get_mut(&dst.schema) {
                ns.indexes.insert(name, copy);
            }
        }
    }

    /// A domain's base type (other types unchanged).
    pub(super) fn domain_base(&self, t: &PgType) -> PgType {
        if let PgType::User {
            schema,
            type_name,
            class: ir::TypeClass::Domain,
        } = t
        {
            if let Some(ir::TypeDef {
                kind: ir::TypeKind::Domain { base, .. },
                ..
            }) = self
                .schema
                .schemas
                .get(schema)
                .and_then(|ns| ns.types.get(type_name))
            {
                return self.domain_base(base);
            }
        }
        t.clone()
    }

    /// `error[E0201]: … refers to column "x", which table "t" does not have`.
    pub(super) fn unknown_column(
        &mut self,
        table: &Table,
        column: &str,
        span: Span,
        what: &str,
    ) -> bool {
        if table.columns_unknown {
            // Not all of its columns are known: PostgreSQL is the judge.
            return true;
        }
        let mut d = Diagnostic::error(
            codes::UNKNOWN_COLUMN,
            format!(
                "{what} refers to column \"{column}\", which table \"{}.{}\" does not have",
                table.schema, table.name
            ),
        )
        .at(span, "no such column")
        .note_at(
            table.span,
            format!("\"{}.{}\" was created", table.schema, table.name),
        );
        if let Some(s) =
            crate::names::did_you_mean(column, table.columns.iter().map(|c| c.name.as_str()))
        {
            d = d.help(format!("did you mean \"{s}\"?"));
        }
        self.error(d)
    }

    /// A migration tool's bookkeeping table (a built-in) gives way to a migration's own table
    /// of that name: pgforge cannot know which tool of a layout's family runs the migrations.
    fn yield_tool_table(&mut self, schema: &str, name: &ObjName, span: Span) {
        let q = QualName::new(schema, &name.name);
        let builtin_tool = self.schema.table(&q).is_some_and(|t| t.builtin)
            && crate::builtin::is_tool_table(schema, &name.name);
        if builtin_tool {
            let n = ObjName {
                schema: Some(schema.to_string()),
                ..name.clone()
            };
            self.drop_table(&DropTarget {
                kind: crate::cmd::ObjKind::Table,
                n: &n,
                args: &None,
                if_exists: true,
                cascade: true,
                on: &None,
                span,
            });
        }
    }

    /// At the end of replay: the tool tables still pgforge's own leave the model (they are
    /// the migration tool's, not the project's).
    pub(super) fn drop_tool_tables(&mut self) {
        for (schema, name) in crate::builtin::tool_table_names() {
            let n = ObjName {
                schema: Some(schema.to_string()),
                name: name.to_string(),
                span: Span::default(),
            };
            self.yield_tool_table(schema, &n, Span::default());
        }
        for s in crate::builtin::tool_schemas() {
            let empty = self
                .schema
                .schemas
                .get(s)
                .is_some_and(|ns| ns.builtin && ns.tables.is_empty() && !ns.has_user_objects());
            if empty {
                self.schema.schemas.remove(s);
            }
        }
    }

    /// `DROP TABLE` of one name.
    pub(super) fn drop_table(&mut self, d: &DropTarget) {
        let DropTarget { n, cascade, .. } = *d;
        let Some(q) = self.find_table(n) else {
            return self.nothing_to_drop(d, "table");
        };
        let fks: Vec<(QualName, String)> = self
            .fks_referencing(&q, None)
            .into_iter()
            .filter(|(t, _)| t != &q)
            .collect();
        let views: Vec<QualName> = self
            .schema
            .schemas
            .values()
            .flat_map(|ns| ns.views.values())
            .filter(|v| {
                let mut output = v.columns.iter();
                output.any(|c| c.source.as_ref().is_some_and(|(s, _)| s == &q))
                    || v.depends.iter().any(|(s, _)| s == &q)
            })
            .map(|v| QualName::new(&v.schema, &v.name))
            .collect();
        if !cascade {
            if let Some((t, c)) = fks.first() {
                let d = Diagnostic::error(
                    codes::INVALID_DEFINITION,
                    format!(
                        "cannot drop table {q} because constraint {c} on table {t} depends on it"
                    ),
                )
                .at(n.span, "still referenced")
                .help("use DROP TABLE … CASCADE to drop the foreign keys too");
                self.error(d);
                return;
            }
            if let Some(v) = views.first() {
                let d = Diagnostic::error(
                    codes::INVALID_DEFINITION,
                    format!("cannot drop table {q} because view {v} depends on it"),
                )
                .at(n.span, "still used by a view")
                .help("use DROP TABLE … CASCADE");
                self.error(d);
                return;
            }
        }
        for (t, c) in fks {
            if let Some(t) = self.table_mut(&t) {
                t.constraints.retain(|x| x.name != c);
            }
        }
        for v in views {
            if let Some(ns) = self.namespace_mut(&v.schema) {
                ns.views.remove(&v.name);
            }
        }
        let Some(ns) = self.namespace_mut(&q.schema) else {
            return self.lost(format!("schema {}", q.schema), n.span);
        };
        ns.tables.remove(&q.name);
        ns.indexes.retain(|_, i| i.table != q);
        ns.sequences
            .retain(|_, s| s.owned_by.as_ref().is_none_or(|(t, _)| t != &q));
    }

    /// `COMMENT ON TABLE`.
    pub(super) fn comment_table(&mut self, n: &ObjName, text: &Option<String>) {
        let Some(q) = self.find_table(n) else {
            self.missing_relation(n, "table");
            return;
        };
        match self.table_mut(&q) {
            Some(t) => t.comment = text.clone(),
            None => self.lost(format!("table {q}"), n.span),
        }
    }

    /// `COMMENT ON COLUMN` (of a table; view columns are accepted and not kept).
    pub(super) fn comment_column(&mut self, n: &ObjName, col: &str, text: &Option<String>) {
        let Some(q) = self.find_table(n) else {
            match self.find_view(n) {
                Some(v) => self.comment_view_column(&v, col, text, n.span),
                None => {
                    self.missing_relation(n, "relation");
                }
            }
            return;
        };
        if let Some(c) = self.column_mut(&q, col) {
            c.comment = text.clone();
            return;
        }
        match self.table_copy(&q) {
            Some(t) => {
                self.unknown_column(&t, col, n.span, "COMMENT ON COLUMN");
            }
            None => self.lost(format!("table {q}"), n.span),
        }
    }

    /// `COMMENT ON COLUMN` of a view's column. A column the model lacks (the view's `*` over
    /// a function pgforge cannot expand) keeps no comment, and that is no error: PostgreSQL
    /// has the column.
    fn comment_view_column(&mut self, q: &QualName, col: &str, text: &Option<String>, span: Span) {
        let Some(v) = self.view_mut(q) else {
            return self.lost(format!("view {q}"), span);
        };
        if let Some(c) = v.columns.iter_mut().find(|c| c.name == col) {
            c.comment = text.clone();
        }
    }

    /// `COMMENT ON CONSTRAINT | TRIGGER | POLICY name ON table`.
    pub(super) fn comment_on_table(
        &mut self,
        kind: &str,
        name: &str,
        table: &ObjName,
        text: &Option<String>,
        span: Span,
    ) {
        let Some(q) = self.find_table(table) else {
            self.missing_relation(table, "table");
            return;
        };
        let Some(t) = self.table_mut(&q) else {
            return self.lost(format!("table {q}"), span);
        };
        let slot = match kind {
            "constraint" => t
                .constraints
                .iter_mut()
                .find(|c| c.name == name)
                .map(|c| &mut c.comment),
            "trigger" => t
                .triggers
                .iter_mut()
                .find(|c| c.name == name)
                .map(|c| &mut c.comment),
            _ => t
                .policies
                .iter_mut()
                .find(|c| c.name == name)
                .map(|c| &mut c.comment),
        };
        match slot {
            Some(c) => *c = text.clone(),
            None => {
                let d = Diagnostic::error(
                    codes::UNKNOWN_OBJECT,
                    format!("{kind} \"{name}\" for table \"{q}\" does not exist"),
                )
                .at(span, "nothing to comment on");
                self.error(d);
            }
        }
    }

    /// The columns (and CHECKs) of the parents a table inherits from or is a partition of;
    /// false when a parent is missing (reported).
    fn inherit_columns(
        &mut self,
        t: &CreateTable,
        table: &mut Table,
        parents: &[ObjName],
        span: Span,
    ) -> bool {
        for p in parents {
            let Some(pq) = self.find_table(p) else {
                self.missing_relation(p, "parent table");
                return false;
            };
            let Some(parent) = self.table_copy(&pq) else {
                self.lost(format!("table {pq}"), span);
                return false;
            };
            for c in &parent.columns {
                if table.column(&c.name).is_none() {
                    // Inherited: type, NOT NULL, default; not identity, not the comment.
                    let mut c = c.clone();
                    // Partitions keep the parent's identity (PostgreSQL 17+); inheritance children do not.
                    if t.partition_of.is_none() {
                        c.identity = None;
                    }
                    c.comment = None;
                    table.columns.push(c);
                }
            }
            // Partitions inherit the parent's checks and NOT NULLs; keys come via the index.
            for con in parent
                .constraints
                .iter()
                .filter(|c| matches!(c.kind, ConstraintKind::Check { .. }))
            {
                table.constraints.push(con.clone());
            }
            if t.partition_of.is_some() {
                table.partition_of = Some(pq.clone());
            } else {
                table.inherits.push(pq.clone());
            }
        }
        true
    }

    /// The columns (and, as asked, CHECKs) of `LIKE` sources; the sources whose indexes come
    /// along. `None` when a source is missing (reported).
    fn like_columns(
        &mut self,
        t: &CreateTable,
        table: &mut Table,
        span: Span,
    ) -> Option<Vec<QualName>> {
        let mut like_indexes: Vec<QualName> = vec![];
        for (src, opts) in &t.like {
            let Some(sq) = self.find_table(src) else {
                self.missing_relation(src, "table");
                return None;
            };
            let Some(source) = self.table_copy(&sq) else {
                self.lost(format!("table {sq}"), span);
                return None;
            };
            for c in &source.columns {
                let mut c = c.clone();
                if !opts.defaults {
                    c.default = None;
                }
                if !opts.identity {
                    c.identity = None;
                }
                if !opts.generated {
                    c.generated = None;
                }
                if !opts.comments {
                    c.comment = None;
                }
                table.columns.push(c);
            }
            if opts.constraints {
                table.constraints.extend(
                    source
                        .constraints
                        .iter()
                        .filter(|c| matches!(c.kind, ConstraintKind::Check { .. }))
                        .cloned(),
                );
            }
            if opts.indexes {
                like_indexes.push(sq.clone());
            }
        }
        Some(like_indexes)
    }
}

/// The constraints of one CREATE TABLE in the order PostgreSQL builds them.
fn key_order(mut pending: Vec<ConstraintDef>) -> Vec<ConstraintDef> {
    // Within one CREATE TABLE, PostgreSQL drops a UNIQUE that repeats the primary key (or
    // an earlier UNIQUE) on the same columns: one index serves both.
    let cols_of = |c: &ConstraintDef| -> Option<Vec<String>> {
        match &c.kind {
            ConstraintDefKind::PrimaryKey { columns, .. }
            | ConstraintDefKind::Unique { columns, .. } => {
                Some(columns.iter().map(|x| x.0.clone()).collect())
            }
            _ => None,
        }
    };
    let pk_cols = pending
        .iter()
        .find(|c| matches!(c.kind, ConstraintDefKind::PrimaryKey { .. }))
        .and_then(cols_of);
    let mut seen: Vec<Vec<String>> = pk_cols.into_iter().collect();
    pending.retain(|c| match (&c.kind, cols_of(c)) {
        (ConstraintDefKind::Unique { .. }, Some(cols)) => {
            if seen.contains(&cols) {
                false
            } else {
                seen.push(cols);
                true
            }
        }
        _ => true,
    });
    // PostgreSQL builds keys and checks first and foreign keys last, so a foreign key may
    // reference a key declared after it (even on the same table).
    pending.sort_by_key(|c| matches!(c.kind, ConstraintDefKind::ForeignKey { .. }));
    pending
}
