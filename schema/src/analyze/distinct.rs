//! `SELECT DISTINCT ON expressions must match initial ORDER BY expressions`
//! (`transformDistinctOnClause` in parse_clause.c): the ORDER BY items that are DISTINCT ON
//! items must come first, and a DISTINCT ON item missing from ORDER BY is an error once an
//! ORDER BY item that is not one has been passed.
//!
//! PostgreSQL compares the select-list entries the keys resolve to. Here a key is known only
//! when it is an output column (by name or position) or a plain column reference; a key of
//! any other form, or a list mixing `*` with other entries, leaves the statement alone.

use super::query::OutColumn;
use super::Analyzer;
use crate::diag::{codes, Diagnostic};
use crate::sql::{Expr, ExprKind, Item, Literal, Select};

/// What a key resolves to: a select-list entry that is not a plain column, or a column.
#[derive(PartialEq)]
enum Key<'a> {
    Entry(usize),
    Column(&'a str),
}

impl Analyzer<'_> {
    pub(super) fn distinct_on_matches_order(
        &self,
        sel: &Select,
        order_by: &[Expr],
        out: &[OutColumn],
    ) {
        if sel.distinct_on.is_empty() || order_by.is_empty() {
            return;
        }
        let Some(entries) = entries(sel, out) else {
            return;
        };
        let on: Option<Vec<Key>> = sel
            .distinct_on
            .iter()
            .map(|e| key(e, out, &entries))
            .collect();
        let order: Option<Vec<Key>> = order_by.iter().map(|e| key(e, out, &entries)).collect();
        let (Some(on), Some(order)) = (on, order) else {
            return;
        };
        let mut skipped = false;
        let mut wrong = false;
        for o in &order {
            if on.contains(o) {
                wrong |= skipped;
            } else {
                skipped = true;
            }
        }
        wrong |= skipped && on.iter().any(|d| !order.contains(d));
        if wrong {
            let span = sel.distinct_on[0].span;
            self.error(
                Diagnostic::error(
                    codes::INVALID_DEFINITION,
                    "SELECT DISTINCT ON expressions must match initial ORDER BY expressions",
                )
                .at(span, "these must lead the ORDER BY")
                .help(
                    "start ORDER BY with the DISTINCT ON expressions, then order within each group",
                ),
            );
        }
    }
}

/// Each output column as a key: a column when its entry is a plain column reference (or
/// comes from `*`), else the entry itself. `None` when `*` is mixed with other entries.
fn entries<'a>(sel: &'a Select, out: &'a [OutColumn]) -> Option<Vec<Key<'a>>> {
    let stars = sel
        .items
        .iter()
        .filter(|i| matches!(i, Item::Star { .. }))
        .count();
    if stars == sel.items.len() {
        return Some(out.iter().map(|c| Key::Column(c.name.as_str())).collect());
    }
    if stars > 0 || sel.items.len() != out.len() {
        return None;
    }
    let entry = |(i, item): (usize, &'a Item)| match item {
        Item::Expr { expr, .. } => match &expr.kind {
            ExprKind::Column(parts) => parts.last().map_or(Key::Entry(i), |c| Key::Column(c)),
            _ => Key::Entry(i),
        },
        Item::Star { .. } => Key::Entry(i),
    };
    Some(sel.items.iter().enumerate().map(entry).collect())
}

/// The key an ORDER BY or DISTINCT ON expression resolves to, if it is known.
fn key<'a>(e: &'a Expr, out: &[OutColumn], entries: &[Key<'a>]) -> Option<Key<'a>> {
    let at = |i: usize| {
        entries.get(i).map(|k| match k {
            Key::Entry(i) => Key::Entry(*i),
            Key::Column(c) => Key::Column(c),
        })
    };
    match &e.kind {
        ExprKind::Column(parts) if parts.len() == 1 => {
            let mut named = out.iter().enumerate().filter(|(_, c)| c.name == parts[0]);
            match (named.next(), named.next()) {
                (Some((i, _)), None) => at(i),
                (None, _) => Some(Key::Column(&parts[0])),
                _ => None,
            }
        }
        ExprKind::Column(parts) => parts.last().map(|c| Key::Column(c)),
        ExprKind::Literal(Literal::Number(n)) => at(n.parse::<usize>().ok()?.checked_sub(1)?),
        _ => None,
    }
}
