//! Sequences: CREATE, ALTER (OWNED BY), DROP and RENAME SEQUENCE.

use super::{Catalog, DropTarget, RenameTarget};
use crate::cmd::{ObjName, TypeRef};
use crate::diag::{codes, Diagnostic};
use crate::ir::{PgType, QualName, Sequence};
use crate::span::Span;

impl Catalog {
    pub(super) fn create_sequence(
        &mut self,
        name: &ObjName,
        if_not_exists: bool,
        ty: &Option<TypeRef>,
        owned_by: &Option<(ObjName, String)>,
        span: Span,
    ) {
        let Some(schema) = self.creation_schema(name) else {
            return;
        };
        if let Some((prev, what)) = self.relation_span(&schema, &name.name) {
            if !if_not_exists {
                let d = Diagnostic::error(
                    codes::DUPLICATE_OBJECT,
                    format!("relation \"{schema}.{}\" already exists", name.name),
                )
                .at(name.span, "created again here")
                .note_at(prev, format!("the {what} was created"));
                self.error(d);
            }
            return;
        }
        let ty = ty
            .as_ref()
            .map(|t| self.resolve_type(t))
            .unwrap_or(PgType::Int8);
        let owned = self.owned_by(owned_by);
        let seq = Sequence {
            schema: schema.clone(),
            name: name.name.clone(),
            ty,
            owned_by: owned,
            span,
        };
        match self.namespace_mut(&schema) {
            Some(ns) => {
                ns.sequences.insert(name.name.clone(), seq);
            }
            None => self.lost(format!("schema {schema}"), span),
        }
    }

    fn owned_by(&mut self, owned_by: &Option<(ObjName, String)>) -> Option<(QualName, String)> {
        let (t, c) = owned_by.as_ref()?;
        let Some(q) = self.find_table(t) else {
            self.missing_relation(t, "table");
            return None;
        };
        let table = self.table_copy(&q)?;
        if table.column(c).is_none() {
            self.unknown_column(&table, c, t.span, "OWNED BY");
            return None;
        }
        Some((q, c.clone()))
    }

    pub(super) fn alter_sequence(
        &mut self,
        name: &ObjName,
        if_exists: bool,
        owned_by: &Option<Option<(ObjName, String)>>,
        _span: Span,
    ) {
        let Some(q) = self.find_in(name, |ns, n| ns.sequences.contains_key(n)) else {
            if !if_exists {
                self.missing_relation(name, "sequence");
            }
            return;
        };
        if let Some(o) = owned_by {
            let owned = self.owned_by(o);
            if let Some(s) = self
                .schema
                .schemas
                .get_mut(&q.schema)
                .and_then(|ns| ns.sequences.get_mut(&q.name))
            {
                s.owned_by = owned;
            }
        }
    }

    /// `DROP SEQUENCE` of one name.
    pub(super) fn drop_sequence(&mut self, d: &DropTarget) {
        let DropTarget { n, .. } = *d;
        let Some(q) = self.find_in(n, |ns, x| ns.sequences.contains_key(x)) else {
            return self.nothing_to_drop(d, "sequence");
        };
        if let Some(ns) = self.namespace_mut(&q.schema) {
            ns.sequences.remove(&q.name);
        }
    }

    /// `ALTER SEQUENCE … RENAME TO / SET SCHEMA`.
    pub(super) fn rename_sequence(&mut self, r: &RenameTarget) {
        let RenameTarget {
            n,
            if_exists,
            to,
            schema,
            ..
        } = *r;
        let Some(q) = self.find_in(n, |ns, x| ns.sequences.contains_key(x)) else {
            if !if_exists {
                self.missing_relation(n, "sequence");
            }
            return;
        };
        let Some(mut s) = self
            .namespace_mut(&q.schema)
            .and_then(|ns| ns.sequences.remove(&q.name))
        else {
            return self.lost(format!("sequence {q}"), n.span);
        };
        if let Some(to) = to {
            s.name = to.clone();
        }
        if let Some(sc) = schema {
            s.schema = sc.clone();
        }
        let target = s.schema.clone();
        if let Some(ns) = self.schema.schemas.get_mut(&target) {
            ns.sequences.insert(s.name.clone(), s);
        }
    }
}
