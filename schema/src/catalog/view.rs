//! Views and materialized views: the relations they read must exist, the columns they name
//! must exist there, and their output columns (names, and types where the query shows them)
//! are derived offline.

use super::Catalog;
use super::{DropTarget, RenameTarget};
use crate::cmd::ObjKind;
use crate::cmd::{CreateView, ExprRef, ObjName, QueryShape, SelectItem};
use crate::diag::{codes, Diagnostic};
use crate::ir::{AclKind, PgType, QualName, View, ViewColumn};
use crate::span::Span;

/// A relation visible in a query's FROM: its name for qualifiers and its columns.
pub(super) struct FromRel {
    pub(super) label: String,
    pub(super) qual: QualName,
    pub(super) is_table: bool,
    pub(super) columns: Vec<ViewColumn>,
}

/// The result type of an aggregate over a column of type `t`, as PostgreSQL defines it.
fn aggregate_type(agg: &str, t: PgType) -> Option<PgType> {
    use PgType::*;
    Some(match (agg, t) {
        ("min" | "max" | "coalesce", t) => t,
        ("sum", Int2 | Int4) => Int8,
        ("sum", Int8 | Numeric { .. }) => Numeric {
            precision: None,
            scale: None,
        },
        ("sum", Float4) => Float4,
        ("sum", Float8) => Float8,
        ("sum", Money) => Money,
        ("sum", Interval { .. }) => Interval {
            fields: None,
            precision: None,
        },
        ("avg", Int2 | Int4 | Int8 | Numeric { .. }) => Numeric {
            precision: None,
            scale: None,
        },
        ("avg", Float4 | Float8) => Float8,
        ("avg", Interval { .. }) => Interval {
            fields: None,
            precision: None,
        },
        // An array of arrays aggregates to one more dimension.
        ("array_agg", t) => PgType::array_of(t, 1),
        _ => return None,
    })
}

impl Catalog {
    pub(super) fn create_view(&mut self, v: &CreateView, span: Span) {
        let Some(schema) = self.creation_schema(&v.name) else {
            return;
        };
        if let Some((prev, what)) = self.relation_span(&schema, &v.name.name) {
            let replaceable = v.or_replace && what.ends_with("view");
            if !replaceable {
                if !v.if_not_exists {
                    let d = Diagnostic::error(
                        codes::DUPLICATE_OBJECT,
                        format!("relation \"{schema}.{}\" already exists", v.name.name),
                    )
                    .at(v.name.span, "created again here")
                    .note_at(prev, format!("the {what} was created"))
                    .help(if v.materialized {
                        "use CREATE MATERIALIZED VIEW IF NOT EXISTS"
                    } else {
                        "use CREATE OR REPLACE VIEW"
                    });
                    self.error(d);
                }
                return;
            }
        }
        let Some(mut columns) = self.query_columns_checked(&v.query) else {
            return;
        };
        let star_opaque = self.star_is_opaque(&v.query)
            && v.query
                .items
                .iter()
                .any(|i| matches!(i, crate::cmd::SelectItem::Star { .. }));
        let mut depends = vec![];
        let expanded = self.analyze_view_columns(&v.query, &mut columns, star_opaque, &mut depends);
        for (c, n) in columns.iter_mut().zip(&v.column_names) {
            c.name = n.clone();
        }
        let updatable = !v.materialized
            && v.query.simple
            && columns.iter().any(|c| c.updatable)
            && !self.reads_itself(v, &schema);
        if !updatable {
            columns.iter_mut().for_each(|c| c.updatable = false);
        }
        let view = View {
            schema: schema.clone(),
            name: v.name.name.clone(),
            materialized: v.materialized,
            builtin: self.builtin(),
            columns,
            columns_unknown: star_opaque && !expanded,
            updatable,
            triggers: vec![],
            definition: v.definition.clone(),
            options: {
                let mut o = v.options.clone();
                o.sort();
                o
            },
            comment: None,
            // CREATE OR REPLACE keeps the privileges.
            acl: self
                .schema
                .view(&QualName::new(&schema, &v.name.name))
                .map(|old| old.acl.clone())
                .unwrap_or_else(|| {
                    self.schema
                        .default_privileges
                        .for_new(&schema, AclKind::Tables)
                }),
            depends,
            span,
        };
        if view.columns_unknown && !self.builtin() {
            self.diagnostics.push(
                Diagnostic::warning(
                    codes::PARTIAL_MODEL,
                    format!(
                        "the columns `*` takes from a function or subquery in the FROM of view {schema}.{} are not known offline",
                        v.name.name
                    ),
                )
                .at(v.name.span, "these columns are missing from the model")
                .help("list the columns in the view's SELECT to have them in the generated code"),
            );
        }
        match self.namespace_mut(&schema) {
            Some(ns) => {
                ns.views.insert(v.name.name.clone(), view);
            }
            None => self.lost(format!("schema {schema}"), span),
        }
    }

    pub(super) fn alter_view(
        &mut self,
        name: &ObjName,
        if_exists: bool,
        set: &[(String, String)],
        reset: &[String],
        rename_column: &Option<(String, String, Span)>,
    ) {
        let Some(q) = self.find_view(name) else {
            if !if_exists {
                self.missing_relation(name, "view");
            }
            return;
        };
        let Some(v) = self.view_mut(&q) else {
            return self.lost(format!("view {q}"), name.span);
        };
        for (k, val) in set {
            v.options.retain(|(x, _)| x != k);
            v.options.push((k.clone(), val.clone()));
        }
        v.options.retain(|(x, _)| !reset.contains(x));
        v.options.sort();
        if let Some((from, to, span)) = rename_column {
            match v.columns.iter_mut().find(|c| &c.name == from) {
                Some(c) => c.name = to.clone(),
                None => {
                    let d = Diagnostic::error(
                        codes::UNKNOWN_COLUMN,
                        format!("column \"{from}\" of view \"{q}\" does not exist"),
                    )
                    .at(*span, "no such column");
                    self.error(d);
                }
            }
        }
    }

    /// Output columns of a query, without reporting problems (CREATE TABLE AS).
    pub(super) fn query_columns(&mut self, shape: &QueryShape) -> Vec<ViewColumn> {
        self.query_columns_checked(shape).unwrap_or_default()
    }

    fn relations_of(
        &mut self,
        from: &[(ObjName, Option<String>)],
        ctes: &[(String, QueryShape)],
    ) -> Option<Vec<FromRel>> {
        let mut rels = vec![];
        for (name, alias) in from {
            if let Some((_, cte)) = ctes
                .iter()
                .find(|(n, _)| name.schema.is_none() && n == &name.name)
            {
                let columns = self.query_columns_checked(cte)?;
                rels.push(FromRel {
                    label: alias.clone().unwrap_or_else(|| name.name.clone()),
                    qual: QualName::new("", &name.name),
                    is_table: false,
                    columns,
                });
            } else if let Some(q) = self.find_table(name) {
                let t = self.schema.table(&q)?;
                rels.push(FromRel {
                    label: alias.clone().unwrap_or_else(|| name.name.clone()),
                    qual: q.clone(),
                    is_table: true,
                    columns: t
                        .columns
                        .iter()
                        .map(|c| ViewColumn {
                            name: c.name.clone(),
                            ty: Some(c.ty.clone()),
                            source: Some((q.clone(), c.name.clone())),
                            updatable: true,
                            not_null: false,
                            comment: None,
                        })
                        .collect(),
                });
            } else if let Some(q) = self.find_view(name) {
                let v = self.schema.view(&q)?;
                rels.push(FromRel {
                    label: alias.clone().unwrap_or_else(|| name.name.clone()),
                    qual: q.clone(),
                    is_table: false,
                    columns: v.columns.clone(),
                });
            } else {
                self.missing_relation(name, "relation");
                return None;
            }
        }
        Some(rels)
    }

    fn query_columns_checked(&mut self, shape: &QueryShape) -> Option<Vec<ViewColumn>> {
        // CTEs may name earlier CTEs: resolve them in order.
        let mut ctes: Vec<(String, QueryShape)> = vec![];
        for (n, cte) in &shape.ctes {
            let mut c = cte.clone();
            c.ctes = ctes.clone();
            ctes.push((n.clone(), c));
        }
        let mut rels = self.relations_of(&shape.from, &ctes)?;
        for (alias, names) in &shape.renames {
            if let Some(rel) = rels.iter_mut().find(|r| &r.label == alias) {
                for (c, n) in rel.columns.iter_mut().zip(names) {
                    c.name = n.clone();
                }
            }
        }
        let opaque = self.star_is_opaque(shape);
        rels.extend(
            shape
                .from_functions
                .iter()
                .filter_map(|(n, a)| self.function_rel(n, a)),
        );
        // Every column the query names must exist in the relation it names.
        for r in &shape.refs {
            if let ExprRef::Column {
                qualifier,
                name,
                span,
            } = r
            {
                let found = match qualifier {
                    Some(q) => rels
                        .iter()
                        .filter(|rel| &rel.label == q)
                        .any(|rel| rel.columns.iter().any(|c| &c.name == name)),
                    // A bare relation name is the whole row as a value (`SELECT h FROM t h`).
                    None => rels.iter().any(|rel| {
                        &rel.label == name || rel.columns.iter().any(|c| &c.name == name)
                    }),
                };
                let target = match qualifier {
                    Some(q) => rels.iter().find(|rel| &rel.label == q),
                    // With a subquery or function in FROM, an unqualified column may be its.
                    None if opaque => None,
                    None if rels.len() == 1 => rels.first(),
                    None => None,
                };
                if !found {
                    if let Some(rel) = target.filter(|r| r.is_table) {
                        if let Some(t) = self.table_copy(&rel.qual) {
                            self.unknown_column(&t, name, *span, "view");
                        }
                        return None;
                    }
                    if target.is_none() && qualifier.is_none() && !opaque {
                        let d = Diagnostic::error(
                            codes::UNKNOWN_COLUMN,
                            format!(
                                "view refers to column \"{name}\", which none of its relations has"
                            ),
                        )
                        .at(*span, "no such column");
                        self.error(d);
                        return None;
                    }
                }
            }
        }
        let mut out = vec![];
        for item in &shape.items {
            match item {
                SelectItem::Star { qualifier, .. } => {
                    for rel in rels
                        .iter()
                        .filter(|r| qualifier.as_ref().is_none_or(|q| &r.label == q))
                    {
                        out.extend(rel.columns.iter().cloned());
                    }
                }
                SelectItem::Column {
                    name,
                    source,
                    ty,
                    type_of,
                    ..
                } => {
                    let mut col = ViewColumn {
                        name: name.clone().unwrap_or_else(|| "?column?".into()),
                        ty: None,
                        source: None,
                        updatable: false,
                        not_null: false,
                        comment: None,
                    };
                    if let Some((qual, cname)) = source {
                        let rel = rels.iter().find(|r| {
                            qual.as_ref().is_none_or(|q| &r.label == q)
                                && r.columns.iter().any(|c| &c.name == cname)
                        });
                        if let Some(src) =
                            rel.and_then(|r| r.columns.iter().find(|c| &c.name == cname))
                        {
                            col.ty = src.ty.clone();
                            col.source = src.source.clone();
                            col.updatable = src.updatable;
                        }
                    }
                    if let Some(t) = ty {
                        col.ty = Some(self.resolve_type_quiet(t));
                        col.source = None;
                        col.updatable = false;
                    }
                    if let Some((agg, qual, cname)) = type_of.as_deref() {
                        let arg = rels
                            .iter()
                            .find(|r| {
                                qual.as_ref().is_none_or(|q| &r.label == q)
                                    && r.columns.iter().any(|c| &c.name == cname)
                            })
                            .and_then(|r| r.columns.iter().find(|c| &c.name == cname))
                            .and_then(|c| c.ty.clone());
                        col.ty = arg.and_then(|t| aggregate_type(agg, t));
                        col.updatable = false;
                    }
                    out.push(col);
                }
            }
        }
        Some(out)
    }

    /// A view replaced by one that reads itself: PostgreSQL's `relation_is_updatable` meets
    /// it again on the way down and answers "not updatable".
    fn reads_itself(&self, v: &CreateView, schema: &str) -> bool {
        v.query.from.iter().any(|(name, _)| {
            self.find_view(name)
                .is_some_and(|q| q.schema == schema && q.name == v.name.name)
        })
    }

    /// Resolve a type without reporting unknown names (they surface elsewhere).
    fn resolve_type_quiet(&mut self, t: &crate::cmd::TypeRef) -> PgType {
        let saved = self.guarded;
        self.guarded = true;
        let r = self.resolve_type(t);
        self.guarded = saved;
        r
    }

    /// `DROP VIEW` of one name.
    pub(super) fn drop_view(&mut self, d: &DropTarget) {
        let DropTarget { kind, n, .. } = *d;
        let Some(q) = self.find_view(n) else {
            return self.nothing_to_drop(
                d,
                if kind == ObjKind::View {
                    "view"
                } else {
                    "materialized view"
                },
            );
        };
        if let Some(ns) = self.namespace_mut(&q.schema) {
            ns.views.remove(&q.name);
            ns.indexes.retain(|_, i| i.table != q);
        }
    }

    /// `ALTER VIEW … RENAME TO / SET SCHEMA`.
    pub(super) fn rename_view(&mut self, r: &RenameTarget) {
        let RenameTarget {
            n,
            if_exists,
            to,
            schema,
            ..
        } = *r;
        let Some(q) = self.find_view(n) else {
            if !if_exists {
                self.missing_relation(n, "view");
            }
            return;
        };
        let Some(mut v) = self
            .namespace_mut(&q.schema)
            .and_then(|ns| ns.views.remove(&q.name))
        else {
            return self.lost(format!("view {q}"), n.span);
        };
        if let Some(to) = to {
            v.name = to.clone();
        }
        if let Some(s) = schema {
            v.schema = s.clone();
        }
        let target = v.schema.clone();
        match self.schema.schemas.get_mut(&target) {
            Some(ns) => {
                ns.views.insert(v.name.clone(), v);
            }
            None => {
                let d = Diagnostic::error(
                    codes::UNKNOWN_SCHEMA,
                    format!("schema \"{target}\" does not exist"),
                )
                .at(n.span, "here");
                if let Some(ns) = self.namespace_mut(&q.schema) {
                    ns.views.insert(q.name.clone(), v);
                }
                self.error(d);
            }
        }
    }

    /// `COMMENT ON VIEW` / `MATERIALIZED VIEW`.
    pub(super) fn comment_view(&mut self, n: &ObjName, text: &Option<String>) {
        let Some(q) = self.find_view(n) else {
            self.missing_relation(n, "view");
            return;
        };
        match self.view_mut(&q) {
            Some(v) => v.comment = text.clone(),
            None => self.lost(format!("view {q}"), n.span),
        }
    }
}
