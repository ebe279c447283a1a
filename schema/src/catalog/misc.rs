//! Schemas, extensions, sequences, COMMENT ON, DROP and RENAME of the remaining kinds.

use super::Catalog;
use crate::cmd::{CommentTarget, ObjKind, ObjName, TypeRef};
use crate::diag::{codes, Diagnostic};
use crate::ir::{Extension, Namespace, PgType, QualName, Sequence};
use crate::span::Span;

impl Catalog {
    pub(super) fn create_schema(&mut self, name: &str, if_not_exists: bool, span: Span) {
        if let Some(ns) = self.schema.schemas.get(name) {
            if !if_not_exists {
                let prev = ns.span;
                let mut d = Diagnostic::error(codes::DUPLICATE_OBJECT, format!("schema \"{name}\" already exists")).at(span, "created again here");
                if prev != Span::default() {
                    d = d.note_at(prev, "first created");
                }
                d = d.help("use CREATE SCHEMA IF NOT EXISTS");
                self.error(d);
            }
            return;
        }
        let builtin = self.builtin();
        self.schema.schemas.insert(name.to_string(), Namespace { name: name.to_string(), builtin, span, ..Default::default() });
    }

    pub(super) fn create_extension(&mut self, name: &str, schema: &Option<String>, if_not_exists: bool, span: Span) {
        if self.schema.extensions.contains_key(name) {
            if !if_not_exists {
                let d = Diagnostic::error(codes::DUPLICATE_OBJECT, format!("extension \"{name}\" already exists")).at(span, "created again here").help("use CREATE EXTENSION IF NOT EXISTS");
                self.error(d);
            }
            return;
        }
        let schema = match schema {
            Some(s) => {
                if !self.schema.schemas.contains_key(s) {
                    let d = Diagnostic::error(codes::UNKNOWN_SCHEMA, format!("schema \"{s}\" does not exist")).at(span, "extension schema missing").help(self.missing_schema_help(s));
                    self.error(d);
                    return;
                }
                s.clone()
            }
            None => match self.search_path.iter().find(|s| self.schema.schemas.contains_key(*s)) {
                Some(s) => s.clone(),
                None => "public".into(),
            },
        };
        self.schema.extensions.insert(name.to_string(), Extension { name: name.to_string(), schema, span });
    }

    pub(super) fn create_sequence(&mut self, name: &ObjName, if_not_exists: bool, ty: &Option<TypeRef>, owned_by: &Option<(ObjName, String)>, span: Span) {
        let Some(schema) = self.creation_schema(name) else { return };
        if let Some((prev, what)) = self.relation_span(&schema, &name.name) {
            if !if_not_exists {
                let d = Diagnostic::error(codes::DUPLICATE_OBJECT, format!("relation \"{schema}.{}\" already exists", name.name))
                    .at(name.span, "created again here")
                    .note_at(prev, format!("the {what} was created"));
                self.error(d);
            }
            return;
        }
        let ty = ty.as_ref().map(|t| self.resolve_type(t)).unwrap_or(PgType::Int8);
        let owned = self.owned_by(owned_by);
        self.schema.schemas.get_mut(&schema).expect("exists").sequences.insert(
            name.name.clone(),
            Sequence { schema: schema.clone(), name: name.name.clone(), ty, owned_by: owned, span },
        );
    }

    fn owned_by(&mut self, owned_by: &Option<(ObjName, String)>) -> Option<(QualName, String)> {
        let (t, c) = owned_by.as_ref()?;
        let Some(q) = self.find_table(t) else {
            self.missing_relation(t, "table");
            return None;
        };
        let table = self.schema.table(&q).expect("found").clone();
        if table.column(c).is_none() {
            self.unknown_column(&table, c, t.span, "OWNED BY");
            return None;
        }
        Some((q, c.clone()))
    }

    pub(super) fn alter_sequence(&mut self, name: &ObjName, if_exists: bool, owned_by: &Option<Option<(ObjName, String)>>, _span: Span) {
        let Some(q) = self.find_in(name, |ns, n| ns.sequences.contains_key(n)) else {
            if !if_exists {
                self.missing_relation(name, "sequence");
            }
            return;
        };
        if let Some(o) = owned_by {
            let owned = self.owned_by(o);
            if let Some(s) = self.schema.schemas.get_mut(&q.schema).and_then(|ns| ns.sequences.get_mut(&q.name)) {
                s.owned_by = owned;
            }
        }
    }

    pub(super) fn comment(&mut self, target: &CommentTarget, text: &Option<String>, span: Span) {
        let missing = |c: &mut Catalog, what: &str, n: &ObjName| {
            c.missing_relation(n, what);
        };
        match target {
            CommentTarget::Table(n) => match self.find_table(n) {
                Some(q) => self.table_mut(&q).expect("found").comment = text.clone(),
                None => missing(self, "table", n),
            },
            CommentTarget::Column(n, col) => {
                if let Some(q) = self.find_table(n) {
                    let t = self.schema.table(&q).expect("found").clone();
                    match t.column(col) {
                        Some(_) => {
                            let tm = self.table_mut(&q).expect("found");
                            if let Some(c) = tm.columns.iter_mut().find(|c| &c.name == col) {
                                c.comment = text.clone();
                            }
                        }
                        None => {
                            self.unknown_column(&t, col, n.span, "COMMENT ON COLUMN");
                        }
                    }
                } else if self.find_view(n).is_some() {
                    // Comments on view columns are accepted; the model does not keep them yet.
                } else {
                    missing(self, "relation", n);
                }
            }
            CommentTarget::View(n) => match self.find_view(n) {
                Some(q) => self.schema.schemas.get_mut(&q.schema).expect("found").views.get_mut(&q.name).expect("found").comment = text.clone(),
                None => missing(self, "view", n),
            },
            CommentTarget::Type(n) => match self.find_in(n, |ns, x| ns.types.contains_key(x)) {
                Some(q) => self.schema.schemas.get_mut(&q.schema).expect("found").types.get_mut(&q.name).expect("found").comment = text.clone(),
                None => {
                    let d = Diagnostic::error(codes::UNKNOWN_OBJECT, format!("type \"{}\" does not exist", n.name)).at(n.span, "not defined at this point");
                    self.error(d);
                }
            },
            CommentTarget::Function(n, args) => {
                let found = self.match_overloads(n, args);
                match found.as_slice() {
                    [] => {
                        let d = Diagnostic::error(codes::UNKNOWN_FUNCTION, format!("function {}() does not exist", n.name)).at(n.span, "not defined at this point");
                        self.error(d);
                    }
                    [(s, i)] => {
                        let (s, i) = (s.clone(), *i);
                        self.schema.schemas.get_mut(&s).expect("found").functions.get_mut(&n.name).expect("found")[i].comment = text.clone();
                    }
                    _ => {
                        let d = Diagnostic::error(codes::UNKNOWN_FUNCTION, format!("function name \"{}\" is not unique", n.name))
                            .at(n.span, "ambiguous")
                            .help("specify the argument list to select the function unambiguously");
                        self.error(d);
                    }
                }
            }
            CommentTarget::Index(n) => match self.find_in(n, |ns, x| ns.indexes.contains_key(x)) {
                Some(q) => self.schema.schemas.get_mut(&q.schema).expect("found").indexes.get_mut(&q.name).expect("found").comment = text.clone(),
                None => {
                    self.missing_relation(n, "index");
                }
            },
            CommentTarget::OnTable(kind, name, table) => {
                let Some(q) = self.find_table(table) else {
                    self.missing_relation(table, "table");
                    return;
                };
                let t = self.table_mut(&q).expect("found");
                let slot = match *kind {
                    "constraint" => t.constraints.iter_mut().find(|c| &c.name == name).map(|c| &mut c.comment),
                    "trigger" => t.triggers.iter_mut().find(|c| &c.name == name).map(|c| &mut c.comment),
                    _ => t.policies.iter_mut().find(|c| &c.name == name).map(|c| &mut c.comment),
                };
                match slot {
                    Some(c) => *c = text.clone(),
                    None => {
                        let d = Diagnostic::error(codes::UNKNOWN_OBJECT, format!("{kind} \"{name}\" for table \"{q}\" does not exist")).at(span, "nothing to comment on");
                        self.error(d);
                    }
                }
            }
            CommentTarget::Schema(s) => match self.schema.schemas.get_mut(s) {
                Some(ns) => ns.comment = text.clone(),
                None => {
                    let d = Diagnostic::error(codes::UNKNOWN_SCHEMA, format!("schema \"{s}\" does not exist")).at(span, "here");
                    self.error(d);
                }
            },
            CommentTarget::Other(_) => {}
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn drop(&mut self, kind: ObjKind, names: &[(ObjName, Option<Vec<TypeRef>>)], if_exists: bool, cascade: bool, on: &Option<ObjName>, span: Span) {
        for (n, args) in names {
            self.drop_one(kind, n, args, if_exists, cascade, on, span);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn drop_one(&mut self, kind: ObjKind, n: &ObjName, args: &Option<Vec<TypeRef>>, if_exists: bool, cascade: bool, on: &Option<ObjName>, span: Span) {
        let not_found = |c: &mut Catalog, what: &str| {
            if !if_exists {
                let d = Diagnostic::error(codes::UNKNOWN_OBJECT, format!("{what} \"{}\" does not exist", n.name))
                    .at(n.span, "nothing to drop at this point")
                    .help(format!("use DROP {} IF EXISTS if that is expected", what.to_uppercase()));
                c.error(d);
            }
        };
        match kind {
            ObjKind::Table | ObjKind::ForeignTable => {
                let Some(q) = self.find_table(n) else { return not_found(self, "table") };
                let fks: Vec<(QualName, String)> = self.fks_referencing(&q, None).into_iter().filter(|(t, _)| t != &q).collect();
                let views: Vec<QualName> = self.schema.schemas.values().flat_map(|ns| ns.views.values()).filter(|v| v.columns.iter().any(|c| c.source.as_ref().is_some_and(|(s, _)| s == &q))).map(|v| QualName::new(&v.schema, &v.name)).collect();
                if !cascade {
                    if let Some((t, c)) = fks.first() {
                        let d = Diagnostic::error(codes::INVALID_DEFINITION, format!("cannot drop table {q} because constraint {c} on table {t} depends on it"))
                            .at(n.span, "still referenced")
                            .help("use DROP TABLE … CASCADE to drop the foreign keys too");
                        self.error(d);
                        return;
                    }
                    if let Some(v) = views.first() {
                        let d = Diagnostic::error(codes::INVALID_DEFINITION, format!("cannot drop table {q} because view {v} depends on it"))
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
                    self.schema.schemas.get_mut(&v.schema).expect("found").views.remove(&v.name);
                }
                let ns = self.schema.schemas.get_mut(&q.schema).expect("found");
                ns.tables.remove(&q.name);
                ns.indexes.retain(|_, i| i.table != q);
                ns.sequences.retain(|_, s| s.owned_by.as_ref().is_none_or(|(t, _)| t != &q));
            }
            ObjKind::View | ObjKind::MaterializedView => {
                let Some(q) = self.find_view(n) else { return not_found(self, if kind == ObjKind::View { "view" } else { "materialized view" }) };
                let ns = self.schema.schemas.get_mut(&q.schema).expect("found");
                ns.views.remove(&q.name);
                ns.indexes.retain(|_, i| i.table != q);
            }
            ObjKind::Index => {
                let Some(q) = self.find_in(n, |ns, x| ns.indexes.contains_key(x)) else { return not_found(self, "index") };
                let idx = &self.schema.schemas[&q.schema].indexes[&q.name];
                if let Some(c) = &idx.constraint {
                    let d = Diagnostic::error(codes::INVALID_DEFINITION, format!("cannot drop index {} because constraint {c} on table {} requires it", q.name, idx.table))
                        .at(n.span, "backs a constraint")
                        .help(format!("drop the constraint instead: ALTER TABLE {} DROP CONSTRAINT {c}", idx.table));
                    self.error(d);
                    return;
                }
                self.schema.schemas.get_mut(&q.schema).expect("found").indexes.remove(&q.name);
            }
            ObjKind::Sequence => {
                let Some(q) = self.find_in(n, |ns, x| ns.sequences.contains_key(x)) else { return not_found(self, "sequence") };
                self.schema.schemas.get_mut(&q.schema).expect("found").sequences.remove(&q.name);
            }
            ObjKind::Type | ObjKind::Domain => {
                let Some(q) = self.find_in(n, |ns, x| ns.types.contains_key(x)) else { return not_found(self, if kind == ObjKind::Type { "type" } else { "domain" }) };
                let user = self.schema.schemas.values().flat_map(|ns| ns.tables.values()).find_map(|t| {
                    t.columns.iter().find(|c| matches!(c.ty.element(), PgType::User { schema, type_name, .. } if schema == &q.schema && type_name == &q.name)).map(|c| (t.qual(), c.name.clone()))
                });
                if let (Some((t, c)), false) = (&user, cascade) {
                    let d = Diagnostic::error(codes::INVALID_DEFINITION, format!("cannot drop type {q} because column {c} of table {t} depends on it"))
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
                self.schema.schemas.get_mut(&q.schema).expect("found").types.remove(&q.name);
            }
            ObjKind::Function | ObjKind::Procedure => {
                let found = self.match_overloads(n, args);
                match found.as_slice() {
                    [] => not_found(self, if kind == ObjKind::Function { "function" } else { "procedure" }),
                    [(s, i)] => {
                        let (s, i) = (s.clone(), *i);
                        let fs = self.schema.schemas.get_mut(&s).expect("found").functions.get_mut(&n.name).expect("found");
                        fs.remove(i);
                        if fs.is_empty() {
                            self.schema.schemas.get_mut(&s).expect("found").functions.remove(&n.name);
                        }
                    }
                    _ => {
                        let d = Diagnostic::error(codes::UNKNOWN_FUNCTION, format!("function name \"{}\" is not unique", n.name))
                            .at(n.span, "several overloads")
                            .help("name the argument types: DROP FUNCTION f(integer)");
                        self.error(d);
                    }
                }
            }
            ObjKind::Trigger | ObjKind::Policy => {
                let Some(t) = on else { return };
                let Some(q) = self.find_table(t).or_else(|| self.find_view(t)) else {
                    if !if_exists {
                        self.missing_relation(t, "relation");
                    }
                    return;
                };
                let Some(table) = self.table_mut(&q) else { return };
                let before = table.triggers.len() + table.policies.len();
                if kind == ObjKind::Trigger {
                    table.triggers.retain(|x| x.name != n.name);
                } else {
                    table.policies.retain(|x| x.name != n.name);
                }
                let removed = before != table.triggers.len() + table.policies.len();
                if removed {
                    table.changed.push(span);
                } else {
                    not_found(self, if kind == ObjKind::Trigger { "trigger" } else { "policy" });
                }
            }
            ObjKind::Schema => {
                let Some(ns) = self.schema.schemas.get(&n.name) else { return not_found(self, "schema") };
                let empty = ns.tables.is_empty() && ns.views.is_empty() && ns.types.is_empty() && ns.functions.is_empty() && ns.sequences.is_empty();
                if !empty && !cascade {
                    let d = Diagnostic::error(codes::INVALID_DEFINITION, format!("cannot drop schema {} because other objects depend on it", n.name))
                        .at(n.span, "not empty")
                        .help("use DROP SCHEMA … CASCADE");
                    self.error(d);
                    return;
                }
                self.schema.schemas.remove(&n.name);
            }
            ObjKind::Extension => {
                if self.schema.extensions.remove(&n.name).is_none() {
                    not_found(self, "extension");
                }
            }
        }
    }

    pub(super) fn rename(&mut self, kind: ObjKind, n: &ObjName, if_exists: bool, to: &Option<String>, schema: &Option<String>) {
        match kind {
            ObjKind::Index => {
                let Some(q) = self.find_in(n, |ns, x| ns.indexes.contains_key(x)) else {
                    if !if_exists {
                        self.missing_relation(n, "index");
                    }
                    return;
                };
                if let Some(to) = to {
                    let ns = self.schema.schemas.get_mut(&q.schema).expect("found");
                    let mut i = ns.indexes.remove(&q.name).expect("found");
                    // A constraint's index and the constraint share the name.
                    if let Some(c) = &i.constraint {
                        let (table, c) = (i.table.clone(), c.clone());
                        i.constraint = Some(to.clone());
                        if let Some(t) = ns.tables.get_mut(&table.name) {
                            if let Some(con) = t.constraints.iter_mut().find(|x| x.name == c) {
                                con.name = to.clone();
                            }
                            t.constraints.sort_by(|a, b| a.name.cmp(&b.name));
                        }
                    }
                    i.name = to.clone();
                    ns.indexes.insert(to.clone(), i);
                }
            }
            ObjKind::View | ObjKind::MaterializedView => {
                let Some(q) = self.find_view(n) else {
                    if !if_exists {
                        self.missing_relation(n, "view");
                    }
                    return;
                };
                let mut v = self.schema.schemas.get_mut(&q.schema).expect("found").views.remove(&q.name).expect("found");
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
                        let d = Diagnostic::error(codes::UNKNOWN_SCHEMA, format!("schema \"{target}\" does not exist")).at(n.span, "here");
                        self.schema.schemas.get_mut(&q.schema).expect("found").views.insert(q.name.clone(), v);
                        self.error(d);
                    }
                }
            }
            ObjKind::Sequence => {
                let Some(q) = self.find_in(n, |ns, x| ns.sequences.contains_key(x)) else {
                    if !if_exists {
                        self.missing_relation(n, "sequence");
                    }
                    return;
                };
                let mut s = self.schema.schemas.get_mut(&q.schema).expect("found").sequences.remove(&q.name).expect("found");
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
            ObjKind::Function | ObjKind::Procedure => {
                let found = self.find_functions(n);
                let Some((s, i)) = found.first().cloned() else {
                    if !if_exists {
                        let d = Diagnostic::error(codes::UNKNOWN_FUNCTION, format!("function {}() does not exist", n.name)).at(n.span, "here");
                        self.error(d);
                    }
                    return;
                };
                let fs = self.schema.schemas.get_mut(&s).expect("found").functions.get_mut(&n.name).expect("found");
                let mut f = fs.remove(i);
                if fs.is_empty() {
                    self.schema.schemas.get_mut(&s).expect("found").functions.remove(&n.name);
                }
                if let Some(to) = to {
                    f.name = to.clone();
                }
                if let Some(sc) = schema {
                    f.schema = sc.clone();
                }
                let target = f.schema.clone();
                if let Some(ns) = self.schema.schemas.get_mut(&target) {
                    let list = ns.functions.entry(f.name.clone()).or_default();
                    list.push(f);
                    list.sort_by_key(|o| o.signature());
                }
            }
            ObjKind::Schema => {
                let Some(to) = to else { return };
                let Some(mut ns) = self.schema.schemas.remove(&n.name) else {
                    let d = Diagnostic::error(codes::UNKNOWN_SCHEMA, format!("schema \"{}\" does not exist", n.name)).at(n.span, "here");
                    self.error(d);
                    return;
                };
                ns.name = to.clone();
                self.schema.schemas.insert(to.clone(), ns);
            }
            _ => {}
        }
    }
}
