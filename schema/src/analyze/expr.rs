//! Expressions: the type PostgreSQL gives each form, and whether it is proven never NULL.

use super::query::Scope;
use super::resolve::{polymorphic_or_any, Candidate};
use super::types::{is_unknown, unknown};
use super::{Analyzer, Typed};
use crate::diag::{codes, Diagnostic};
use crate::ir::PgType;
use crate::span::Span;
use crate::sql::{Call, Expr, ExprKind, Literal};

/// Scalar functions that return a value whenever their arguments are not NULL (and some,
/// like `concat`, even when they are). Anything else is taken as possibly NULL.
const TOTAL_FUNCTIONS: &[&str] = &[
    "lower",
    "upper",
    "initcap",
    "length",
    "char_length",
    "character_length",
    "octet_length",
    "btrim",
    "ltrim",
    "rtrim",
    "concat",
    "concat_ws",
    "replace",
    "left",
    "right",
    "lpad",
    "rpad",
    "repeat",
    "reverse",
    "md5",
    "date_trunc",
    "date_part",
    "extract",
    "now",
    "current_date",
    "localtimestamp",
    "current_time",
    "localtime",
    "current_user",
    "current_database",
    "clock_timestamp",
    "statement_timestamp",
    "transaction_timestamp",
    "gen_random_uuid",
    "uuid_generate_v4",
    "to_char",
    "abs",
    "round",
    "floor",
    "ceil",
    "ceiling",
    "trunc",
    "age",
    "timezone",
    "to_jsonb",
    "to_json",
    "json_build_object",
    "jsonb_build_object",
    "json_build_array",
    "jsonb_build_array",
    "string_to_array",
    "array_to_string",
    "cardinality",
    "to_tsvector",
    "setweight",
    "position",
    "strpos",
    "make_date",
    "make_timestamp",
    "make_timestamptz",
    "make_interval",
    "split_part",
    "translate",
    "quote_ident",
    "quote_literal",
    "format_type",
    "pg_typeof",
    "sign",
    "mod",
    "power",
    "sqrt",
    "exp",
    "ln",
    "log",
    "random",
    "now",
    "row_to_json",
    "array_length_safe",
];

/// Window functions that always return a number.
const TOTAL_WINDOW: &[&str] = &[
    "row_number",
    "rank",
    "dense_rank",
    "percent_rank",
    "cume_dist",
    "ntile",
];

/// Operand types whose operators may return NULL for values that are not (`->>` finds no key).
fn may_yield_null(t: &PgType) -> bool {
    match t {
        PgType::Json | PgType::Jsonb => true,
        PgType::Other { type_name, .. } => type_name == "hstore",
        _ => false,
    }
}

impl Analyzer<'_> {
    pub fn expr(&self, e: &Expr, scope: &Scope) -> Typed {
        match &e.kind {
            ExprKind::Column(parts) => self.column(parts, scope, e.span),
            ExprKind::Param(n) => Typed {
                ty: Some(self.param_type(*n)),
                not_null: false,
            },
            ExprKind::Unknown => {
                self.grouping_unknown();
                Typed::unknown()
            }
            ExprKind::Literal(l) => literal(l),
            ExprKind::Typed(t) => match self.resolve_type(t) {
                Some(t) => Typed::new(t, true),
                None => Typed::unknown(),
            },
            ExprKind::Unary { op, expr } => {
                let a = self.expr(expr, scope);
                self.operator_of(op, &[a], &[Some(expr.as_ref())], e.span)
            }
            ExprKind::Binary { op, left, right } => {
                let a = [self.expr(left, scope), self.expr(right, scope)];
                self.operator_of(op, &a, &[Some(left.as_ref()), Some(right.as_ref())], e.span)
            }
            ExprKind::Bool { op, args } => {
                // Every operand is analysed (no short cut): each may hold an error.
                let typed: Vec<Typed> = args.iter().map(|x| self.expr(x, scope)).collect();
                for (t, x) in typed.iter().zip(args) {
                    self.must_be_boolean(op, t, x.span);
                }
                let all = typed.iter().all(|t| t.not_null);
                Typed::new(PgType::Bool, all)
            }
            ExprKind::Test(v) => {
                let typed: Vec<Typed> = v.iter().map(|x| self.expr(x, scope)).collect();
                // `a IS [NOT] DISTINCT FROM $1` compares with `=`: `$1` takes `a`'s type.
                if let [a, b] = typed.as_slice() {
                    let both = [a, b].into_iter().filter_map(|t| t.ty.clone());
                    if let Some(t) = both.into_iter().find(|t| !is_unknown(t)) {
                        self.infer_common(v.iter(), &typed, &t);
                    }
                }
                Typed::new(PgType::Bool, true)
            }
            ExprKind::Func(call) => self.call_in(call, scope, e.span),
            ExprKind::Cast { expr, ty: written } => {
                let inner = self.expr(expr, scope);
                let ty = self.resolve_type(written);
                if ty.is_none() {
                    self.unknown_type(written, e.span);
                }
                // `$1::int`: the parameter is an int.
                if let (ExprKind::Param(n), Some(t)) = (&expr.kind, &ty) {
                    self.infer_param(*n, t);
                }
                Typed {
                    ty,
                    not_null: inner.not_null,
                }
            }
            ExprKind::Case {
                operand,
                whens,
                otherwise,
            } => {
                if let Some(o) = operand {
                    self.expr(o, scope);
                }
                let mut results: Vec<Typed> = vec![];
                for (w, r) in whens {
                    self.expr(w, scope);
                    results.push(self.expr(r, scope));
                }
                let else_t = otherwise.as_ref().map(|o| self.expr(o, scope));
                let not_null = else_t.as_ref().is_some_and(|t| t.not_null)
                    && results.iter().all(|r| r.not_null);
                // PostgreSQL resolves the ELSE branch first (`transformCaseExpr`), which
                // decides between types that coerce both ways (text and varchar).
                let ordered: Vec<Typed> = else_t.into_iter().chain(results).collect();
                self.common_in("CASE", &ordered, not_null, e.span)
            }
            ExprKind::Subquery(q) => {
                let cols = self.query(q, Some(scope));
                match cols.as_deref() {
                    Some([c]) => Typed {
                        ty: c.t.ty.clone(),
                        not_null: false,
                    },
                    _ => Typed::unknown(),
                }
            }
            ExprKind::Exists(q) => {
                self.query(q, Some(scope));
                Typed::new(PgType::Bool, true)
            }
            ExprKind::ArraySubquery(q) => {
                let cols = self.query(q, Some(scope));
                match cols.as_deref() {
                    Some([c]) => match &c.t.ty {
                        Some(t) => Typed::new(PgType::array_of(t.clone(), 1), true),
                        None => Typed::unknown(),
                    },
                    _ => Typed::unknown(),
                }
            }
            ExprKind::InList { expr, list } => {
                let mut all = self.expr(expr, scope).not_null;
                for x in list {
                    all &= self.expr(x, scope).not_null;
                }
                Typed::new(PgType::Bool, all)
            }
            ExprKind::InSubquery { expr, query } => {
                let left = self.expr(expr, scope);
                // `x IN (SELECT y …)` compares with `=`: no such operator is an error.
                if let Some([c]) = self.query(query, Some(scope)).as_deref() {
                    self.operator_of(
                        "=",
                        &[left, c.t.clone()],
                        &[Some(expr.as_ref()), None],
                        e.span,
                    );
                }
                Typed::new(PgType::Bool, false)
            }
            ExprKind::AnyAll { op, left, right } => {
                let l = self.expr(left, scope);
                // `x = ANY ($1)`: the parameter is an array of x's type.
                if let (ExprKind::Param(n), Some(t)) = (&right.kind, &l.ty) {
                    if !is_unknown(t) {
                        self.infer_param(*n, &PgType::array_of(t.without_modifiers(), 1));
                    }
                }
                let r = self.expr(right, scope);
                // `x op ANY (array)`: the operator takes the array's element type.
                if let Some(PgType::Array { element, dims: 1 }) = &r.ty {
                    let elem = Typed::new((**element).clone(), false);
                    self.operator_of(op, &[l, elem], &[Some(left.as_ref()), None], e.span);
                }
                Typed::new(PgType::Bool, false)
            }
            ExprKind::Array(items) => {
                let ts: Vec<Typed> = items.iter().map(|x| self.expr(x, scope)).collect();
                if ts.is_empty() {
                    return Typed::unknown();
                }
                match self.common_in("ARRAY", &ts, true, e.span).ty {
                    Some(t) => {
                        self.infer_common(items.iter(), &ts, &t);
                        Typed::new(PgType::array_of(t, 1), true)
                    }
                    None => Typed::unknown(),
                }
            }
            ExprKind::Row(items) => {
                // Row comparisons compare field by field: NULL fields make them NULL.
                let typed: Vec<Typed> = items.iter().map(|x| self.expr(x, scope)).collect();
                let all = typed.iter().all(|t| t.not_null);
                Typed::new(
                    PgType::Pseudo {
                        type_name: "record".into(),
                    },
                    all,
                )
            }
            ExprKind::Field { expr, name } => {
                let t = self.expr(expr, scope);
                let attrs = t.ty.as_ref().and_then(|t| self.attributes(t));
                match attrs.and_then(|a| a.into_iter().find(|(n, _)| n == name)) {
                    Some((_, a)) => Typed {
                        ty: a.ty,
                        not_null: false,
                    },
                    None => Typed::unknown(),
                }
            }
            ExprKind::Subscript { expr, slice } => {
                let t = self.expr(expr, scope);
                Typed {
                    ty: t.ty.and_then(|t| self.subscript(&t, *slice)),
                    not_null: false,
                }
            }
            ExprKind::Collate(x) => self.expr(x, scope),
        }
    }

    /// The type `x[i]` (or `x[a:b]`) has.
    fn subscript(&self, t: &PgType, slice: bool) -> Option<PgType> {
        let t = self.base(t);
        match &t {
            PgType::Array { .. } if slice => Some(t.without_modifiers()),
            PgType::Array { element, dims } if *dims > 1 => {
                Some(PgType::array_of((**element).clone(), dims - 1))
            }
            PgType::Array { element, .. } => Some((**element).clone()),
            PgType::Jsonb => Some(PgType::Jsonb),
            PgType::Other { type_name, .. } if type_name == "hstore" => Some(PgType::Text),
            t => super::builtins::BUILTINS
                .type_info(&super::types::key_ref(t))
                .and_then(|i| i.element)
                .map(super::types::from_key),
        }
    }

    /// The common type of CASE branches, COALESCE arguments, ARRAY elements.
    /// The common type of CASE branches, COALESCE arguments, ARRAY elements; when two of
    /// them are of different categories, PostgreSQL's "CASE types … cannot be matched".
    pub fn common_in(&self, context: &str, ts: &[Typed], not_null: bool, span: Span) -> Typed {
        let types: Vec<Option<PgType>> = ts.iter().map(|t| t.ty.clone()).collect();
        let ty = self.common_type(&types);
        if ty.is_none() {
            if let Some((a, b)) = self.category_conflict(&types) {
                self.error(
                    Diagnostic::error(
                        codes::NO_MATCHING_OVERLOAD,
                        format!("{context} types {a} and {b} cannot be matched"),
                    )
                    .at(span, "these have no common type")
                    .help("cast one of them to the other's type"),
                );
            }
        }
        Typed { ty, not_null }
    }

    /// AND / OR / NOT (or a POLICY / CHECK / WHERE clause) of something that is not boolean
    /// (and cannot become it).
    pub fn must_be_boolean(&self, op: &str, t: &Typed, span: Span) {
        let Some(ty) = &t.ty else { return };
        if op.is_empty() || is_unknown(ty) || !self.certain(ty) || self.base(ty) == PgType::Bool {
            return;
        }
        self.error(
            Diagnostic::error(
                codes::NO_MATCHING_OVERLOAD,
                format!("argument of {op} must be type boolean, not type {ty}"),
            )
            .at(span, "not a boolean"),
        );
    }

    /// An operator call whose operand expressions are known (for parameter inference).
    fn operator_of(&self, op: &str, args: &[Typed], exprs: &[Option<&Expr>], span: Span) -> Typed {
        let (t, chosen) = self.operator(op, args, span);
        if let Some(c) = chosen {
            self.chose(|| format!("operator {op}"), &c, span);
            self.infer_from_candidate(&c, args, exprs.iter().copied());
        }
        t
    }

    /// Parameters of undetermined type among the inputs of a common type (ARRAY, COALESCE,
    /// GREATEST, LEAST) take that type.
    fn infer_common<'e>(&self, exprs: impl Iterator<Item = &'e Expr>, typed: &[Typed], t: &PgType) {
        for (e, ty) in exprs.zip(typed) {
            if let (ExprKind::Param(n), Some(u)) = (&e.kind, &ty.ty) {
                if is_unknown(u) {
                    self.infer_param(*n, t);
                }
            }
        }
    }

    /// `$n` of undetermined type takes the type of the argument it fills, as PostgreSQL
    /// resolves an unknown-type parameter (like an unknown literal, then fixed).
    pub(super) fn infer_from_candidate<'e>(
        &self,
        c: &Candidate,
        args: &[Typed],
        exprs: impl Iterator<Item = Option<&'e Expr>>,
    ) {
        let inputs: Vec<PgType> = args
            .iter()
            .map(|a| a.ty.clone().unwrap_or_else(unknown))
            .collect();
        for (i, e) in exprs.enumerate() {
            let Some(Expr {
                kind: ExprKind::Param(n),
                ..
            }) = e
            else {
                continue;
            };
            if !inputs.get(i).is_some_and(is_unknown) {
                continue;
            }
            if let Some(t) = self.argument_type(c, &inputs, i) {
                self.infer_param(*n, &t);
            }
        }
    }

    fn operator(&self, op: &str, args: &[Typed], span: Span) -> (Typed, Option<Candidate>) {
        let Some(inputs) = args
            .iter()
            .map(|a| a.ty.clone())
            .collect::<Option<Vec<_>>>()
        else {
            return (Typed::unknown(), None);
        };
        let binary = inputs.len() == 2;
        let all = self.operators(op);
        let cands = self.operator_candidates(&all, binary);
        let chosen = self
            .exact_with_unknown(&cands, &inputs)
            .or_else(|| self.select(cands.iter().copied(), &inputs));
        let Some(c) = chosen else {
            self.no_operator(op, &cands, &inputs, span);
            return (Typed::unknown(), None);
        };
        let ty = self.result_of(&c, &inputs);
        let yields_null = inputs.iter().any(may_yield_null) && ty != Some(PgType::Bool)
            || inputs.iter().any(|t| self.category(t).code == 'G');
        let t = Typed {
            not_null: c.strict && !yields_null && args.iter().all(|a| a.not_null),
            ty,
        };
        (t, Some(c))
    }

    /// `binary_oper_exact`: one operand an unknown literal, the other's type for both.
    fn exact_with_unknown(&self, cands: &[&Candidate], inputs: &[PgType]) -> Option<Candidate> {
        let [a, b] = inputs else { return None };
        let known = match (is_unknown(a), is_unknown(b)) {
            (true, false) => b,
            (false, true) => a,
            _ => return None,
        };
        let k = self.base(known);
        cands
            .iter()
            .find(|c| c.args.iter().all(|t| super::types::same_type(t, &k)))
            .map(|c| (*c).clone())
    }

    /// `operator does not exist: uuid = text`, when no operator of that name takes the
    /// operand types even through implicit casts, and every type involved is fully known.
    fn no_operator(&self, op: &str, cands: &[&Candidate], inputs: &[PgType], span: Span) {
        if !self.report {
            return;
        }
        let certain = inputs.iter().all(|t| self.certain(t))
            && !inputs.iter().all(is_unknown)
            && cands.iter().all(|c| {
                c.args
                    .iter()
                    .all(|t| self.certain(t) || polymorphic_or_any(t))
            });
        if !certain || cands.iter().any(|c| self.accepts(c, inputs)) {
            return;
        }
        let shown = match inputs {
            [a, b] => format!("{a} {op} {b}"),
            [a] => format!("{op} {a}"),
            _ => return,
        };
        let mut d = Diagnostic::error(
            codes::NO_MATCHING_OVERLOAD,
            format!("operator does not exist: {shown}"),
        )
        .at(span, "no operator takes these types")
        .help("No operator matches the given name and argument types. You might need to add explicit type casts.");
        if let [a, b] = inputs {
            if let Some(fix) = self.cast_fix(a, b) {
                d = d.help(fix);
            }
        }
        self.error(d);
    }

    /// For `x op y` with one side text: cast it to the other side's type.
    fn cast_fix(&self, a: &PgType, b: &PgType) -> Option<String> {
        match (self.category(a).code, self.category(b).code) {
            ('S', c) if c != 'S' => Some(format!("cast the left side: `(…)::{b}`")),
            (c, 'S') if c != 'S' => Some(format!("cast the right side: `(…)::{a}`")),
            _ => None,
        }
    }

    /// `function f(uuid, text) does not exist` (`f(a => uuid)` in named notation): the name
    /// exists, but none of its overloads (`cands`: those of the call's shape) takes the
    /// argument types. Silent where a type is not fully known or a variadic overload could
    /// take a named call.
    fn no_overload(&self, call: &Call, inputs: &[PgType], span: Span, cands: &[Candidate]) {
        if !self.report {
            return;
        }
        let named = call.arg_names.iter().any(Option::is_some);
        let unsure = match named {
            true => self.has_variadic_overload(&call.name),
            false => call.variadic || call.star,
        };
        if cands.is_empty() && self.function_exists_nowhere(&call.name) {
            self.no_such_function(call, inputs, span);
            return;
        }
        if unsure || !inputs.iter().all(|t| self.certain(t)) {
            return;
        }
        let all = self.all_overloads(&call.name);
        let known = all
            .iter()
            .flatten()
            .all(|t| self.certain(t) || polymorphic_or_any(t));
        if all.is_empty() && self.strict && call.name.schema.is_none() {
            self.no_such_function(call, inputs, span);
            return;
        }
        if all.is_empty() || !known || cands.iter().any(|c| self.accepts(c, inputs)) {
            return;
        }
        let name = match &call.name.schema {
            Some(s) => format!("{s}.{}", call.name.name),
            None => call.name.name.clone(),
        };
        let args: Vec<String> = inputs
            .iter()
            .zip(call.arg_names.iter().chain(std::iter::repeat(&None)))
            .map(|(t, n)| match n {
                Some(n) => format!("{n} => {t}"),
                None => t.to_string(),
            })
            .collect();
        let mut d = Diagnostic::error(
            codes::NO_MATCHING_OVERLOAD,
            format!("function {name}({}) does not exist", args.join(", ")),
        )
        .at(span, "no overload takes these argument types")
        .help("No function matches the given name and argument types. You might need to add explicit type casts.");
        for sig in all.iter().take(6) {
            let s: Vec<String> = sig.iter().map(ToString::to_string).collect();
            d = d.note(format!("candidate: {name}({})", s.join(", ")));
        }
        self.error(d);
    }

    /// A call's type, and the kind of the overload chosen (`f`, `a`, `w`) with whether its
    /// arguments read an enclosing query's column (`None`: no overload was chosen).
    pub(super) fn call(
        &self,
        call: &Call,
        scope: &Scope,
        span: Span,
    ) -> (Typed, Option<(char, bool)>) {
        // An ordered-set aggregate takes its direct arguments, then the WITHIN GROUP ones.
        let outward_before = self.outward.replace(false);
        let args: Vec<Typed> = call
            .args
            .iter()
            .chain(&call.within_group)
            .map(|a| self.expr(a, scope))
            .collect();
        let outward = self.outward.get();
        self.outward.set(outward_before || outward);
        let name = call.name.name.as_str();
        let builtin_scope = call
            .name
            .schema
            .as_deref()
            .is_none_or(|s| s == "pg_catalog");
        if builtin_scope {
            match name {
                "coalesce" | "greatest" | "least" => {
                    let any = args.iter().any(|a| a.not_null);
                    let t = self.common_in(&name.to_ascii_uppercase(), &args, any, span);
                    if let Some(ty) = &t.ty {
                        self.infer_common(call.args.iter(), &args, ty);
                    }
                    return (t, None);
                }
                "nullif" => {
                    let ty = args.first().and_then(|a| a.ty.clone());
                    return (
                        Typed {
                            ty,
                            not_null: false,
                        },
                        None,
                    );
                }
                _ => {}
            }
        }
        let named = call.arg_names.iter().any(Option::is_some);
        let Some(inputs) = args
            .iter()
            .map(|a| a.ty.clone())
            .collect::<Option<Vec<_>>>()
        else {
            return (Typed::unknown(), None);
        };
        let n = if call.star { 0 } else { inputs.len() };
        let cands = if named {
            self.named_candidates(&call.name, &call.arg_names)
        } else {
            self.function_candidates(&call.name, n, call.variadic)
        };
        let inputs = if call.star { vec![] } else { inputs };
        let Some(c) = self.select(&cands, &inputs) else {
            self.no_overload(call, &inputs, span, &cands);
            return (Typed::unknown(), None);
        };
        self.chose(|| format!("{}()", call.name.name), &c, span);
        self.check_aggregate_allowed(call, c.kind, outward, span);
        let ty = self.result_of(&c, &inputs);
        if !call.star {
            let exprs = call.args.iter().chain(&call.within_group).map(Some);
            self.infer_from_candidate(&c, &args, exprs);
        }
        let args_not_null = args.iter().all(|a| a.not_null);
        let not_null = !c.set_returning
            && match c.kind {
                'a' => name == "count",
                'w' => TOTAL_WINDOW.contains(&name),
                _ => builtin_scope && TOTAL_FUNCTIONS.contains(&name) && args_not_null,
            };
        (Typed { ty, not_null }, Some((c.kind, outward)))
    }
}

fn literal(l: &Literal) -> Typed {
    match l {
        Literal::Null => Typed {
            ty: Some(unknown()),
            not_null: false,
        },
        Literal::Bool(_) => Typed::new(PgType::Bool, true),
        Literal::String => Typed::new(unknown(), true),
        Literal::Number(n) => Typed::new(PgType::of_number_literal(n), true),
    }
}
