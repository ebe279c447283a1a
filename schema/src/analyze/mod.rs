//! The query analyzer: names, types and nullability of queries and expressions, from the
//! schema model and PostgreSQL's built-in catalog (`builtins`), by PostgreSQL's own rules
//! (`types`: coercion and common types; `resolve`: overload selection; `expr`: expressions;
//! `query`: scopes, FROM, set operations).
//!
//! It answers "not known" (`None`) wherever it is unsure, and never claims NOT NULL without
//! proof: a column is NOT NULL only when the value provably cannot be NULL.

pub mod builtins;
mod clauses;
mod distinct;
mod dml;
mod entries;
mod expr;
mod functions;
mod grouping;
mod names;
mod query;
pub mod resolve;
mod select;
#[cfg(test)]
mod tests;
pub mod types;

use crate::cmd::{ObjName, TypeRef};
use crate::ir::{PgType, Schema, TypeClass, TypeDef, TypeKind};

pub use query::OutColumn;

/// A value's type (`None`: not known) and whether it is proven never NULL.
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    pub ty: Option<PgType>,
    pub not_null: bool,
}

impl Typed {
    pub fn new(ty: PgType, not_null: bool) -> Typed {
        Typed {
            ty: Some(ty),
            not_null,
        }
    }

    pub fn unknown() -> Typed {
        Typed {
            ty: None,
            not_null: false,
        }
    }
}

pub struct Analyzer<'a> {
    pub schema: &'a Schema,
    pub search_path: &'a [String],
    /// Report what PostgreSQL would refuse (`errors`). Off unless the caller knows the model
    /// holds every operator, cast and function the statement could use.
    report: bool,
    /// Unknown columns are reported from this query depth on (shallower ones have checks
    /// of their own).
    column_depth: usize,
    depth: std::cell::Cell<usize>,
    diagnostics: std::cell::RefCell<Vec<crate::diag::Diagnostic>>,
    /// The types of `$1`, `$2`, … (a SQL function's arguments).
    params: Vec<PgType>,
    /// Parameters without a declared type: the type their first use fixed.
    inferred: std::cell::RefCell<Vec<Option<PgType>>>,
    /// A relation that is not in the model is an error (a query file's statements), not a
    /// shape left unknown.
    strict: bool,
    /// No statement the replay could not see could have created a function: a function
    /// name that exists nowhere is an error (`names.rs`).
    every_function_known: bool,
    /// Built-in functions and operators chosen that are not IMMUTABLE: (name, volatility,
    /// where), for index expressions and generated columns.
    mutable: std::cell::RefCell<Vec<(String, char, crate::span::Span)>>,
    /// The table columns references resolved to (and `*` expanded to): what PostgreSQL
    /// records a view or policy as depending on.
    used: std::cell::RefCell<Vec<(crate::ir::QualName, String)>>,
    /// The clause that refuses aggregates and window functions, and its query depth
    /// (`clauses.rs`).
    no_aggregates: std::cell::Cell<Option<(&'static str, usize)>>,
    /// A column reference resolved in an enclosing query's scope since this was last reset.
    outward: std::cell::Cell<bool>,
    /// The grouped-query checks of the SELECTs being read (`grouping.rs`).
    grouping: std::cell::RefCell<Vec<grouping::GroupFrame>>,
}

impl<'a> Analyzer<'a> {
    pub fn new(schema: &'a Schema, search_path: &'a [String]) -> Analyzer<'a> {
        Analyzer {
            schema,
            search_path,
            report: false,
            column_depth: usize::MAX,
            depth: std::cell::Cell::new(0),
            diagnostics: std::cell::RefCell::new(vec![]),
            params: vec![],
            inferred: std::cell::RefCell::new(vec![]),
            strict: false,
            every_function_known: false,
            mutable: std::cell::RefCell::new(vec![]),
            used: std::cell::RefCell::new(vec![]),
            no_aggregates: std::cell::Cell::new(None),
            outward: std::cell::Cell::new(false),
            grouping: std::cell::RefCell::new(vec![]),
        }
    }

    /// The type of `$n`: declared, else fixed by an earlier use, else `unknown` (resolved
    /// like an unknown literal by the operator or function it meets).
    fn param_type(&self, n: u32) -> PgType {
        let i = (n as usize).saturating_sub(1);
        if let Some(t) = self.params.get(i) {
            return t.clone();
        }
        self.inferred
            .borrow()
            .get(i)
            .cloned()
            .flatten()
            .unwrap_or_else(types::unknown)
    }

    fn infer_param(&self, n: u32, t: &PgType) {
        let i = (n as usize).saturating_sub(1);
        if i < self.params.len() || n == 0 {
            return;
        }
        let mut inferred = self.inferred.borrow_mut();
        if inferred.len() <= i {
            inferred.resize(i + 1, None);
        }
        if inferred[i].is_none() {
            inferred[i] = Some(t.without_modifiers());
        }
    }

    /// The types `$1`, `$2`, … stand for.
    pub fn with_params(mut self, params: Vec<PgType>) -> Analyzer<'a> {
        self.params = params;
        self
    }

    /// Also report errors: no operator or overload for the operand types, and unknown
    /// columns in queries nested `column_depth` deep or more.
    pub fn reporting(mut self, column_depth: usize) -> Analyzer<'a> {
        self.report = self.model_is_complete();
        self.column_depth = column_depth;
        self
    }

    /// The caller knows every statement that could have created a function was seen: a
    /// call to a name that is no function anywhere is reported (when reporting at all).
    pub fn knowing_every_function(mut self, known: bool) -> Analyzer<'a> {
        self.every_function_known = known;
        self
    }

    /// Check a statement of the application's own (a query file's, a `query!`'s) as
    /// PostgreSQL's PREPARE would: every unknown relation and column at any depth is an error.
    pub fn checking_statements(mut self) -> Analyzer<'a> {
        self.report = self.model_is_complete();
        self.column_depth = 0;
        self.strict = self.report;
        self
    }

    /// The built-in functions and operators chosen so far that are not IMMUTABLE in
    /// PostgreSQL's catalog (`pg_proc.provolatile`), with where each is called.
    pub fn take_mutable(&self) -> Vec<(String, char, crate::span::Span)> {
        std::mem::take(&mut self.mutable.borrow_mut())
    }

    /// The table columns read so far (sorted, once each), emptied.
    pub fn take_used(&self) -> Vec<(crate::ir::QualName, String)> {
        let mut used = std::mem::take(&mut *self.used.borrow_mut());
        used.sort();
        used.dedup();
        used
    }

    fn uses(&self, c: &query::Col) {
        if let Some(o) = &c.origin {
            let Some(column) = o.column(self.schema) else {
                return;
            };
            self.used
                .borrow_mut()
                .push(((*o.table).clone(), column.to_string()));
        }
    }

    /// Record a chosen built-in that is not IMMUTABLE; `name` says what it is (formatted
    /// only then: this runs for every operator and call).
    fn chose(
        &self,
        name: impl FnOnce() -> String,
        c: &resolve::Candidate,
        span: crate::span::Span,
    ) {
        if let Some(v @ ('s' | 'v')) = c.volatility {
            self.mutable.borrow_mut().push((name(), v, span));
        }
    }

    /// The errors found, in the order found.
    pub fn take_diagnostics(&self) -> Vec<crate::diag::Diagnostic> {
        std::mem::take(&mut self.diagnostics.borrow_mut())
    }

    fn error(&self, d: crate::diag::Diagnostic) {
        if self.report {
            self.diagnostics.borrow_mut().push(d);
        }
    }

    /// Every installed extension is one whose objects the data holds: no operator or
    /// function can come from elsewhere.
    fn model_is_complete(&self) -> bool {
        self.schema
            .extensions
            .keys()
            .all(|e| e == "plpgsql" || builtins::EXTENSIONS.contains(&e.as_str()))
    }

    /// Whether pgforge knows everything about type `t` (so a mismatch is certain).
    pub fn certain(&self, t: &PgType) -> bool {
        match t {
            PgType::Pseudo { type_name } => type_name == "unknown",
            PgType::Array { element, .. } => self.certain(element),
            PgType::User { .. } => true,
            PgType::Other { type_name, .. } => builtins::BUILTINS
                .type_info(type_name)
                .is_some_and(|i| i.origin.is_none_or(|e| self.has_extension(e))),
            _ => true,
        }
    }

    /// The schemas an unqualified name is looked up in, pg_catalog first as PostgreSQL does.
    fn schemas_for<'q>(&'q self, qualifier: &'q Option<String>) -> Vec<&'q str> {
        match qualifier {
            Some(s) => vec![s.as_str()],
            None => {
                let mut v = vec!["pg_catalog"];
                v.extend(
                    self.search_path
                        .iter()
                        .filter(|s| *s != "pg_catalog" && !s.starts_with('$'))
                        .map(String::as_str),
                );
                v
            }
        }
    }

    pub fn user_type(&self, schema: &str, name: &str) -> Option<&'a TypeDef> {
        self.schema.schemas.get(schema)?.types.get(name)
    }

    /// Whether the extension is installed (its objects are then known).
    fn has_extension(&self, name: &str) -> bool {
        self.schema.extensions.contains_key(name)
    }

    /// A written type as a `PgType`: built-in, a user-defined type or a table's row type.
    pub fn resolve_type(&self, t: &TypeRef) -> Option<PgType> {
        match t {
            TypeRef::Known(k) => Some(k.clone()),
            TypeRef::Named {
                name,
                modifiers,
                array_dims,
            } => {
                let base = self.named_type(name, modifiers)?;
                Some(if *array_dims > 0 {
                    PgType::array_of(base, *array_dims)
                } else {
                    base
                })
            }
        }
    }

    /// `type "x" does not exist`, for a cast to a type that is nowhere: not in any schema of
    /// the model (as a type, table or view), not a built-in or extension type of the data, not
    /// an array's internal name or a pseudo-type the data leaves out.
    fn unknown_type(&self, t: &TypeRef, span: crate::span::Span) {
        const LEFT_OUT: &[&str] = &[
            "cstring",
            "trigger",
            "event_trigger",
            "internal",
            "language_handler",
            "fdw_handler",
            "index_am_handler",
            "table_am_handler",
            "tsm_handler",
            "pg_ddl_command",
        ];
        let TypeRef::Named { name, .. } = t else {
            return;
        };
        let n = name.name.as_str();
        let somewhere = self.schema.schemas.values().any(|ns| {
            ns.types.contains_key(n) || ns.tables.contains_key(n) || ns.views.contains_key(n)
        });
        if somewhere
            || n.starts_with('_')
            || LEFT_OUT.contains(&n)
            || builtins::BUILTINS.type_info(n).is_some()
            || name
                .schema
                .as_ref()
                .is_some_and(|s| !self.schema.schemas.contains_key(s))
        {
            return;
        }
        self.error(
            crate::diag::Diagnostic::error(
                crate::diag::codes::UNKNOWN_TYPE,
                format!("type \"{n}\" does not exist"),
            )
            .at(span, "cast to a type no migration creates"),
        );
    }

    fn named_type(&self, name: &ObjName, modifiers: &[String]) -> Option<PgType> {
        for s in self.schemas_for(&name.schema) {
            let Some(ns) = self.schema.schemas.get(s) else {
                continue;
            };
            if let Some(t) = ns.types.get(&name.name) {
                // A base type (an extension's) is looked up in the built-in data.
                let Some(class) = t.kind.class() else { break };
                return Some(user(s, &name.name, class));
            }
            if ns.tables.contains_key(&name.name) || ns.views.contains_key(&name.name) {
                return Some(user(s, &name.name, TypeClass::Table));
            }
        }
        let info = builtins::BUILTINS.type_info(&name.name)?;
        if info.origin.is_some_and(|e| !self.has_extension(e)) {
            return None;
        }
        Some(PgType::Other {
            schema: name.schema.clone(),
            type_name: name.name.clone(),
            modifiers: modifiers.to_vec(),
        })
    }

    /// The attributes of a row type (table, view or composite), for `(x).field` and `t.*`.
    pub fn attributes(&self, t: &PgType) -> Option<Vec<(String, Typed)>> {
        let PgType::User {
            schema, type_name, ..
        } = &self.base(t)
        else {
            return None;
        };
        let ns = self.schema.schemas.get(schema)?;
        if let Some(tb) = ns.tables.get(type_name) {
            return Some(
                tb.columns
                    .iter()
                    .map(|c| (c.name.clone(), Typed::new(c.ty.clone(), false)))
                    .collect(),
            );
        }
        if let Some(v) = ns.views.get(type_name) {
            return Some(
                v.columns
                    .iter()
                    .map(|c| {
                        let t = Typed {
                            ty: c.ty.clone(),
                            not_null: false,
                        };
                        (c.name.clone(), t)
                    })
                    .collect(),
            );
        }
        match &ns.types.get(type_name)?.kind {
            TypeKind::Composite { attributes } => Some(
                attributes
                    .iter()
                    .map(|a| (a.name.clone(), Typed::new(a.ty.clone(), false)))
                    .collect(),
            ),
            _ => None,
        }
    }
}

fn user(schema: &str, name: &str, class: TypeClass) -> PgType {
    PgType::User {
        schema: schema.into(),
        type_name: name.into(),
        class,
    }
}
