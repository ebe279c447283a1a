//! What the query analyzer (`crate::analyze`) adds to the replay: a view's column types the
//! shallow reading of its SELECT list could not see, whether each is proven NOT NULL, the
//! columns `*` takes from a subquery or function; and the errors PostgreSQL reports in views
//! and policies (no operator or overload for the types, unknown columns in subqueries).

use super::Catalog;
use crate::analyze::Analyzer;
use crate::cmd::{Expr, QueryShape};
use crate::diag::{codes, Diagnostic};
use crate::ir::{QualName, ViewColumn};

/// Statement kinds pgforge does not model that could make an operator or function exist.
const INVISIBLE_OVERLOADS: &[&str] = &["CREATE OPERATOR", "CREATE CAST", "CREATE (other)"];

/// Statement kinds that, where pgforge does not model one, could create or rename a function
/// it cannot see (an ordered-set aggregate, `ALTER AGGREGATE … RENAME`, `ALTER EXTENSION …
/// UPDATE`).
const INVISIBLE_FUNCTIONS: &[&str] = &[
    "CREATE AGGREGATE",
    "ALTER AGGREGATE",
    "ALTER EXTENSION",
    "ALTER (other)",
    "CREATE LANGUAGE",
];

impl Catalog {
    /// Whether the analyzer may report errors now: no statement it cannot see (dynamic SQL,
    /// CREATE OPERATOR / CAST) could have made the statement valid.
    fn analysis_is_sound(&self) -> bool {
        !self.lenient
            && INVISIBLE_OVERLOADS.iter().all(|k| {
                self.stats
                    .get(*k)
                    .is_none_or(|s| s.modelled + s.not_modelled == 0)
            })
    }

    /// Whether every function that exists was seen: the analysis is sound and no statement
    /// that could create or rename one went unmodelled. A call to a name that is then no
    /// function anywhere is PostgreSQL's `function f(…) does not exist`.
    fn every_function_is_known(&self) -> bool {
        self.analysis_is_sound()
            && INVISIBLE_FUNCTIONS
                .iter()
                .all(|k| self.stats.get(*k).is_none_or(|s| s.not_modelled == 0))
    }

    /// An analyzer over the model as it is now, reporting errors (unknown columns from query
    /// depth `column_depth` on) only while the analysis is sound.
    fn analyzer<'s>(&'s self, path: &'s [String], column_depth: usize) -> Analyzer<'s> {
        let a = Analyzer::new(&self.schema, path);
        match self.analysis_is_sound() {
            true => a
                .reporting(column_depth)
                .knowing_every_function(self.every_function_is_known()),
            false => a,
        }
    }

    /// Check a `LANGUAGE sql` function's statements as PostgreSQL does at CREATE FUNCTION
    /// (`check_function_bodies`): unknown columns and relations' columns, operators and
    /// overloads, with the arguments in scope by name and as `$n`. Skipped when the setting
    /// is off (pg_dump's files), for polymorphic arguments, and when the analysis is unsound.
    pub(super) fn analyze_function_body(
        &mut self,
        f: &crate::ir::Function,
        statements: &[crate::sql::Statement],
    ) {
        if statements.is_empty() || !self.check_function_bodies || !self.analysis_is_sound() {
            return;
        }
        let ins: Vec<&crate::ir::Arg> = f
            .args
            .iter()
            .filter(|a| a.mode != crate::ir::ArgMode::Out)
            .collect();
        if ins
            .iter()
            .any(|a| matches!(a.ty, crate::ir::PgType::Pseudo { .. }))
        {
            return;
        }
        let path = self.relation_search_schemas();
        let a = self
            .analyzer(&path, 1)
            .with_params(ins.iter().map(|a| a.ty.clone()).collect());
        let named = ins
            .iter()
            .filter_map(|a| Some((a.name.clone()?, a.ty.clone())))
            .collect();
        a.function_body(&f.name, named, statements);
        let diagnostics = a.take_diagnostics();
        for d in diagnostics {
            self.error(d);
        }
    }

    /// Report what PostgreSQL refuses in an expression over table `q` (a policy, a CHECK,
    /// an index key or predicate, a generated column): no operator or overload for the types,
    /// unknown columns in its subqueries; and, where the clause must be boolean (`boolean`
    /// names it as PostgreSQL does: POLICY, CHECK, WHERE), a value of another type.
    ///
    /// `immutable` (what the expression is: `index`, `generated column`): every built-in
    /// function and operator chosen for it must be IMMUTABLE in PostgreSQL's catalog, for the
    /// overload the argument types pick (`to_tsvector(text)` is STABLE, `to_tsvector(regconfig,
    /// text)` IMMUTABLE; `timestamptz + interval` is STABLE).
    pub(super) fn analyze_table_expr(
        &mut self,
        q: &QualName,
        e: &Expr,
        boolean: Option<&str>,
        immutable: Option<&str>,
        clause: &'static str,
    ) -> bool {
        if !self.analysis_is_sound() {
            return true;
        }
        self.analyze_reading(q, e, boolean, immutable, clause).0
    }

    /// A policy's USING or WITH CHECK, analysed as `analyze_table_expr` does (when sound),
    /// with the table columns it reads as PostgreSQL records them: only what the analyzer
    /// resolved.
    pub(super) fn analyze_policy_expr(
        &mut self,
        q: &QualName,
        e: &Expr,
    ) -> (bool, Vec<(QualName, String)>) {
        self.analyze_reading(q, e, Some("POLICY"), None, "policy expressions")
    }

    fn analyze_reading(
        &mut self,
        q: &QualName,
        e: &Expr,
        boolean: Option<&str>,
        immutable: Option<&str>,
        clause: &'static str,
    ) -> (bool, Vec<(QualName, String)>) {
        let Some(tree) = &e.tree else {
            return (true, vec![]);
        };
        let path = self.relation_search_schemas();
        let a = self.analyzer(&path, 0);
        let t = a.table_expr(tree, q, clause);
        let used = a.take_used();
        if let Some(clause) = boolean {
            a.must_be_boolean(clause, &t, e.span);
        }
        let diagnostics = a.take_diagnostics();
        let mutable = a.take_mutable();
        let mut ok = true;
        for d in diagnostics {
            // `error` is true when the error is allowed: carry on.
            ok &= self.error(d);
        }
        if let (Some(what), true) = (immutable, ok) {
            for (name, v, span) in mutable {
                let v = if v == 'v' {
                    crate::ir::Volatility::Volatile
                } else {
                    crate::ir::Volatility::Stable
                };
                let why = "PostgreSQL's catalog marks the overload these argument types choose so";
                ok &= self.not_immutable(what, &name, v, Some(why.into()), span);
            }
        }
        (ok, used)
    }

    /// A column default, as PostgreSQL checks it at CREATE / ALTER TABLE: functions and
    /// operators must exist for the argument types, no aggregate or window function.
    pub(super) fn analyze_default(&mut self, q: &QualName, e: &Expr) {
        let column = e.refs.iter().find_map(|r| match r {
            crate::cmd::ExprRef::Column { span, .. } => Some(*span),
            _ => None,
        });
        if let Some(span) = column {
            let d = Diagnostic::error(
                codes::INVALID_DEFINITION,
                "cannot use column reference in DEFAULT expression",
            )
            .at(span, "a column")
            .help("a default cannot read the row; use a generated column or a trigger");
            self.error(d);
            return;
        }
        if e.tree.as_deref().is_some_and(nothing_to_check) {
            return;
        }
        self.analyze_table_expr(q, e, None, None, "DEFAULT expressions");
    }

    /// Fill in `columns` from the analyzer. Returns whether the columns are now all known
    /// (a `*` over a subquery or function was expanded).
    /// `depends` gets the table columns the query reads when the analyzer resolved all of it.
    pub(super) fn analyze_view_columns(
        &mut self,
        q: &QueryShape,
        columns: &mut Vec<ViewColumn>,
        star_opaque: bool,
        depends: &mut Vec<(QualName, String)>,
    ) -> bool {
        let Some(tree) = &q.tree else {
            return false;
        };
        let path = self.relation_search_schemas();
        let a = self.analyzer(&path, 1);
        let found = a.view_columns(tree);
        if found.is_some() {
            *depends = a.take_used();
        }
        let diagnostics = a.take_diagnostics();
        for d in diagnostics {
            self.error(d);
        }
        let Some(found) = found else {
            return false;
        };
        if star_opaque && found.len() >= columns.len() {
            let old = std::mem::take(columns);
            for c in found {
                let known = old.iter().find(|o| o.name == c.name && o.ty.is_some());
                columns.push(ViewColumn {
                    ty: known.and_then(|o| o.ty.clone()).or(c.t.ty),
                    source: known.and_then(|o| o.source.clone()),
                    updatable: false,
                    not_null: c.t.not_null,
                    comment: None,
                    name: c.name,
                });
            }
            return true;
        }
        if found.len() != columns.len() {
            return false;
        }
        for (col, c) in columns.iter_mut().zip(found) {
            // The analyzer follows PostgreSQL's resolution rules; the shallow reading only
            // fills in what it cannot type.
            if c.t.ty.is_some() {
                col.ty = c.t.ty;
            }
            col.not_null = c.t.not_null;
        }
        false
    }
}

/// A default the analyzer has nothing to say about: a literal, a literal cast to a built-in
/// type, or a call without arguments of a built-in or extension function's name (`now()`,
/// `gen_random_uuid()`, `current_user`; `make_id()` is analysed: it may exist nowhere). Most
/// defaults are one of these; skipping them keeps the analysis of defaults cheap. (The
/// front end does not even parse a plain literal: `frontend::expr::default`.)
fn nothing_to_check(e: &crate::sql::Expr) -> bool {
    use crate::sql::ExprKind;
    match &e.kind {
        ExprKind::Literal(_) | ExprKind::Typed(_) => true,
        ExprKind::Cast { expr, ty } => {
            matches!(expr.kind, ExprKind::Literal(_)) && matches!(ty, crate::cmd::TypeRef::Known(_))
        }
        ExprKind::Func(call) => {
            call.args.is_empty()
                && call.over.is_none()
                && !call.star
                && call.name.schema.is_none()
                && !crate::analyze::builtins::BUILTINS
                    .funcs(&call.name.name)
                    .is_empty()
        }
        _ => false,
    }
}
