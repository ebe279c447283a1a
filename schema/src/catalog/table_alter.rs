//! ALTER TABLE: columns, constraints, renames, RLS, partitions. Dependent objects follow a
//! rename; dropping something others depend on needs CASCADE, as in PostgreSQL.

use super::Catalog;
use crate::cmd::{AlterAction, Cmd, ObjName, RlsChange};
use crate::diag::{codes, Diagnostic};
use crate::ir::{ConstraintKind, IndexKey, QualName};
use crate::span::Span;

/// An ALTER TABLE whose every action changes nothing the model keeps.
pub fn only_ignored(cmd: &Cmd) -> bool {
    matches!(cmd, Cmd::AlterTable { actions, .. } if !actions.is_empty() && actions.iter().all(|a| matches!(a, AlterAction::Ignored(_))))
}

impl Catalog {
    pub(super) fn alter_table(&mut self, name: &ObjName, if_exists: bool, actions: &[AlterAction], span: Span) {
        let Some(mut q) = self.find_table(name) else {
            // ALTER TABLE also accepts views, sequences and indexes for renames, OWNER TO, SET …
            let other = self.find_in(name, |ns, n| ns.views.contains_key(n) || ns.sequences.contains_key(n) || ns.indexes.contains_key(n));
            if let Some(o) = other {
                for a in actions {
                    let kind = if self.schema.schemas[&o.schema].views.contains_key(&o.name) {
                        crate::cmd::ObjKind::View
                    } else if self.schema.schemas[&o.schema].sequences.contains_key(&o.name) {
                        crate::cmd::ObjKind::Sequence
                    } else {
                        crate::cmd::ObjKind::Index
                    };
                    match a {
                        AlterAction::RenameTable { to } => self.rename(kind, name, false, &Some(to.clone()), &None),
                        AlterAction::SetSchema { schema } => self.rename(kind, name, false, &None, &Some(schema.clone())),
                        AlterAction::Ignored(_) => {}
                        _ => {
                            let d = Diagnostic::error(codes::INVALID_DEFINITION, format!("\"{}\" is not a table", o.name)).at(name.span, "ALTER TABLE needs a table here");
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
        let t = self.schema.table(q).expect("exists").clone();
        if t.column(column).is_none() {
            return self.unknown_column(&t, column, span, "ALTER TABLE");
        }
        true
    }

    fn alter_action(&mut self, q: &mut QualName, a: &AlterAction, span: Span) -> bool {
        match a {
            AlterAction::AddColumn { if_not_exists, column } => {
                if let Some(existing) = self.schema.table(q).and_then(|t| t.column(&column.name)) {
                    if !if_not_exists {
                        let d = Diagnostic::error(codes::DUPLICATE_OBJECT, format!("column \"{}\" of relation \"{}\" already exists", column.name, q.name))
                            .at(column.span, "added again here")
                            .note_at(existing.span, "first defined")
                            .help("use ADD COLUMN IF NOT EXISTS if the migration should be re-runnable");
                        return self.error(d);
                    }
                    return true;
                }
                let col = self.column(q, column);
                self.table_mut(q).expect("exists").columns.push(col);
                if column.serial {
                    self.serial_sequence(q, &column.name, span);
                }
                for con in &column.constraints {
                    if !self.add_constraint(q, con, span) {
                        return false;
                    }
                }
                if let Some((g, _)) = &column.generated {
                    self.check_refs(q, &g.refs, "generated column", true);
                }
                true
            }
            AlterAction::DropColumn { name, span: sp, if_exists, cascade } => {
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
                    let d = Diagnostic::error(codes::DUPLICATE_OBJECT, format!("column \"{to}\" of relation \"{}\" already exists", q.name)).at(*sp, "rename target taken");
                    return self.error(d);
                }
                self.rename_column(q, from, to);
                true
            }
            AlterAction::AlterType { column, span: sp, ty } => {
                if !self.col_exists(q, column, *sp) {
                    return false;
                }
                let ty = self.resolve_type(ty);
                if let Some(c) = self.table_mut(q).and_then(|t| t.columns.iter_mut().find(|c| &c.name == column)) {
                    c.ty = ty;
                }
                true
            }
            AlterAction::SetNotNull { column, span: sp } | AlterAction::DropNotNull { column, span: sp } => {
                if !self.col_exists(q, column, *sp) {
                    return false;
                }
                let set = matches!(a, AlterAction::SetNotNull { .. });
                let in_pk = self.schema.table(q).and_then(|t| t.primary_key()).is_some_and(|pk| pk.kind.columns().contains(column));
                if !set && in_pk {
                    let d = Diagnostic::error(codes::INVALID_DEFINITION, format!("column \"{column}\" is in a primary key")).at(*sp, "cannot drop NOT NULL here");
                    return self.error(d);
                }
                if let Some(c) = self.table_mut(q).and_then(|t| t.columns.iter_mut().find(|c| &c.name == column)) {
                    c.not_null = set || c.identity.is_some();
                }
                true
            }
            AlterAction::SetDefault { column, span: sp, default } => {
                if !self.col_exists(q, column, *sp) {
                    return false;
                }
                if let Some(c) = self.table_mut(q).and_then(|t| t.columns.iter_mut().find(|c| &c.name == column)) {
                    c.default = Some(default.text.clone()).filter(|d| !super::table::is_null_literal(d));
                }
                true
            }
            AlterAction::DropDefault { column, span: sp } => {
                if !self.col_exists(q, column, *sp) {
                    return false;
                }
                if let Some(c) = self.table_mut(q).and_then(|t| t.columns.iter_mut().find(|c| &c.name == column)) {
                    c.default = None;
                }
                true
            }
            AlterAction::AddIdentity { column, span: sp, kind, options } => {
                if !self.col_exists(q, column, *sp) {
                    return false;
                }
                if let Some(c) = self.table_mut(q).and_then(|t| t.columns.iter_mut().find(|c| &c.name == column)) {
                    c.identity = Some(crate::ir::Identity { kind: *kind, options: options.clone() });
                    c.not_null = true;
                }
                true
            }
            AlterAction::DropIdentity { column, span: sp, if_exists } => {
                if !self.col_exists(q, column, *sp) {
                    return false;
                }
                let had = self.schema.table(q).and_then(|t| t.column(column)).is_some_and(|c| c.identity.is_some());
                if !had && !if_exists {
                    let d = Diagnostic::error(codes::UNKNOWN_OBJECT, format!("column \"{column}\" of relation \"{}\" is not an identity column", q.name)).at(*sp, "here");
                    return self.error(d);
                }
                if let Some(c) = self.table_mut(q).and_then(|t| t.columns.iter_mut().find(|c| &c.name == column)) {
                    c.identity = None;
                }
                true
            }
            AlterAction::DropExpression { column, span: sp } => {
                if !self.col_exists(q, column, *sp) {
                    return false;
                }
                if let Some(c) = self.table_mut(q).and_then(|t| t.columns.iter_mut().find(|c| &c.name == column)) {
                    c.generated = None;
                }
                true
            }
            AlterAction::AddConstraint(con) => self.add_constraint(q, con, span),
            AlterAction::AddConstraintUsingIndex { name, span: sp, index, primary } => {
                let idx = self.schema.schemas.get(&q.schema).and_then(|ns| ns.indexes.get(index)).cloned();
                let Some(idx) = idx else {
                    let d = Diagnostic::error(codes::UNKNOWN_OBJECT, format!("index \"{index}\" does not exist")).at(*sp, "here");
                    return self.error(d);
                };
                let cols: Vec<(String, Span)> = idx.keys.iter().filter_map(|k| match k {
                    IndexKey::Column { name, .. } => Some((name.clone(), *sp)),
                    _ => None,
                }).collect();
                // The index is renamed to the constraint's name.
                if let Some(ns) = self.schema.schemas.get_mut(&q.schema) {
                    ns.indexes.remove(index);
                }
                let kind = if *primary {
                    crate::cmd::ConstraintDefKind::PrimaryKey { columns: cols, include: idx.include.clone() }
                } else {
                    crate::cmd::ConstraintDefKind::Unique { columns: cols, include: idx.include.clone(), nulls_not_distinct: idx.nulls_not_distinct }
                };
                let con = crate::cmd::ConstraintDef { name: Some(name.clone()), span: *sp, kind, deferrable: false, initially_deferred: false, not_valid: false };
                self.add_constraint(q, &con, span)
            }
            AlterAction::DropConstraint { name, span: sp, if_exists, cascade } => self.drop_constraint(q, name, *sp, *if_exists, *cascade),
            AlterAction::RenameConstraint { from, to, span: sp } => {
                let Some(t) = self.table_mut(q) else { return false };
                match t.constraints.iter_mut().find(|c| &c.name == from) {
                    Some(c) => {
                        c.name = to.clone();
                        t.constraints.sort_by(|a, b| a.name.cmp(&b.name));
                        if let Some(ns) = self.schema.schemas.get_mut(&q.schema) {
                            if let Some(mut i) = ns.indexes.remove(from) {
                                i.name = to.clone();
                                i.constraint = Some(to.clone());
                                ns.indexes.insert(to.clone(), i);
                            }
                        }
                        true
                    }
                    None => {
                        let d = Diagnostic::error(codes::UNKNOWN_OBJECT, format!("constraint \"{from}\" for table \"{}\" does not exist", q.name)).at(*sp, "here");
                        self.error(d)
                    }
                }
            }
            AlterAction::ValidateConstraint { name, span: sp } | AlterAction::AlterConstraint { name, span: sp, .. } => {
                let Some(t) = self.table_mut(q) else { return false };
                match t.constraints.iter_mut().find(|c| &c.name == name) {
                    Some(c) => {
                        match a {
                            AlterAction::ValidateConstraint { .. } => c.not_valid = false,
                            AlterAction::AlterConstraint { deferrable, initially_deferred, .. } => {
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
                        let d = Diagnostic::error(codes::UNKNOWN_OBJECT, format!("constraint \"{name}\" of relation \"{}\" does not exist", q.name)).at(*sp, "here");
                        self.error(d)
                    }
                }
            }
            AlterAction::RenameTable { to } => {
                if let Some((prev, what)) = self.relation_span(&q.schema, to) {
                    let d = Diagnostic::error(codes::DUPLICATE_OBJECT, format!("relation \"{to}\" already exists")).at(span, "rename target taken").note_at(prev, format!("the {what} was created"));
                    return self.error(d);
                }
                let new = QualName::new(&q.schema, to);
                self.move_table(q, &new);
                *q = new;
                true
            }
            AlterAction::SetSchema { schema } => {
                if !self.schema.schemas.contains_key(schema) {
                    let d = Diagnostic::error(codes::UNKNOWN_SCHEMA, format!("schema \"{schema}\" does not exist")).at(span, "here");
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
                let Some(pq) = self.find_table(partition) else { return self.missing_relation(partition, "partition") };
                let parent = q.clone();
                if let Some(p) = self.table_mut(&pq) {
                    p.partition_of = Some(parent.clone());
                    p.partition_bound = Some(bound.clone());
                }
                // An attached partition gets the parent's keys and indexes (or keeps its own).
                self.copy_partition_keys(&parent, &pq, span);
                true
            }
            AlterAction::DetachPartition { partition } => {
                let Some(pq) = self.find_table(partition) else { return self.missing_relation(partition, "partition") };
                if let Some(p) = self.table_mut(&pq) {
                    p.partition_of = None;
                    p.partition_bound = None;
                }
                true
            }
            AlterAction::Ignored(_) => true,
        }
    }

    fn drop_constraint(&mut self, q: &QualName, name: &str, sp: Span, if_exists: bool, cascade: bool) -> bool {
        let Some(t) = self.schema.table(q) else { return false };
        let Some(con) = t.constraints.iter().find(|c| c.name == name).cloned() else {
            if if_exists {
                return true;
            }
            let d = Diagnostic::error(codes::UNKNOWN_OBJECT, format!("constraint \"{name}\" of relation \"{}\" does not exist", q.name))
                .at(sp, "no such constraint")
                .note_at(t.span, format!("\"{q}\" was created"));
            return self.error(d);
        };
        // Foreign keys elsewhere that rely on this key need CASCADE.
        if matches!(con.kind, ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }) {
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
            if ns.indexes.get(name).is_some_and(|i| i.constraint.as_deref() == Some(name)) {
                ns.indexes.remove(name);
            }
        }
        true
    }

    /// Foreign keys (table, constraint name) that reference `q` (optionally: these columns).
    pub(super) fn fks_referencing(&self, q: &QualName, cols: Option<&[String]>) -> Vec<(QualName, String)> {
        let mut out = vec![];
        for ns in self.schema.schemas.values() {
            for t in ns.tables.values() {
                for c in &t.constraints {
                    if let ConstraintKind::ForeignKey { references, referenced_columns, .. } = &c.kind {
                        let same_table = references == q && !(t.schema == q.schema && t.name == q.name && cols.is_none());
                        if same_table && cols.is_none_or(|cs| referenced_columns.iter().any(|r| cs.contains(r))) {
                            out.push((t.qual(), c.name.clone()));
                        }
                    }
                }
            }
        }
        out
    }

    fn drop_column(&mut self, q: &QualName, name: &str, cascade: bool, sp: Span) -> bool {
        let cols = [name.to_string()];
        let deps = self.fks_referencing(q, Some(&cols)).into_iter().filter(|(dq, _)| dq != q).collect::<Vec<_>>();
        let views = self.views_using_column(q, name);
        if !cascade {
            if let Some((dq, dn)) = deps.first() {
                let d = Diagnostic::error(codes::INVALID_DEFINITION, format!("cannot drop column {name} of table {q} because constraint {dn} on table {dq} depends on it"))
                    .at(sp, "still referenced")
                    .help("use DROP COLUMN … CASCADE");
                return self.error(d);
            }
            if let Some(v) = views.first() {
                let d = Diagnostic::error(codes::INVALID_DEFINITION, format!("cannot drop column {name} of table {q} because view {v} depends on it"))
                    .at(sp, "still used by a view")
                    .help("drop or replace the view first, or use DROP COLUMN … CASCADE");
                return self.error(d);
            }
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
        let t = self.table_mut(q).expect("exists");
        t.columns.retain(|c| c.name != name);
        // Constraints and indexes on the column go with it.
        let gone: Vec<String> = t.constraints.iter().filter(|c| c.kind.columns().iter().any(|x| x == name)).map(|c| c.name.clone()).collect();
        t.constraints.retain(|c| !gone.contains(&c.name));
        if let Some(ns) = self.schema.schemas.get_mut(&q.schema) {
            ns.indexes.retain(|_, i| !(i.table == *q && i.columns.iter().any(|c| c == name)));
        }
        true
    }

    fn rename_column(&mut self, q: &QualName, from: &str, to: &str) {
        let rename = |v: &mut Vec<String>| {
            for c in v.iter_mut() {
                if c == from {
                    *c = to.to_string();
                }
            }
        };
        let t = self.table_mut(q).expect("exists");
        for c in &mut t.columns {
            if c.name == from {
                c.name = to.to_string();
            }
        }
        for con in &mut t.constraints {
            match &mut con.kind {
                ConstraintKind::PrimaryKey { columns, include } | ConstraintKind::Unique { columns, include, .. } => {
                    rename(columns);
                    rename(include);
                }
                ConstraintKind::ForeignKey { columns, .. } | ConstraintKind::Check { columns, .. } => rename(columns),
                _ => {}
            }
        }
        for ns in self.schema.schemas.values_mut() {
            for t in ns.tables.values_mut() {
                for con in &mut t.constraints {
                    if let ConstraintKind::ForeignKey { references, referenced_columns, .. } = &mut con.kind {
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
        let mut t = self.schema.schemas.get_mut(&from.schema).expect("exists").tables.remove(&from.name).expect("exists");
        t.schema = to.schema.clone();
        t.name = to.name.clone();
        let moved: Vec<String> = self.schema.schemas[&from.schema].indexes.values().filter(|i| i.table == *from).map(|i| i.name.clone()).collect();
        for n in moved {
            let mut i = self.schema.schemas.get_mut(&from.schema).expect("exists").indexes.remove(&n).expect("exists");
            i.table = to.clone();
            self.schema.schemas.get_mut(&to.schema).expect("exists").indexes.insert(n, i);
        }
        self.schema.schemas.get_mut(&to.schema).expect("exists").tables.insert(to.name.clone(), t);
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
}
