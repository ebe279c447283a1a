//! Views, materialized views and `CREATE TABLE … AS`: our reader takes the header, sqlparser
//! parses the query, and we derive the output columns (names, and sources or types where
//! offline analysis can see them). Also the fallback for statements nobody else reads.

use super::cursor::{Cursor, Expected, PResult};
use super::expr::{collect, ident_name, ident_span, obj_name};
use super::typename::parse_type_str;
use super::Cx;
use crate::cmd::*;
use crate::ir::PgType;
use crate::span::Span;
use sqlparser::ast;
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use std::ops::ControlFlow;

pub fn parse_with_sqlparser(
    cx: &mut Cx,
    toks: &[crate::lex::Token],
    span: Span,
    kind: &'static str,
) -> PResult<Vec<Cmd>> {
    let mut c = Cursor::new(cx.src, toks, cx.file);
    match kind {
        "CREATE VIEW" | "CREATE MATERIALIZED VIEW" | "CREATE TABLE AS" => {
            create_view(cx, &mut c, kind)
        }
        _ => {
            // Nobody reads this kind: let sqlparser judge the syntax, then count it.
            let text = &cx.src[span.range()];
            let dialect = PostgreSqlDialect {};
            match Parser::new(&dialect)
                .try_with_sql(text)
                .and_then(|mut p| p.parse_statement())
            {
                Ok(_) => Ok(vec![Cmd::NotModelled(kind)]),
                Err(e) => Err(sqlparser_error(&e, text, span.start as usize)),
            }
        }
    }
}

/// Turn a sqlparser error into our error type, locating `Line: x, Column: y`.
pub fn sqlparser_error(e: &sqlparser::parser::ParserError, text: &str, start: usize) -> Expected {
    let msg = e.to_string();
    let mut at = start;
    if let Some(pos) = msg.rfind(" at Line: ") {
        let tail = &msg[pos + 10..];
        let mut it = tail.split(", Column: ");
        let line = it.next().and_then(|l| l.trim().parse::<u64>().ok());
        let col = it.next().and_then(|c| c.trim().parse::<u64>().ok());
        if let (Some(l), Some(c)) = (line, col) {
            if let Some(off) = super::expr::loc_offset(text, l, c) {
                at = start + off;
            }
        }
    }
    let clean = msg
        .split(" at Line: ")
        .next()
        .unwrap_or(&msg)
        .trim_start_matches("sql parser error: ")
        .to_string();
    Expected {
        message: clean
            .replace("Expected: ", "expected ")
            .to_lowercase_first(),
        at,
    }
}

trait LowerFirst {
    fn to_lowercase_first(self) -> String;
}

impl LowerFirst for String {
    fn to_lowercase_first(self) -> String {
        let mut ch = self.chars();
        match ch.next() {
            Some(f) => f.to_lowercase().collect::<String>() + ch.as_str(),
            None => self,
        }
    }
}

fn create_view(cx: &mut Cx, c: &mut Cursor, kind: &'static str) -> PResult<Vec<Cmd>> {
    c.expect_word("create")?;
    let or_replace = c.eat_words(&["or", "replace"]);
    let temporary = c.eat_word("temp") || c.eat_word("temporary");
    let _ = c.eat_word("unlogged");
    let _ = c.eat_word("recursive");
    let materialized = c.eat_word("materialized");
    let is_table = kind == "CREATE TABLE AS";
    if is_table {
        c.expect_word("table")?;
    } else {
        c.expect_word("view")?;
    }
    let if_not_exists = c.eat_words(&["if", "not", "exists"]);
    let name = super::table::temporary_in_pg_temp(c.obj_name()?, temporary);
    let mut column_names = vec![];
    if c.is_punct("(") {
        column_names = super::cursor::column_list(c)?
            .into_iter()
            .map(|x| x.0)
            .collect();
    }
    let mut options = vec![];
    loop {
        if c.eat_word("with") {
            let (a, b) = c.paren_group()?;
            for kv in c.src[a..b].split(',') {
                let mut it = kv.splitn(2, '=');
                let k = it.next().unwrap_or("").trim().to_ascii_lowercase();
                let v = it.next().unwrap_or("true").trim().to_string();
                options.push((k, v));
            }
        } else if c.eat_word("using") || c.eat_word("tablespace") {
            c.ident()?;
        } else if c.eat_words(&["on", "commit"]) {
            // ON COMMIT DROP | DELETE ROWS | PRESERVE ROWS (temporary tables).
            if !c.eat_word("drop") && !c.eat_words(&["delete", "rows"]) {
                c.expect_word("preserve")?;
                c.expect_word("rows")?;
            }
        } else if c.eat_words(&["without", "oids"]) {
        } else {
            break;
        }
    }
    c.expect_word("as")?;
    // The query runs to the end, less a trailing WITH [NO] DATA / WITH [CASCADED|LOCAL] CHECK OPTION.
    let start = c.here();
    let mut end_tok = c.toks.len();
    let n = c.toks.len();
    let w = |i: usize, s: &str| c.toks.get(i).is_some_and(|t| t.is_word(c.src, s));
    if n >= 2
        && w(n - 1, "data")
        && (w(n - 2, "with") || (w(n - 2, "no") && n >= 3 && w(n - 3, "with")))
    {
        end_tok = if w(n - 2, "no") { n - 3 } else { n - 2 };
    } else if n >= 3 && w(n - 1, "option") && w(n - 2, "check") {
        end_tok = n - 3;
        if w(end_tok, "with") {
        } else if end_tok > 0 && w(end_tok - 1, "with") {
            end_tok -= 1;
        }
    }
    if end_tok <= c.pos {
        return c.err("a query");
    }
    let end = c.toks[end_tok - 1].end as usize;
    c.pos = c.toks.len();
    let text = &cx.src[start..end];
    let dialect = PostgreSqlDialect {};
    let parsed = Parser::new(&dialect).try_with_sql(text).and_then(|mut p| {
        let q = p.parse_query()?;
        p.expect_token(&sqlparser::tokenizer::Token::EOF)?;
        Ok(q)
    });
    let query = match parsed {
        Ok(q) => {
            let lower = super::lower::Lower::new(text, start, cx.file);
            QueryShape {
                tree: cx.analyze.then(|| Box::new(lower.query(&q))),
                ..shape(&q, text, start, cx.file)
            }
        }
        Err(e) => {
            let err = sqlparser_error(&e, text, start);
            cx.out.diagnostics.push(
                crate::diag::Diagnostic::warning(
                    crate::diag::codes::PARTIAL_MODEL,
                    format!("the query of {} could not be analysed offline ({}); its columns are unknown", name.name, err.message),
                )
                .at(cx.span(err.at, (err.at + 1).min(end)), "sqlparser stopped here"),
            );
            QueryShape {
                opaque_from: true,
                ..Default::default()
            }
        }
    };
    if is_table {
        return Ok(vec![Cmd::CreateTable(CreateTable {
            name,
            if_not_exists,
            columns: vec![],
            constraints: vec![],
            partition_by: None,
            partition_of: None,
            inherits: vec![],
            like: vec![],
            foreign: false,
            unlogged: false,
            as_query: Some(QueryShape {
                items: name_items(query.items, &column_names),
                ..query
            }),
        })]);
    }
    Ok(vec![Cmd::CreateView(CreateView {
        name,
        or_replace,
        if_not_exists,
        materialized,
        column_names,
        query,
        definition: text.to_string(),
        options,
    })])
}

/// Apply an explicit column list `(a, b)` to the first items.
fn name_items(mut items: Vec<SelectItem>, names: &[String]) -> Vec<SelectItem> {
    for (item, n) in items.iter_mut().zip(names) {
        if let SelectItem::Column { name, .. } = item {
            *name = Some(n.clone());
        }
    }
    items
}

/// The output shape of a query: the first SELECT of a set operation names the columns.
fn shape(q: &ast::Query, text: &str, start: usize, file: crate::span::FileId) -> QueryShape {
    let mut body = q.body.as_ref();
    let mut set_operation = false;
    loop {
        match body {
            ast::SetExpr::SetOperation { left, .. } => {
                set_operation = true;
                body = left
            }
            ast::SetExpr::Query(inner) => return shape(inner, text, start, file),
            _ => break,
        }
    }
    let mut out = QueryShape::default();
    if let Some(w) = &q.with {
        for cte in &w.cte_tables {
            let mut inner = shape(&cte.query, text, start, file);
            let names: Vec<String> = cte
                .alias
                .columns
                .iter()
                .map(|c| ident_name(&c.name))
                .collect();
            inner.items = name_items(inner.items, &names);
            out.ctes.push((ident_name(&cte.alias.name), inner));
        }
    }
    match body {
        ast::SetExpr::Select(sel) => {
            // pg_dump writes joins nested in parentheses: walk them all.
            let mut factors = vec![];
            for twj in &sel.from {
                flatten(twj, &mut factors);
            }
            for tf in &factors {
                if let ast::TableFactor::Table {
                    name,
                    alias,
                    args: None,
                    ..
                } = tf
                {
                    if let Some(n) = obj_name(name, text, start, file) {
                        out.from
                            .push((n, alias.as_ref().map(|a| ident_name(&a.name))));
                    }
                    if let Some(a) = alias.as_ref().filter(|a| !a.columns.is_empty()) {
                        let names = a.columns.iter().map(|c| ident_name(&c.name)).collect();
                        out.renames.push((ident_name(&a.name), names));
                    }
                } else if let ast::TableFactor::Table {
                    name,
                    alias,
                    args: Some(_),
                    ..
                } = tf
                {
                    match obj_name(name, text, start, file) {
                        Some(n) => out
                            .from_functions
                            .push((n, alias.as_ref().map(|a| ident_name(&a.name)))),
                        None => out.opaque_from = true,
                    }
                } else {
                    out.opaque_from = true;
                }
            }
            out.simple = !set_operation
                && q.with.is_none()
                && q.limit_clause.is_none()
                && q.fetch.is_none()
                && sel.distinct.is_none()
                && matches!(&sel.group_by, ast::GroupByExpr::Expressions(v, m) if v.is_empty() && m.is_empty())
                && sel.having.is_none()
                && sel.named_window.is_empty()
                && sel.from.len() == 1
                && sel.from[0].joins.is_empty()
                && matches!(
                    &sel.from[0].relation,
                    ast::TableFactor::Table { args: None, .. }
                )
                && !computes_rows(&sel.projection);
            for item in &sel.projection {
                out.items.push(select_item(item, text, start, file));
                if let ast::SelectItem::UnnamedExpr(e)
                | ast::SelectItem::ExprWithAlias { expr: e, .. } = item
                {
                    out.refs.extend(collect(e, text, start, file));
                }
            }
            // Only keep references whose qualifier names a FROM relation we track; anything
            // else (a CTE, a lateral function, a subquery alias) is not checked.
            let known: Vec<String> = out
                .from
                .iter()
                .map(|(n, a)| a.clone().unwrap_or_else(|| n.name.clone()))
                .collect();
            let all_tracked = factors
                .iter()
                .all(|tf| matches!(tf, ast::TableFactor::Table { args: None, .. }))
                && !out.from.is_empty();
            out.refs.retain(|r| match r {
                ExprRef::Column {
                    qualifier: Some(q), ..
                } => known.contains(q),
                ExprRef::Column {
                    qualifier: None, ..
                } => all_tracked,
                _ => false,
            });
        }
        ast::SetExpr::Values(v) => {
            if let Some(row) = v.rows.first() {
                for (i, _) in row.iter().enumerate() {
                    out.items.push(SelectItem::Column {
                        name: Some(format!("column{}", i + 1)),
                        source: None,
                        ty: None,
                        type_of: None,
                        span: Span::new(file, start, start),
                    });
                }
            }
        }
        ast::SetExpr::Table(t) => {
            if let Some(name) = &t.table_name {
                let obj = ObjName {
                    schema: t.schema_name.clone(),
                    name: crate::names::fold(name),
                    span: Span::new(file, start, start + text.len()),
                };
                out.from.push((obj, None));
                // `TABLE t` is `SELECT * FROM t`: as updatable as that.
                out.simple = !set_operation
                    && q.with.is_none()
                    && q.limit_clause.is_none()
                    && q.fetch.is_none();
                out.items.push(SelectItem::Star {
                    qualifier: None,
                    span: Span::new(file, start, start + text.len()),
                });
            }
        }
        _ => {}
    }
    out
}

/// Aggregates, window functions and set-returning functions, which keep PostgreSQL from
/// writing through a view.
const ROW_FUNCTIONS: &[&str] = &[
    "array_agg",
    "avg",
    "bit_and",
    "bit_or",
    "bit_xor",
    "bool_and",
    "bool_or",
    "count",
    "every",
    "json_agg",
    "jsonb_agg",
    "json_object_agg",
    "jsonb_object_agg",
    "max",
    "min",
    "string_agg",
    "sum",
    "xmlagg",
    "stddev",
    "variance",
    "percentile_cont",
    "percentile_disc",
    "mode",
    "unnest",
    "generate_series",
    "generate_subscripts",
    "json_array_elements",
    "jsonb_array_elements",
    "json_array_elements_text",
    "jsonb_array_elements_text",
    "json_each",
    "jsonb_each",
    "json_each_text",
    "jsonb_each_text",
    "json_object_keys",
    "jsonb_object_keys",
    "regexp_matches",
    "regexp_split_to_table",
    "string_to_table",
];

/// Whether the SELECT list itself aggregates, windows or returns sets (PostgreSQL's
/// `hasAggs`, `hasWindowFuncs`, `hasTargetSRFs` of the view's own query level): calls inside a
/// subquery belong to that subquery, and a view with `(select count(*) …)` stays updatable.
fn computes_rows(projection: &[ast::SelectItem]) -> bool {
    struct Finder {
        depth: usize,
    }
    impl ast::Visitor for Finder {
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
            match e {
                ast::Expr::Function(f) if self.depth == 0 && computes(f) => ControlFlow::Break(()),
                _ => ControlFlow::Continue(()),
            }
        }
    }
    let mut finder = Finder { depth: 0 };
    projection
        .iter()
        .any(|item| ast::Visit::visit(item, &mut finder).is_break())
}

fn computes(f: &ast::Function) -> bool {
    f.over.is_some()
        || ROW_FUNCTIONS.contains(
            &crate::names::fold(&f.name.to_string())
                .rsplit('.')
                .next()
                .unwrap_or(""),
        )
}

/// The table factors of a FROM item, with parenthesized (nested) joins opened up.
fn flatten<'q>(twj: &'q ast::TableWithJoins, out: &mut Vec<&'q ast::TableFactor>) {
    for tf in std::iter::once(&twj.relation).chain(twj.joins.iter().map(|j| &j.relation)) {
        match tf {
            ast::TableFactor::NestedJoin {
                table_with_joins, ..
            } => flatten(table_with_joins, out),
            other => out.push(other),
        }
    }
}

fn select_item(
    item: &ast::SelectItem,
    text: &str,
    start: usize,
    file: crate::span::FileId,
) -> SelectItem {
    let whole = Span::new(file, start, start + text.len());
    match item {
        ast::SelectItem::Wildcard(_) => SelectItem::Star {
            qualifier: None,
            span: whole,
        },
        ast::SelectItem::QualifiedWildcard(kind, _) => {
            let q = match kind {
                ast::SelectItemQualifiedWildcardKind::ObjectName(n) => {
                    n.0.last().and_then(|p| p.as_ident()).map(ident_name)
                }
                ast::SelectItemQualifiedWildcardKind::Expr(_) => None,
            };
            SelectItem::Star {
                qualifier: q,
                span: whole,
            }
        }
        ast::SelectItem::ExprWithAlias { expr, alias } => {
            let (source, ty) = expr_source(expr, file);
            SelectItem::Column {
                name: Some(ident_name(alias)),
                source,
                ty,
                type_of: type_of(expr).map(Box::new),
                span: ident_span(alias, text, start, file),
            }
        }
        ast::SelectItem::ExprWithAliases { expr, aliases } => {
            let (source, ty) = expr_source(expr, file);
            SelectItem::Column {
                name: aliases.first().map(ident_name),
                source,
                ty,
                type_of: type_of(expr).map(Box::new),
                span: whole,
            }
        }
        ast::SelectItem::UnnamedExpr(expr) => {
            let (source, ty) = expr_source(expr, file);
            SelectItem::Column {
                name: Some(super::figure::output_name(expr)),
                source,
                ty,
                type_of: type_of(expr).map(Box::new),
                span: whole,
            }
        }
    }
}

/// `max(t.x)` and friends: the aggregate and the column whose type it follows.
fn type_of(e: &ast::Expr) -> Option<(&'static str, Option<String>, String)> {
    let ast::Expr::Function(f) = e else {
        return None;
    };
    let name = f.name.0.last()?.as_ident()?.value.to_ascii_lowercase();
    let kind: &'static str = match name.as_str() {
        "min" => "min",
        "max" => "max",
        "coalesce" => "coalesce",
        "sum" => "sum",
        "avg" => "avg",
        "array_agg" => "array_agg",
        _ => return None,
    };
    let ast::FunctionArguments::List(l) = &f.args else {
        return None;
    };
    match l.args.first()? {
        ast::FunctionArg::Unnamed(ast::FunctionArgExpr::Expr(ast::Expr::Identifier(id))) => {
            Some((kind, None, ident_name(id)))
        }
        ast::FunctionArg::Unnamed(ast::FunctionArgExpr::Expr(ast::Expr::CompoundIdentifier(
            ids,
        ))) if ids.len() >= 2 => Some((
            kind,
            Some(ident_name(&ids[ids.len() - 2])),
            ident_name(&ids[ids.len() - 1]),
        )),
        _ => None,
    }
}

/// A pass-through column (qualifier, name), or a type visible offline.
fn expr_source(
    e: &ast::Expr,
    file: crate::span::FileId,
) -> (Option<(Option<String>, String)>, Option<TypeRef>) {
    match e {
        ast::Expr::Identifier(id) => (Some((None, ident_name(id))), None),
        ast::Expr::CompoundIdentifier(ids) if ids.len() >= 2 => (
            Some((
                Some(ident_name(&ids[ids.len() - 2])),
                ident_name(&ids[ids.len() - 1]),
            )),
            None,
        ),
        ast::Expr::Nested(inner) => expr_source(inner, file),
        ast::Expr::Cast { data_type, .. } => (
            None,
            parse_type_str(&data_type.to_string(), file).map(|x| x.0),
        ),
        ast::Expr::Value(v) => (
            None,
            match &v.value {
                ast::Value::Number(n, _) => Some(TypeRef::Known(PgType::of_number_literal(n))),
                ast::Value::Boolean(_) => Some(TypeRef::Known(PgType::Bool)),
                ast::Value::SingleQuotedString(_)
                | ast::Value::EscapedStringLiteral(_)
                | ast::Value::DollarQuotedString(_) => Some(TypeRef::Known(PgType::Text)),
                _ => None,
            },
        ),
        ast::Expr::Function(f) => {
            let name = f
                .name
                .0
                .last()
                .and_then(|p| p.as_ident())
                .map(ident_name)
                .unwrap_or_default();
            let ty = match name.as_str() {
                "count" => Some(PgType::Int8),
                "now" | "current_timestamp" => Some(PgType::Timestamp {
                    precision: None,
                    tz: true,
                }),
                "json_agg" => Some(PgType::Json),
                "jsonb_agg" => Some(PgType::Jsonb),
                "to_jsonb" | "jsonb_build_object" | "jsonb_build_array" | "jsonb_object_agg" => {
                    Some(PgType::Jsonb)
                }
                "to_json" | "json_build_object" | "json_build_array" | "json_object_agg" => {
                    Some(PgType::Json)
                }
                "concat" | "concat_ws" | "lower" | "upper" | "trim" | "format" | "string_agg"
                | "initcap" => Some(PgType::Text),
                "char_length" | "length" => Some(PgType::Int4),
                "bool_and" | "bool_or" => Some(PgType::Bool),
                _ => None,
            };
            (None, ty.map(TypeRef::Known))
        }
        // CASE: the type of the first branch whose type is visible (a cast or a literal).
        ast::Expr::Case {
            conditions,
            else_result,
            ..
        } => {
            let ty = conditions
                .iter()
                .map(|c| &c.result)
                .chain(else_result.as_deref())
                .find_map(|e| expr_source(e, file).1);
            (None, ty)
        }
        ast::Expr::IsNull(_)
        | ast::Expr::IsNotNull(_)
        | ast::Expr::Exists { .. }
        | ast::Expr::InList { .. }
        | ast::Expr::Between { .. } => (None, Some(TypeRef::Known(PgType::Bool))),
        ast::Expr::BinaryOp { op, .. } => {
            use ast::BinaryOperator as B;
            let b = matches!(
                op,
                B::Eq | B::NotEq | B::Lt | B::LtEq | B::Gt | B::GtEq | B::And | B::Or
            );
            (
                None,
                if b {
                    Some(TypeRef::Known(PgType::Bool))
                } else if matches!(op, B::StringConcat) {
                    Some(TypeRef::Known(PgType::Text))
                } else {
                    None
                },
            )
        }
        _ => (None, None),
    }
}
