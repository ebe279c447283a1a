//! Statements: INSERT, UPDATE and DELETE (and a query) as PostgreSQL's `transformInsertStmt`,
//! `transformUpdateStmt` and `transformDeleteStmt` read them: the target table and its
//! assigned columns, the parameters a column's type fixes, `ON CONFLICT` with `excluded`,
//! `FROM` / `USING`, and the `RETURNING` columns.

use super::query::{OutColumn, Rel, Scope};
use super::types::is_unknown;
use super::{Analyzer, Typed};
use crate::diag::{codes, Diagnostic};
use crate::ir::PgType;
use crate::span::Span;
use crate::sql::{Alias, Delete, Expr, ExprKind, Insert, Item, Query, Set, SetExpr, Statement};
use crate::sql::{Target, Update};

impl Analyzer<'_> {
    /// A standalone statement's output columns (none without `RETURNING`) and the types of its
    /// parameters (`None` where no use fixes one), as `PREPARE` would report them.
    pub fn prepared_statement(
        &self,
        s: &Statement,
    ) -> (Option<Vec<OutColumn>>, Vec<Option<PgType>>) {
        let cols = self.statement(s, None);
        (cols, self.inferred.borrow().clone())
    }

    /// A statement's output: a query's columns, or the `RETURNING` list (empty without one).
    pub(super) fn statement(
        &self,
        s: &Statement,
        parent: Option<&Scope>,
    ) -> Option<Vec<OutColumn>> {
        if let Statement::Query(q) = s {
            return self.query(q, parent);
        }
        self.depth.set(self.depth.get() + 1);
        let out = match s {
            Statement::Insert(i) => self.insert(i, parent),
            Statement::Update(u) => self.update(u, parent),
            Statement::Delete(d) => self.delete(d, parent),
            Statement::Query(_) => None,
        };
        self.depth.set(self.depth.get() - 1);
        out
    }

    /// The written table as a relation named by its alias (a CTE cannot be written).
    fn target_rel(&self, t: &Target) -> Option<Rel> {
        let alias = t.alias.as_ref().map(|a| Alias {
            name: a.clone(),
            columns: vec![],
        });
        self.relation(&t.name, &alias, &Scope::default())
    }

    /// The target's column by name, or PostgreSQL's error for a column it does not have.
    fn target_column(&self, rel: &Rel, t: &Target, name: &str, span: Span) -> Option<Typed> {
        if let Some(c) = rel.cols.iter().find(|c| c.name == name) {
            return Some(c.t.clone());
        }
        let mut d = Diagnostic::error(
            codes::UNKNOWN_COLUMN,
            format!(
                "column \"{name}\" of relation \"{}\" does not exist",
                t.name.name
            ),
        )
        .at(span, "not a column of the table");
        let names = rel.cols.iter().map(|c| c.name.as_str());
        if let Some(s) = crate::names::did_you_mean(name, names) {
            d = d.help(format!("did you mean \"{s}\"?"));
        }
        self.error(d);
        None
    }

    /// An expression assigned to (or compared as) a value of type `t`: a bare `$n` of no
    /// type yet takes `t`, as PostgreSQL's coercion of a parameter fixes its type.
    pub(super) fn coerced(&self, e: &Expr, t: &PgType, scope: &Scope) -> Typed {
        if let ExprKind::Param(n) = e.kind {
            if is_unknown(&self.param_type(n)) {
                self.infer_param(n, t);
            }
        }
        self.expr(e, scope)
    }

    fn insert(&self, i: &Insert, parent: Option<&Scope>) -> Option<Vec<OutColumn>> {
        let scope = self.ctes_scope(&i.with.ctes, i.with.recursive, parent)?;
        let rel = self.target_rel(&i.target)?;
        let targets: Vec<Option<Typed>> = if i.columns.is_empty() {
            rel.cols.iter().map(|c| Some(c.t.clone())).collect()
        } else {
            let cols = i.columns.iter();
            cols.map(|(c, span)| self.target_column(&rel, &i.target, c, *span))
                .collect()
        };
        if let Some(source) = &i.source {
            self.insert_source(source, &targets, &scope);
        }
        let mut rels = vec![rel.clone()];
        if let Some((sets, filter)) = &i.conflict {
            let mut excluded = rel.clone();
            excluded.label = Some("excluded".into());
            excluded.schema = None;
            rels.push(excluded);
            let s = Scope {
                rels: rels.clone(),
                ctes: vec![],
                parent: Some(&scope),
                windows: None,
            };
            self.assignments(sets, &rel, &i.target, &s);
            if let Some(f) = filter {
                self.expr(f, &s);
            }
        }
        let returning = Scope {
            rels: vec![rel],
            ctes: vec![],
            parent: Some(&scope),
            windows: None,
        };
        self.returning(&i.returning, &returning)
    }

    /// The rows inserted: a bare `$n` in a VALUES row or a SELECT list takes its column's
    /// type before the rows are typed.
    fn insert_source(&self, source: &Query, targets: &[Option<Typed>], scope: &Scope) {
        let fix = |exprs: &mut dyn Iterator<Item = &Expr>| {
            for (e, t) in exprs.zip(targets) {
                if let (ExprKind::Param(n), Some(Some(ty))) = (&e.kind, t.as_ref().map(|t| &t.ty)) {
                    if is_unknown(&self.param_type(*n)) {
                        self.infer_param(*n, ty);
                    }
                }
            }
        };
        match &source.body {
            SetExpr::Values(rows) => rows.iter().for_each(|r| fix(&mut r.iter())),
            SetExpr::Select(sel) => fix(&mut sel.items.iter().filter_map(|it| match it {
                Item::Expr { expr, .. } => Some(expr),
                Item::Star { .. } => None,
            })),
            _ => {}
        }
        self.query(source, Some(scope));
    }

    /// `SET col = value, (a, b) = (…)`: each column must be the target's; a bare `$n` takes
    /// the column's type.
    fn assignments(&self, sets: &[Set], rel: &Rel, t: &Target, scope: &Scope) {
        for set in sets {
            let cols: Vec<Option<Typed>> = set
                .columns
                .iter()
                .map(|(c, span)| self.target_column(rel, t, c, *span))
                .collect();
            match (&set.value.kind, cols.as_slice()) {
                (_, [Some(Typed { ty: Some(ty), .. })]) => {
                    drop(self.coerced(&set.value, ty, scope))
                }
                (ExprKind::Row(items), _) if items.len() == cols.len() => {
                    for (e, c) in items.iter().zip(&cols) {
                        match c.as_ref().and_then(|c| c.ty.as_ref()) {
                            Some(ty) => drop(self.coerced(e, ty, scope)),
                            None => drop(self.expr(e, scope)),
                        }
                    }
                }
                _ => drop(self.expr(&set.value, scope)),
            }
        }
    }

    fn returning(&self, items: &Option<Vec<Item>>, scope: &Scope) -> Option<Vec<OutColumn>> {
        match items {
            Some(items) => self.items(items, scope, &[]),
            None => Some(vec![]),
        }
    }

    /// The relations of FROM / USING beside the target.
    fn beside(&self, rel: Rel, from: &[crate::sql::From], scope: &Scope) -> Option<Vec<Rel>> {
        let mut inner = Scope {
            rels: vec![rel],
            ctes: vec![],
            parent: Some(scope),
            windows: None,
        };
        for f in from {
            let rels = self.rels_of_item(f, &inner)?;
            inner.rels.extend(rels);
        }
        Some(inner.rels)
    }

    fn update(&self, u: &Update, parent: Option<&Scope>) -> Option<Vec<OutColumn>> {
        let scope = self.ctes_scope(&u.with.ctes, u.with.recursive, parent)?;
        let rel = self.target_rel(&u.target)?;
        let rels = self.beside(rel.clone(), &u.from, &scope)?;
        let s = Scope {
            rels,
            ctes: vec![],
            parent: Some(&scope),
            windows: None,
        };
        self.assignments(&u.sets, &rel, &u.target, &s);
        self.filter(&u.filter, &s);
        self.returning(&u.returning, &s)
    }

    fn delete(&self, d: &Delete, parent: Option<&Scope>) -> Option<Vec<OutColumn>> {
        let scope = self.ctes_scope(&d.with.ctes, d.with.recursive, parent)?;
        let rel = self.target_rel(&d.target)?;
        let rels = self.beside(rel, &d.using, &scope)?;
        let s = Scope {
            rels,
            ctes: vec![],
            parent: Some(&scope),
            windows: None,
        };
        self.filter(&d.filter, &s);
        self.returning(&d.returning, &s)
    }

    fn filter(&self, filter: &Option<Expr>, scope: &Scope) {
        if let Some(f) = filter {
            let t = self.refusing_aggregates("WHERE", || self.coerced(f, &PgType::Bool, scope));
            self.must_be_boolean("WHERE", &t, f.span);
        }
    }

    /// `relation "x" does not exist`, with the closest table or view of the search path.
    pub(super) fn no_such_relation(&self, name: &crate::cmd::ObjName) {
        let schemas = match &name.schema {
            Some(s) => vec![s.clone()],
            None => self.search_path.to_vec(),
        };
        let known: Vec<&str> = schemas
            .iter()
            .filter_map(|s| self.schema.schemas.get(s))
            .flat_map(|ns| ns.tables.keys().chain(ns.views.keys()))
            .map(String::as_str)
            .collect();
        let shown = match &name.schema {
            Some(s) => format!("{s}.{}", name.name),
            None => name.name.clone(),
        };
        let mut d = Diagnostic::error(
            codes::UNKNOWN_RELATION,
            format!("relation \"{shown}\" does not exist"),
        )
        .at(name.span, "no such table or view");
        if let Some(s) = crate::names::did_you_mean(&name.name, known) {
            d = d.help(format!("did you mean \"{s}\"?"));
        }
        self.error(d);
    }

    /// `column reference "c" is ambiguous`: two relations of one FROM have it.
    pub(super) fn ambiguous(&self, c: &str, span: Span) {
        self.error(
            Diagnostic::error(
                codes::UNKNOWN_COLUMN,
                format!("column reference \"{c}\" is ambiguous"),
            )
            .at(span, "more than one table in FROM has this column")
            .help("qualify it with the table's name or alias"),
        );
    }
}
