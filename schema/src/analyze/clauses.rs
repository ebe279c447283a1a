//! Where aggregate and window functions are not allowed (`check_agglevels_and_constraints`
//! and `transformWindowFuncCall` in PostgreSQL's parse_agg.c): WHERE, JOIN conditions, CHECK
//! constraints, index expressions and predicates, policy and generation expressions. The
//! clause is set for one query level; a subquery inside it is a level of its own, where they
//! are allowed again.

use super::Analyzer;
use crate::span::Span;
use crate::sql::Call;

impl Analyzer<'_> {
    /// Run `f` with aggregates and window functions refused at this query level, `clause`
    /// naming the place as PostgreSQL does ("WHERE", "check constraints", …).
    pub(super) fn refusing_aggregates<T>(&self, clause: &'static str, f: impl FnOnce() -> T) -> T {
        let outer = self.no_aggregates.replace(Some((clause, self.depth.get())));
        let out = f();
        self.no_aggregates.set(outer);
        out
    }

    /// A call whose overload is an aggregate (`kind` `a`) or a window call (an aggregate or
    /// window function with OVER), where this level refuses them. `outward`: the arguments read a column
    /// of an enclosing query, which may make the aggregate that query's (PostgreSQL's
    /// `agglevelsup`): then nothing is said.
    pub(super) fn check_aggregate_allowed(
        &self,
        call: &Call,
        kind: char,
        outward: bool,
        span: Span,
    ) {
        let Some((clause, depth)) = self.no_aggregates.get() else {
            return;
        };
        // A window function without OVER, or OVER on a plain function, is another error
        // PostgreSQL reports first; not this one.
        let what = match (kind, call.over.is_some()) {
            ('a' | 'w', true) => "window functions",
            ('a', false) if !outward => "aggregate functions",
            _ => return,
        };
        if depth != self.depth.get() {
            return;
        }
        let d = crate::diag::Diagnostic::error(
            crate::diag::codes::GROUPING,
            format!("{what} are not allowed in {clause}"),
        )
        .at(span, "not allowed here")
        .help(match what {
            "window functions" => "compute it in a subquery (or a CTE) and filter its result",
            _ => "filter groups with HAVING, or compute the aggregate in a subquery",
        });
        self.error(d);
    }
}
