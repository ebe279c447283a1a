//! Our reader for SET and pg_dump's `set_config('search_path', …)`: search_path changes
//! the model, `check_function_bodies` whether SQL function bodies are checked.

use super::cursor::{Cursor, PResult};
use super::Cx;
use crate::cmd::*;
use crate::lex::Kind;
use crate::span::Span;

pub fn set(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("set")?;
    let _ = c.eat_word("local") || c.eat_word("session");
    if c.eat_word("check_function_bodies") {
        if !c.eat_word("to") {
            c.expect_punct("=")?;
        }
        let value = c
            .bump()
            .map(|t| crate::lex::string_value(t, c.src).to_ascii_lowercase());
        c.rest();
        let on = !matches!(value.as_deref(), Some("false" | "off" | "0" | "no"));
        return Ok(vec![Cmd::SetCheckFunctionBodies(on)]);
    }
    if !c.eat_word("search_path") {
        c.rest();
        return Ok(vec![Cmd::NotModelled("SET")]);
    }
    if !c.eat_word("to") {
        c.expect_punct("=")?;
    }
    let mut path = vec![];
    while let Some(t) = c.bump() {
        match t.kind {
            Kind::Word | Kind::QuotedIdent => path.push(crate::names::fold(c.text(t))),
            Kind::String => {
                let v = crate::lex::string_value(t, c.src);
                path.extend(
                    v.split(',')
                        .map(|s| s.trim().trim_matches('"').to_string())
                        .filter(|s| !s.is_empty()),
                );
            }
            _ => {}
        }
    }
    if path.len() == 1 && path[0] == "default" {
        path = vec!["$user".into(), "public".into()];
    }
    Ok(vec![Cmd::SetSearchPath(path)])
}

/// `SELECT pg_catalog.set_config('search_path', 'a, b', false)`.
pub fn set_config(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    let strings: Vec<String> = c
        .toks
        .iter()
        .filter(|t| t.kind == Kind::String)
        .map(|t| crate::lex::string_value(t, c.src))
        .collect();
    c.rest();
    let value = strings.get(1).cloned().unwrap_or_default();
    Ok(vec![Cmd::SetSearchPath(
        value
            .split(',')
            .map(|s| s.trim().trim_matches('"').to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    )])
}
