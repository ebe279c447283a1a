//! Functions, procedures and triggers. Overloads are told apart by their input argument
//! types, as PostgreSQL does; a trigger needs its table and its function to exist.

use super::Catalog;
use super::{DropTarget, RenameTarget};
use crate::cmd::ObjKind;
use crate::cmd::{CreateFunction, FuncReturns, ObjName, TypeRef};
use crate::diag::{codes, Diagnostic};
use crate::ir::{AclKind, Arg, ArgMode, Attribute, Function, Returns};
use crate::span::Span;

/// Trigger functions PostgreSQL ships.
pub(super) const BUILTIN_TRIGGER_FUNCTIONS: &[&str] = &[
    "tsvector_update_trigger",
    "tsvector_update_trigger_column",
    "suppress_redundant_updates_trigger",
    "moddatetime",
    "lo_manage",
];

impl Catalog {
    pub(super) fn create_function(&mut self, f: &CreateFunction, span: Span) {
        let Some(schema) = self.creation_schema(&f.name) else {
            return;
        };
        let args: Vec<Arg> = f
            .args
            .iter()
            .map(|a| Arg {
                name: a.name.clone(),
                mode: a.mode,
                ty: self.resolve_type(&a.ty).without_modifiers(),
                default: a.default.clone(),
            })
            .collect();
        let returns = match &f.returns {
            FuncReturns::None => Returns::None,
            FuncReturns::Type { ty, setof } => Returns::Type {
                ty: self.resolve_type(ty).without_modifiers(),
                setof: *setof,
            },
            FuncReturns::Table(cols) => Returns::Table {
                columns: cols
                    .iter()
                    .map(|(n, t)| Attribute {
                        name: n.clone(),
                        ty: self.resolve_type(t).without_modifiers(),
                    })
                    .collect(),
            },
        };
        let func = Function {
            schema: schema.clone(),
            name: f.name.name.clone(),
            procedure: f.procedure,
            args,
            returns,
            language: f.language.clone(),
            volatility: f.volatility,
            security_definer: f.security_definer,
            strict: f.strict,
            rows: f.rows,
            settings: f.settings.clone(),
            builtin: self.builtin(),
            comment: None,
            acl: self
                .schema
                .default_privileges
                .for_new(&schema, AclKind::Functions),
            body_names: f.body_names.clone(),
            span,
        };
        let sig = func.signature();
        // Checked once the function exists (a body may call it), as PostgreSQL validates
        // after creating it.
        let checked = (!f.body_statements.is_empty()).then(|| func.clone());
        match &f.inline {
            Some(refs) => {
                self.inline
                    .insert((schema.clone(), sig.clone()), refs.clone());
            }
            None => {
                self.inline.remove(&(schema.clone(), sig.clone()));
            }
        }
        let Some(ns) = self.namespace_mut(&schema) else {
            return self.lost(format!("schema {schema}"), span);
        };
        let overloads = ns.functions.entry(f.name.name.clone()).or_default();
        if let Some(pos) = overloads.iter().position(|o| o.signature() == sig) {
            if !f.or_replace {
                let prev = overloads[pos].span;
                let d = Diagnostic::error(
                    codes::DUPLICATE_OBJECT,
                    format!("function {schema}.{sig} already exists with same argument types"),
                )
                .at(f.name.span, "created again here")
                .note_at(prev, "first created")
                .help("use CREATE OR REPLACE FUNCTION");
                self.error(d);
                return;
            }
            // CREATE OR REPLACE keeps the comment and the privileges.
            let comment = overloads[pos].comment.take();
            let acl = std::mem::take(&mut overloads[pos].acl);
            overloads[pos] = Function {
                comment,
                acl,
                ..func
            };
        } else {
            overloads.push(func);
            overloads.sort_by_key(|o| o.signature());
        }
        if let Some(func) = checked {
            self.analyze_function_body(&func, &f.body_statements);
        }
    }

    /// Functions named `name` (qualified, or along search_path), with their schema.
    pub(super) fn find_functions(&self, name: &ObjName) -> Vec<(String, usize)> {
        let schemas = match &name.schema {
            Some(s) => vec![s.clone()],
            None => self.search_schemas(),
        };
        for s in schemas {
            if let Some(fs) = self
                .schema
                .schemas
                .get(&s)
                .and_then(|ns| ns.functions.get(&name.name))
            {
                if !fs.is_empty() {
                    return (0..fs.len()).map(|i| (s.clone(), i)).collect();
                }
            }
        }
        vec![]
    }

    /// Overloads matching a written argument list (all of them when no list is written).
    pub(super) fn match_overloads(
        &mut self,
        name: &ObjName,
        args: &Option<Vec<TypeRef>>,
    ) -> Vec<(String, usize)> {
        let found = self.find_functions(name);
        let Some(args) = args else { return found };
        let want: Vec<String> = args
            .iter()
            .map(|t| {
                let saved = self.guarded;
                self.guarded = true;
                let ty = self.resolve_type(t).without_modifiers();
                self.guarded = saved;
                ty.to_string()
            })
            .collect();
        found
            .into_iter()
            .filter(|(s, i)| {
                let Some(f) = self
                    .schema
                    .schemas
                    .get(s)
                    .and_then(|ns| ns.functions.get(&name.name))
                    .and_then(|fs| fs.get(*i))
                else {
                    return false;
                };
                let have: Vec<String> = f
                    .args
                    .iter()
                    .filter(|a| a.mode != ArgMode::Out)
                    .map(|a| a.ty.to_string())
                    .collect();
                have == want
            })
            .collect()
    }

    /// `ALTER FUNCTION … SET | RESET | SECURITY | volatility` of one overload.
    pub(super) fn alter_function(&mut self, a: &crate::cmd::AlterFunction) {
        let found = self.match_overloads(&a.name, &a.args);
        let (s, i) = match found.as_slice() {
            [(s, i)] => (s.clone(), *i),
            [] => {
                let d = Diagnostic::error(
                    codes::UNKNOWN_FUNCTION,
                    format!("function {}() does not exist", a.name.name),
                )
                .at(a.name.span, "not defined at this point");
                let d = self.with_similar_function(d, &a.name.name);
                self.error(d);
                return;
            }
            _ => {
                let d = Diagnostic::error(
                    codes::UNKNOWN_FUNCTION,
                    format!("function name \"{}\" is not unique", a.name.name),
                )
                .at(a.name.span, "ambiguous")
                .help("specify the argument list to select the function unambiguously");
                self.error(d);
                return;
            }
        };
        let Some(f) = self
            .overloads_mut(&s, &a.name.name)
            .and_then(|fs| fs.get_mut(i))
        else {
            return self.lost(format!("function {s}.{}", a.name.name), a.name.span);
        };
        if a.reset_all {
            f.settings.clear();
        }
        f.settings.retain(|p| !a.reset.contains(p));
        for p in &a.set {
            if !f.settings.contains(p) {
                f.settings.push(p.clone());
            }
        }
        if let Some(d) = a.security_definer {
            f.security_definer = d;
        }
        if let Some(v) = a.volatility {
            f.volatility = v;
        }
    }

    /// `DROP FUNCTION` of one name.
    pub(super) fn drop_function(&mut self, d: &DropTarget) {
        let DropTarget { kind, n, args, .. } = *d;
        let found = self.match_overloads(n, args);
        match found.as_slice() {
            [] => self.nothing_to_drop(
                d,
                if kind == ObjKind::Function {
                    "function"
                } else {
                    "procedure"
                },
            ),
            [(s, i)] => {
                let (s, i) = (s.clone(), *i);
                if self.take_overload(&s, &n.name, i).is_none() {
                    self.lost(format!("function {s}.{}", n.name), n.span);
                }
            }
            _ => {
                let d = Diagnostic::error(
                    codes::UNKNOWN_FUNCTION,
                    format!("function name \"{}\" is not unique", n.name),
                )
                .at(n.span, "several overloads")
                .help("name the argument types: DROP FUNCTION f(integer)");
                self.error(d);
            }
        }
    }

    /// `ALTER FUNCTION … RENAME TO / SET SCHEMA`.
    pub(super) fn rename_function(&mut self, r: &RenameTarget) {
        let RenameTarget {
            n,
            if_exists,
            to,
            schema,
            ..
        } = *r;
        let found = self.find_functions(n);
        let Some((s, i)) = found.first().cloned() else {
            if !if_exists {
                let d = Diagnostic::error(
                    codes::UNKNOWN_FUNCTION,
                    format!("function {}() does not exist", n.name),
                )
                .at(n.span, "here");
                let d = self.with_similar_function(d, &n.name);
                self.error(d);
            }
            return;
        };
        let Some(mut f) = self.take_overload(&s, &n.name, i) else {
            return self.lost(format!("function {s}.{}", n.name), n.span);
        };
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

    /// `COMMENT ON FUNCTION f[(args)]`.
    pub(super) fn comment_function(
        &mut self,
        n: &ObjName,
        args: &Option<Vec<TypeRef>>,
        text: &Option<String>,
    ) {
        let found = self.match_overloads(n, args);
        match found.as_slice() {
            [] => {
                let d = Diagnostic::error(
                    codes::UNKNOWN_FUNCTION,
                    format!("function {}() does not exist", n.name),
                )
                .at(n.span, "not defined at this point");
                let d = self.with_similar_function(d, &n.name);
                self.error(d);
            }
            [(s, i)] => {
                let (s, i) = (s.clone(), *i);
                match self.overloads_mut(&s, &n.name).and_then(|fs| fs.get_mut(i)) {
                    Some(f) => f.comment = text.clone(),
                    None => self.lost(format!("function {s}.{}", n.name), n.span),
                }
            }
            _ => {
                let d = Diagnostic::error(
                    codes::UNKNOWN_FUNCTION,
                    format!("function name \"{}\" is not unique", n.name),
                )
                .at(n.span, "ambiguous")
                .help("specify the argument list to select the function unambiguously");
                self.error(d);
            }
        }
    }

    /// Remove overload `i` of `schema.name` (and the name, when it was the last one).
    fn take_overload(&mut self, schema: &str, name: &str, i: usize) -> Option<Function> {
        let ns = self.namespace_mut(schema)?;
        let overloads = ns.functions.get_mut(name)?;
        if i >= overloads.len() {
            return None;
        }
        let f = overloads.remove(i);
        if overloads.is_empty() {
            ns.functions.remove(name);
        }
        Some(f)
    }
}
