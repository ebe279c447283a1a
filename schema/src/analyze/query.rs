//! Queries: the relations in FROM (tables, views, CTEs, subqueries, functions, joins) as a
//! scope of named columns, name resolution through it and the enclosing queries' scopes,
//! and the output columns of SELECT, VALUES and set operations.

use super::{Analyzer, Typed};
use crate::ir::{PgType, QualName, TypeClass};
use crate::sql::{Alias, From, Item, JoinKind, Query, SetExpr};

/// An output column of a query.
#[derive(Debug, Clone, PartialEq)]
pub struct OutColumn {
    pub name: String,
    pub t: Typed,
}

#[derive(Debug, Clone)]
pub struct Col {
    pub name: String,
    pub t: Typed,
    /// A USING / NATURAL join's right-hand copy: reachable qualified only.
    pub hidden: bool,
    /// The table column it is, for a table's own columns (what a reference depends on).
    pub origin: Option<Origin>,
}

/// A table column, by its table and position: shared by every column a scope takes from
/// the table, so building a scope copies no names (it runs for every expression analysed).
#[derive(Debug, Clone)]
pub struct Origin {
    pub table: std::rc::Rc<QualName>,
    pub index: usize,
}

impl Origin {
    /// The column's name in the model the analyzer reads.
    pub fn column<'s>(&self, schema: &'s crate::ir::Schema) -> Option<&'s str> {
        let t = schema.table(&self.table)?;
        t.columns.get(self.index).map(|c| c.name.as_str())
    }
}

impl Col {
    pub(super) fn of(name: String, t: Typed) -> Col {
        Col {
            name,
            t,
            hidden: false,
            origin: None,
        }
    }
}

/// One relation of a FROM list.
#[derive(Debug, Clone)]
pub struct Rel {
    /// What a qualifier names it by: the alias, else the relation's own name.
    pub label: Option<String>,
    /// A table's or view's schema when it has no alias (`s.t.c`).
    pub schema: Option<String>,
    pub cols: Vec<Col>,
    /// The row type, for a whole-row reference (`t` as a value).
    pub row_type: Option<PgType>,
}

impl Rel {
    /// Its columns as a query's output.
    fn output(self) -> Vec<OutColumn> {
        let cols = self.cols.into_iter();
        cols.map(|c| OutColumn {
            name: c.name,
            t: c.t,
        })
        .collect()
    }
}

#[derive(Debug, Default)]
pub struct Scope<'p> {
    pub rels: Vec<Rel>,
    pub ctes: Vec<(String, Vec<OutColumn>)>,
    pub parent: Option<&'p Scope<'p>>,
    /// A SELECT's `WINDOW` names (`None` outside a SELECT's own level).
    pub windows: Option<Vec<String>>,
}

impl Scope<'_> {
    /// Whether an unqualified `c` names a column of this level.
    pub fn visible(&self, c: &str) -> bool {
        visible_named(self, c) > 0
    }

    fn cte(&self, name: &str) -> Option<&Vec<OutColumn>> {
        match self.ctes.iter().rev().find(|(n, _)| n == name) {
            Some((_, c)) => Some(c),
            None => self.parent.and_then(|p| p.cte(name)),
        }
    }
}

fn renamed(mut cols: Vec<Col>, alias: &Option<Alias>) -> Vec<Col> {
    if let Some(a) = alias {
        for (c, n) in cols.iter_mut().zip(&a.columns) {
            c.name = n.clone();
        }
    }
    cols
}

fn out_to_cols(cols: &[OutColumn]) -> Vec<Col> {
    cols.iter()
        .map(|c| Col::of(c.name.clone(), c.t.clone()))
        .collect()
}

impl Analyzer<'_> {
    /// The output columns of a query; `None` when its shape is not known.
    pub fn query(&self, q: &Query, parent: Option<&Scope>) -> Option<Vec<OutColumn>> {
        self.depth.set(self.depth.get() + 1);
        let out = self.query_at_depth(q, parent);
        self.depth.set(self.depth.get() - 1);
        out
    }

    fn query_at_depth(&self, q: &Query, parent: Option<&Scope>) -> Option<Vec<OutColumn>> {
        let scope = self.ctes_scope(&q.ctes, q.recursive, parent)?;
        for e in q.limit.iter().chain(&q.offset) {
            self.coerced(e, &PgType::Int8, &scope);
        }
        let out = match &q.body {
            SetExpr::Select(sel) => self.select_columns(sel, &scope, &q.order_by)?,
            body @ SetExpr::SetOp { .. } => {
                let out = self.set_expr(body, &scope)?;
                self.set_operation_order_by(&q.order_by, &out);
                out
            }
            body => self.set_expr(body, &scope)?,
        };
        Some(out.into_iter().map(resolve_unknown).collect())
    }

    /// A scope holding a `WITH`'s CTEs (of a query or a data-modifying statement), each
    /// seeing those before it.
    pub(super) fn ctes_scope<'p>(
        &self,
        ctes: &[crate::sql::Cte],
        recursive: bool,
        parent: Option<&'p Scope<'p>>,
    ) -> Option<Scope<'p>> {
        let mut scope = Scope {
            parent,
            ..Default::default()
        };
        for cte in ctes {
            let mut cols = self.cte_columns(cte, recursive, &scope)?;
            for (c, n) in cols.iter_mut().zip(&cte.columns) {
                c.name = n.clone();
            }
            scope.ctes.push((cte.name.clone(), cols));
        }
        Some(scope)
    }

    /// A CTE's columns; a recursive one is typed from its first (non-recursive) branch.
    fn cte_columns(
        &self,
        cte: &crate::sql::Cte,
        recursive: bool,
        scope: &Scope,
    ) -> Option<Vec<OutColumn>> {
        if recursive {
            if let SetExpr::SetOp { left, .. } = &cte.query.body {
                let first = self.set_expr(left, scope)?;
                let mut named: Vec<OutColumn> = first.into_iter().map(resolve_unknown).collect();
                for (c, n) in named.iter_mut().zip(&cte.columns) {
                    c.name = n.clone();
                }
                named.iter_mut().for_each(|c| c.t.not_null = false);
                let inner = Scope {
                    rels: vec![],
                    ctes: vec![(cte.name.clone(), named.clone())],
                    parent: Some(scope),
                    windows: None,
                };
                let _ = self.query(&cte.query, Some(&inner));
                return Some(named);
            }
        }
        self.query(&cte.query, Some(scope))
    }

    fn set_expr(&self, s: &SetExpr, scope: &Scope) -> Option<Vec<OutColumn>> {
        match s {
            SetExpr::Select(sel) => self.select_columns(sel, scope, &[]),
            SetExpr::Query(q) => self.query(q, Some(scope)),
            SetExpr::SetOp {
                op,
                left,
                right,
                span,
            } => {
                let l = self.set_expr(left, scope)?;
                let r = self.set_expr(right, scope)?;
                if l.len() != r.len() {
                    return None;
                }
                Some(
                    l.iter()
                        .zip(&r)
                        .map(|(a, b)| OutColumn {
                            name: a.name.clone(),
                            t: self.common_in(
                                op,
                                &[a.t.clone(), b.t.clone()],
                                a.t.not_null && b.t.not_null,
                                *span,
                            ),
                        })
                        .collect(),
                )
            }
            SetExpr::Values(rows) => self.values(rows, scope),
            SetExpr::Table(name) => Some(self.relation(name, &None, scope)?.output()),
            SetExpr::Modify(st) => self.statement(st, Some(scope)),
            SetExpr::Unknown => None,
        }
    }

    fn values(&self, rows: &[Vec<crate::sql::Expr>], scope: &Scope) -> Option<Vec<OutColumn>> {
        let typed: Vec<Vec<Typed>> = rows
            .iter()
            .map(|r| r.iter().map(|e| self.expr(e, scope)).collect())
            .collect();
        let width = typed.first()?.len();
        (0..width)
            .map(|i| {
                let col: Vec<Option<PgType>> = typed
                    .iter()
                    .map(|r| r.get(i).and_then(|t| t.ty.clone()))
                    .collect();
                Some(OutColumn {
                    name: format!("column{}", i + 1),
                    t: Typed {
                        ty: self.common_type(&col),
                        not_null: typed.iter().all(|r| r.get(i).is_some_and(|t| t.not_null)),
                    },
                })
            })
            .collect()
    }

    /// The output columns of a SELECT list or a RETURNING list in `scope`.
    /// `grouped`: the entries GROUP BY names by position or output name.
    pub(super) fn items(
        &self,
        items: &[Item],
        scope: &Scope,
        grouped: &[usize],
    ) -> Option<Vec<OutColumn>> {
        let mut out = vec![];
        for (i, item) in items.iter().enumerate() {
            match item {
                Item::Expr { expr, name } => out.push(OutColumn {
                    name: name.clone().unwrap_or_else(|| "?column?".into()),
                    t: match grouped.contains(&i) {
                        true => self.grouped_entry(scope, || self.expr(expr, scope)),
                        false => self.expr(expr, scope),
                    },
                }),
                Item::Star { qualifier, .. } => {
                    let rels: Vec<&Rel> = match qualifier {
                        Some(q) => scope
                            .rels
                            .iter()
                            .filter(|r| r.label.as_ref() == Some(q))
                            .collect(),
                        None => scope.rels.iter().collect(),
                    };
                    if rels.is_empty() {
                        return None;
                    }
                    for r in rels {
                        let cols = r.cols.iter().filter(|c| qualifier.is_some() || !c.hidden);
                        out.extend(cols.map(|c| {
                            self.uses(c);
                            OutColumn {
                                name: c.name.clone(),
                                t: c.t.clone(),
                            }
                        }));
                    }
                }
            }
        }
        Some(out)
    }

    /// The relations a FROM item brings into scope (a join brings both sides').
    pub(super) fn rels_of_item(&self, f: &From, scope: &Scope) -> Option<Vec<Rel>> {
        match f {
            From::Relation { name, alias } => Some(vec![self.relation(name, alias, scope)?]),
            From::Subquery { query, alias } => {
                let cols = self.query(query, Some(scope))?;
                Some(vec![Rel {
                    label: alias.as_ref().map(|a| a.name.clone()),
                    schema: None,
                    cols: renamed(out_to_cols(&cols), alias),
                    row_type: Some(record()),
                }])
            }
            From::Function {
                call,
                alias,
                ordinality,
                definitions,
            } => Some(vec![self.function_rel(
                call,
                alias,
                *ordinality,
                definitions,
                scope,
            )?]),
            From::Join {
                left,
                right,
                kind,
                on,
                using,
                natural,
            } => self.join(left, right, *kind, on.as_ref(), using, *natural, scope),
            From::Unknown => None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn join(
        &self,
        left: &From,
        right: &From,
        kind: JoinKind,
        on: Option<&crate::sql::Expr>,
        using: &[String],
        natural: bool,
        scope: &Scope,
    ) -> Option<Vec<Rel>> {
        let mut l = self.rels_of_item(left, scope)?;
        let mut r = {
            // LATERAL items see the left side.
            let inner = Scope {
                rels: l.clone(),
                ctes: vec![],
                parent: Some(scope),
                windows: None,
            };
            self.rels_of_item(right, &inner)?
        };
        let nullable = |rels: &mut Vec<Rel>| {
            rels.iter_mut()
                .flat_map(|r| r.cols.iter_mut())
                .for_each(|c| c.t.not_null = false)
        };
        let mut merged: Vec<String> = using.to_vec();
        if natural {
            let lnames: Vec<&String> = l
                .iter()
                .flat_map(|r| r.cols.iter().filter(|c| !c.hidden).map(|c| &c.name))
                .collect();
            merged = r
                .iter()
                .flat_map(|r| r.cols.iter())
                .filter(|c| !c.hidden && lnames.contains(&&c.name))
                .map(|c| c.name.clone())
                .collect();
        }
        let merged_cols = self.merged_columns(&l, &r, &merged, kind);
        match kind {
            JoinKind::Left => nullable(&mut r),
            JoinKind::Right => nullable(&mut l),
            JoinKind::Full => {
                nullable(&mut l);
                nullable(&mut r);
            }
            JoinKind::Inner | JoinKind::Cross => {}
        }
        let mut out = vec![];
        if !merged.is_empty() {
            for rel in l.iter_mut().chain(r.iter_mut()) {
                rel.cols
                    .iter_mut()
                    .filter(|c| merged.contains(&c.name))
                    .for_each(|c| c.hidden = true);
            }
            out.push(Rel {
                label: None,
                schema: None,
                cols: merged_cols?,
                row_type: None,
            });
        }
        out.extend(l);
        out.extend(r);
        if let Some(on) = on {
            let s = Scope {
                rels: out.clone(),
                ctes: vec![],
                parent: Some(scope),
                windows: None,
            };
            self.refusing_aggregates("JOIN conditions", || self.expr(on, &s));
        }
        Some(out)
    }

    /// The merged columns of USING / NATURAL: the left column, or COALESCE of both sides for
    /// a FULL join (and the right's for a RIGHT join).
    fn merged_columns(
        &self,
        l: &[Rel],
        r: &[Rel],
        names: &[String],
        kind: JoinKind,
    ) -> Option<Vec<Col>> {
        let find = |rels: &[Rel], n: &str| -> Option<Typed> {
            rels.iter()
                .flat_map(|r| r.cols.iter())
                .find(|c| !c.hidden && c.name == n)
                .map(|c| c.t.clone())
        };
        names
            .iter()
            .map(|n| {
                let (a, b) = (find(l, n)?, find(r, n)?);
                let ty = if a.ty == b.ty {
                    a.ty.clone()
                } else {
                    self.common_type(&[a.ty.clone(), b.ty.clone()])
                };
                let not_null = match kind {
                    JoinKind::Inner | JoinKind::Cross => a.not_null || b.not_null,
                    JoinKind::Left => a.not_null,
                    JoinKind::Right => b.not_null,
                    // A row from one side only carries that side's value.
                    JoinKind::Full => a.not_null && b.not_null,
                };
                Some(Col::of(n.clone(), Typed { ty, not_null }))
            })
            .collect()
    }

    /// A table, view or CTE by name.
    pub(super) fn relation(
        &self,
        name: &crate::cmd::ObjName,
        alias: &Option<Alias>,
        scope: &Scope,
    ) -> Option<Rel> {
        let label = Some(alias.as_ref().map_or(name.name.clone(), |a| a.name.clone()));
        if name.schema.is_none() {
            if let Some(cols) = scope.cte(&name.name) {
                return Some(Rel {
                    label,
                    schema: None,
                    cols: renamed(out_to_cols(cols), alias),
                    row_type: None,
                });
            }
        }
        let schemas = match &name.schema {
            Some(s) => std::slice::from_ref(s),
            None => self.search_path,
        };
        for s in schemas {
            let Some(ns) = self.schema.schemas.get(s) else {
                continue;
            };
            let cols: Vec<Col> = if let Some(t) = ns.tables.get(&name.name) {
                let table = std::rc::Rc::new(QualName::new(s, &t.name));
                t.columns
                    .iter()
                    .enumerate()
                    .map(|(index, c)| Col {
                        origin: Some(Origin {
                            table: table.clone(),
                            index,
                        }),
                        ..Col::of(c.name.clone(), Typed::new(c.ty.clone(), c.not_null))
                    })
                    .collect()
            } else if let Some(v) = ns.views.get(&name.name) {
                if v.columns_unknown {
                    return None;
                }
                v.columns
                    .iter()
                    .map(|c| {
                        Col::of(
                            c.name.clone(),
                            Typed {
                                ty: c.ty.clone(),
                                not_null: c.not_null,
                            },
                        )
                    })
                    .collect()
            } else {
                continue;
            };
            return Some(Rel {
                schema: alias.is_none().then(|| s.clone()),
                label,
                cols: renamed(cols, alias),
                row_type: Some(PgType::User {
                    schema: s.clone(),
                    type_name: name.name.clone(),
                    class: TypeClass::Table,
                }),
            });
        }
        if self.strict {
            self.no_such_relation(name);
        }
        None
    }

    /// A function in FROM: its OUT / TABLE columns, a row type's columns, or one column.
    fn function_rel(
        &self,
        call: &crate::sql::Expr,
        alias: &Option<Alias>,
        ordinality: bool,
        definitions: &[(String, crate::cmd::TypeRef)],
        scope: &Scope,
    ) -> Option<Rel> {
        let crate::sql::ExprKind::Func(c) = &call.kind else {
            return None;
        };
        let mut cols: Vec<Col> = if !definitions.is_empty() {
            for a in &c.args {
                self.expr(a, scope);
            }
            definitions
                .iter()
                .map(|(n, t)| {
                    Col::of(
                        n.clone(),
                        Typed {
                            ty: self.resolve_type(t),
                            not_null: false,
                        },
                    )
                })
                .collect()
        } else {
            self.function_columns(c, alias, scope)?
        };
        // A function returning a scalar: its alias as a value is that scalar, not a row
        // (`from jsonb_array_elements(x) f … f ->> 'name'`), as transformWholeRowRef makes it.
        let scalar = match cols.as_slice() {
            [only] if definitions.is_empty() && !ordinality => {
                only.t.ty.clone().filter(|t| !is_row(t))
            }
            _ => None,
        };
        if ordinality {
            cols.push(Col::of("ordinality".into(), Typed::new(PgType::Int8, true)));
        }
        Some(Rel {
            label: Some(
                alias
                    .as_ref()
                    .map_or(c.name.name.clone(), |a| a.name.clone()),
            ),
            schema: None,
            cols: renamed(cols, alias),
            row_type: Some(scalar.unwrap_or_else(record)),
        })
    }

    fn function_columns(
        &self,
        c: &crate::sql::Call,
        alias: &Option<Alias>,
        scope: &Scope,
    ) -> Option<Vec<Col>> {
        let col = |name: String, ty: Option<PgType>| {
            Col::of(
                name,
                Typed {
                    ty,
                    not_null: false,
                },
            )
        };
        // ROWS FROM-style unnest of several arrays: one column per array.
        if c.name.name == "unnest" && c.args.len() > 1 {
            return Some(
                c.args
                    .iter()
                    .map(|a| {
                        let t = self.expr(a, scope).ty;
                        col("unnest".into(), t.map(|t| t.element().clone()))
                    })
                    .collect(),
            );
        }
        let args: Vec<Typed> = c.args.iter().map(|a| self.expr(a, scope)).collect();
        let inputs: Option<Vec<PgType>> = args.iter().map(|a| a.ty.clone()).collect();
        let inputs = inputs?;
        let cands = if c.arg_names.iter().any(Option::is_some) {
            self.named_candidates(&c.name, &c.arg_names)
        } else {
            self.function_candidates(&c.name, inputs.len(), c.variadic)
        };
        let cand = self.select(&cands, &inputs)?;
        self.infer_from_candidate(&cand, &args, c.args.iter().map(Some));
        if !cand.out.is_empty() {
            return Some(
                cand.out
                    .iter()
                    .map(|(n, t)| col(n.clone(), Some(t.clone())))
                    .collect(),
            );
        }
        let result = self.result_of(&cand, &inputs)?;
        if let Some(attrs) = self.attributes(&result) {
            return Some(attrs.into_iter().map(|(n, t)| col(n, t.ty)).collect());
        }
        if matches!(&result, PgType::Pseudo { type_name } if type_name == "record") {
            return None;
        }
        let name = match alias {
            Some(a) if a.columns.is_empty() => a.name.clone(),
            _ => c.name.name.clone(),
        };
        Some(vec![col(name, Some(result))])
    }

    /// A column reference (`c`, `t.c`, `s.t.c`, or `t` as a whole row) in this scope or an
    /// enclosing query's.
    pub fn column(&self, parts: &[String], scope: &Scope, span: crate::span::Span) -> Typed {
        let mut s = Some(scope);
        while let Some(sc) = s {
            if let [c] = parts {
                if self.depth.get() >= self.column_depth && visible_named(sc, c) > 1 {
                    self.ambiguous(c, span);
                }
            }
            if let Some(t) = self.column_here(parts, sc) {
                let outward = !std::ptr::eq(sc, scope);
                if outward {
                    self.outward.set(true);
                }
                self.grouping_column(parts, sc, outward, span);
                return t;
            }
            s = sc.parent;
        }
        if self.depth.get() >= self.column_depth {
            self.no_such_column(parts, scope, span);
        }
        Typed::unknown()
    }

    /// `column "x" does not exist` / `missing FROM-clause entry for table "t"`, with the
    /// closest visible name.
    fn no_such_column(&self, parts: &[String], scope: &Scope, span: crate::span::Span) {
        use crate::diag::{codes, Diagnostic};
        if !self.report {
            return;
        }
        let mut visible: Vec<&str> = vec![];
        let mut labels: Vec<&str> = vec![];
        let mut s = Some(scope);
        while let Some(sc) = s {
            for r in &sc.rels {
                labels.extend(r.label.as_deref());
                visible.extend(r.cols.iter().map(|c| c.name.as_str()));
            }
            s = sc.parent;
        }
        let (message, wanted, among) = match parts {
            [c] => (format!("column \"{c}\" does not exist"), c, &visible),
            [t, c] if labels.contains(&t.as_str()) => {
                (format!("column {t}.{c} does not exist"), c, &visible)
            }
            [t, _] => (
                format!("missing FROM-clause entry for table \"{t}\""),
                t,
                &labels,
            ),
            _ => return,
        };
        let mut d = Diagnostic::error(codes::UNKNOWN_COLUMN, message).at(span, "not found here");
        if let Some(s) = crate::names::did_you_mean(wanted, among.iter().copied()) {
            d = d.help(format!("did you mean \"{s}\"?"));
        }
        self.error(d);
    }

    fn column_here(&self, parts: &[String], scope: &Scope) -> Option<Typed> {
        match parts {
            [c] => {
                let hits: Vec<&Col> = scope
                    .rels
                    .iter()
                    .flat_map(|r| r.cols.iter())
                    .filter(|x| !x.hidden && &x.name == c)
                    .collect();
                match hits.as_slice() {
                    [one] => {
                        self.uses(one);
                        Some(one.t.clone())
                    }
                    [] => scope
                        .rels
                        .iter()
                        .find(|r| r.label.as_ref() == Some(c))
                        .map(|r| Typed {
                            ty: r.row_type.clone(),
                            not_null: false,
                        }),
                    _ => Some(Typed::unknown()),
                }
            }
            [t, c] => {
                let rel = scope.rels.iter().find(|r| r.label.as_ref() == Some(t))?;
                let col = rel.cols.iter().find(|x| &x.name == c)?;
                self.uses(col);
                Some(col.t.clone())
            }
            [s, t, c] => {
                let rel = scope
                    .rels
                    .iter()
                    .find(|r| r.schema.as_ref() == Some(s) && r.label.as_ref() == Some(t))?;
                let col = rel.cols.iter().find(|x| &x.name == c)?;
                self.uses(col);
                Some(col.t.clone())
            }
            _ => None,
        }
    }
}

/// How many columns of this scope level an unqualified `c` could name.
fn visible_named(scope: &Scope, c: &str) -> usize {
    let cols = scope.rels.iter().flat_map(|r| r.cols.iter());
    cols.filter(|x| !x.hidden && x.name == c).count()
}

/// A row type: a table's, a composite, or `record`.
fn is_row(t: &PgType) -> bool {
    match t {
        PgType::User { class, .. } => matches!(class, TypeClass::Table | TypeClass::Composite),
        PgType::Pseudo { type_name } => type_name == "record",
        _ => false,
    }
}

fn record() -> PgType {
    PgType::Pseudo {
        type_name: "record".into(),
    }
}

/// An output column still of type `unknown` (a bare string literal) becomes text.
fn resolve_unknown(mut c: OutColumn) -> OutColumn {
    if c.t.ty.as_ref().is_some_and(super::types::is_unknown) {
        c.t.ty = Some(PgType::Text);
    }
    c
}
