//! Names for `$n` parameters, as a reader would name them: sqlc's own name, else the column
//! the parameter is compared with or written to, the argument name it is passed as, `limit`
//! and `offset`; else `p{n}`. Repeated names get `_2`, `_3`.

use super::file::Annotated;
use crate::sql::{Expr, ExprKind, From, Item, Query, SetExpr, Statement};

/// A name per parameter, `count` of them.
pub fn param_names(s: &Statement, a: &Annotated, count: usize) -> Vec<String> {
    let mut hints: Vec<Option<String>> = vec![None; count];
    Walk { hints: &mut hints }.statement(s);
    let mut out: Vec<String> = vec![];
    for (i, hint) in hints.into_iter().enumerate() {
        let written = a.params.get(i).and_then(|p| p.name.clone());
        let base = written.or(hint).unwrap_or_else(|| format!("p{}", i + 1));
        let mut name = base.clone();
        let mut k = 2;
        while out.contains(&name) {
            name = format!("{base}_{k}");
            k += 1;
        }
        out.push(name);
    }
    out
}

/// The parameter an expression is, through casts.
fn param_of(e: &Expr) -> Option<u32> {
    match &e.kind {
        ExprKind::Param(n) => Some(*n),
        ExprKind::Cast { expr, .. } => param_of(expr),
        _ => None,
    }
}

fn column_of(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Column(parts) => parts.last().map(String::as_str),
        ExprKind::Cast { expr, .. } => column_of(expr),
        _ => None,
    }
}

fn plural(name: &str) -> String {
    if name.ends_with('s') {
        name.to_string()
    } else {
        format!("{name}s")
    }
}

struct Walk<'h> {
    hints: &'h mut Vec<Option<String>>,
}

impl Walk<'_> {
    fn hint(&mut self, e: &Expr, name: &str) {
        if let Some(n) = param_of(e) {
            if let Some(slot) = self.hints.get_mut((n as usize).wrapping_sub(1)) {
                slot.get_or_insert_with(|| name.to_string());
            }
        }
    }

    fn statement(&mut self, s: &Statement) {
        match s {
            Statement::Query(q) => self.query(q),
            Statement::Insert(i) => {
                i.with.ctes.iter().for_each(|c| self.query(&c.query));
                if let Some(src) = &i.source {
                    let cols: Vec<&str> = i.columns.iter().map(|(c, _)| c.as_str()).collect();
                    self.insert_rows(src, &cols);
                    self.query(src);
                }
                if let Some((sets, filter)) = &i.conflict {
                    self.sets(sets);
                    filter.iter().for_each(|f| self.expr(f));
                }
                self.items(i.returning.iter().flatten());
            }
            Statement::Update(u) => {
                u.with.ctes.iter().for_each(|c| self.query(&c.query));
                self.sets(&u.sets);
                u.from.iter().for_each(|f| self.from(f));
                u.filter.iter().for_each(|f| self.expr(f));
                self.items(u.returning.iter().flatten());
            }
            Statement::Delete(d) => {
                d.with.ctes.iter().for_each(|c| self.query(&c.query));
                d.using.iter().for_each(|f| self.from(f));
                d.filter.iter().for_each(|f| self.expr(f));
                self.items(d.returning.iter().flatten());
            }
        }
    }

    fn insert_rows(&mut self, src: &Query, cols: &[&str]) {
        if let SetExpr::Values(rows) = &src.body {
            for row in rows {
                for (e, c) in row.iter().zip(cols) {
                    self.hint(e, c);
                }
            }
        }
    }

    fn sets(&mut self, sets: &[crate::sql::Set]) {
        for s in sets {
            if let [(c, _)] = s.columns.as_slice() {
                self.hint(&s.value, c);
            }
            self.expr(&s.value);
        }
    }

    fn query(&mut self, q: &Query) {
        q.ctes.iter().for_each(|c| self.query(&c.query));
        self.set_expr(&q.body);
        if let Some(l) = &q.limit {
            self.hint(l, "limit");
        }
        if let Some(o) = &q.offset {
            self.hint(o, "offset");
        }
    }

    fn set_expr(&mut self, s: &SetExpr) {
        match s {
            SetExpr::Select(sel) => {
                sel.from.iter().for_each(|f| self.from(f));
                self.items(sel.items.iter());
                for e in sel.filter.iter().chain(&sel.having).chain(&sel.group_by) {
                    self.expr(e);
                }
            }
            SetExpr::SetOp { left, right, .. } => {
                self.set_expr(left);
                self.set_expr(right);
            }
            SetExpr::Values(rows) => rows.iter().flatten().for_each(|e| self.expr(e)),
            SetExpr::Query(q) => self.query(q),
            SetExpr::Modify(st) => self.statement(st),
            SetExpr::Table(_) | SetExpr::Unknown => {}
        }
    }

    fn items<'i>(&mut self, items: impl Iterator<Item = &'i Item>) {
        for it in items {
            if let Item::Expr { expr, .. } = it {
                self.expr(expr);
            }
        }
    }

    fn from(&mut self, f: &From) {
        match f {
            From::Subquery { query, .. } => self.query(query),
            From::Function { call, .. } => self.expr(call),
            From::Join {
                left, right, on, ..
            } => {
                self.from(left);
                self.from(right);
                on.iter().for_each(|e| self.expr(e));
            }
            From::Relation { .. } | From::Unknown => {}
        }
    }

    fn pair(&mut self, a: &Expr, b: &Expr) {
        if let Some(c) = column_of(a) {
            self.hint(b, c);
        }
        if let Some(c) = column_of(b) {
            self.hint(a, c);
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Binary { left, right, .. } => {
                self.pair(left, right);
                self.expr(left);
                self.expr(right);
            }
            ExprKind::Test(v) => {
                if let [a, b] = v.as_slice() {
                    self.pair(a, b);
                }
                v.iter().for_each(|x| self.expr(x));
            }
            ExprKind::AnyAll { left, right, .. } => {
                if let Some(c) = column_of(left) {
                    self.hint(right, &plural(c));
                }
                self.expr(left);
                self.expr(right);
            }
            ExprKind::InList { expr, list } => {
                for x in list {
                    self.pair(expr, x);
                    self.expr(x);
                }
                self.expr(expr);
            }
            ExprKind::Func(call) => {
                for (arg, name) in call.args.iter().zip(&call.arg_names) {
                    if let Some(n) = name {
                        self.hint(arg, n);
                    }
                }
                call.args
                    .iter()
                    .chain(&call.within_group)
                    .for_each(|x| self.expr(x));
            }
            ExprKind::Bool { args, .. } | ExprKind::Array(args) | ExprKind::Row(args) => {
                args.iter().for_each(|x| self.expr(x))
            }
            ExprKind::Unary { expr, .. }
            | ExprKind::Cast { expr, .. }
            | ExprKind::Field { expr, .. }
            | ExprKind::Subscript { expr, .. }
            | ExprKind::Collate(expr) => self.expr(expr),
            ExprKind::Case {
                operand,
                whens,
                otherwise,
            } => {
                operand.iter().for_each(|x| self.expr(x));
                for (w, r) in whens {
                    self.expr(w);
                    self.expr(r);
                }
                otherwise.iter().for_each(|x| self.expr(x));
            }
            ExprKind::Subquery(q) | ExprKind::Exists(q) | ExprKind::ArraySubquery(q) => {
                self.query(q)
            }
            ExprKind::InSubquery { expr, query } => {
                self.expr(expr);
                self.query(query);
            }
            ExprKind::Column(_)
            | ExprKind::Param(_)
            | ExprKind::Literal(_)
            | ExprKind::Typed(_)
            | ExprKind::Unknown => {}
        }
    }
}
