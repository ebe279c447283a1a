//! Constraints: PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY and EXCLUDE added by CREATE or ALTER
//! TABLE (with PostgreSQL's generated names and the index a key builds), foreign-key checks,
//! keys copied onto partitions, and DROP CONSTRAINT.

use super::names::{choose, join_columns};
use super::Catalog;
use crate::cmd::{AlterAction, ConstraintDef, ConstraintDefKind, ObjName};
use crate::diag::{codes, Diagnostic};
use crate::ir::{Constraint, ConstraintKind, Index, IndexKey, PgType, QualName, Table};
use crate::span::Span;

impl Catalog {
    /// Add a constraint to a table, checking what it names. Used by CREATE and ALTER TABLE.
    pub(super) fn add_constraint(&mut self, q: &QualName, con: &ConstraintDef, span: Span) -> bool {
        let Some(mut table) = self.schema.table(q).cloned() else {
            return false;
        };
        // Every named column must exist.
        let cols: Vec<(String, Span)> = match &con.kind {
            ConstraintDefKind::PrimaryKey { columns, .. }
            | ConstraintDefKind::Unique { columns, .. }
            | ConstraintDefKind::ForeignKey { columns, .. } => columns.clone(),
            ConstraintDefKind::NotNull(c) => vec![(c.clone(), con.span)],
            _ => vec![],
        };
        for (c, sp) in &cols {
            // On a table whose columns are not all known, the constraint is kept as written.
            if table.column(c).is_none() && !table.columns_unknown {
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
                    let Some(t) = self.table_copy(q) else {
                        self.lost(format!("table {q}"), span);
                        return false;
                    };
                    table = t;
                } else if let Some(pk) = table.primary_key() {
                    let d = Diagnostic::error(
                        codes::DUPLICATE_OBJECT,
                        format!("multiple primary keys for table \"{}\" are not allowed", q),
                    )
                    .at(con.span, "a second primary key")
                    .note_at(pk.span, "the first one was defined");
                    return self.error(d);
                }
                (
                    ConstraintKind::PrimaryKey {
                        columns: names.clone(),
                        include: include.clone(),
                    },
                    "pkey",
                    None,
                )
            }
            ConstraintDefKind::Unique {
                include,
                nulls_not_distinct,
                ..
            } => (
                ConstraintKind::Unique {
                    columns: names.clone(),
                    include: include.clone(),
                    nulls_not_distinct: *nulls_not_distinct,
                },
                "key",
                Some(join_columns(&names)),
            ),
            ConstraintDefKind::Check(e) => {
                if !self.check_refs(q, &e.refs, "check constraint", false)
                    || !self.analyze_table_expr(q, e, Some("CHECK"), None, "check constraints")
                {
                    return false;
                }
                // PostgreSQL names a CHECK after its column when the expression references
                // exactly one (`t_a_check`), else after the table alone (`t_check`).
                let columns = super::check::columns_used(&table, &e.refs);
                let first = match columns.as_slice() {
                    [one] => Some(one.clone()),
                    _ => None,
                };
                (
                    ConstraintKind::Check {
                        expr: e.text.clone(),
                        columns,
                    },
                    "check",
                    first,
                )
            }
            ConstraintDefKind::Exclude(def) => (
                ConstraintKind::Exclude {
                    definition: def.clone(),
                },
                "excl",
                None,
            ),
            ConstraintDefKind::ForeignKey {
                table: target,
                referenced,
                on_delete,
                on_update,
                match_full,
                ..
            } => {
                let Some((tq, ref_cols)) =
                    self.check_foreign_key(q, &table, &cols, target, referenced)
                else {
                    return false;
                };
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
        let taken = |n: &str| {
            table.constraints.iter().any(|c| c.name == n)
                || self.relation_span(&q.schema, n).is_some()
        };
        let name = match &con.name {
            Some(n) => {
                if taken(n) {
                    let d = Diagnostic::error(
                        codes::DUPLICATE_OBJECT,
                        format!(
                            "constraint \"{n}\" for relation \"{}\" already exists",
                            q.name
                        ),
                    )
                    .at(con.span, "name taken");
                    return self.error(d);
                }
                n.clone()
            }
            None => choose(&q.name, name2.as_deref(), label, taken),
        };
        let backs_index = matches!(
            kind,
            ConstraintKind::PrimaryKey { .. }
                | ConstraintKind::Unique { .. }
                | ConstraintKind::Exclude { .. }
        );
        let is_pk = matches!(kind, ConstraintKind::PrimaryKey { .. });
        let index = backs_index.then(|| Index {
            name: name.clone(),
            table: q.clone(),
            unique: !matches!(kind, ConstraintKind::Exclude { .. }),
            method: if matches!(kind, ConstraintKind::Exclude { .. }) {
                "gist".into()
            } else {
                "btree".into()
            },
            keys: names
                .iter()
                .map(|n| IndexKey::Column {
                    name: n.clone(),
                    collation: None,
                    opclass: None,
                    descending: false,
                    nulls_first: None,
                })
                .collect(),
            include: match &kind {
                ConstraintKind::PrimaryKey { include, .. }
                | ConstraintKind::Unique { include, .. } => include.clone(),
                _ => vec![],
            },
            predicate: None,
            with: None,
            nulls_not_distinct: matches!(
                kind,
                ConstraintKind::Unique {
                    nulls_not_distinct: true,
                    ..
                }
            ),
            constraint: Some(name.clone()),
            columns: names.clone(),
            only: false,
            comment: None,
            span: con.span,
        });
        let Some(t) = self.table_mut(q) else {
            self.lost(format!("table {q}"), span);
            return false;
        };
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
            span: if con.span.end > con.span.start {
                con.span
            } else {
                span
            },
        });
        t.constraints.sort_by(|a, b| a.name.cmp(&b.name));
        if !self.only {
            self.clone_to_partitions(q, &name);
        }
        if let Some(i) = index {
            if let Some(ns) = self.namespace_mut(&q.schema) {
                ns.indexes.insert(name.clone(), i);
            }
            // Keys of a partitioned table exist on every partition too, unless added with
            // `ALTER TABLE ONLY` (the partitions' own keys are attached later).
            let partitions = if self.only {
                vec![]
            } else {
                self.partitions_of(q)
            };
            for part in partitions {
                self.copy_partition_keys_named(q, &part, span, Some(&name));
            }
        }
        true
    }

    /// Check a foreign key; returns the referenced table and columns.
    pub(super) fn check_foreign_key(
        &mut self,
        q: &QualName,
        table: &Table,
        cols: &[(String, Span)],
        target: &ObjName,
        referenced: &[(String, Span)],
    ) -> Option<(QualName, Vec<String>)> {
        let self_ref =
            target.name == q.name && target.schema.as_ref().is_none_or(|s| s == &q.schema);
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
        let target_table = if self_ref {
            table.clone()
        } else {
            self.table_copy(&tq)?
        };
        let ref_cols: Vec<String> = if referenced.is_empty() {
            match target_table.primary_key() {
                Some(pk) => pk.kind.columns().to_vec(),
                None => {
                    let d = Diagnostic::error(
                        codes::FK_NOT_UNIQUE,
                        format!("there is no primary key for referenced table \"{tq}\""),
                    )
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
            let d = Diagnostic::error(
                codes::INVALID_DEFINITION,
                "number of referencing and referenced columns for foreign key disagree",
            )
            .at(target.span, "here");
            self.error(d);
            return None;
        }
        // The referenced columns must be a primary key or unique constraint (or unique index).
        let mut sorted = ref_cols.clone();
        sorted.sort();
        let is_key = target_table.constraints.iter().any(|c| {
            matches!(
                c.kind,
                ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }
            ) && {
                let mut k = c.kind.columns().to_vec();
                k.sort();
                k == sorted
            }
        }) || self.schema.schemas.get(&tq.schema).is_some_and(|ns| {
            ns.indexes.values().any(|i| {
                i.table == tq && i.unique && i.predicate.is_none() && {
                    let mut k: Vec<String> = i
                        .keys
                        .iter()
                        .filter_map(|k| match k {
                            IndexKey::Column { name, .. } => Some(name.clone()),
                            _ => None,
                        })
                        .collect();
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
            let (Some(a), Some(b)) = (table.column(c), target_table.column(r)) else {
                continue;
            };
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

    /// A new or attached partition gets every index of the parent, `ON ONLY` ones included
    /// (ONLY affects just the partitions that exist when the index is created).
    pub(super) fn copy_partition_keys(&mut self, parent: &QualName, part: &QualName, span: Span) {
        self.copy_partition_keys_named(parent, part, span, None);
    }

    /// Give partition `part` its own copy of the parent's indexes (all of them, or just
    /// `only_index`), as PostgreSQL does: keys with their constraints, and plain indexes. A
    /// partition that already has an index on the same keys (say, attached by hand) keeps it.
    pub(super) fn copy_partition_keys_named(
        &mut self,
        parent: &QualName,
        part: &QualName,
        span: Span,
        only_index: Option<&str>,
    ) {
        let idx: Vec<Index> = self
            .schema
            .schemas
            .get(&parent.schema)
            .map(|ns| {
                ns.indexes
                    .values()
                    .filter(|i| &i.table == parent && only_index.is_none_or(|n| n == i.name))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        for i in idx {
            let same = self.schema.schemas.get(&part.schema).is_some_and(|ns| {
                ns.indexes.values().any(|x| {
                    &x.table == part
                        && x.keys == i.keys
                        && x.unique == i.unique
                        && x.predicate == i.predicate
                })
            });
            if same {
                continue;
            }
            let cols: Vec<String> = i
                .keys
                .iter()
                .map(|k| match k {
                    IndexKey::Column { name, .. } => name.clone(),
                    IndexKey::Expression { .. } => "expr".into(),
                })
                .collect();
            let is_pk = i.constraint.as_ref().is_some_and(|c| {
                self.schema
                    .table(parent)
                    .and_then(|t| t.constraints.iter().find(|x| &x.name == c))
                    .is_some_and(|x| matches!(x.kind, ConstraintKind::PrimaryKey { .. }))
            });
            let label = if is_pk {
                "pkey"
            } else if i.constraint.is_some() {
                "key"
            } else {
                "idx"
            };
            let name = if label == "pkey" {
                choose(&part.name, None, "pkey", |n| {
                    self.relation_span(&part.schema, n).is_some()
                })
            } else {
                choose(&part.name, Some(&join_columns(&cols)), label, |n| {
                    self.relation_span(&part.schema, n).is_some()
                })
            };
            let mut copy = i.clone();
            copy.table = part.clone();
            copy.name = name.clone();
            copy.span = span;
            copy.comment = None;
            if let Some(c) = &i.constraint {
                let kind = self
                    .schema
                    .table(parent)
                    .and_then(|t| t.constraints.iter().find(|x| &x.name == c))
                    .map(|x| x.kind.clone());
                if let (Some(kind), Some(t)) = (kind, self.table_mut(part)) {
                    t.constraints.push(Constraint {
                        name: name.clone(),
                        kind,
                        deferrable: false,
                        initially_deferred: false,
                        not_valid: false,
                        comment: None,
                        span,
                    });
                    t.constraints.sort_by(|a, b| a.name.cmp(&b.name));
                }
                copy.constraint = Some(name.clone());
            }
            if let Some(ns) = self.schema.schemas.get_mut(&part.schema) {
                ns.indexes.insert(name, copy);
            }
        }
    }

    /// A foreign key or CHECK of a partitioned table is cloned onto each partition, under the
    /// same name (keys go through their index instead: `copy_partition_keys`).
    pub(super) fn clone_to_partitions(&mut self, q: &QualName, name: &str) {
        let Some(con) = self
            .schema
            .table(q)
            .and_then(|t| t.constraints.iter().find(|c| c.name == name))
            .filter(|c| {
                matches!(
                    c.kind,
                    ConstraintKind::ForeignKey { .. } | ConstraintKind::Check { .. }
                )
            })
            .cloned()
        else {
            return;
        };
        for part in self.partitions_of(q) {
            if let Some(p) = self.table_mut(&part) {
                if !p.constraints.iter().any(|c| c.name == con.name) {
                    p.constraints.push(con.clone());
                    p.constraints.sort_by(|a, b| a.name.cmp(&b.name));
                }
            }
            // A partition that is itself partitioned passes the clone on.
            self.clone_to_partitions(&part, name);
        }
    }

    /// A new or attached partition gets a clone of each of the parent's foreign keys, unless
    /// it has an equal one of its own (then that one is attached).
    pub(super) fn clone_parent_fks(&mut self, parent: &QualName, part: &QualName) {
        let fks: Vec<_> = self
            .schema
            .table(parent)
            .map(|t| {
                t.constraints
                    .iter()
                    .filter(|c| matches!(c.kind, ConstraintKind::ForeignKey { .. }))
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let Some(p) = self.table_mut(part) else {
            return;
        };
        for fk in fks {
            let equal = p.constraints.iter().any(|c| same_fk(&c.kind, &fk.kind));
            if !equal && !p.constraints.iter().any(|c| c.name == fk.name) {
                p.constraints.push(fk);
            }
        }
        p.constraints.sort_by(|a, b| a.name.cmp(&b.name));
    }

    pub(super) fn drop_constraint(
        &mut self,
        q: &QualName,
        name: &str,
        sp: Span,
        if_exists: bool,
        cascade: bool,
    ) -> bool {
        let Some(t) = self.schema.table(q) else {
            return false;
        };
        let Some(con) = t.constraints.iter().find(|c| c.name == name).cloned() else {
            if if_exists {
                return true;
            }
            let d = Diagnostic::error(
                codes::UNKNOWN_OBJECT,
                format!(
                    "constraint \"{name}\" of relation \"{}\" does not exist",
                    q.name
                ),
            )
            .at(sp, "no such constraint")
            .note_at(t.span, format!("\"{q}\" was created"));
            return self.error(d);
        };
        // Foreign keys elsewhere that rely on this key need CASCADE.
        if matches!(
            con.kind,
            ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }
        ) {
            let cols = con.kind.columns().to_vec();
            let deps = self.fks_referencing(q, Some(&cols));
            if !deps.is_empty() && !cascade {
                let (dq, dn) = &deps[0];
                let d = Diagnostic::error(codes::INVALID_DEFINITION, format!("cannot drop constraint {name} on table {q} because constraint {dn} on table {dq} depends on it"))
                    .at(sp, "still referenced")
                    .help("use DROP CONSTRAINT … CASCADE to drop the foreign keys too");
                return self.error(d);
            }
            for (dq, dn) in deps {
                if let Some(t) = self.table_mut(&dq) {
                    t.constraints.retain(|c| c.name != dn);
                }
            }
        }
        if let Some(t) = self.table_mut(q) {
            t.constraints.retain(|c| c.name != name);
        }
        if let Some(ns) = self.schema.schemas.get_mut(&q.schema) {
            if ns
                .indexes
                .get(name)
                .is_some_and(|i| i.constraint.as_deref() == Some(name))
            {
                ns.indexes.remove(name);
            }
        }
        true
    }

    /// Foreign keys (table, constraint name) that reference `q` (optionally: these columns).
    pub(super) fn fks_referencing(
        &self,
        q: &QualName,
        cols: Option<&[String]>,
    ) -> Vec<(QualName, String)> {
        let mut out = vec![];
        for ns in self.schema.schemas.values() {
            for t in ns.tables.values() {
                for c in &t.constraints {
                    if let ConstraintKind::ForeignKey {
                        references,
                        referenced_columns,
                        ..
                    } = &c.kind
                    {
                        let same_table = references == q
                            && !(t.schema == q.schema && t.name == q.name && cols.is_none());
                        if same_table
                            && cols
                                .is_none_or(|cs| referenced_columns.iter().any(|r| cs.contains(r)))
                        {
                            out.push((t.qual(), c.name.clone()));
                        }
                    }
                }
            }
        }
        out
    }

    /// `ADD [CONSTRAINT name] PRIMARY KEY | UNIQUE USING INDEX index`: the index becomes the
    /// constraint's, under the constraint's name.
    pub(super) fn add_constraint_using_index(
        &mut self,
        q: &QualName,
        name: &str,
        sp: Span,
        index: &str,
        primary: bool,
        span: Span,
    ) -> bool {
        let idx = self
            .schema
            .schemas
            .get(&q.schema)
            .and_then(|ns| ns.indexes.get(index))
            .cloned();
        let Some(idx) = idx else {
            let d = Diagnostic::error(
                codes::UNKNOWN_OBJECT,
                format!("index \"{index}\" does not exist"),
            )
            .at(sp, "here");
            return self.error(d);
        };
        let cols: Vec<(String, Span)> = idx
            .keys
            .iter()
            .filter_map(|k| match k {
                IndexKey::Column { name, .. } => Some((name.clone(), sp)),
                _ => None,
            })
            .collect();
        // The index is renamed to the constraint's name.
        if let Some(ns) = self.schema.schemas.get_mut(&q.schema) {
            ns.indexes.remove(index);
        }
        let kind = if primary {
            crate::cmd::ConstraintDefKind::PrimaryKey {
                columns: cols,
                include: idx.include.clone(),
            }
        } else {
            crate::cmd::ConstraintDefKind::Unique {
                columns: cols,
                include: idx.include.clone(),
                nulls_not_distinct: idx.nulls_not_distinct,
            }
        };
        let con = crate::cmd::ConstraintDef {
            name: Some(name.to_string()),
            span: sp,
            kind,
            deferrable: false,
            initially_deferred: false,
            not_valid: false,
        };
        self.add_constraint(q, &con, span)
    }

    /// `RENAME CONSTRAINT from TO to` (a key's index is renamed with it).
    pub(super) fn rename_constraint(
        &mut self,
        q: &QualName,
        from: &str,
        to: &str,
        sp: Span,
    ) -> bool {
        let Some(t) = self.table_mut(q) else {
            return false;
        };
        match t.constraints.iter_mut().find(|c| c.name == from) {
            Some(c) => {
                c.name = to.to_string();
                t.constraints.sort_by(|a, b| a.name.cmp(&b.name));
                if let Some(ns) = self.schema.schemas.get_mut(&q.schema) {
                    if let Some(mut i) = ns.indexes.remove(from) {
                        i.name = to.to_string();
                        i.constraint = Some(to.to_string());
                        ns.indexes.insert(to.to_string(), i);
                    }
                }
                true
            }
            None => {
                let d = Diagnostic::error(
                    codes::UNKNOWN_OBJECT,
                    format!(
                        "constraint \"{from}\" for table \"{}\" does not exist",
                        q.name
                    ),
                )
                .at(sp, "here");
                self.error(d)
            }
        }
    }

    /// `VALIDATE CONSTRAINT` and `ALTER CONSTRAINT … [NOT] DEFERRABLE / INITIALLY …` (`a`).
    pub(super) fn alter_constraint(
        &mut self,
        q: &QualName,
        a: &AlterAction,
        name: &str,
        sp: Span,
    ) -> bool {
        let Some(t) = self.table_mut(q) else {
            return false;
        };
        match t.constraints.iter_mut().find(|c| c.name == name) {
            Some(c) => {
                match a {
                    AlterAction::ValidateConstraint { .. } => c.not_valid = false,
                    AlterAction::AlterConstraint {
                        deferrable,
                        initially_deferred,
                        ..
                    } => {
                        if let Some(d) = deferrable {
                            c.deferrable = *d;
                        }
                        if let Some(i) = initially_deferred {
                            c.initially_deferred = *i;
                        }
                    }
                    _ => {}
                }
                true
            }
            None => {
                let d = Diagnostic::error(
                    codes::UNKNOWN_OBJECT,
                    format!(
                        "constraint \"{name}\" of relation \"{}\" does not exist",
                        q.name
                    ),
                )
                .at(sp, "here");
                self.error(d)
            }
        }
    }
}

/// Two foreign keys over the same columns to the same columns of the same table.
fn same_fk(a: &ConstraintKind, b: &ConstraintKind) -> bool {
    match (a, b) {
        (
            ConstraintKind::ForeignKey {
                columns: c1,
                references: r1,
                referenced_columns: rc1,
                ..
            },
            ConstraintKind::ForeignKey {
                columns: c2,
                references: r2,
                referenced_columns: rc2,
                ..
            },
        ) => c1 == c2 && r1 == r2 && rc1 == rc2,
        _ => false,
    }
}
