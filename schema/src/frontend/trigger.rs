//! Our reader for CREATE TRIGGER (arguments, WHEN, transition tables).

use super::cursor::{done, inner, split_commas, Cursor, PResult};
use super::Cx;
use crate::cmd::*;
use crate::ir::TriggerTiming;
use crate::span::Span;

pub fn create_trigger(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("create")?;
    let or_replace = c.eat_words(&["or", "replace"]);
    c.eat_word("constraint");
    c.expect_word("trigger")?;
    let (name, _) = c.ident()?;
    let timing = if c.eat_word("before") {
        TriggerTiming::Before
    } else if c.eat_word("after") {
        TriggerTiming::After
    } else if c.eat_words(&["instead", "of"]) {
        TriggerTiming::InsteadOf
    } else {
        return c.err("BEFORE, AFTER or INSTEAD OF");
    };
    let mut events = vec![];
    loop {
        let (ev, _) = c.ident()?;
        if !matches!(ev.as_str(), "insert" | "update" | "delete" | "truncate") {
            return c.err("INSERT, UPDATE, DELETE or TRUNCATE");
        }
        let mut cols = vec![];
        if ev == "update" && c.eat_word("of") {
            loop {
                cols.push(c.ident()?.0);
                if !c.eat_punct(",") {
                    break;
                }
            }
        }
        events.push((ev, cols));
        if !c.eat_word("or") {
            break;
        }
    }
    c.expect_word("on")?;
    let table = c.obj_name()?;
    let mut for_each_row = false;
    let mut when = None;
    loop {
        if c.eat_word("from") {
            c.obj_name()?;
        } else if c.eat_words(&["not", "deferrable"])
            || c.eat_word("deferrable")
            || c.eat_words(&["initially", "deferred"])
            || c.eat_words(&["initially", "immediate"])
        {
        } else if c.eat_word("referencing") {
            while c.eat_word("old") || c.eat_word("new") {
                let _ = c.eat_word("table") || c.eat_word("row");
                c.eat_word("as");
                c.ident()?;
            }
        } else if c.eat_word("for") {
            c.eat_word("each");
            for_each_row = c.eat_word("row");
            if !for_each_row {
                c.expect_word("statement")?;
            }
        } else if c.eat_word("when") {
            let (a, b) = c.paren_group()?;
            when = Some(c.src[a..b].trim().to_string());
        } else {
            break;
        }
    }
    c.expect_word("execute")?;
    if !c.eat_word("function") {
        c.expect_word("procedure")?;
    }
    let function = c.obj_name()?;
    let group = c.paren_group()?;
    let toks = inner(c, group);
    let mut arguments = vec![];
    for a in split_commas(c.src, &toks) {
        let t = a.first().copied();
        if let Some(t) = t {
            arguments.push(crate::lex::string_value(&t, c.src));
        }
    }
    done(
        c,
        vec![Cmd::CreateTrigger(CreateTrigger {
            name,
            or_replace,
            table,
            timing,
            events,
            for_each_row,
            when,
            function,
            arguments,
        })],
    )
}
