//! Our reader for CREATE POLICY and ALTER POLICY.

use super::cursor::{done, Cursor, PResult};
use super::{expr, Cx};
use crate::cmd::*;
use crate::ir::PolicyCommand;
use crate::lex::Kind;
use crate::span::Span;

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
    let mut p = CreatePolicy {
        name,
        table,
        permissive: true,
        command: PolicyCommand::All,
        roles: vec![],
        using: None,
        with_check: None,
    };
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
    done(
        c,
        vec![Cmd::AlterPolicy {
            name,
            table,
            rename,
            roles,
            using,
            with_check,
        }],
    )
}
