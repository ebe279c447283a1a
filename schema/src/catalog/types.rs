//! Types: resolving written type names against the catalog, and CREATE/ALTER TYPE and
//! CREATE DOMAIN.

use super::Catalog;
use super::DropTarget;
use crate::cmd::ObjKind;
use crate::cmd::{AlterTypeCmd, ObjName, TypeDefCmd, TypeRef};
use crate::diag::{codes, Diagnostic};
use crate::ir::{Attribute, PgType, TypeClass, TypeDef, TypeKind};
use crate::span::Span;

/// Types extensions provide that pgforge keeps as opaque `Other` types without complaint.
const EXTENSION_TYPES: &[&str] = &[
    "geometry",
    "geography",
    "box2d",
    "box3d",
    "raster",
    "ltree",
    "lquery",
    "ltxtquery",
    "hstore",
    "cube",
    "earth",
    "isbn",
    "isbn13",
    "ismn",
    "issn",
    "ean13",
    "upc",
    "seg",
    "halfvec",
    "sparsevec",
    "bit",
    "semver",
    "pg_lsn",
    "tsrange",
    "citext",
];

impl Catalog {
    /// Resolve a written type. Unknown names are an error unless an extension may define them.
    pub(super) fn resolve_type(&mut self, t: &TypeRef) -> PgType {
        match t {
            TypeRef::Known(k) => k.clone(),
            TypeRef::Named {
                name,
                modifiers,
                array_dims,
            } => {
                let base = self.lookup_type(name).unwrap_or_else(|| {
                    let opaque = PgType::Other {
                        schema: name.schema.clone(),
                        type_name: name.name.clone(),
                        modifiers: modifiers.clone(),
                    };
                    if !EXTENSION_TYPES.contains(&name.name.as_str())
                        && self.schema.extensions.is_empty()
                    {
                        let shown = match &name.schema {
                            Some(s) => format!("{s}.{}", name.name),
                            None => name.name.clone(),
                        };
                        let mut d = Diagnostic::error(
                            codes::UNKNOWN_TYPE,
                            format!("type \"{shown}\" does not exist"),
                        )
                        .at(name.span, "unknown type");
                        if let Some(s) = crate::names::did_you_mean(
                            &name.name,
                            self.all_type_names().iter().map(String::as_str),
                        ) {
                            d = d.help(format!("did you mean \"{s}\"?"));
                        }
                        self.error(d);
                    }
                    opaque
                });
                if *array_dims > 0 {
                    PgType::array_of(base, *array_dims)
                } else {
                    base
                }
            }
        }
    }

    fn all_type_names(&self) -> Vec<String> {
        self.schema
            .schemas
            .values()
            .flat_map(|ns| ns.types.keys().cloned())
            .collect()
    }

    /// A user-defined type (or a table's row type) by name.
    pub(super) fn lookup_type(&self, name: &ObjName) -> Option<PgType> {
        let schemas = match &name.schema {
            Some(s) => vec![s.clone()],
            None => self.relation_search_schemas(),
        };
        for s in schemas {
            let Some(ns) = self.schema.schemas.get(&s) else {
                continue;
            };
            if let Some(t) = ns.types.get(&name.name) {
                let Some(class) = t.kind.class() else {
                    return Some(PgType::Other {
                        schema: Some(s),
                        type_name: name.name.clone(),
                        modifiers: vec![],
                    });
                };
                return Some(PgType::User {
                    schema: s,
                    type_name: name.name.clone(),
                    class,
                });
            }
            if ns.tables.contains_key(&name.name) || ns.views.contains_key(&name.name) {
                return Some(PgType::User {
                    schema: s,
                    type_name: name.name.clone(),
                    class: TypeClass::Table,
                });
            }
        }
        None
    }

    fn type_slot(&mut self, name: &ObjName) -> Option<String> {
        let schema = self.creation_schema(name)?;
        let existing = self
            .schema
            .schemas
            .get(&schema)
            .and_then(|ns| ns.types.get(&name.name));
        if let Some(existing) = existing {
            let span = existing.span;
            let d = Diagnostic::error(
                codes::DUPLICATE_OBJECT,
                format!("type \"{}\" already exists", name.name),
            )
            .at(name.span, "created again here")
            .note_at(span, "first created");
            self.error(d);
            return None;
        }
        Some(schema)
    }

    pub(super) fn create_type(&mut self, name: &ObjName, def: &TypeDefCmd, span: Span) {
        let Some(schema) = self.type_slot(name) else {
            return;
        };
        let kind = match def {
            TypeDefCmd::Enum(values) => TypeKind::Enum {
                values: values.clone(),
            },
            TypeDefCmd::Composite(attrs) => TypeKind::Composite {
                attributes: attrs
                    .iter()
                    .map(|(n, t)| Attribute {
                        name: n.clone(),
                        ty: self.resolve_type(t),
                    })
                    .collect(),
            },
            TypeDefCmd::Range(sub) => TypeKind::Range {
                subtype: self.resolve_type(sub),
            },
            TypeDefCmd::Shell => TypeKind::Base,
        };
        let builtin = self.builtin();
        let Some(ns) = self.namespace_mut(&schema) else {
            return self.lost(format!("schema {schema}"), span);
        };
        ns.types.insert(
            name.name.clone(),
            TypeDef {
                schema: schema.clone(),
                name: name.name.clone(),
                kind,
                builtin,
                comment: None,
                span,
            },
        );
    }

    pub(super) fn create_domain(
        &mut self,
        name: &ObjName,
        base: &TypeRef,
        not_null: bool,
        default: &Option<String>,
        checks: &[String],
        span: Span,
    ) {
        let Some(schema) = self.type_slot(name) else {
            return;
        };
        let base = self.resolve_type(base);
        let builtin = self.builtin();
        let Some(ns) = self.namespace_mut(&schema) else {
            return self.lost(format!("schema {schema}"), span);
        };
        ns.types.insert(
            name.name.clone(),
            TypeDef {
                schema: schema.clone(),
                name: name.name.clone(),
                kind: TypeKind::Domain {
                    base,
                    not_null,
                    default: default.clone(),
                    checks: checks.to_vec(),
                },
                builtin,
                comment: None,
                span,
            },
        );
    }

    fn find_type(&self, name: &ObjName) -> Option<String> {
        self.find_in(name, |ns, n| ns.types.contains_key(n))
            .map(|q| q.schema)
    }

    pub(super) fn alter_type(&mut self, name: &ObjName, action: &AlterTypeCmd, span: Span) {
        let Some(schema) = self.find_type(name) else {
            let d = Diagnostic::error(
                codes::UNKNOWN_OBJECT,
                format!("type \"{}\" does not exist", name.name),
            )
            .at(name.span, "not defined at this point");
            self.error(d);
            return;
        };
        let Some(ns) = self.schema.schemas.get_mut(&schema) else {
            return self.lost(format!("schema {schema}"), span);
        };
        let Some(t) = ns.types.get_mut(&name.name) else {
            return self.lost(format!("type {schema}.{}", name.name), span);
        };
        let mut err: Option<Diagnostic> = None;
        match (action, &mut t.kind) {
            (
                AlterTypeCmd::AddValue {
                    value,
                    if_not_exists,
                    before,
                    after,
                },
                TypeKind::Enum { values },
            ) => {
                if values.contains(value) {
                    if !if_not_exists {
                        err = Some(
                            Diagnostic::error(
                                codes::DUPLICATE_OBJECT,
                                format!("enum label \"{value}\" already exists"),
                            )
                            .at(span, "added again here")
                            .note_at(t.span, "the enum was created"),
                        );
                    }
                } else {
                    let anchor = before
                        .as_ref()
                        .map(|b| (b, 0))
                        .or(after.as_ref().map(|a| (a, 1)));
                    match anchor {
                        Some((a, off)) => match values.iter().position(|v| v == a) {
                            Some(p) => values.insert(p + off, value.clone()),
                            None => {
                                err = Some(
                                    Diagnostic::error(
                                        codes::UNKNOWN_OBJECT,
                                        format!("\"{a}\" is not an existing enum label"),
                                    )
                                    .at(span, "here"),
                                )
                            }
                        },
                        None => values.push(value.clone()),
                    }
                }
            }
            (AlterTypeCmd::RenameValue { from, to }, TypeKind::Enum { values }) => {
                match values.iter_mut().find(|v| *v == from) {
                    Some(v) => *v = to.clone(),
                    None => {
                        err = Some(
                            Diagnostic::error(
                                codes::UNKNOWN_OBJECT,
                                format!("\"{from}\" is not an existing enum label"),
                            )
                            .at(span, "here"),
                        )
                    }
                }
            }
            (AlterTypeCmd::AddAttribute(n, ty), TypeKind::Composite { .. }) => {
                let (n, ty) = (n.clone(), ty.clone());
                let resolved = self.resolve_type(&ty);
                if let Some(TypeKind::Composite { attributes }) = self
                    .schema
                    .schemas
                    .get_mut(&schema)
                    .and_then(|ns| ns.types.get_mut(&name.name))
                    .map(|t| &mut t.kind)
                {
                    attributes.push(Attribute {
                        name: n,
                        ty: resolved,
                    });
                }
                return;
            }
            (AlterTypeCmd::DropAttribute(n), TypeKind::Composite { attributes }) => {
                attributes.retain(|a| &a.name != n)
            }
            (AlterTypeCmd::Rename(to), _) => {
                let Some(mut t) = ns.types.remove(&name.name) else {
                    return self.lost(format!("type {schema}.{}", name.name), span);
                };
                t.name = to.clone();
                ns.types.insert(to.clone(), t);
                self.retype(&schema, &name.name, &schema, to);
            }
            (AlterTypeCmd::SetSchema(s), _) => {
                let Some(mut t) = ns.types.remove(&name.name) else {
                    return self.lost(format!("type {schema}.{}", name.name), span);
                };
                t.schema = s.clone();
                match self.schema.schemas.get_mut(s) {
                    Some(target) => {
                        target.types.insert(name.name.clone(), t);
                        self.retype(&schema, &name.name, s, &name.name);
                    }
                    None => {
                        if let Some(ns) = self.namespace_mut(&schema) {
                            ns.types.insert(name.name.clone(), t);
                        }
                        err = Some(
                            Diagnostic::error(
                                codes::UNKNOWN_SCHEMA,
                                format!("schema \"{s}\" does not exist"),
                            )
                            .at(span, "here"),
                        );
                    }
                }
            }
            (AlterTypeCmd::Ignored, _) => {}
            _ => {
                err = Some(
                    Diagnostic::error(
                        codes::INVALID_DEFINITION,
                        format!("\"{}\" is not a type this ALTER TYPE applies to", name.name),
                    )
                    .at(span, "here"),
                )
            }
        }
        if let Some(d) = err {
            self.error(d);
        }
    }

    /// Follow a type rename in every column, attribute and argument that uses it.
    fn retype(&mut self, from_schema: &str, from: &str, to_schema: &str, to: &str) {
        fn fix(t: &mut PgType, fs: &str, f: &str, ts: &str, tn: &str) {
            match t {
                PgType::User {
                    schema, type_name, ..
                } if schema == fs && type_name == f => {
                    *schema = ts.to_string();
                    *type_name = tn.to_string();
                }
                PgType::Array { element, .. } => fix(element, fs, f, ts, tn),
                _ => {}
            }
        }
        for ns in self.schema.schemas.values_mut() {
            for t in ns.tables.values_mut() {
                for c in &mut t.columns {
                    fix(&mut c.ty, from_schema, from, to_schema, to);
                }
            }
            for ty in ns.types.values_mut() {
                if let TypeKind::Composite { attributes } = &mut ty.kind {
                    for a in attributes {
                        fix(&mut a.ty, from_schema, from, to_schema, to);
                    }
                }
            }
            for fs in ns.functions.values_mut() {
                for f in fs {
                    for a in &mut f.args {
                        fix(&mut a.ty, from_schema, from, to_schema, to);
                    }
                }
            }
        }
    }

    /// `DROP TYPE` of one name.
    pub(super) fn drop_type(&mut self, d: &DropTarget) {
        let DropTarget {
            kind, n, cascade, ..
        } = *d;
        let Some(q) = self.find_in(n, |ns, x| ns.types.contains_key(x)) else {
            return self.nothing_to_drop(
                d,
                if kind == ObjKind::Type {
                    "type"
                } else {
                    "domain"
                },
            );
        };
        let user = self.schema.schemas.values().flat_map(|ns| ns.tables.values()).find_map(|t| {
            t.columns.iter().find(|c| matches!(c.ty.element(), PgType::User { schema, type_name, .. } if schema == &q.schema && type_name == &q.name)).map(|c| (t.qual(), c.name.clone()))
        });
        if let (Some((t, c)), false) = (&user, cascade) {
            let d = Diagnostic::error(
                codes::INVALID_DEFINITION,
                format!("cannot drop type {q} because column {c} of table {t} depends on it"),
            )
            .at(n.span, "still used")
            .help("use DROP TYPE … CASCADE (which drops the column) or change the column first");
            self.error(d);
            return;
        }
        if cascade {
            for ns in self.schema.schemas.values_mut() {
                for t in ns.tables.values_mut() {
                    t.columns.retain(|c| !matches!(c.ty.element(), PgType::User { schema, type_name, .. } if schema == &q.schema && type_name == &q.name));
                }
            }
        }
        if let Some(ns) = self.namespace_mut(&q.schema) {
            ns.types.remove(&q.name);
        }
    }

    /// `COMMENT ON TYPE` / `DOMAIN`.
    pub(super) fn comment_type(&mut self, n: &ObjName, text: &Option<String>) {
        let Some(q) = self.find_in(n, |ns, x| ns.types.contains_key(x)) else {
            let d = Diagnostic::error(
                codes::UNKNOWN_OBJECT,
                format!("type \"{}\" does not exist", n.name),
            )
            .at(n.span, "not defined at this point");
            self.error(d);
            return;
        };
        match self.type_mut(&q) {
            Some(t) => t.comment = text.clone(),
            None => self.lost(format!("type {q}"), n.span),
        }
    }
}
