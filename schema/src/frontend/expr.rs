//! Expressions: kept as source text, and parsed with sqlparser only to learn what they
//! reference (columns, functions, casts) for the catalog's checks. References inside
//! subqueries are left out: they belong to other tables.

pub use super::ident::{ident_name, ident_span, loc_offset, obj_name, SQL_VALUE_FUNCTIONS};
use super::typename::parse_type_str;
use super::Cx;
use crate::cmd::{Expr, ExprArg, ExprRef};
use crate::span::{FileId, Span};
use sqlparser::ast::{self, Visit, Visitor};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use std::ops::ControlFlow;

/// A column default: a plain literal, a literal cast to a core type or pg_dump's serial
/// default (most defaults are one of these) is kept as text only, since the analyzer has
/// nothing to check in it; anything else is `analyzed`.
pub fn default(cx: &Cx, text: &str, start: usize) -> Expr {
    if cx.analyze && !is_plain_default(text.trim()) {
        return analyzed(cx, text, start);
    }
    Expr {
        text: text.trim().to_string(),
        span: cx.span(start, start + text.len()),
        refs: vec![],
        tree: None,
    }
}

/// A plain literal; `'x'::text`, `'{}'::jsonb`, `'now'::timestamp with time zone` (a quoted
/// literal cast to a core type); `nextval('t_id_seq'::regclass)` (pg_dump's serial default).
fn is_plain_default(t: &str) -> bool {
    if is_plain_literal(t) || is_builtin_call_without_arguments(t) {
        return true;
    }
    let t = t
        .strip_prefix("nextval(")
        .and_then(|r| r.strip_suffix(')'))
        .filter(|r| r.ends_with("::regclass"))
        .unwrap_or(t);
    let Some((literal, ty)) = t.rsplit_once("::") else {
        return false;
    };
    let core = ty == "regclass"
        || (ty.bytes().all(|b| b.is_ascii_lowercase() || b == b' ')
            && !matches!(ty, "citext" | "vector")
            && crate::ir::PgType::builtin(ty, &[]).is_some());
    core && literal.starts_with('\'') && is_plain_literal(literal)
}

/// `now()`, `gen_random_uuid()` (a built-in's name, lower case, no arguments) or an SQL value
/// function (`current_timestamp`, `current_user`): what `catalog::analyzed` would not analyse.
fn is_builtin_call_without_arguments(t: &str) -> bool {
    const VALUE_FUNCTIONS: &[&str] = &[
        "current_date",
        "current_time",
        "current_timestamp",
        "localtime",
        "localtimestamp",
        "current_user",
        "current_role",
        "session_user",
        "user",
    ];
    if VALUE_FUNCTIONS.contains(&t.to_ascii_lowercase().as_str()) {
        return true;
    }
    let Some(name) = t.strip_suffix("()") else {
        return false;
    };
    let word = name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    word && !crate::analyze::builtins::BUILTINS.funcs(name).is_empty()
}

/// `0`, `-1.5`, `true`, `null`, `'text'` (quotes doubled inside): no cast, no call.
fn is_plain_literal(t: &str) -> bool {
    let number = t.strip_prefix('-').unwrap_or(t);
    if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return true;
    }
    if ["true", "false", "null"]
        .iter()
        .any(|w| t.eq_ignore_ascii_case(w))
    {
        return true;
    }
    let Some(inner) = t.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) else {
        return false;
    };
    !inner.replace("''", "").contains('\'')
}

/// An expression kept as text with its column and function references, and lowered for
/// the analyzer.
pub fn analyzed(cx: &Cx, text: &str, start: usize) -> Expr {
    let parsed = parse(text).ok();
    let lower = super::lower::Lower::new(text, start, cx.file);
    Expr {
        text: text.trim().to_string(),
        span: cx.span(start, start + text.len()),
        refs: parsed
            .as_ref()
            .map(|e| collect(e, text, start, cx.file))
            .unwrap_or_default(),
        tree: parsed
            .as_ref()
            .filter(|_| cx.analyze)
            .map(|e| Box::new(lower.expr(e))),
    }
}

fn parse(text: &str) -> Result<ast::Expr, sqlparser::parser::ParserError> {
    let dialect = PostgreSqlDialect {};
    Parser::new(&dialect).try_with_sql(text).and_then(|mut p| {
        let e = p.parse_expr()?;
        p.expect_token(&sqlparser::tokenizer::Token::EOF)?;
        Ok(e)
    })
}

/// Parse `text` (which starts at byte `start` of file `file`) and collect its references.
/// Text sqlparser cannot parse yields no references (never an error: PostgreSQL is the judge).
#[cfg(test)]
pub fn refs_of(text: &str, start: usize, file: FileId) -> Vec<ExprRef> {
    match parse(text) {
        Ok(e) => collect(&e, text, start, file),
        Err(_) => vec![],
    }
}

/// Collect references from an already parsed expression whose text starts at `start`.
pub fn collect(e: &ast::Expr, text: &str, start: usize, file: FileId) -> Vec<ExprRef> {
    let mut v = RefCollector {
        text,
        start,
        file,
        depth: 0,
        refs: vec![],
        keywords: vec![],
    };
    let _ = e.visit(&mut v);
    v.refs
}

struct RefCollector<'a> {
    text: &'a str,
    start: usize,
    file: FileId,
    depth: usize,
    refs: Vec<ExprRef>,
    /// Identifiers that are keyword arguments of a special form, not columns.
    keywords: Vec<*const ast::Expr>,
}

/// The SQL-standard special forms that sqlparser reads as an ordinary call with a bare word
/// among its arguments: that word is a keyword of the form, not a column. (The others —
/// EXTRACT, POSITION, SUBSTRING, TRIM, OVERLAY, IS NORMALIZED, AT TIME ZONE, COLLATION FOR —
/// have AST nodes of their own whose keywords are not expressions.)
fn keyword_arguments(f: &ast::Function) -> Vec<*const ast::Expr> {
    let name = f.name.0.last().and_then(|p| p.as_ident()).map(ident_name);
    let ast::FunctionArguments::List(list) = &f.args else {
        return vec![];
    };
    let word = |a: &ast::FunctionArg, allowed: &[&str]| match a {
        ast::FunctionArg::Unnamed(ast::FunctionArgExpr::Expr(e @ ast::Expr::Identifier(id)))
            if id.quote_style.is_none()
                && allowed.contains(&id.value.to_ascii_lowercase().as_str()) =>
        {
            Some(std::ptr::from_ref(e))
        }
        _ => None,
    };
    // A named argument's name (`make_interval(days => 1)`) is the parameter's, not a column.
    let mut out: Vec<*const ast::Expr> = list
        .args
        .iter()
        .filter_map(|a| match a {
            ast::FunctionArg::ExprNamed { name, .. } => Some(std::ptr::from_ref(name)),
            _ => None,
        })
        .collect();
    if let (Some("normalize"), [_, form]) = (name.as_deref(), list.args.as_slice()) {
        // NORMALIZE(text [, NFC | NFD | NFKC | NFKD])
        out.extend(word(form, &["nfc", "nfd", "nfkc", "nfkd"]));
    }
    out
}

/// The field names of `(row).field`: attributes of the row's type, not columns.
fn field_names(chain: &[ast::AccessExpr]) -> Vec<*const ast::Expr> {
    chain
        .iter()
        .filter_map(|a| match a {
            ast::AccessExpr::Dot(e @ ast::Expr::Identifier(_)) => Some(std::ptr::from_ref(e)),
            _ => None,
        })
        .collect()
}

impl Visitor for RefCollector<'_> {
    type Break = ();

    fn pre_visit_query(&mut self, _q: &ast::Query) -> ControlFlow<()> {
        self.depth += 1;
        ControlFlow::Continue(())
    }
    fn post_visit_query(&mut self, _q: &ast::Query) -> ControlFlow<()> {
        self.depth -= 1;
        ControlFlow::Continue(())
    }
    fn pre_visit_expr(&mut self, e: &ast::Expr) -> ControlFlow<()> {
        if self.depth > 0 {
            return ControlFlow::Continue(());
        }
        let (text, start, file) = (self.text, self.start, self.file);
        match e {
            ast::Expr::Identifier(_) if self.keywords.contains(&std::ptr::from_ref(e)) => {}
            ast::Expr::Identifier(id) => {
                let name = ident_name(id);
                if id.quote_style.is_some() || !SQL_VALUE_FUNCTIONS.contains(&name.as_str()) {
                    self.refs.push(ExprRef::Column {
                        qualifier: None,
                        name,
                        span: ident_span(id, text, start, file),
                    });
                }
            }
            ast::Expr::CompoundIdentifier(ids) if ids.len() >= 2 => {
                let col = &ids[ids.len() - 1];
                self.refs.push(ExprRef::Column {
                    qualifier: Some(ident_name(&ids[ids.len() - 2])),
                    name: ident_name(col),
                    span: ident_span(col, text, start, file),
                });
            }
            ast::Expr::CompoundFieldAccess { access_chain, .. } => {
                self.keywords.extend(field_names(access_chain));
            }
            ast::Expr::Function(f) => {
                self.keywords.extend(keyword_arguments(f));
                if let Some(name) = obj_name(&f.name, text, start, file) {
                    let args = match &f.args {
                        ast::FunctionArguments::List(l) => l
                            .args
                            .iter()
                            .map(|a| match a {
                                ast::FunctionArg::Unnamed(ast::FunctionArgExpr::Expr(
                                    ast::Expr::Identifier(id),
                                )) => ExprArg::Column(ident_name(id)),
                                _ => ExprArg::Other,
                            })
                            .collect(),
                        _ => vec![],
                    };
                    let span = name.span;
                    self.refs.push(ExprRef::Function { name, args, span });
                }
            }
            ast::Expr::Cast {
                expr, data_type, ..
            } => {
                let from_column = match expr.as_ref() {
                    ast::Expr::Identifier(id) => Some(ident_name(id)),
                    _ => None,
                };
                if let Some((to, _)) = parse_type_str(&data_type.to_string(), file) {
                    let span = match expr.as_ref() {
                        ast::Expr::Identifier(id) => ident_span(id, text, start, file),
                        _ => Span::new(file, start, start + text.len()),
                    };
                    self.refs.push(ExprRef::Cast {
                        from_column,
                        to,
                        span,
                    });
                }
            }
            _ => {}
        }
        ControlFlow::Continue(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_skip_subqueries_and_keep_positions() {
        let text = "auth.uid() = user_id AND exists (select 1 from other o where o.x = owner)";
        let refs = refs_of(text, 100, FileId(0));
        let cols: Vec<String> = refs
            .iter()
            .filter_map(|r| match r {
                ExprRef::Column { name, span, .. } => Some(format!("{name}@{}", span.start)),
                _ => None,
            })
            .collect();
        assert_eq!(cols, vec!["user_id@113"]);
        assert!(refs.iter().any(|r| matches!(r, ExprRef::Function { name, .. } if name.schema.as_deref() == Some("auth") && name.name == "uid")));
    }

    #[test]
    fn casts_are_seen() {
        let refs = refs_of("(created_at)::date", 0, FileId(0));
        assert!(refs.iter().any(|r| matches!(r, ExprRef::Cast { .. })));
    }

    #[test]
    fn defaults_with_nothing_to_analyze() {
        let plain = [
            "0",
            "'it''s'",
            "'x'::text",
            "'{}'::jsonb",
            "'a::b'::character varying",
            "'now'::timestamp with time zone",
            "nextval('t_id_seq'::regclass)",
            "now()",
            "gen_random_uuid()",
            "CURRENT_TIMESTAMP",
        ];
        for t in plain {
            assert!(is_plain_default(t), "{t}");
        }
        let analyzed = [
            "'a' || 'b'::text",
            "'x'::mood",
            "'x'::citext",
            "nextval('s')",
            "make_code()",
            "public.now()",
            "E'x'::text",
            "lower('x')::text",
        ];
        for t in analyzed {
            assert!(!is_plain_default(t), "{t}");
        }
    }
}
