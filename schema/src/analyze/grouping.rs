//! Grouped queries as PostgreSQL checks them (`parseCheckAggregates` and
//! `check_ungrouped_columns` in parse_agg.c): once a query level groups (GROUP BY, HAVING or
//! an aggregate of its own), a column of that level read outside an aggregate must be grouped,
//! or belong to a table whose primary key is (`check_functional_grouping`).
//!
//! Kept on the safe side: a column counts as grouped when a column of that name appears
//! anywhere in GROUP BY (or in a select-list entry GROUP BY names by position or alias), and
//! the check is dropped wherever GROUP BY holds something not understood. A call not known
//! to be a plain function may be an aggregate: what its arguments read is not held against
//! the query.

use super::query::{Rel, Scope};
use super::Analyzer;
use crate::diag::{codes, Diagnostic};
use crate::span::Span;
use crate::sql::{ExprKind, Item, Literal, Select};
use std::collections::HashSet;

/// One grouped-query check in progress: a SELECT's scope and what it has seen so far.
#[derive(Default)]
pub(super) struct GroupFrame {
    scope: usize,
    /// GROUP BY is being read: columns met are grouped ones.
    collecting: bool,
    /// Something in GROUP BY was not understood.
    partial: bool,
    /// An aggregate of this level was met.
    aggregated: bool,
    grouped: HashSet<String>,
    /// Columns of this level read outside an aggregate (as written), judged only once the
    /// SELECT is read and found to group: most SELECTs do not.
    reads: Vec<(Vec<String>, Span)>,
}

/// A column read outside an aggregate, with what would make it grouped.
struct Ungrouped {
    column: String,
    shown: String,
    /// Its table's primary key columns, by the names this scope gives them.
    key: Option<Vec<String>>,
    span: Span,
}

fn address(scope: &Scope) -> usize {
    scope as *const Scope as usize
}

impl Analyzer<'_> {
    /// Start checking the SELECT whose FROM `scope` holds: read its GROUP BY (in `scope`) and
    /// return the select-list entries it names by position or output name.
    pub(super) fn open_grouping(&self, sel: &Select, scope: &Scope) -> Vec<usize> {
        if !self.report {
            return vec![];
        }
        self.grouping.borrow_mut().push(GroupFrame {
            scope: address(scope),
            collecting: true,
            partial: sel.group_by_partial,
            ..GroupFrame::default()
        });
        let mut targets = vec![];
        for e in &sel.group_by {
            match self.group_target(e, sel, scope) {
                Some(Ok(i)) => targets.push(i),
                Some(Err(())) => drop(self.frame_here(scope, |f| f.partial = true)),
                None => {
                    self.refusing_aggregates("GROUP BY", || self.expr(e, scope));
                }
            }
        }
        self.frame_here(scope, |f| f.collecting = false);
        targets
    }

    /// A GROUP BY entry that names a select-list entry (`Ok(index)`), one whose grouping is not
    /// known (`Err`), or `None` for an expression over FROM. A bare name is an input column
    /// first, as PostgreSQL reads GROUP BY.
    fn group_target(
        &self,
        e: &crate::sql::Expr,
        sel: &Select,
        scope: &Scope,
    ) -> Option<Result<usize, ()>> {
        match &e.kind {
            ExprKind::Literal(Literal::Number(n)) => {
                // With `*` in the list, positions count columns not listed here.
                let stars = sel.items.iter().any(|i| matches!(i, Item::Star { .. }));
                let at = (!stars)
                    .then(|| self.position("GROUP BY", n, sel.items.len(), e.span))
                    .flatten();
                Some(at.ok_or(()))
            }
            ExprKind::Column(parts) => match parts.as_slice() {
                [name] if scope.visible(name) => None,
                [name] if scope.rels.iter().any(|r| r.label.as_ref() == Some(name)) => {
                    Some(Err(()))
                }
                [name] => sel
                    .items
                    .iter()
                    .position(|i| matches!(i, Item::Expr { name: Some(n), .. } if n == name))
                    .map(Ok),
                _ => None,
            },
            ExprKind::Unknown => Some(Err(())),
            _ => None,
        }
    }

    /// The output column a position (`ORDER BY 2`) names, of `len`: its index, or
    /// `ORDER BY position N is not in select list` (nothing for a number that is no position).
    pub(super) fn position(&self, clause: &str, n: &str, len: usize, span: Span) -> Option<usize> {
        let k = n.parse::<usize>().ok()?;
        if (1..=len).contains(&k) {
            return Some(k - 1);
        }
        self.error(
            Diagnostic::error(
                codes::UNKNOWN_COLUMN,
                format!("{clause} position {k} is not in select list"),
            )
            .at(span, "no such output column"),
        );
        None
    }

    /// Run `f` with the SELECT of `scope` reading a select-list entry GROUP BY named.
    pub(super) fn grouped_entry<T>(&self, scope: &Scope, f: impl FnOnce() -> T) -> T {
        self.frame_here(scope, |fr| fr.collecting = true);
        let out = f();
        self.frame_here(scope, |fr| fr.collecting = false);
        out
    }

    /// Apply `f` to the check of the SELECT whose scope is `scope`, if one is in progress.
    fn frame_here<T>(&self, scope: &Scope, f: impl FnOnce(&mut GroupFrame) -> T) -> Option<T> {
        let mut frames = self.grouping.borrow_mut();
        let frame = frames
            .iter_mut()
            .rev()
            .find(|x| x.scope == address(scope))?;
        Some(f(frame))
    }

    /// Something not understood was met: a GROUP BY being read no longer tells what is grouped.
    pub(super) fn grouping_unknown(&self) {
        for f in self.grouping.borrow_mut().iter_mut() {
            f.partial |= f.collecting;
        }
    }

    /// A column reference `parts` resolved in `found` (the scope it was read in, or an
    /// enclosing one when `outward`).
    pub(super) fn grouping_column(
        &self,
        parts: &[String],
        found: &Scope,
        outward: bool,
        span: Span,
    ) {
        let Some(collecting) = self.frame_here(found, |f| f.collecting) else {
            return;
        };
        if collecting {
            let Some(last) = parts.last() else { return };
            self.frame_here(found, |f| match parts {
                [one] if found.rels.iter().any(|r| r.label.as_ref() == Some(one)) => {
                    f.partial = true
                }
                _ => drop(f.grouped.insert(last.clone())),
            });
            return;
        }
        if outward {
            return;
        }
        self.frame_here(found, |f| f.reads.push((parts.to_vec(), span)));
    }

    /// How many ungrouped reads the SELECT of `scope` holds so far (before a call's arguments).
    pub(super) fn grouping_mark(&self, scope: &Scope) -> Option<usize> {
        self.frame_here(scope, |f| f.reads.len())
    }

    /// After a call read in `scope`: an aggregate (or a call that may be one) takes back what
    /// its arguments read; an aggregate of this level makes the level grouped.
    pub(super) fn grouping_call(
        &self,
        scope: &Scope,
        mark: Option<usize>,
        chosen: Option<(char, bool)>,
        window: bool,
    ) {
        let Some(mark) = mark else { return };
        let aggregate = chosen.is_some_and(|(k, _)| k == 'a') && !window;
        let outward = chosen.is_some_and(|(_, o)| o);
        let kind = chosen.map(|(k, _)| k);
        self.frame_here(scope, |f| {
            if kind.is_none() || aggregate {
                f.reads.truncate(mark);
            }
            f.aggregated |= aggregate && !outward;
        });
    }

    /// Finish the SELECT of `scope`: report the first column read ungrouped, if it groups.
    pub(super) fn close_grouping(&self, sel: &Select, scope: &Scope) {
        let frame = {
            let mut frames = self.grouping.borrow_mut();
            match frames.iter().rposition(|x| x.scope == address(scope)) {
                Some(i) => frames.remove(i),
                None => return,
            }
        };
        let groups = !sel.group_by.is_empty() || sel.having.is_some() || frame.aggregated;
        if !groups || frame.partial {
            return;
        }
        let held = |u: &Ungrouped| {
            !frame.grouped.contains(&u.column)
                && !u
                    .key
                    .as_ref()
                    .is_some_and(|k| k.iter().all(|c| frame.grouped.contains(c)))
        };
        let mut reads = frame.reads.iter();
        let first = reads.find_map(|(parts, span)| {
            ungrouped(parts, scope, self.schema, *span).filter(|u| held(u))
        });
        if let Some(u) = first {
            let d = Diagnostic::error(
                codes::GROUPING,
                format!(
                    "column \"{}\" must appear in the GROUP BY clause or be used in an aggregate function",
                    u.shown
                ),
            )
            .at(u.span, "read outside an aggregate")
            .help("add it to GROUP BY, or wrap it in an aggregate such as max()");
            self.error(d);
        }
    }
}

/// A same-level column read, with what would make it grouped.
fn ungrouped(
    parts: &[String],
    scope: &Scope,
    schema: &crate::ir::Schema,
    span: Span,
) -> Option<Ungrouped> {
    let (rel, column) = rel_of(parts, scope)?;
    let col = rel.cols.iter().find(|c| &c.name == column)?;
    let key = col.origin.as_ref().and_then(|o| {
        let pk = schema.table(&o.table)?.primary_key()?;
        let crate::ir::ConstraintKind::PrimaryKey { columns, .. } = &pk.kind else {
            return None;
        };
        columns
            .iter()
            .map(|p| {
                let c = rel.cols.iter().find(|c| {
                    let column = c.origin.as_ref().and_then(|o| o.column(schema));
                    column == Some(p.as_str())
                })?;
                Some(c.name.clone())
            })
            .collect::<Option<Vec<String>>>()
    });
    Some(Ungrouped {
        column: column.clone(),
        shown: match &rel.label {
            Some(l) => format!("{l}.{column}"),
            None => column.clone(),
        },
        key,
        span,
    })
}

/// The relation of `scope` a column reference reads, and the column's name.
fn rel_of<'s>(parts: &'s [String], scope: &'s Scope) -> Option<(&'s Rel, &'s String)> {
    match parts {
        [c] => {
            let mut hits = scope
                .rels
                .iter()
                .filter(|r| r.cols.iter().any(|x| !x.hidden && &x.name == c));
            let one = hits.next()?;
            hits.next().is_none().then_some((one, c))
        }
        [t, c] => Some((scope.rels.iter().find(|r| r.label.as_ref() == Some(t))?, c)),
        [s, t, c] => Some((
            scope
                .rels
                .iter()
                .find(|r| r.schema.as_ref() == Some(s) && r.label.as_ref() == Some(t))?,
            c,
        )),
        _ => None,
    }
}
