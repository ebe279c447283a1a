//! Our reader for DROP of every kind: one grammar rule (`DROP <kind> [IF EXISTS] names
//! [CASCADE]`) for all of them; the catalog gives each family its own handling.

use super::cursor::{done, Cursor, PResult};
use super::function::arg_types;
use super::Cx;
use crate::cmd::*;
use crate::span::Span;

pub fn drop(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("drop")?;
    let kind = if c.eat_word("table") {
        ObjKind::Table
    } else if c.eat_words(&["foreign", "table"]) {
        ObjKind::ForeignTable
    } else if c.eat_word("view") {
        ObjKind::View
    } else if c.eat_words(&["materialized", "view"]) {
        ObjKind::MaterializedView
    } else if c.eat_word("index") {
        c.eat_word("concurrently");
        ObjKind::Index
    } else if c.eat_word("sequence") {
        ObjKind::Sequence
    } else if c.eat_word("type") {
        ObjKind::Type
    } else if c.eat_word("domain") {
        ObjKind::Domain
    } else if c.eat_word("function") || c.eat_word("routine") {
        ObjKind::Function
    } else if c.eat_word("procedure") {
        ObjKind::Procedure
    } else if c.eat_word("trigger") {
        ObjKind::Trigger
    } else if c.eat_word("policy") {
        ObjKind::Policy
    } else if c.eat_word("schema") {
        ObjKind::Schema
    } else if c.eat_word("extension") {
        ObjKind::Extension
    } else {
        c.rest();
        return Ok(vec![Cmd::NotModelled("DROP (other)")]);
    };
    let if_exists = c.eat_words(&["if", "exists"]);
    let mut names = vec![];
    let mut on = None;
    loop {
        let n = c.obj_name()?;
        let args = if matches!(kind, ObjKind::Function | ObjKind::Procedure) {
            arg_types(c)?
        } else {
            None
        };
        names.push((n, args));
        if !c.eat_punct(",") {
            break;
        }
    }
    if matches!(kind, ObjKind::Trigger | ObjKind::Policy) {
        c.expect_word("on")?;
        on = Some(c.obj_name()?);
    }
    let cascade = c.eat_word("cascade");
    if !cascade {
        c.eat_word("restrict");
    }
    done(
        c,
        vec![Cmd::Drop {
            kind,
            names,
            if_exists,
            cascade,
            on,
        }],
    )
}
