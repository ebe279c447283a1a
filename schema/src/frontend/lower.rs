//! sqlparser's query and expression trees lowered into `crate::sql`, the analyzer's own:
//! names folded, spans as byte ranges of the file, SQL's special forms (`EXTRACT`,
//! `POSITION`, `SUBSTRING`, `TRIM`, `AT TIME ZONE`, `BETWEEN`, `LIKE`) turned into the
//! function or operator calls PostgreSQL's grammar turns them into.

use super::ident::{ident_name, ident_span, obj_name};
use super::lower_ops::{operator_name, spaceship_reads_as_postgres};
use super::typename::parse_type_str;
use crate::cmd::{ObjName, TypeRef};
use crate::ir::PgType;
use crate::span::{FileId, Span};
use crate::sql::*;
use sqlparser::ast::{self, Spanned};

pub struct Lower<'a> {
    pub text: &'a str,
    pub start: usize,
    pub file: FileId,
    /// Where each line of `text` starts: sqlparser's spans are lines and columns, and
    /// finding a line by scanning from the top for every node made long views quadratic.
    lines: Vec<usize>,
}

impl<'a> Lower<'a> {
    /// Lowering for `text`, which starts at byte `start` of `file`.
    pub fn new(text: &'a str, start: usize, file: FileId) -> Lower<'a> {
        let breaks = text.match_indices('\n').map(|(i, _)| i + 1);
        Lower {
            text,
            start,
            file,
            lines: std::iter::once(0).chain(breaks).collect(),
        }
    }

    /// The byte offset of sqlparser's 1-based line and column (`ident::loc_offset`, indexed).
    fn offset(&self, line: u64, col: u64) -> Option<usize> {
        let at = *self
            .lines
            .get(usize::try_from(line).ok()?.checked_sub(1)?)?;
        let end = self
            .lines
            .get(line as usize)
            .copied()
            .unwrap_or(self.text.len());
        // As `loc_offset`: no line after a final newline (or in empty text).
        let l = self.text.get(at..end).filter(|l| !l.is_empty())?;
        let c = usize::try_from(col).ok()?.checked_sub(1)?;
        // Columns count characters; over ASCII they are bytes.
        let ascii = c.min(l.len());
        if l.as_bytes()[..ascii].is_ascii() {
            return Some(at + ascii);
        }
        let by = l.char_indices().nth(c);
        Some(at + by.map_or(l.len(), |(b, _)| b))
    }

    pub(super) fn span_of(&self, s: sqlparser::tokenizer::Span) -> Span {
        let a = self.offset(s.start.line, s.start.column);
        let b = self.offset(s.end.line, s.end.column);
        match (a, b) {
            (Some(a), Some(b)) if b >= a => Span::new(self.file, self.start + a, self.start + b),
            (Some(a), _) => Span::new(self.file, self.start + a, self.start + a + 1),
            _ => self.whole(),
        }
    }

    pub(super) fn whole(&self) -> Span {
        Span::new(self.file, self.start, self.start + self.text.len())
    }

    pub(super) fn name(&self, n: &ast::ObjectName) -> Option<ObjName> {
        obj_name(n, self.text, self.start, self.file)
    }

    fn ty(&self, t: &ast::DataType) -> Option<TypeRef> {
        parse_type_str(&t.to_string(), self.file).map(|x| x.0)
    }

    pub fn query(&self, q: &ast::Query) -> Query {
        let With { ctes, recursive } = self.with(&q.with);
        let (limit, offset) = self.limits(&q.limit_clause);
        Query {
            ctes,
            recursive,
            body: self.set_expr(&q.body),
            limit,
            offset,
            order_by: self.order_by(&q.order_by),
        }
    }

    /// A `WITH` clause's CTEs.
    pub(super) fn with(&self, w: &Option<ast::With>) -> With {
        let Some(w) = w else {
            return With::default();
        };
        let ctes = w.cte_tables.iter().map(|c| Cte {
            name: ident_name(&c.alias.name),
            columns: c
                .alias
                .columns
                .iter()
                .map(|c| ident_name(&c.name))
                .collect(),
            query: self.query(&c.query),
        });
        With {
            ctes: ctes.collect(),
            recursive: w.recursive,
        }
    }

    fn set_expr(&self, s: &ast::SetExpr) -> SetExpr {
        match s {
            ast::SetExpr::Select(sel) => SetExpr::Select(Box::new(self.select(sel))),
            ast::SetExpr::Query(q) => SetExpr::Query(Box::new(self.query(q))),
            ast::SetExpr::SetOperation {
                left, right, op, ..
            } => SetExpr::SetOp {
                span: self.span_of(s.span()),
                op: op.to_string().to_ascii_uppercase(),
                left: Box::new(self.set_expr(left)),
                right: Box::new(self.set_expr(right)),
            },
            ast::SetExpr::Values(v) => SetExpr::Values(
                v.rows
                    .iter()
                    .map(|r| r.content.iter().map(|e| self.expr(e)).collect())
                    .collect(),
            ),
            ast::SetExpr::Table(t) => match &t.table_name {
                Some(name) => SetExpr::Table(ObjName {
                    schema: t.schema_name.clone(),
                    name: crate::names::fold(name),
                    span: self.whole(),
                }),
                None => SetExpr::Unknown,
            },
            ast::SetExpr::Insert(st) | ast::SetExpr::Update(st) | ast::SetExpr::Delete(st) => {
                self.modify(st)
            }
            _ => SetExpr::Unknown,
        }
    }

    fn select(&self, s: &ast::Select) -> Select {
        let (group_by, group_by_partial) = self.group_by(&s.group_by);
        Select {
            items: s.projection.iter().map(|i| self.item(i)).collect(),
            from: s.from.iter().map(|t| self.table_with_joins(t)).collect(),
            filter: s.selection.as_ref().map(|e| self.expr(e)),
            group_by,
            group_by_partial,
            having: s.having.as_ref().map(|e| self.expr(e)),
            distinct: matches!(s.distinct, Some(ast::Distinct::Distinct)),
            distinct_on: self.distinct_on(&s.distinct),
            windows: self.windows(&s.named_window),
        }
    }

    pub(super) fn item(&self, i: &ast::SelectItem) -> Item {
        match i {
            ast::SelectItem::UnnamedExpr(e) => Item::Expr {
                expr: self.expr(e),
                name: Some(super::figure::output_name(e)),
            },
            ast::SelectItem::ExprWithAlias { expr, alias } => Item::Expr {
                expr: self.expr(expr),
                name: Some(ident_name(alias)),
            },
            ast::SelectItem::ExprWithAliases { expr, aliases } => Item::Expr {
                expr: self.expr(expr),
                name: aliases.first().map(ident_name),
            },
            ast::SelectItem::Wildcard(_) => Item::Star {
                qualifier: None,
                span: self.span_of(i.span()),
            },
            ast::SelectItem::QualifiedWildcard(kind, _) => Item::Star {
                qualifier: match kind {
                    ast::SelectItemQualifiedWildcardKind::ObjectName(n) => {
                        n.0.last().and_then(|p| p.as_ident()).map(ident_name)
                    }
                    ast::SelectItemQualifiedWildcardKind::Expr(_) => None,
                },
                span: self.span_of(i.span()),
            },
        }
    }

    fn alias(&self, a: &Option<ast::TableAlias>) -> Option<Alias> {
        a.as_ref().map(|a| Alias {
            name: ident_name(&a.name),
            columns: a.columns.iter().map(|c| ident_name(&c.name)).collect(),
        })
    }

    fn definitions(&self, a: &Option<ast::TableAlias>) -> Vec<(String, TypeRef)> {
        let Some(a) = a else { return vec![] };
        a.columns
            .iter()
            .filter_map(|c| Some((ident_name(&c.name), self.ty(c.data_type.as_ref()?)?)))
            .collect()
    }

    pub(super) fn table_with_joins(&self, t: &ast::TableWithJoins) -> From {
        let mut left = self.factor(&t.relation);
        for j in &t.joins {
            use ast::JoinOperator as J;
            let (kind, c) = match &j.join_operator {
                J::Join(c) | J::Inner(c) | J::StraightJoin(c) => (JoinKind::Inner, Some(c)),
                J::Left(c) | J::LeftOuter(c) => (JoinKind::Left, Some(c)),
                J::Right(c) | J::RightOuter(c) => (JoinKind::Right, Some(c)),
                J::FullOuter(c) => (JoinKind::Full, Some(c)),
                J::CrossJoin(c) => (JoinKind::Cross, Some(c)),
                _ => (JoinKind::Inner, None),
            };
            let (on, using, natural) = match c {
                Some(ast::JoinConstraint::On(e)) => (Some(self.expr(e)), vec![], false),
                Some(ast::JoinConstraint::Using(v)) => (
                    None,
                    v.iter()
                        .filter_map(|n| n.0.last()?.as_ident().map(ident_name))
                        .collect(),
                    false,
                ),
                Some(ast::JoinConstraint::Natural) => (None, vec![], true),
                _ => (None, vec![], false),
            };
            let right = if c.is_some() {
                self.factor(&j.relation)
            } else {
                From::Unknown
            };
            left = From::Join {
                left: Box::new(left),
                right: Box::new(right),
                kind,
                on,
                using,
                natural,
            };
        }
        left
    }

    fn factor(&self, f: &ast::TableFactor) -> From {
        match f {
            ast::TableFactor::Table {
                name,
                alias,
                args: None,
                ..
            } => match self.name(name) {
                Some(name) => From::Relation {
                    name,
                    alias: self.alias(alias),
                },
                None => From::Unknown,
            },
            ast::TableFactor::Table {
                name,
                alias,
                args: Some(args),
                with_ordinality,
                ..
            } => self.function_factor(name, &args.args, alias, *with_ordinality, f.span()),
            ast::TableFactor::Function {
                name,
                args,
                alias,
                with_ordinality,
                ..
            } => self.function_factor(name, args, alias, *with_ordinality, f.span()),
            ast::TableFactor::UNNEST {
                alias,
                array_exprs,
                with_ordinality,
                ..
            } => {
                let span = self.span_of(f.span());
                let name = ObjName {
                    schema: None,
                    name: "unnest".into(),
                    span,
                };
                let call = Call::new(name, array_exprs.iter().map(|e| self.expr(e)).collect());
                From::Function {
                    call: Expr {
                        kind: ExprKind::Func(Box::new(call)),
                        span,
                    },
                    alias: self.alias(alias),
                    ordinality: *with_ordinality,
                    definitions: vec![],
                }
            }
            ast::TableFactor::Derived {
                subquery, alias, ..
            } => From::Subquery {
                query: Box::new(self.query(subquery)),
                alias: self.alias(alias),
            },
            ast::TableFactor::NestedJoin {
                table_with_joins,
                alias: None,
            } => self.table_with_joins(table_with_joins),
            ast::TableFactor::XmlTable { columns, alias, .. } => {
                self.xml_table(columns, alias, f.span())
            }
            _ => From::Unknown,
        }
    }

    /// `XMLTABLE(… COLUMNS a int PATH …, n FOR ORDINALITY)`: a function in FROM whose columns
    /// are declared (FOR ORDINALITY is `integer`).
    fn xml_table(
        &self,
        columns: &[ast::XmlTableColumn],
        alias: &Option<ast::TableAlias>,
        span: sqlparser::tokenizer::Span,
    ) -> From {
        let span = self.span_of(span);
        let mut definitions = vec![];
        for c in columns {
            let ty = match &c.option {
                ast::XmlTableColumnOption::ForOrdinality => TypeRef::Known(PgType::Int4),
                ast::XmlTableColumnOption::NamedInfo { r#type, .. } => match self.ty(r#type) {
                    Some(t) => t,
                    None => return From::Unknown,
                },
            };
            definitions.push((ident_name(&c.name), ty));
        }
        let name = ObjName {
            schema: None,
            name: "xmltable".into(),
            span,
        };
        From::Function {
            call: Expr {
                kind: ExprKind::Func(Box::new(self.call(name, &[]))),
                span,
            },
            alias: self.alias(alias),
            ordinality: false,
            definitions,
        }
    }

    fn function_factor(
        &self,
        name: &ast::ObjectName,
        args: &[ast::FunctionArg],
        alias: &Option<ast::TableAlias>,
        ordinality: bool,
        span: sqlparser::tokenizer::Span,
    ) -> From {
        let Some(name) = self.name(name) else {
            return From::Unknown;
        };
        let span = self.span_of(span);
        let call = self.call(name, args);
        let definitions = self.definitions(alias);
        let mut alias = self.alias(alias);
        if !definitions.is_empty() {
            if let Some(a) = alias.as_mut() {
                a.columns.clear();
            }
        }
        From::Function {
            call: Expr {
                kind: ExprKind::Func(Box::new(call)),
                span,
            },
            alias,
            ordinality,
            definitions,
        }
    }

    fn call(&self, name: ObjName, args: &[ast::FunctionArg]) -> Call {
        let mut c = Call::new(name, vec![]);
        for a in args {
            let (n, arg) = match a {
                ast::FunctionArg::Unnamed(x) => (None, x),
                ast::FunctionArg::Named { name, arg, .. } => (Some(ident_name(name)), arg),
                ast::FunctionArg::ExprNamed { name, arg, .. } => match name {
                    ast::Expr::Identifier(id) => (Some(ident_name(id)), arg),
                    _ => (Some(String::new()), arg),
                },
            };
            match arg {
                ast::FunctionArgExpr::Expr(e) => {
                    c.args.push(self.expr(e));
                    c.arg_names.push(n);
                }
                _ => c.star = true,
            }
        }
        c
    }

    fn function(&self, f: &ast::Function, span: Span) -> ExprKind {
        let Some(name) = self.name(&f.name) else {
            return ExprKind::Unknown;
        };
        let mut call = match &f.args {
            ast::FunctionArguments::List(l) => {
                let mut c = self.call(name, &l.args);
                // `VARIADIC` is kept by sqlparser only in the text.
                let (a, b) = (span.start as usize, span.end as usize);
                c.variadic = self
                    .text
                    .get(a.saturating_sub(self.start)..b.saturating_sub(self.start))
                    .is_some_and(|t| t.to_ascii_lowercase().contains("variadic "));
                c
            }
            ast::FunctionArguments::None => {
                if name.schema.is_none() {
                    if let Some(k) = self.sql_value_function(&name.name, span) {
                        return k;
                    }
                }
                self.call(name, &[])
            }
            ast::FunctionArguments::Subquery(q) if call_name_is(f, "array") => {
                return ExprKind::ArraySubquery(Box::new(self.query(q)));
            }
            ast::FunctionArguments::Subquery(_) => return ExprKind::Unknown,
        };
        call.within_group = f.within_group.iter().map(|o| self.expr(&o.expr)).collect();
        self.call_clauses(&mut call, f);
        normalize_form(&mut call);
        ExprKind::Func(Box::new(call))
    }

    fn call_of(&self, name: &str, args: Vec<Expr>, span: Span) -> ExprKind {
        let name = ObjName {
            schema: Some("pg_catalog".into()),
            name: name.into(),
            span,
        };
        ExprKind::Func(Box::new(Call::new(name, args)))
    }

    fn boxed(&self, e: &ast::Expr) -> Box<Expr> {
        Box::new(self.expr(e))
    }

    fn binary(&self, op: &str, l: &ast::Expr, r: &ast::Expr) -> ExprKind {
        ExprKind::Binary {
            op: op.into(),
            left: self.boxed(l),
            right: self.boxed(r),
        }
    }

    pub fn expr(&self, e: &ast::Expr) -> Expr {
        let span = self.span_of(e.span());
        Expr {
            kind: self.kind(e, span),
            span,
        }
    }

    fn kind(&self, e: &ast::Expr, span: Span) -> ExprKind {
        use ast::Expr as E;
        match e {
            E::Identifier(id) => self.identifier(id),
            E::CompoundIdentifier(ids) => ExprKind::Column(ids.iter().map(ident_name).collect()),
            E::Nested(inner) => self.kind(inner, span),
            E::Value(v) => literal(&v.value),
            E::TypedString(t) => match self.ty(&t.data_type) {
                Some(ty) => ExprKind::Typed(ty),
                None => ExprKind::Unknown,
            },
            E::Interval(_) => ExprKind::Typed(TypeRef::Known(PgType::Interval {
                fields: None,
                precision: None,
            })),
            E::Cast {
                expr, data_type, ..
            } => match self.ty(data_type) {
                Some(ty) => ExprKind::Cast {
                    expr: self.boxed(expr),
                    ty,
                },
                None => ExprKind::Unknown,
            },
            E::BinaryOp { left, op, right } => match op {
                ast::BinaryOperator::And | ast::BinaryOperator::Or => ExprKind::Bool {
                    op: if matches!(op, ast::BinaryOperator::And) {
                        "AND"
                    } else {
                        "OR"
                    },
                    args: vec![self.expr(left), self.expr(right)],
                },
                ast::BinaryOperator::Spaceship if !spaceship_reads_as_postgres(left, right) => {
                    ExprKind::Unknown
                }
                _ => match operator_name(op) {
                    Some(o) => self.binary(&o, left, right),
                    None => ExprKind::Unknown,
                },
            },
            E::UnaryOp { op, expr } => match op {
                ast::UnaryOperator::Not => ExprKind::Bool {
                    op: "NOT",
                    args: vec![self.expr(expr)],
                },
                other => ExprKind::Unary {
                    op: other.to_string(),
                    expr: self.boxed(expr),
                },
            },
            E::Function(f) => self.function(f, span),
            _ => self.special(e, span),
        }
    }

    fn identifier(&self, id: &ast::Ident) -> ExprKind {
        let name = ident_name(id);
        if id.quote_style.is_none() {
            let span = ident_span(id, self.text, self.start, self.file);
            if let Some(k) = self.sql_value_function(&name, span) {
                return k;
            }
        }
        ExprKind::Column(vec![name])
    }

    /// `current_date`, `current_user`, …: SQL value functions of a fixed type, never NULL.
    fn sql_value_function(&self, name: &str, span: Span) -> Option<ExprKind> {
        let typed = match name {
            "current_date" => Some(PgType::Date),
            "localtimestamp" => Some(PgType::Timestamp {
                precision: None,
                tz: false,
            }),
            "current_time" => Some(PgType::Time {
                precision: None,
                tz: true,
            }),
            "localtime" => Some(PgType::Time {
                precision: None,
                tz: false,
            }),
            _ => None,
        };
        if let Some(t) = typed {
            return Some(ExprKind::Typed(TypeRef::Known(t)));
        }
        let f = match name {
            "current_timestamp" => "now",
            "current_user" | "session_user" | "current_role" | "user" => "current_user",
            "current_schema" => "current_schema",
            "current_catalog" => "current_database",
            "system_user" => "system_user",
            _ => return None,
        };
        Some(self.call_of(f, vec![], span))
    }

    /// SQL's special syntax, as the calls PostgreSQL's grammar makes of it.
    fn special(&self, e: &ast::Expr, span: Span) -> ExprKind {
        use ast::Expr as E;
        match e {
            E::IsNull(x)
            | E::IsNotNull(x)
            | E::IsTrue(x)
            | E::IsNotTrue(x)
            | E::IsFalse(x)
            | E::IsNotFalse(x)
            | E::IsUnknown(x)
            | E::IsNotUnknown(x) => ExprKind::Test(vec![self.expr(x)]),
            E::IsDistinctFrom(a, b) | E::IsNotDistinctFrom(a, b) => {
                ExprKind::Test(vec![self.expr(a), self.expr(b)])
            }
            E::InList { expr, list, .. } => ExprKind::InList {
                expr: self.boxed(expr),
                list: list.iter().map(|e| self.expr(e)).collect(),
            },
            E::InSubquery { expr, subquery, .. } => ExprKind::InSubquery {
                expr: self.boxed(expr),
                query: Box::new(self.query(subquery)),
            },
            E::Between {
                expr, low, high, ..
            } => ExprKind::Bool {
                op: "",
                args: vec![
                    Expr {
                        kind: self.binary(">=", expr, low),
                        span,
                    },
                    Expr {
                        kind: self.binary("<=", expr, high),
                        span,
                    },
                ],
            },
            E::Like {
                expr,
                pattern,
                any: false,
                ..
            } => self.binary("~~", expr, pattern),
            E::ILike {
                expr,
                pattern,
                any: false,
                ..
            } => self.binary("~~*", expr, pattern),
            E::SimilarTo { expr, pattern, .. } => self.binary("~", expr, pattern),
            E::AnyOp {
                left,
                compare_op,
                right,
                ..
            }
            | E::AllOp {
                left,
                compare_op,
                right,
            } => match (operator_name(compare_op), right.as_ref()) {
                (Some(_), E::Subquery(q)) => ExprKind::InSubquery {
                    expr: self.boxed(left),
                    query: Box::new(self.query(q)),
                },
                (Some(op), r) => ExprKind::AnyAll {
                    op,
                    left: self.boxed(left),
                    right: self.boxed(r),
                },
                _ => ExprKind::Unknown,
            },
            E::Case {
                operand,
                conditions,
                else_result,
                ..
            } => ExprKind::Case {
                operand: operand.as_ref().map(|o| self.boxed(o)),
                whens: conditions
                    .iter()
                    .map(|w| (self.expr(&w.condition), self.expr(&w.result)))
                    .collect(),
                otherwise: else_result.as_ref().map(|e| self.boxed(e)),
            },
            E::Exists { subquery, .. } => ExprKind::Exists(Box::new(self.query(subquery))),
            E::Subquery(q) => ExprKind::Subquery(Box::new(self.query(q))),
            E::Array(a) => ExprKind::Array(a.elem.iter().map(|e| self.expr(e)).collect()),
            E::Tuple(v) => ExprKind::Row(v.iter().map(|e| self.expr(e)).collect()),
            E::Collate { expr, .. } => ExprKind::Collate(self.boxed(expr)),
            E::AtTimeZone {
                timestamp,
                time_zone,
            } => self.call_of(
                "timezone",
                vec![self.expr(time_zone), self.expr(timestamp)],
                span,
            ),
            E::Extract { expr, .. } => {
                self.call_of("extract", vec![text_literal(span), self.expr(expr)], span)
            }
            E::Position { expr, r#in } => {
                self.call_of("position", vec![self.expr(r#in), self.expr(expr)], span)
            }
            E::Substring {
                expr,
                substring_from,
                substring_for,
                ..
            } => {
                let mut args = vec![self.expr(expr)];
                args.extend(substring_from.as_ref().map(|e| self.expr(e)));
                args.extend(substring_for.as_ref().map(|e| self.expr(e)));
                self.call_of("substring", args, span)
            }
            E::Trim {
                expr,
                trim_what,
                trim_characters,
                ..
            } => {
                let mut args = vec![self.expr(expr)];
                args.extend(trim_what.as_ref().map(|e| self.expr(e)));
                args.extend(trim_characters.iter().flatten().map(|e| self.expr(e)));
                self.call_of("btrim", args, span)
            }
            E::Overlay {
                expr,
                overlay_what,
                overlay_from,
                overlay_for,
            } => {
                let mut args = vec![
                    self.expr(expr),
                    self.expr(overlay_what),
                    self.expr(overlay_from),
                ];
                args.extend(overlay_for.as_ref().map(|e| self.expr(e)));
                self.call_of("overlay", args, span)
            }
            E::Ceil { expr, .. } => self.call_of("ceil", vec![self.expr(expr)], span),
            E::Floor { expr, .. } => self.call_of("floor", vec![self.expr(expr)], span),
            E::CompoundFieldAccess { root, access_chain } => {
                let mut cur = self.expr(root);
                for a in access_chain {
                    let kind = match a {
                        ast::AccessExpr::Dot(ast::Expr::Identifier(id)) => ExprKind::Field {
                            expr: Box::new(cur),
                            name: ident_name(id),
                        },
                        ast::AccessExpr::Subscript(s) => ExprKind::Subscript {
                            expr: Box::new(cur),
                            slice: matches!(s, ast::Subscript::Slice { .. }),
                        },
                        _ => return ExprKind::Unknown,
                    };
                    cur = Expr { kind, span };
                }
                cur.kind
            }
            _ => ExprKind::Unknown,
        }
    }
}

/// `normalize(x, NFD)`: the form is a keyword, passed to the function as text.
fn normalize_form(call: &mut Call) {
    if call.name.name != "normalize" || call.args.len() != 2 {
        return;
    }
    if let ExprKind::Column(parts) = &call.args[1].kind {
        if let [w] = parts.as_slice() {
            if ["nfc", "nfd", "nfkc", "nfkd"].contains(&w.as_str()) {
                call.args[1].kind = ExprKind::Literal(Literal::String);
            }
        }
    }
}

/// A SQL function body read by sqlparser, once for both its readers (`body_statements`,
/// `inline::inlinable`); `None` when sqlparser cannot read the whole body.
pub fn parse_body(text: &str) -> Option<Vec<ast::Statement>> {
    let dialect = sqlparser::dialect::PostgreSqlDialect {};
    sqlparser::parser::Parser::parse_sql(&dialect, text).ok()
}

/// The statements of a SQL function body (`text`, starting at byte `at` of the file, parsed
/// by `parse_body`) that the analyzer reads: SELECT, INSERT, UPDATE, DELETE, lowered.
pub fn body_statements(
    statements: &[ast::Statement],
    text: &str,
    at: usize,
    file: FileId,
) -> Vec<Statement> {
    let lower = Lower::new(text, at, file);
    statements
        .iter()
        .filter_map(|s| lower.statement(s))
        .collect()
}

fn call_name_is(f: &ast::Function, name: &str) -> bool {
    f.name.0.len() == 1
        && f.name.0[0]
            .as_ident()
            .is_some_and(|i| i.value.eq_ignore_ascii_case(name))
}

fn text_literal(span: Span) -> Expr {
    Expr {
        kind: ExprKind::Literal(Literal::String),
        span,
    }
}

fn literal(v: &ast::Value) -> ExprKind {
    use ast::Value as V;
    match v {
        V::Number(n, _) => ExprKind::Literal(Literal::Number(n.clone())),
        V::Boolean(b) => ExprKind::Literal(Literal::Bool(*b)),
        V::Null => ExprKind::Literal(Literal::Null),
        V::SingleQuotedString(_)
        | V::EscapedStringLiteral(_)
        | V::DollarQuotedString(_)
        | V::UnicodeStringLiteral(_)
        | V::NationalStringLiteral(_) => ExprKind::Literal(Literal::String),
        V::Placeholder(p) => match p.strip_prefix('$').and_then(|n| n.parse().ok()) {
            Some(n) => ExprKind::Param(n),
            None => ExprKind::Unknown,
        },
        _ => ExprKind::Unknown,
    }
}
