//! The Postgres front end: turns each split statement into lowered [`Stmt`]s.
//!
//! Our own reader (this module's siblings) handles the DDL skeleton — tables, ALTER TABLE,
//! indexes, policies, triggers, sequences, types, comments, drops, `DO` blocks — because
//! sqlparser lacks many forms real migrations use (see `shared/notes/sqlparser-gaps.md`).
//! sqlparser parses what it is good at: expressions, queries (views) and function
//! signatures, and validates every statement kind we do not read ourselves.

mod aggregate;
mod classify;
mod comment;
mod constraint;
pub mod cursor;
mod do_block;
mod drop;
mod expr;
mod extension;
mod figure;
mod function;
mod grant;
mod guard;
mod ident;
mod index;
mod inline;
mod lower;
mod lower_clauses;
mod lower_dml;
mod lower_ops;
mod policy;
mod query;
mod rename;
mod schema;
mod semicolon;
mod sequence;
mod session;
mod storage;
mod table;
mod table_alter;
mod trigger;
pub mod typename;
mod types;
mod view;

use crate::cmd::{Cmd, Stmt};
use crate::diag::{codes, Diagnostic};
use crate::lex::{Kind, Token};
use crate::span::{FileId, Span};
use crate::split::{RawKind, RawStatement};
use classify::Route;
use cursor::{Cursor, Expected};

/// Everything the front end made of one file.
#[derive(Debug, Default)]
pub struct Parsed {
    pub stmts: Vec<Stmt>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Context for one statement.
pub(crate) struct Cx<'a> {
    pub src: &'a str,
    pub file: FileId,
    /// Set inside `DO` blocks guarded by IF/EXCEPTION (replay tolerates conflicts there).
    pub out: &'a mut Parsed,
    pub guarded: bool,
    pub lenient: bool,
    pub guards: Vec<crate::cmd::Guard>,
    /// Lower what the query analyzer reads (see `parse_file`).
    pub analyze: bool,
}

impl Cx<'_> {
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }
    pub fn push(&mut self, kind: &'static str, span: Span, cmd: Cmd) {
        self.out.stmts.push(Stmt {
            kind,
            span,
            cmd,
            guarded: self.guarded,
            lenient: self.lenient,
            guards: self.guards.clone(),
        });
    }
}

/// Parse all statements of one file.
/// `analyze`: lower expressions, view queries and SQL function bodies for the query
/// analyzer (`Options::skip_query_analyzer` turns it off).
pub fn parse_file(file: FileId, src: &str, raws: &[RawStatement], analyze: bool) -> Parsed {
    let mut out = Parsed::default();
    for raw in raws {
        let span = Span::new(file, raw.start, raw.end);
        match raw.kind {
            RawKind::Meta => {
                let text = &src[raw.start..raw.end];
                let cmd = text.split_whitespace().next().unwrap_or("\\");
                out.diagnostics.push(
                    Diagnostic::warning(
                        codes::PSQL_META,
                        format!("psql meta-command `{cmd}` is not SQL; skipped"),
                    )
                    .at(span, "psql only"),
                );
                out.stmts.push(Stmt {
                    kind: "psql meta-command",
                    span,
                    cmd: Cmd::NotModelled("psql meta-command"),
                    guarded: false,
                    lenient: false,
                    guards: vec![],
                });
            }
            RawKind::CopyData => {}
            RawKind::Sql => {
                let mut cx = Cx {
                    src,
                    file,
                    out: &mut out,
                    guarded: false,
                    lenient: false,
                    guards: vec![],
                    analyze,
                };
                parse_statement(&mut cx, &raw.tokens, span);
            }
        }
    }
    out
}

/// Parse one statement's tokens (also used for DDL found inside `DO` bodies).
pub(crate) fn parse_statement(cx: &mut Cx, toks: &[Token], span: Span) {
    if let Some(t) = toks.iter().find(|t| t.kind == Kind::Unterminated) {
        let (start, end) = (t.start as usize, t.end as usize);
        let what = match cx.src.as_bytes().get(start) {
            Some(b'\'' | b'e' | b'E') => "string literal",
            Some(b'"') => "quoted identifier",
            Some(b'$') => "dollar-quoted string",
            _ => "comment",
        };
        cx.out.diagnostics.push(
            Diagnostic::error(codes::SYNTAX, format!("unterminated {what}")).at(
                cx.span(start, first_chars(cx.src, start, end, 2)),
                "starts here and never ends",
            ),
        );
        return;
    }
    if let Some(t) = toks.iter().find(|t| t.kind == Kind::PsqlVar) {
        let name = t.text(cx.src);
        cx.out.diagnostics.push(
            Diagnostic::warning(
                codes::PSQL_META,
                format!("statement uses psql variable `{name}`; skipped"),
            )
            .at(
                cx.span(t.start as usize, t.end as usize),
                "only psql can fill this in",
            ),
        );
        cx.push("psql variable", span, Cmd::NotModelled("psql variable"));
        return;
    }
    let route = classify::route(cx.src, toks);
    let mut c = Cursor::new(cx.src, toks, cx.file);
    let result = match route {
        Route::Own(kind, f) => {
            // A statement our reader would accept can still have swallowed the next one
            // (`… DEFAULT false` + newline + `ALTER TABLE …`): PostgreSQL would refuse it.
            if let Some(i) =
                semicolon::run_together_at(cx.src, toks, semicolon::allowed_starters(kind))
            {
                split_at(cx, toks, i);
                return;
            }
            f(cx, &mut c, span).map(|cmds| (kind, cmds))
        }
        Route::NotModelled(kind) => {
            if let Some(i) =
                semicolon::run_together_at(cx.src, toks, semicolon::allowed_starters(kind))
            {
                split_at(cx, toks, i);
                return;
            }
            Ok((kind, vec![Cmd::NotModelled(kind)]))
        }
        Route::Do => {
            do_block::parse(cx, &mut c, span);
            return;
        }
        Route::Sqlparser(kind) => match query::parse_with_sqlparser(cx, toks, span, kind) {
            Ok(cmds) => Ok((kind, cmds)),
            Err(e) => Err(e),
        },
    };
    match result {
        Ok((kind, cmds)) => {
            for cmd in cmds {
                cx.push(kind, span, cmd);
            }
        }
        Err(e) => report_syntax(cx, toks, span, e),
    }
}

fn missing_semicolon(cx: &mut Cx, toks: &[Token], idx: usize) {
    let t = toks[idx];
    let prev = toks[idx - 1];
    let word = t.text(cx.src).to_uppercase();
    let (line, _) = crate::span::SourceFile::new("", cx.src, false).line_col(prev.end as usize);
    cx.out.diagnostics.push(
        Diagnostic::error(
            codes::MISSING_SEMICOLON,
            format!("missing `;` before `{word}`: two statements run together"),
        )
        .at(
            cx.span(t.start as usize, t.end as usize),
            "a new statement starts here",
        )
        .also(
            cx.span(prev.start as usize, prev.end as usize),
            "the previous statement ends here",
        )
        .help(format!("add `;` at the end of line {line}")),
    );
}

/// Report the missing `;` before token `i`, then replay both halves as the statements
/// they were meant to be, so later diagnostics stay accurate.
fn split_at(cx: &mut Cx, toks: &[Token], i: usize) {
    missing_semicolon(cx, toks, i);
    let (a, b) = toks.split_at(i);
    let span_of =
        |t: &[Token]| Span::new(cx.file, t[0].start as usize, t[t.len() - 1].end as usize);
    let (sa, sb) = (span_of(a), span_of(b));
    parse_statement(cx, a, sa);
    parse_statement(cx, b, sb);
}

fn report_syntax(cx: &mut Cx, toks: &[Token], span: Span, e: Expected) {
    if let Some(i) = semicolon::run_together_at(
        cx.src,
        toks,
        &["select", "insert", "update", "delete", "set", "do"],
    ) {
        // Only when the parser stopped at or after the second statement's start.
        if e.at >= toks[i].start as usize || e.at >= toks[i - 1].end as usize {
            split_at(cx, toks, i);
            return;
        }
    }
    let at = e.at.clamp(span.start as usize, span.end as usize);
    let end = toks
        .iter()
        .find(|t| t.start as usize >= at)
        .map(|t| t.end as usize)
        .unwrap_or(at)
        .max(at);
    cx.out.diagnostics.push(
        Diagnostic::error(codes::SYNTAX, format!("syntax error: {}", e.message))
            .at(cx.span(at, end), "here"),
    );
}

/// The end of the first `n` characters from `start` (at most `end`): a span that never cuts a
/// character in two.
fn first_chars(src: &str, start: usize, end: usize, n: usize) -> usize {
    src.get(start..end)
        .and_then(|t| t.char_indices().nth(n))
        .map_or(end, |(i, _)| start + i)
}

/// One statement of a query file (`text` starts at byte `start` of `file`): a query, INSERT,
/// UPDATE or DELETE, lowered for the analyzer; the syntax error sqlparser stops at, or `None`
/// inside the `Ok` for any other kind of statement.
pub fn lower_statement(
    text: &str,
    start: usize,
    file: crate::span::FileId,
) -> Result<Option<crate::sql::Statement>, cursor::Expected> {
    let dialect = sqlparser::dialect::PostgreSqlDialect {};
    let parsed = sqlparser::parser::Parser::new(&dialect)
        .try_with_sql(text)
        .and_then(|mut p| {
            let s = p.parse_statement()?;
            while p.consume_token(&sqlparser::tokenizer::Token::SemiColon) {}
            match p.peek_token().token {
                sqlparser::tokenizer::Token::EOF => Ok(s),
                _ => p.expected("end of statement", p.peek_token()),
            }
        })
        .map_err(|e| query::sqlparser_error(&e, text, start))?;
    let lower = lower::Lower::new(text, start, file);
    Ok(lower.statement(&parsed))
}
