//! Our reader for COMMENT ON every kind (one grammar rule; the catalog dispatches by family).

use super::cursor::{done, Cursor, PResult};
use super::function::arg_types;
use super::Cx;
use crate::cmd::*;
use crate::lex::Kind;
use crate::span::Span;

pub fn comment(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("comment")?;
    c.expect_word("on")?;
    let target = if c.eat_word("table") || c.eat_words(&["foreign", "table"]) {
        CommentTarget::Table(c.obj_name()?)
    } else if c.eat_word("column") {
        let n = c.obj_name()?;
        // schema.table.column or table.column
        let text = c.src[n.span.start as usize..n.span.end as usize].to_string();
        let parts = split_dotted(&text);
        if parts.len() < 2 {
            return c.err("table.column");
        }
        let col = parts[parts.len() - 1].clone();
        let table = parts[parts.len() - 2].clone();
        let schema = (parts.len() >= 3).then(|| parts[parts.len() - 3].clone());
        CommentTarget::Column(
            ObjName {
                schema,
                name: table,
                span: n.span,
            },
            col,
        )
    } else if c.eat_word("view") || c.eat_words(&["materialized", "view"]) {
        CommentTarget::View(c.obj_name()?)
    } else if c.eat_word("type") || c.eat_word("domain") {
        CommentTarget::Type(c.obj_name()?)
    } else if c.eat_word("function") || c.eat_word("procedure") || c.eat_word("routine") {
        let n = c.obj_name()?;
        let args = arg_types(c)?;
        CommentTarget::Function(n, args)
    } else if c.eat_word("schema") {
        CommentTarget::Schema(c.ident()?.0)
    } else if c.eat_word("index") {
        CommentTarget::Index(c.obj_name()?)
    } else if c.is_word("constraint") || c.is_word("trigger") || c.is_word("policy") {
        let kind = if c.eat_word("constraint") {
            "constraint"
        } else if c.eat_word("trigger") {
            "trigger"
        } else {
            c.bump();
            "policy"
        };
        let (name, _) = c.ident()?;
        c.expect_word("on")?;
        c.eat_word("domain");
        CommentTarget::OnTable(kind, name, c.obj_name()?)
    } else {
        // CONSTRAINT x ON t, POLICY x ON t, TRIGGER x ON t, INDEX, EXTENSION, ROLE, …
        let kind = match c.peek().map(|t| c.text(t).to_ascii_lowercase()).as_deref() {
            Some("constraint") => "constraint",
            Some("policy") => "policy",
            Some("trigger") => "trigger",
            Some("index") => "index",
            Some("extension") => "extension",
            Some("sequence") => "sequence",
            Some("role") => "role",
            _ => "other",
        };
        while !c.done() && !c.is_word("is") {
            if c.is_punct("(") {
                c.paren_group()?;
            } else {
                c.bump();
            }
        }
        CommentTarget::Other(kind)
    };
    c.expect_word("is")?;
    let text = if c.eat_word("null") {
        None
    } else {
        Some(c.string()?)
    };
    done(c, vec![Cmd::Comment { target, text }])
}

/// Split `a."B".c` into folded parts.
fn split_dotted(text: &str) -> Vec<String> {
    let toks = crate::lex::lex(text);
    toks.iter()
        .filter(|t| matches!(t.kind, Kind::Word | Kind::QuotedIdent))
        .map(|t| crate::names::fold(t.text(text)))
        .collect()
}
