//! Our reader for what hangs off a table: CREATE INDEX, CREATE TRIGGER, CREATE/ALTER POLICY.

use super::cursor::{split_commas, Cursor, PResult};
use super::ddl_table::column_list;
use super::{expr, Cx};
use super::cursor::{done, inner};
use crate::cmd::*;
use crate::ir::{PolicyCommand, TriggerTiming};
use crate::lex::Kind;
use crate::span::Span;

pub fn create_index(cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("create")?;
    let unique = c.eat_word("unique");
    c.expect_word("index")?;
    c.eat_word("concurrently");
    let if_not_exists = c.eat_words(&["if", "not", "exists"]);
    let (name, name_span) = if c.is_word("on") { (None, c.span(c.peek().expect("on"))) } else {
        let (n, s) = c.ident()?;
        (Some(n), s)
    };
    c.expect_word("on")?;
    let only = c.eat_word("only");
    let table = c.obj_name()?;
    let method = if c.eat_word("using") { c.ident()?.0 } else { "btree".to_string() };
    let group = c.paren_group()?;
    let toks = inner(c, group);
    let mut elems = vec![];
    for el in split_commas(c.src, &toks) {
        elems.push(index_elem(cx, c, el)?);
    }
    let mut idx = CreateIndex {
        only,
        name,
        name_span,
        table,
        unique,
        if_not_exists,
        method,
        elems,
        include: vec![],
        predicate: None,
        nulls_not_distinct: false,
    };
    loop {
        if c.eat_word("include") {
            idx.include = column_list(c)?.into_iter().map(|x| x.0).collect();
        } else if c.eat_words(&["nulls", "not", "distinct"]) {
            idx.nulls_not_distinct = true;
        } else if c.eat_words(&["nulls", "distinct"]) {
        } else if c.eat_word("with") {
            c.paren_group()?;
        } else if c.eat_word("tablespace") {
            c.ident()?;
        } else if c.eat_word("where") {
            let r = c.rest().ok_or_else(|| c.err::<()>("a predicate").unwrap_err())?;
            idx.predicate = Some(expr::analyzed(cx, c.slice(r), r.0));
        } else {
            break;
        }
    }
    done(c, vec![Cmd::CreateIndex(idx)])
}

fn index_elem(cx: &mut Cx, outer: &Cursor, el: &[crate::lex::Token]) -> PResult<IndexElem> {
    let mut c = Cursor::new(outer.src, el, outer.file);
    let first = *c.peek().ok_or_else(|| outer.err::<()>("an index column").unwrap_err())?;
    let is_call = c.peek_at(1).is_some_and(|t| t.is_punct(c.src, "(")) || c.peek_at(1).is_some_and(|t| t.is_punct(c.src, "."));
    let column = if first.is_punct(c.src, "(") {
        let (a, b) = c.paren_group()?;
        Err(expr::analyzed(cx, &c.src[a..b], a))
    } else if is_call && matches!(first.kind, Kind::Word | Kind::QuotedIdent) {
        // func(args) or schema.func(args)
        let start = first.start as usize;
        c.obj_name()?;
        c.paren_group()?;
        let end = c.toks[c.pos - 1].end as usize;
        Err(expr::analyzed(cx, &c.src[start..end], start))
    } else {
        Ok(c.ident()?)
    };
    let mut opclass = None;
    let mut descending = false;
    while !c.done() {
        if c.eat_word("collate") {
            c.ident()?;
        } else if c.eat_word("asc") {
        } else if c.eat_word("desc") {
            descending = true;
        } else if c.eat_words(&["nulls", "first"]) || c.eat_words(&["nulls", "last"]) {
        } else if matches!(c.peek().map(|t| t.kind), Some(Kind::Word | Kind::QuotedIdent)) {
            let n = c.obj_name()?;
            opclass = Some(match n.schema {
                Some(s) => format!("{s}.{}", n.name),
                None => n.name,
            });
            if c.is_punct("(") {
                c.paren_group()?;
            }
        } else {
            return c.err("an operator class, ASC/DESC or `,`");
        }
    }
    Ok(match column {
        Ok((name, span)) => IndexElem::Column { name, span, opclass, descending },
        Err(expr) => IndexElem::Expr { expr, opclass, descending },
    })
}

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
        } else if c.eat_words(&["not", "deferrable"]) || c.eat_word("deferrable") || c.eat_words(&["initially", "deferred"]) || c.eat_words(&["initially", "immediate"]) {
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
    done(c, vec![Cmd::CreateTrigger(CreateTrigger { name, or_replace, table, timing, events, for_each_row, when, function, arguments })])
}

fn role_list(c: &mut Cursor) -> PResult<Vec<String>> {
    let mut roles = vec![];
    loop {
        let t = c.peek().copied();
        match t {
            Some(t) if t.kind == Kind::Word || t.kind == Kind::QuotedIdent => {
                roles.push(c.ident()?.0);
            }
            _ => return c.err("a role name"),
        }
        if !c.eat_punct(",") {
            return Ok(roles);
        }
    }
}

pub fn create_policy(cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("create")?;
    c.expect_word("policy")?;
    let (name, _) = c.ident()?;
    c.expect_word("on")?;
    let table = c.obj_name()?;
    let mut p = CreatePolicy { name, table, permissive: true, command: PolicyCommand::All, roles: vec![], using: None, with_check: None };
    loop {
        if c.eat_word("as") {
            if c.eat_word("restrictive") {
                p.permissive = false;
            } else {
                c.expect_word("permissive")?;
            }
        } else if c.eat_word("for") {
            let (cmd, _) = c.ident()?;
            p.command = match cmd.as_str() {
                "all" => PolicyCommand::All,
                "select" => PolicyCommand::Select,
                "insert" => PolicyCommand::Insert,
                "update" => PolicyCommand::Update,
                "delete" => PolicyCommand::Delete,
                _ => return c.err("ALL, SELECT, INSERT, UPDATE or DELETE"),
            };
        } else if c.eat_word("to") {
            p.roles = role_list(c)?;
        } else if c.eat_word("using") {
            let (a, b) = c.paren_group()?;
            p.using = Some(expr::analyzed(cx, &c.src[a..b], a));
        } else if c.eat_words(&["with", "check"]) {
            let (a, b) = c.paren_group()?;
            p.with_check = Some(expr::analyzed(cx, &c.src[a..b], a));
        } else {
            break;
        }
    }
    done(c, vec![Cmd::CreatePolicy(p)])
}

pub fn alter_policy(cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("alter")?;
    c.expect_word("policy")?;
    let (name, _) = c.ident()?;
    c.expect_word("on")?;
    let table = c.obj_name()?;
    let (mut rename, mut roles, mut using, mut with_check) = (None, None, None, None);
    if c.eat_words(&["rename", "to"]) {
        rename = Some(c.ident()?.0);
    }
    loop {
        if c.eat_word("to") {
            roles = Some(role_list(c)?);
        } else if c.eat_word("using") {
            let (a, b) = c.paren_group()?;
            using = Some(expr::analyzed(cx, &c.src[a..b], a));
        } else if c.eat_words(&["with", "check"]) {
            let (a, b) = c.paren_group()?;
            with_check = Some(expr::analyzed(cx, &c.src[a..b], a));
        } else {
            break;
        }
    }
    done(c, vec![Cmd::AlterPolicy { name, table, rename, roles, using, with_check }])
}

