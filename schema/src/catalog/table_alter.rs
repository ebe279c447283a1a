//! ALTER TABLE: columns, constraints, renames, RLS, partitions. Dependent objects follow a
//! rename; dropping something others depend on needs CASCADE, as in PostgreSQL.

use super::Catalog;
use crate::cmd::{AlterAction, Cmd, ColumnDef, ObjName, RlsChange};
use crate::diag::{codes, Diagnostic};
use crate::ir::{ConstraintKind, IndexKey, QualName};
use crate::span::Span;

/// An ALTER TABLE whose every action changes nothing the model keeps.
pub fn only_ignored(cmd: &Cmd) -> bool {
    matches!(cmd, Cmd::AlterTable { actions, .. } if !actions.is_empty() && actions.iter().all(|a| matches!(a, AlterAction::Ignored(_))))
}

impl Catalog {
    pub(super) fn alter_table(
        &mut self,
        name: &ObjName,
        if_exists: bool,
        actions: &[AlterAction],
        span: Span,
    ) {
        let Some(mut q) = self.find_table(name) else {
            // ALTER TABLE also accepts views, sequences and indexes for renames, OWNER TO, SET …
            let other = self.find_in(name, |ns, n| {
                ns.views.contains_key(n)
                    || ns.sequences.contains_key(n)
                    || ns.indexes.contains_key(n)
            });
            if let Some(o) = other {
                for a in actions {
                    let ns = self.schema.schemas.get(&o.schema);
                    let kind = if ns.is_some_and(|ns| ns.views.contains_key(&o.name)) {
                        crate::cmd::ObjKind::View
                    } else if ns.is_some_and(|ns| ns.sequences.contains_key(&o.name)) {
                        crate::cmd::ObjKind::Sequence
                    } else {
                        crate::cmd::ObjKind::Index
                    };
                    match a {
                        AlterAction::RenameTable { to } => self.rename(&super::RenameTarget {
                            kind,
                            n: name,
                            if_exists: false,
                            to: &Some(to.clone()),
                            schema: &None,
                        }),
                        AlterAction::SetSchema { schema } => self.rename(&super::RenameTarget {
                            kind,
                            n: name,
                            if_exists: false,
                            to: &None,
                            schema: &Some(schema.clone()),
                        }),
                        AlterAction::Ignored(_) => {}
                        _ => {
                            let d = Diagnostic::error(
                                codes::INVALID_DEFINITION,
                                format!("\"{}\" is not a table", o.name),
                            )
                            .at(name.span, "ALTER TABLE needs a table here");
                            self.error(d);
                            return;
                        }
                    }
                }
                return;
            }
            if !if_exists {
                self.missing_relation(name, "relation");
            }
            return;
        };
        if let Some(t) = self.table_mut(&q) {
            t.changed.push(span);
        }
        for a in actions {
            if !self.alter_action(&mut q, a, span) {
                return; // PostgreSQL stops at the first failing action
            }
        }
    }

    fn col_exists(&mut self, q: &QualName, column: &str, span: Span) -> bool {
        let Some(t) = self.schema.table(q) else {
            self.lost(format!("table {q}"), span);
            return false;
        };
        if t.column(column).is_none() {
            let t = t.clone();
            return self.unknown_column(&t, column, span, "ALTER TABLE");
        }
        true
    }

    fn alter_action(&mut self, q: &mut QualName, a: &AlterAction, span: Span) -> bool {
        match a {
            AlterAction::AddColumn {
                if_not_exists,
                column,
            } => self.add_column(q, *if_not_exists, column, span),
            AlterAction::DropColumn {
                name,
                span: sp,
                if_exists,
                cascade,
            } => {
                if self.schema.table(q).and_then(|t| t.column(name)).is_none() {
                    return *if_exists || self.col_exists(q, name, *sp);
                }
                self.drop_column(q, name, *cascade, *sp)
            }
            AlterAction::RenameColumn { from, to, span: sp } => {
                if !self.col_exists(q, from, *sp) {
                    return false;
                }
                if self.schema.table(q).and_then(|t| t.column(to)).is_some() {
                    let d = Diagnostic::error(
                        codes::DUPLICATE_OBJECT,
                        format!("column \"{to}\" of relation \"{}\" already exists", q.name),
                    )
                    .at(*sp, "rename target taken");
                    return self.error(d);
                }
                self.rename_column(q, from, to);
                true
            }
            AlterAction::AlterType { .. }
            | AlterAction::SetNotNull { .. }
            | AlterAction::DropNotNull { .. }
            | AlterAction::SetDefault { .. }
            | AlterAction::DropDefault { .. }
            | AlterAction::AddIdentity { .. }
            | AlterAction::DropIdentity { .. }
            | AlterAction::DropExpression { .. } => self.alter_column(q, a),
            AlterAction::AddConstraint(con) => self.add_constraint(q, con, span),
            AlterAction::AddConstraintUsingIndex {
                name,
                span: sp,
                index,
                primary,
            } => self.add_constraint_using_index(q, name, *sp, index, *primary, span),
            AlterAction::DropConstraint {
                name,
                span: sp,
                if_exists,
                cascade,
            } => self.drop_constraint(q, name, *sp, *if_exists, *cascade),
            AlterAction::RenameConstraint { from, to, span: sp } => {
                self.rename_constraint(q, from, to, *sp)
            }
            AlterAction::ValidateConstraint { name, span: sp }
            | AlterAction::AlterConstraint { name, span: sp, .. } => {
                self.alter_constraint(q, a, name, *sp)
            }
            AlterAction::RenameTable { to } => {
                if let Some((prev, what)) = self.relation_span(&q.schema, to) {
                    let d = Diagnostic::error(
                        codes::DUPLICATE_OBJECT,
                        format!("relation \"{to}\" already exists"),
                    )
                    .at(span, "rename target taken")
                    .note_at(prev, format!("the {what} was created"));
                    return self.error(d);
                }
                let new = QualName::new(&q.schema, to);
                self.move_table(q, &new);
                *q = new;
                true
            }
            AlterAction::SetSchema { schema } => {
                if !self.schema.schemas.contains_key(schema) {
                    let d = Diagnostic::error(
                        codes::UNKNOWN_SCHEMA,
                        format!("schema \"{schema}\" does not exist"),
                    )
                    .at(span, "here");
                    return self.error(d);
                }
                let new = QualName::new(schema, &q.name);
                self.move_table(q, &new);
                *q = new;
                true
            }
            AlterAction::Rls(change) => {
                if let Some(t) = self.table_mut(q) {
                    match change {
                        RlsChange::Enable => t.rls_enabled = true,
                        RlsChange::Disable => t.rls_enabled = false,
                        RlsChange::Force => t.rls_forced = true,
                        RlsChange::NoForce => t.rls_forced = false,
                    }
                }
                true
            }
            AlterAction::AttachPartition { partition, bound } => {
                let Some(pq) = self.find_table(partition) else {
                    return self.missing_relation(partition, "partition");
                };
                let parent = q.clone();
                if let Some(p) = self.table_mut(&pq) {
                    p.partition_of = Some(parent.clone());
                    p.partition_bound = Some(bound.clone());
                }
                // An attached partition gets the parent's keys and indexes (or keeps its own),
                // and its foreign keys.
                self.copy_partition_keys(&parent, &pq, span);
                self.clone_parent_fks(&parent, &pq);
                true
            }
            AlterAction::DetachPartition { partition } => {
                let Some(pq) = self.find_table(partition) else {
                    return self.missing_relation(partition, "partition");
                };
                if let Some(p) = self.table_mut(&pq) {
                    p.partition_of = None;
                    p.partition_bound = None;
                }
                true
            }
            AlterAction::Ignored(_) => true,
        }
    }

    fn drop_column(&mut self, q: &QualName, name: &str, cascade: bool, sp: Span) -> bool {
        let cols = [name.to_string()];
        let deps = self
            .fks_referencing(q, Some(&cols))
            .into_iter()
            .filter(|(dq, _)| dq != q)
            .collect::<Vec<_>>();
        let views = self.views_using_column(q, name);
        let policies = self.policies_using_column(q, name);
        if !cascade {
            if let Some((dq, dn)) = deps.first() {
                let d = Diagnostic::error(codes::INVALID_DEFINITION, format!("cannot drop column {name} of table {q} because constraint {dn} on table {dq} depends on it"))
                    .at(sp, "still referenced")
                    .help("use DROP COLUMN … CASCADE");
                return self.error(d);
            }
            if let Some(v) = views.first() {
                let d = Diagnostic::error(
                    codes::INVALID_DEFINITION,
                    format!(
                        "cannot drop column {name} of table {q} because view {v} depends on it"
                    ),
                )
                .at(sp, "still used by a view")
                .help("drop or replace the view first, or use DROP COLUMN … CASCADE");
                return self.error(d);
            }
            if let Some((pt, pn)) = policies.first() {
                let d = Diagnostic::error(
                    codes::INVALID_DEFINITION,
                    format!("cannot drop column {name} of table {q} because policy {pn} on table {pt} depends on it"),
                )
                .at(sp, "still read by a policy")
                .help("drop or alter the policy first, or use DROP COLUMN … CASCADE (which drops the policy)");
                return self.error(d);
            }
        }
        for (pt, pn) in policies {
            self.drop_dependent_policy(&pt, &pn);
        }
        for (dq, dn) in deps {
            if let Some(t) = self.table_mut(&dq) {
                t.constraints.retain(|c| c.name != dn);
            }
        }
        for v in views {
            if let Some(ns) = self.schema.schemas.get_mut(&v.schema) {
                ns.views.remove(&v.name);
            }
        }
        let Some(t) = self.table_mut(q) else {
            self.lost(format!("table {q}"), sp);
            return false;
        };
        t.columns.retain(|c| c.name != name);
        // Constraints and indexes on the column go with it.
        let gone: Vec<String> = t
            .constraints
            .iter()
            .filter(|c| c.kind.columns().iter().any(|x| x == name))
            .map(|c| c.name.clone())
            .collect();
        t.constraints.retain(|c| !gone.contains(&c.name));
        if let Some(ns) = self.schema.schemas.get_mut(&q.schema) {
            ns.indexes
                .retain(|_, i| !(i.table == *q && i.columns.iter().any(|c| c == name)));
        }
        true
    }

    fn rename_column(&mut self, q: &QualName, from: &str, to: &str) {
        self.follow_in_depends((q, Some(from)), (q, Some(to)));
        let rename = |v: &mut Vec<String>| {
            for c in v.iter_mut() {
                if c == from {
                    *c = to.to_string();
                }
            }
        };
        let Some(t) = self.table_mut(q) else {
            return;
        };
        for c in &mut t.columns {
            if c.name == from {
                c.name = to.to_string();
            }
        }
        for con in &mut t.constraints {
            match &mut con.kind {
                ConstraintKind::PrimaryKey { columns, include }
                | ConstraintKind::Unique {
                    columns, include, ..
                } => {
                    rename(columns);
                    rename(include);
                }
                ConstraintKind::ForeignKey { columns, .. }
                | ConstraintKind::Check { columns, .. } => rename(columns),
                _ => {}
            }
        }
        for ns in self.schema.schemas.values_mut() {
            for t in ns.tables.values_mut() {
                for con in &mut t.constraints {
                    if let ConstraintKind::ForeignKey {
                        references,
                        referenced_columns,
                        ..
                    } = &mut con.kind
                    {
                        if references == q {
                            rename(referenced_columns);
                        }
                    }
                }
            }
            for i in ns.indexes.values_mut().filter(|i| i.table == *q) {
                for k in &mut i.keys {
                    if let IndexKey::Column { name, .. } = k {
                        if name == from {
                            *name = to.to_string();
                        }
                    }
                }
                rename(&mut i.include);
                rename(&mut i.columns);
            }
            for v in ns.views.values_mut() {
                for c in &mut v.columns {
                    if let Some((sq, sc)) = &mut c.source {
                        if sq == q && sc == from {
                            *sc = to.to_string();
                        }
                    }
                }
            }
            for s in ns.sequences.values_mut() {
                if let Some((sq, sc)) = &mut s.owned_by {
                    if sq == q && sc == from {
                        *sc = to.to_string();
                    }
                }
            }
        }
    }

    /// Move a table to a new name or schema; everything that points at it follows.
    fn move_table(&mut self, from: &QualName, to: &QualName) {
        // The caller checked both schemas; without them there is nothing to move.
        if !self.schema.schemas.contains_key(&to.schema) {
            return;
        }
        self.follow_in_depends((from, None), (to, None));
        let Some(source) = self.namespace_mut(&from.schema) else {
            return;
        };
        let Some(mut t) = source.tables.remove(&from.name) else {
            return;
        };
        t.schema = to.schema.clone();
        t.name = to.name.clone();
        let moved: Vec<String> = source
            .indexes
            .values()
            .filter(|i| i.table == *from)
            .map(|i| i.name.clone())
            .collect();
        let indexes: Vec<_> = moved
            .iter()
            .filter_map(|n| source.indexes.remove(n))
            .collect();
        if let Some(target) = self.namespace_mut(&to.schema) {
            for mut i in indexes {
                i.table = to.clone();
                target.indexes.insert(i.name.clone(), i);
            }
            target.tables.insert(to.name.clone(), t);
        }
        for ns in self.schema.schemas.values_mut() {
            for t in ns.tables.values_mut() {
                for con in &mut t.constraints {
                    if let ConstraintKind::ForeignKey { references, .. } = &mut con.kind {
                        if references == from {
                            *references = to.clone();
                        }
                    }
                }
                if t.partition_of.as_ref() == Some(from) {
                    t.partition_of = Some(to.clone());
                }
            }
            for v in ns.views.values_mut() {
                for c in &mut v.columns {
                    if let Some((sq, _)) = &mut c.source {
                        if sq == from {
                            *sq = to.clone();
                        }
                    }
                }
            }
            for s in ns.sequences.values_mut() {
                if let Some((sq, _)) = &mut s.owned_by {
                    if sq == from {
                        *sq = to.clone();
                    }
                }
            }
        }
    }

    /// `ADD COLUMN [IF NOT EXISTS]`, with the column's constraints.
    /// A column added to a partitioned or inherited table reaches every partition and child
    /// (at every level), as PostgreSQL adds it; without its comment.
    fn add_column_to_children(&mut self, q: &QualName, col: &crate::ir::Column) {
        let children: Vec<QualName> = self
            .schema
            .schemas
            .values()
            .flat_map(|ns| ns.tables.values())
            .filter(|t| t.partition_of.as_ref() == Some(q) || t.inherits.contains(q))
            .map(|t| QualName::new(&t.schema, &t.name))
            .collect();
        for child in children {
            let Some(t) = self.table_mut(&child) else {
                continue;
            };
            if t.column(&col.name).is_none() {
                let mut c = col.clone();
                c.comment = None;
                if t.partition_of.is_none() {
                    c.identity = None;
                }
                t.columns.push(c);
            }
            self.add_column_to_children(&child, col);
        }
    }

    fn add_column(
        &mut self,
        q: &QualName,
        if_not_exists: bool,
        column: &ColumnDef,
        span: Span,
    ) -> bool {
        if let Some(existing) = self.schema.table(q).and_then(|t| t.column(&column.name)) {
            if !if_not_exists {
                let d = Diagnostic::error(
                    codes::DUPLICATE_OBJECT,
                    format!(
                        "column \"{}\" of relation \"{}\" already exists",
                        column.name, q.name
                    ),
                )
                .at(column.span, "added again here")
                .note_at(existing.span, "first defined")
                .help("use ADD COLUMN IF NOT EXISTS if the migration should be re-runnable");
                return self.error(d);
            }
            return true;
        }
        let col = self.column(q, column);
        let Some(t) = self.table_mut(q) else {
            self.lost(format!("table {q}"), span);
            return false;
        };
        t.columns.push(col.clone());
        self.add_column_to_children(q, &col);
        if column.serial {
            self.serial_sequence(q, &column.name, span);
        }
        for con in &column.constraints {
            if !self.add_constraint(q, con, span) {
                return false;
            }
        }
        if let Some(d) = &column.default {
            self.analyze_default(q, d);
        }
        if let Some((g, _)) = &column.generated {
            if self.check_refs(q, &g.refs, "generated column", true) {
                self.analyze_table_expr(
                    q,
                    g,
                    None,
                    Some("generated column"),
                    "column generation expressions",
                );
            }
        }
        true
    }

    /// `ALTER [COLUMN] c TYPE / SET|DROP NOT NULL / SET|DROP DEFAULT / identity / DROP
    /// EXPRESSION`: the actions on one existing column.
    fn alter_column(&mut self, q: &QualName, a: &AlterAction) -> bool {
        match a {
            AlterAction::AlterType {
                column,
                span: sp,
                ty,
            } => {
                if !self.col_exists(q, column, *sp) || !self.type_change_allowed(q, column, *sp) {
                    return false;
                }
                let ty = self.resolve_type(ty);
                if let Some(c) = self
                    .table_mut(q)
                    .and_then(|t| t.columns.iter_mut().find(|c| &c.name == column))
                {
                    c.ty = ty;
                }
                true
            }
            AlterAction::SetNotNull { column, span: sp }
            | AlterAction::DropNotNull { column, span: sp } => {
                if !self.col_exists(q, column, *sp) {
                    return false;
                }
                let set = matches!(a, AlterAction::SetNotNull { .. });
                let in_pk = self
                    .schema
                    .table(q)
                    .and_then(|t| t.primary_key())
                    .is_some_and(|pk| pk.kind.columns().contains(column));
                if !set && in_pk {
                    let d = Diagnostic::error(
                        codes::INVALID_DEFINITION,
                        format!("column \"{column}\" is in a primary key"),
                    )
                    .at(*sp, "cannot drop NOT NULL here");
                    return self.error(d);
                }
                if let Some(c) = self
                    .table_mut(q)
                    .and_then(|t| t.columns.iter_mut().find(|c| &c.name == column))
                {
                    c.not_null = set || c.identity.is_some();
                }
                true
            }
            AlterAction::SetDefault {
                column,
                span: sp,
                default,
            } => {
                if !self.col_exists(q, column, *sp) {
                    return false;
                }
                self.analyze_default(q, default);
                if let Some(c) = self
                    .table_mut(q)
                    .and_then(|t| t.columns.iter_mut().find(|c| &c.name == column))
                {
                    c.default =
                        Some(default.text.clone()).filter(|d| !super::table::is_null_literal(d));
                }
                true
            }
            AlterAction::DropDefault { column, span: sp } => {
                if !self.col_exists(q, column, *sp) {
                    return false;
                }
                if let Some(c) = self
                    .table_mut(q)
                    .and_then(|t| t.columns.iter_mut().find(|c| &c.name == column))
                {
                    c.default = None;
                }
                true
            }
            AlterAction::AddIdentity {
                column,
                span: sp,
                kind,
                options,
            } => {
                if !self.col_exists(q, column, *sp) {
                    return false;
                }
                if let Some(c) = self
                    .table_mut(q)
                    .and_then(|t| t.columns.iter_mut().find(|c| &c.name == column))
                {
                    c.identity = Some(crate::ir::Identity {
                        kind: *kind,
                        options: options.clone(),
                    });
                    c.not_null = true;
                }
                true
            }
            AlterAction::DropIdentity {
                column,
                span: sp,
                if_exists,
            } => {
                if !self.col_exists(q, column, *sp) {
                    return false;
                }
                let had = self
                    .schema
                    .table(q)
                    .and_then(|t| t.column(column))
                    .is_some_and(|c| c.identity.is_some());
                if !had && !if_exists {
                    let d = Diagnostic::error(
                        codes::UNKNOWN_OBJECT,
                        format!(
                            "column \"{column}\" of relation \"{}\" is not an identity column",
                            q.name
                        ),
                    )
                    .at(*sp, "here");
                    return self.error(d);
                }
                if let Some(c) = self
                    .table_mut(q)
                    .and_then(|t| t.columns.iter_mut().find(|c| &c.name == column))
                {
                    c.identity = None;
                }
                true
            }
            AlterAction::DropExpression { column, span: sp } => {
                if !self.col_exists(q, column, *sp) {
                    return false;
                }
                if let Some(c) = self
                    .table_mut(q)
                    .and_then(|t| t.columns.iter_mut().find(|c| &c.name == column))
                {
                    c.generated = None;
                }
                true
            }
            _ => true,
        }
    }
}
