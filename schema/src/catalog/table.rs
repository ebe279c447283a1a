//! CREATE TABLE: columns (serial, identity, generated), constraints with PostgreSQL's
//! generated names, LIKE, INHERITS, PARTITION OF, CREATE TABLE AS; and the constraint
//! checks shared with ALTER TABLE (columns exist, foreign keys point at a key of the
//! same type).

use super::names::{choose, join_columns};
use super::Catalog;
use crate::cmd::{ColumnDef, ConstraintDef, ConstraintDefKind, CreateTable, ExprRef, ObjName};
use crate::diag::{codes, Diagnostic};
use crate::ir::{self, Column, Constraint, ConstraintKind, Generated, Identity, Index, IndexKey, PgType, QualName, Table, TableKind};
use crate::span::Span;

/// `NULL`, `null::text`, `(NULL)`.
pub(super) fn is_null_literal(e: &str) -> bool {
    let t = e.trim().trim_start_matches('(').trim_end_matches(')').trim();
    let head = t.split("::").next().unwrap_or("").trim();
    head.eq_ignore_ascii_case("null")
}

impl Catalog {
    pub(super) fn create_table(&mut self, t: &CreateTable, span: Span) {
        let Some(schema) = self.creation_schema(&t.name) else { return };
        if let Some((prev, what)) = self.relation_span(&schema, &t.name.name) {
            if !t.if_not_exists {
                let d = Diagnostic::error(codes::DUPLICATE_OBJECT, format!("relation \"{}.{}\" already exists", schema, t.name.name))
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
            span,
            changed: vec![],
        };
        // Inherited columns first (INHERITS, PARTITION OF), then LIKE, then our own.
        let mut parents = t.inherits.clone();
        if let Some((p, bound)) = &t.partition_of {
            parents.insert(0, p.clone());
            table.partition_bound = bound.clone();
        }
        for p in &parents {
            let Some(pq) = self.find_table(p) else {
                self.missing_relation(p, "parent table");
                return;
            };
            let parent = self.schema.table(&pq).expect("found").clone();
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
            for con in parent.constraints.iter().filter(|c| matches!(c.kind, ConstraintKind::Check { .. })) {
                table.constraints.push(con.clone());
            }
            if t.partition_of.is_some() {
                table.partition_of = Some(pq.clone());
            } else {
                table.inherits.push(pq.clone());
            }
        }
        let mut like_indexes: Vec<QualName> = vec![];
        for (src, opts) in &t.like {
            let Some(sq) = self.find_table(src) else {
                self.missing_relation(src, "table");
                return;
            };
            let source = self.schema.table(&sq).expect("found").clone();
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
                table.constraints.extend(source.constraints.iter().filter(|c| matches!(c.kind, ConstraintKind::Check { .. })).cloned());
            }
            if opts.indexes {
                like_indexes.push(sq.clone());
            }
        }
        if let Some(shape) = &t.as_query {
            for vc in self.query_columns(shape) {
                table.columns.push(Column {
                    name: vc.name,
                    ty: vc.ty.unwrap_or(PgType::Pseudo { type_name: "unknown".into() }),
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
                let d = Diagnostic::error(codes::DUPLICATE_OBJECT, format!("column \"{}\" specified more than once", cd.name))
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
        // Within one CREATE TABLE, PostgreSQL drops a UNIQUE that repeats the primary key (or
        // an earlier UNIQUE) on the same columns: one index serves both.
        let cols_of = |c: &ConstraintDef| -> Option<Vec<String>> {
            match &c.kind {
                ConstraintDefKind::PrimaryKey { columns, .. } | ConstraintDefKind::Unique { columns, .. } => Some(columns.iter().map(|x| x.0.clone()).collect()),
                _ => None,
            }
        };
        let pk_cols = pending.iter().find(|c| matches!(c.kind, ConstraintDefKind::PrimaryKey { .. })).and_then(cols_of);
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
        self.schema.schemas.get_mut(&schema).expect("exists").tables.insert(t.name.name.clone(), table);
        for cd in &t.columns {
            if cd.serial {
                self.serial_sequence(&q, &cd.name, span);
            }
        }
        for con in &pending {
            // PostgreSQL marks NOT VALID constraints of a new table valid: the table is empty.
            let con = ConstraintDef { not_valid: con.not_valid && t.foreign, ..con.clone() };
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
            }
        }
        for cd in &t.columns {
            if let Some((g, _)) = &cd.generated {
                self.check_refs(&q, &g.refs, "generated column", true);
            }
        }
    }

    /// A column from its definition (types resolved; constraints are added separately).
    pub(super) fn column(&mut self, table: &QualName, cd: &ColumnDef) -> Column {
        let ty = self.resolve_type(&cd.ty);
        // `DEFAULT NULL` is no default at all: PostgreSQL stores nothing for it.
        let mut default = cd.default.as_ref().map(|d| d.text.clone()).filter(|d| !is_null_literal(d));
        let mut not_null = cd.not_null;
        if cd.serial {
            let seq = super::names::make_object_name(&table.name, Some(&cd.name), "seq");
            let qualified = if table.schema == "public" { seq } else { format!("{}.{}", table.schema, seq) };
            default = Some(format!("nextval('{}'::regclass)", qualified.replace('\'', "''")));
            not_null = true;
        }
        Column {
            name: cd.name.clone(),
            ty,
            not_null: not_null || cd.identity.is_some(),
            default,
            identity: cd.identity.as_ref().map(|(kind, options)| Identity { kind: *kind, options: options.clone() }),
            generated: cd.generated.as_ref().map(|(e, stored)| Generated { expr: e.text.clone(), stored: *stored }),
            collation: cd.collation.clone(),
            comment: None,
            span: cd.span,
        }
    }

    pub(super) fn serial_sequence(&mut self, table: &QualName, column: &str, span: Span) {
        let ty = self.schema.table(table).and_then(|t| t.column(column)).map(|c| c.ty.clone()).unwrap_or(PgType::Int4);
        let name = choose(&table.name, Some(column), "seq", |n| self.relation_span(&table.schema, n).is_some());
        if let Some(ns) = self.schema.schemas.get_mut(&table.schema) {
            ns.sequences.insert(
                name.clone(),
                ir::Sequence { schema: table.schema.clone(), name, ty, owned_by: Some((table.clone(), column.to_string())), span },
            );
        }
    }

    fn copy_like_indexes(&mut self, src: &QualName, dst: &QualName, span: Span) {
        let Some(source) = self.schema.table(src).cloned() else { return };
        for con in &source.constraints {
            let kind = match &con.kind {
                ConstraintKind::PrimaryKey { columns, include } => ConstraintDefKind::PrimaryKey { columns: columns.iter().map(|c| (c.clone(), span)).collect(), include: include.clone() },
                ConstraintKind::Unique { columns, include, nulls_not_distinct } => ConstraintDefKind::Unique {
                    columns: columns.iter().map(|c| (c.clone(), span)).collect(),
                    include: include.clone(),
                    nulls_not_distinct: *nulls_not_distinct,
                },
                _ => continue,
            };
            let def = ConstraintDef { name: None, span, kind, deferrable: con.deferrable, initially_deferred: con.initially_deferred, not_valid: false };
            self.add_constraint(dst, &def, span);
        }
        let plain: Vec<Index> = self.schema.schemas.get(&src.schema).map(|ns| ns.indexes.values().filter(|i| &i.table == src && i.constraint.is_none()).cloned().collect()).unwrap_or_default();
        for i in plain {
            let cols: Vec<String> = i.keys.iter().map(|k| match k {
                IndexKey::Column { name, .. } => name.clone(),
                IndexKey::Expression { .. } => "expr".into(),
            }).collect();
            let name = choose(&dst.name, Some(&join_columns(&cols)), "idx", |n| self.relation_span(&dst.schema, n).is_some());
            let copy = Index { name: name.clone(), table: dst.clone(), span, ..i };
            if let Some(ns) = self.schema.schemas.get_mut(&dst.schema) {
                ns.indexes.insert(name, copy);
            }
        }
    }

    /// A new or attached partition gets every index of the parent, `ON ONLY` ones included
    /// (ONLY affects just the partitions that exist when the index is created).
    pub(super) fn copy_partition_keys(&mut self, parent: &QualName, part: &QualName, span: Span) {
        self.copy_partition_keys_named(parent, part, span, None);
    }

    /// Give partition `part` its own copy of the parent's indexes (all of them, or just
    /// `only_index`), as PostgreSQL does: keys with their constraints, and plain indexes. A
    /// partition that already has an index on the same keys (say, attached by hand) keeps it.
    pub(super) fn copy_partition_keys_named(&mut self, parent: &QualName, part: &QualName, span: Span, only_index: Option<&str>) {
        let idx: Vec<Index> = self
            .schema
            .schemas
            .get(&parent.schema)
            .map(|ns| ns.indexes.values().filter(|i| &i.table == parent && only_index.is_none_or(|n| n == i.name)).cloned().collect())
            .unwrap_or_default();
        for i in idx {
            let same = self.schema.schemas.get(&part.schema).is_some_and(|ns| ns.indexes.values().any(|x| &x.table == part && x.keys == i.keys && x.unique == i.unique && x.predicate == i.predicate));
            if same {
                continue;
            }
            let cols: Vec<String> = i.keys.iter().map(|k| match k {
                IndexKey::Column { name, .. } => name.clone(),
                IndexKey::Expression { .. } => "expr".into(),
            }).collect();
            let is_pk = i.constraint.as_ref().is_some_and(|c| {
                self.schema.table(parent).and_then(|t| t.constraints.iter().find(|x| &x.name == c)).is_some_and(|x| matches!(x.kind, ConstraintKind::PrimaryKey { .. }))
            });
            let label = if is_pk {
                "pkey"
            } else if i.constraint.is_some() {
                "key"
            } else {
                "idx"
            };
            let name = if label == "pkey" {
                choose(&part.name, None, "pkey", |n| self.relation_span(&part.schema, n).is_some())
            } else {
                choose(&part.name, Some(&join_columns(&cols)), label, |n| self.relation_span(&part.schema, n).is_some())
            };
            let mut copy = i.clone();
            copy.table = part.clone();
            copy.name = name.clone();
            copy.span = span;
            copy.comment = None;
            if let Some(c) = &i.constraint {
                let kind = self.schema.table(parent).and_then(|t| t.constraints.iter().find(|x| &x.name == c)).map(|x| x.kind.clone());
                if let (Some(kind), Some(t)) = (kind, self.table_mut(part)) {
                    t.constraints.push(Constraint { name: name.clone(), kind, deferrable: false, initially_deferred: false, not_valid: false, comment: None, span });
                    t.constraints.sort_by(|a, b| a.name.cmp(&b.name));
                }
                copy.constraint = Some(name.clone());
            }
            if let Some(ns) = self.schema.schemas.get_mut(&part.schema) {
                ns.indexes.insert(name, copy);
            }
        }
    }

    /// Add a constraint to a table, checking what it names. Used by CREATE and ALTER TABLE.
    pub(super) fn add_constraint(&mut self, q: &QualName, con: &ConstraintDef, span: Span) -> bool {
        let Some(mut table) = self.schema.table(q).cloned() else { return false };
        // Every named column must exist.
        let cols: Vec<(String, Span)> = match &con.kind {
            ConstraintDefKind::PrimaryKey { columns, .. } | ConstraintDefKind::Unique { columns, .. } | ConstraintDefKind::ForeignKey { columns, .. } => columns.clone(),
            ConstraintDefKind::NotNull(c) => vec![(c.clone(), con.span)],
            _ => vec![],
        };
        for (c, sp) in &cols {
            if table.column(c).is_none() {
                return self.unknown_column(&table, c, *sp, "constraint");
            }
        }
        let names: Vec<String> = cols.iter().map(|c| c.0.clone()).collect();
        let (kind, label, name2) = match &con.kind {
            ConstraintDefKind::NotNull(c) => {
                if let Some(t) = self.table_mut(q) {
                    if let Some(col) = t.columns.iter_mut().find(|x| &x.name == c) {
                        col.not_null = true;
                    }
                }
                return true;
            }
            ConstraintDefKind::PrimaryKey { include, .. } => {
                if let (Some(pk), true) = (table.primary_key(), self.lenient) {
                    // Unseen dynamic SQL must have dropped it for this to have succeeded.
                    let old = pk.name.clone();
                    if let Some(t) = self.table_mut(q) {
                        t.constraints.retain(|c| c.name != old);
                    }
                    if let Some(ns) = self.schema.schemas.get_mut(&q.schema) {
                        ns.indexes.remove(&old);
                    }
                    table = self.schema.table(q).cloned().expect("exists");
                } else if let Some(pk) = table.primary_key() {
                    let d = Diagnostic::error(codes::DUPLICATE_OBJECT, format!("multiple primary keys for table \"{}\" are not allowed", q))
                        .at(con.span, "a second primary key")
                        .note_at(pk.span, "the first one was defined");
                    return self.error(d);
                }
                (ConstraintKind::PrimaryKey { columns: names.clone(), include: include.clone() }, "pkey", None)
            }
            ConstraintDefKind::Unique { include, nulls_not_distinct, .. } => (
                ConstraintKind::Unique { columns: names.clone(), include: include.clone(), nulls_not_distinct: *nulls_not_distinct },
                "key",
                Some(join_columns(&names)),
            ),
            ConstraintDefKind::Check(e) => {
                if !self.check_refs(q, &e.refs, "check constraint", false) {
                    return false;
                }
                // Named after the first column it references (column constraints: that column).
                let first = e.refs.iter().find_map(|r| match r {
                    ExprRef::Column { name, .. } if table.column(name).is_some() => Some(name.clone()),
                    _ => None,
                });
                let columns = super::check::columns_used(&table, &e.refs);
                (ConstraintKind::Check { expr: e.text.clone(), columns }, "check", first)
            }
            ConstraintDefKind::Exclude(def) => (ConstraintKind::Exclude { definition: def.clone() }, "excl", None),
            ConstraintDefKind::ForeignKey { table: target, referenced, on_delete, on_update, match_full, .. } => {
                let Some((tq, ref_cols)) = self.check_foreign_key(q, &table, &cols, target, referenced) else { return false };
                (
                    ConstraintKind::ForeignKey {
                        columns: names.clone(),
                        references: tq,
                        referenced_columns: ref_cols,
                        on_delete: *on_delete,
                        on_update: *on_update,
                        match_full: *match_full,
                    },
                    "fkey",
                    Some(join_columns(&names)),
                )
            }
        };
        let taken = |n: &str| table.constraints.iter().any(|c| c.name == n) || self.relation_span(&q.schema, n).is_some();
        let name = match &con.name {
            Some(n) => {
                if taken(n) {
                    let d = Diagnostic::error(codes::DUPLICATE_OBJECT, format!("constraint \"{n}\" for relation \"{}\" already exists", q.name)).at(con.span, "name taken");
                    return self.error(d);
                }
                n.clone()
            }
            None => choose(&q.name, name2.as_deref(), label, taken),
        };
        let backs_index = matches!(kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. } | ConstraintKind::Exclude { .. });
        let is_pk = matches!(kind, ConstraintKind::PrimaryKey { .. });
        let index = backs_index.then(|| Index {
            name: name.clone(),
            table: q.clone(),
            unique: !matches!(kind, ConstraintKind::Exclude { .. }),
            method: if matches!(kind, ConstraintKind::Exclude { .. }) { "gist".into() } else { "btree".into() },
            keys: names.iter().map(|n| IndexKey::Column { name: n.clone(), opclass: None, descending: false }).collect(),
            include: match &kind {
                ConstraintKind::PrimaryKey { include, .. } | ConstraintKind::Unique { include, .. } => include.clone(),
                _ => vec![],
            },
            predicate: None,
            nulls_not_distinct: matches!(kind, ConstraintKind::Unique { nulls_not_distinct: true, .. }),
            constraint: Some(name.clone()),
            columns: names.clone(),
            only: false,
            comment: None,
            span: con.span,
        });
        let t = self.table_mut(q).expect("exists");
        if is_pk {
            for c in &mut t.columns {
                if names.contains(&c.name) {
                    c.not_null = true;
                }
            }
        }
        t.constraints.push(Constraint {
            name: name.clone(),
            kind,
            deferrable: con.deferrable,
            initially_deferred: con.initially_deferred,
            not_valid: con.not_valid,
            comment: None,
            span: if con.span.end > con.span.start { con.span } else { span },
        });
        t.constraints.sort_by(|a, b| a.name.cmp(&b.name));
        if let Some(i) = index {
            self.schema.schemas.get_mut(&q.schema).expect("exists").indexes.insert(name.clone(), i);
            // Keys of a partitioned table exist on every partition too.
            for part in self.partitions_of(q) {
                self.copy_partition_keys_named(q, &part, span, Some(&name));
            }
        }
        true
    }

    /// The partitions of `q`.
    pub(super) fn partitions_of(&self, q: &QualName) -> Vec<QualName> {
        self.schema.schemas.values().flat_map(|ns| ns.tables.values()).filter(|t| t.partition_of.as_ref() == Some(q)).map(|t| t.qual()).collect()
    }

    /// Check a foreign key; returns the referenced table and columns.
    fn check_foreign_key(
        &mut self,
        q: &QualName,
        table: &Table,
        cols: &[(String, Span)],
        target: &ObjName,
        referenced: &[(String, Span)],
    ) -> Option<(QualName, Vec<String>)> {
        let self_ref = target.name == q.name && target.schema.as_ref().is_none_or(|s| s == &q.schema);
        let tq = if self_ref {
            q.clone()
        } else {
            match self.find_table(target) {
                Some(t) => t,
                None => {
                    self.missing_relation(target, "referenced table");
                    return None;
                }
            }
        };
        let target_table = if self_ref { table.clone() } else { self.schema.table(&tq).expect("found").clone() };
        let ref_cols: Vec<String> = if referenced.is_empty() {
            match target_table.primary_key() {
                Some(pk) => pk.kind.columns().to_vec(),
                None => {
                    let d = Diagnostic::error(codes::FK_NOT_UNIQUE, format!("there is no primary key for referenced table \"{tq}\""))
                        .at(target.span, "referenced without a column list")
                        .note_at(target_table.span, format!("\"{tq}\" was created"));
                    self.error(d);
                    return None;
                }
            }
        } else {
            for (c, sp) in referenced {
                if target_table.column(c).is_none() {
                    self.unknown_column(&target_table, c, *sp, "foreign key");
                    return None;
                }
            }
            referenced.iter().map(|r| r.0.clone()).collect()
        };
        if ref_cols.len() != cols.len() {
            let d = Diagnostic::error(codes::INVALID_DEFINITION, "number of referencing and referenced columns for foreign key disagree").at(target.span, "here");
            self.error(d);
            return None;
        }
        // The referenced columns must be a primary key or unique constraint (or unique index).
        let mut sorted = ref_cols.clone();
        sorted.sort();
        let is_key = target_table.constraints.iter().any(|c| {
            matches!(c.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }) && {
                let mut k = c.kind.columns().to_vec();
                k.sort();
                k == sorted
            }
        }) || self.schema.schemas.get(&tq.schema).is_some_and(|ns| {
            ns.indexes.values().any(|i| {
                i.table == tq && i.unique && i.predicate.is_none() && {
                    let mut k: Vec<String> = i.keys.iter().filter_map(|k| match k {
                        IndexKey::Column { name, .. } => Some(name.clone()),
                        _ => None,
                    }).collect();
                    k.sort();
                    k == sorted && k.len() == i.keys.len()
                }
            })
        });
        if !is_key {
            let span = referenced.first().map(|r| r.1).unwrap_or(target.span);
            let d = Diagnostic::error(
                codes::FK_NOT_UNIQUE,
                format!("there is no unique constraint matching given keys for referenced table \"{tq}\" ({})", ref_cols.join(", ")),
            )
            .at(span, "not a primary key or unique column set")
            .note_at(target_table.span, format!("\"{tq}\" was created"));
            self.error(d);
            return None;
        }
        // Types must be comparable.
        for ((c, sp), r) in cols.iter().zip(&ref_cols) {
            let (Some(a), Some(b)) = (table.column(c), target_table.column(r)) else { continue };
            let base = |t: &PgType| self.domain_base(t);
            if !base(&a.ty).fk_compatible(&base(&b.ty)) {
                let d = Diagnostic::error(
                    codes::FK_TYPE_MISMATCH,
                    format!("foreign key column \"{c}\" is {} but the referenced column \"{tq}.{r}\" is {}", a.ty, b.ty),
                )
                .at(*sp, format!("type {}", a.ty))
                .note_at(b.span, format!("\"{tq}.{r}\" is {}; it was defined", b.ty))
                .note("PostgreSQL rejects a foreign key between incompatible types");
                self.error(d);
                return None;
            }
        }
        Some((tq, ref_cols))
    }

    /// A domain's base type (other types unchanged).
    pub(super) fn domain_base(&self, t: &PgType) -> PgType {
        if let PgType::User { schema, type_name, class: ir::TypeClass::Domain } = t {
            if let Some(ir::TypeDef { kind: ir::TypeKind::Domain { base, .. }, .. }) = self.schema.schemas.get(schema).and_then(|ns| ns.types.get(type_name)) {
                return self.domain_base(base);
            }
        }
        t.clone()
    }

    /// `error[E0201]: … refers to column "x", which table "t" does not have`.
    pub(super) fn unknown_column(&mut self, table: &Table, column: &str, span: Span, what: &str) -> bool {
        let mut d = Diagnostic::error(
            codes::UNKNOWN_COLUMN,
            format!("{what} refers to column \"{column}\", which table \"{}.{}\" does not have", table.schema, table.name),
        )
        .at(span, "no such column")
        .note_at(table.span, format!("\"{}.{}\" was created", table.schema, table.name));
        if let Some(s) = super::names::suggest(column, table.columns.iter().map(|c| c.name.as_str())) {
            d = d.help(format!("did you mean \"{s}\"?"));
        }
        self.error(d)
    }
}
