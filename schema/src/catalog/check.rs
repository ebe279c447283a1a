//! Checks on expressions: the columns they name exist, and (for index expressions and
//! generated columns) every function they call is IMMUTABLE, as PostgreSQL requires.

use super::Catalog;
use crate::cmd::{ExprArg, ExprRef, TypeRef};
use crate::diag::{codes, Diagnostic};
use crate::ir::{PgType, QualName, Volatility};
use crate::span::Span;

/// Built-in functions that are not IMMUTABLE whatever their arguments.
const NOT_IMMUTABLE: &[(&str, Volatility)] = &[
    ("now", Volatility::Stable),
    ("current_timestamp", Volatility::Stable),
    ("statement_timestamp", Volatility::Stable),
    ("transaction_timestamp", Volatility::Stable),
    ("clock_timestamp", Volatility::Volatile),
    ("timeofday", Volatility::Volatile),
    ("random", Volatility::Volatile),
    ("gen_random_uuid", Volatility::Volatile),
    ("uuid_generate_v1", Volatility::Volatile),
    ("uuid_generate_v4", Volatility::Volatile),
    ("uuidv4", Volatility::Volatile),
    ("uuidv7", Volatility::Volatile),
    ("nextval", Volatility::Volatile),
    ("currval", Volatility::Volatile),
    ("current_setting", Volatility::Stable),
    ("to_char", Volatility::Stable),
    ("to_date", Volatility::Stable),
    ("age", Volatility::Stable),
    ("concat", Volatility::Stable),
    ("concat_ws", Volatility::Stable),
    ("format", Volatility::Stable),
    ("array_to_string", Volatility::Stable),
    ("to_json", Volatility::Stable),
    ("to_jsonb", Volatility::Stable),
    ("json_build_object", Volatility::Stable),
    ("jsonb_build_object", Volatility::Stable),
    ("txid_current", Volatility::Volatile),
    ("pg_backend_pid", Volatility::Stable),
];

/// Built-ins that are only STABLE when an argument is a timestamptz (they read TimeZone).
const TZ_DEPENDENT: &[&str] = &["date", "date_trunc", "date_part", "to_timestamp"];

fn volatility_word(v: Volatility) -> &'static str {
    match v {
        Volatility::Immutable => "IMMUTABLE",
        Volatility::Stable => "STABLE",
        Volatility::Volatile => "VOLATILE",
    }
}

impl Catalog {
    /// Check an expression on table `q`. `immutable`: only IMMUTABLE functions allowed.
    pub(super) fn check_refs(
        &mut self,
        q: &QualName,
        refs: &[ExprRef],
        what: &str,
        immutable: bool,
    ) -> bool {
        let Some(table) = self.schema.table(q).cloned() else {
            return true;
        };
        let mut ok = true;
        for r in refs {
            match r {
                ExprRef::Column {
                    qualifier,
                    name,
                    span,
                } => {
                    let mine = qualifier.as_ref().is_none_or(|qual| qual == &q.name);
                    if mine && table.column(name).is_none() {
                        ok &= self.unknown_column(&table, name, *span, what);
                    }
                }
                ExprRef::Function { name, args, span } if immutable => {
                    if let Some((v, why)) = self.function_volatility(&table, name, args) {
                        if v != Volatility::Immutable {
                            ok &= self.not_immutable(
                                what,
                                &format!("{}()", name.name),
                                v,
                                why,
                                *span,
                            );
                        }
                    }
                }
                ExprRef::Cast {
                    from_column: Some(col),
                    to,
                    span,
                } if immutable => {
                    let from = table.column(col).map(|c| self.domain_base(&c.ty));
                    let to = match to {
                        TypeRef::Known(t) => t.clone(),
                        _ => continue,
                    };
                    if let Some(from) = from {
                        if tz_cast(&from, &to) {
                            ok &= self.not_immutable(
                                what,
                                &format!("the cast {from} → {to}"),
                                Volatility::Stable,
                                Some("it depends on the TimeZone / DateStyle setting".into()),
                                *span,
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        ok
    }

    fn function_volatility(
        &self,
        table: &crate::ir::Table,
        name: &crate::cmd::ObjName,
        args: &[ExprArg],
    ) -> Option<(Volatility, Option<String>)> {
        self.volatility_of(table, name, args, 0)
    }

    /// `function_volatility`, `depth` SQL functions deep into inlining.
    fn volatility_of(
        &self,
        table: &crate::ir::Table,
        name: &crate::cmd::ObjName,
        args: &[ExprArg],
        depth: usize,
    ) -> Option<(Volatility, Option<String>)> {
        // A function the migrations define wins.
        let schemas = match &name.schema {
            Some(s) => vec![s.clone()],
            None => self.search_schemas(),
        };
        for s in &schemas {
            if let Some(fs) = self
                .schema
                .schemas
                .get(s)
                .and_then(|ns| ns.functions.get(&name.name))
            {
                if let Some(f) = fs.first() {
                    if let Some(v) = self.inlined_volatility(table, f, depth) {
                        return v;
                    }
                    return Some((
                        f.volatility,
                        Some(format!(
                            "{}.{} is declared {}",
                            f.schema,
                            f.name,
                            volatility_word(f.volatility)
                        )),
                    ));
                }
            }
        }
        if name.schema.as_deref().is_some_and(|s| s != "pg_catalog") {
            return None;
        }
        if let Some((_, v)) = NOT_IMMUTABLE.iter().find(|(n, _)| *n == name.name) {
            return Some((*v, None));
        }
        if TZ_DEPENDENT.contains(&name.name.as_str()) {
            let tz_arg = args.iter().any(|a| match a {
                ExprArg::Column(c) => table.column(c).is_some_and(|c| {
                    matches!(self.domain_base(&c.ty), PgType::Timestamp { tz: true, .. })
                }),
                ExprArg::Other => false,
            });
            if tz_arg {
                return Some((Volatility::Stable, Some("its argument is a timestamp with time zone, so the result depends on the TimeZone setting".into())));
            }
        }
        None
    }

    /// What PostgreSQL sees once it has inlined `f` (a declared STABLE or VOLATILE SQL
    /// function with a one-expression body): the body's own volatility. `None` when `f` is
    /// not inlined (then its declared volatility counts).
    fn inlined_volatility(
        &self,
        table: &crate::ir::Table,
        f: &crate::ir::Function,
        depth: usize,
    ) -> Option<Option<(Volatility, Option<String>)>> {
        if f.volatility == Volatility::Immutable || depth > 8 {
            return None;
        }
        let refs = self.inline.get(&(f.schema.clone(), f.signature()))?;
        // A STABLE function is not inlined when its body calls anything declared VOLATILE
        // (checked before the calls inside are themselves inlined): its own STABLE stands.
        let calls_volatile = refs.iter().any(|r| {
            matches!(r, ExprRef::Function { name, .. }
                if self.declared_volatility(name) == Some(Volatility::Volatile))
        });
        if f.volatility == Volatility::Stable && calls_volatile {
            return None;
        }
        let mut worst: Option<(Volatility, Option<String>)> = None;
        for r in refs {
            if let ExprRef::Function { name, args, .. } = r {
                let inner = self.volatility_of(table, name, args, depth + 1);
                if let Some((v, why)) = inner.filter(|(v, _)| *v != Volatility::Immutable) {
                    let why = format!(
                        "PostgreSQL inlines {}.{}(), whose body calls {}(){}",
                        f.schema,
                        f.name,
                        name.name,
                        why.map(|w| format!(": {w}")).unwrap_or_default()
                    );
                    if worst
                        .as_ref()
                        .is_none_or(|(w, _)| volatility_rank(v) > volatility_rank(*w))
                    {
                        worst = Some((v, Some(why)));
                    }
                }
            }
        }
        Some(worst)
    }

    /// How a function is declared (not what inlining makes of it): the migrations' own
    /// definition, else PostgreSQL's for the built-ins pgforge knows to be mutable.
    fn declared_volatility(&self, name: &crate::cmd::ObjName) -> Option<Volatility> {
        let schemas = match &name.schema {
            Some(s) => vec![s.clone()],
            None => self.search_schemas(),
        };
        let own = schemas.iter().find_map(|s| {
            let fs = self.schema.schemas.get(s)?.functions.get(&name.name)?;
            fs.first().map(|f| f.volatility)
        });
        own.or_else(|| {
            NOT_IMMUTABLE
                .iter()
                .find(|(n, _)| *n == name.name)
                .map(|(_, v)| *v)
        })
    }

    pub(super) fn not_immutable(
        &mut self,
        what: &str,
        f: &str,
        v: Volatility,
        why: Option<String>,
        span: Span,
    ) -> bool {
        let mut d = Diagnostic::error(
            codes::NOT_IMMUTABLE,
            format!(
                "functions in {what} expressions must be marked IMMUTABLE, but {f} is {}",
                volatility_word(v)
            ),
        )
        .at(span, format!("{} here", volatility_word(v)));
        if let Some(w) = why {
            d = d.note(w);
        }
        d = d.help(match what {
            "index" => "index a column (or an IMMUTABLE wrapper function you trust) instead, e.g. store the value in a column set by a trigger",
            _ => "compute the value with an IMMUTABLE expression, or fill a plain column from a trigger",
        });
        self.error(d)
    }
}

/// The table's columns an expression uses (unqualified, or qualified with the table's name).
pub(super) fn columns_used(table: &crate::ir::Table, refs: &[ExprRef]) -> Vec<String> {
    let mut v: Vec<String> = refs
        .iter()
        .filter_map(|r| match r {
            ExprRef::Column {
                qualifier, name, ..
            } if qualifier.as_ref().is_none_or(|q| q == &table.name)
                && table.column(name).is_some() =>
            {
                Some(name.clone())
            }
            _ => None,
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Casts whose result depends on TimeZone or DateStyle (not IMMUTABLE).
fn tz_cast(from: &PgType, to: &PgType) -> bool {
    use PgType::*;
    let tz = |t: &PgType| matches!(t, Timestamp { tz: true, .. } | Time { tz: true, .. });
    let texty = |t: &PgType| matches!(t, Text | Varchar { .. } | Char { .. });
    let datey = |t: &PgType| matches!(t, Date | Timestamp { .. } | Time { .. });
    (tz(from) && (matches!(to, Date | Timestamp { tz: false, .. } | Time { .. }) || texty(to)))
        || (matches!(from, Date | Timestamp { tz: false, .. }) && tz(to))
        || (texty(from) && datey(to))
        || (datey(from) && texty(to))
}

fn volatility_rank(v: Volatility) -> u8 {
    match v {
        Volatility::Immutable => 0,
        Volatility::Stable => 1,
        Volatility::Volatile => 2,
    }
}
