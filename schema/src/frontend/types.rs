//! Our reader for CREATE TYPE (enum, composite, range, shell), ALTER TYPE and CREATE DOMAIN.

use super::cursor::take_expr;
use super::cursor::{done, inner, split_commas, Cursor, PResult};
use super::typename::parse_type;
use super::Cx;
use crate::cmd::*;
use crate::span::Span;

pub fn create_type(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("create")?;
    c.expect_word("type")?;
    let name = c.obj_name()?;
    let def = if c.done() {
        TypeDefCmd::Shell
    } else if c.eat_word("as") {
        if c.eat_word("enum") {
            let g = c.paren_group()?;
            let toks = inner(c, g);
            let mut values = vec![];
            for v in split_commas(c.src, &toks) {
                let mut vc = Cursor::new(c.src, v, c.file);
                values.push(vc.string()?);
            }
            TypeDefCmd::Enum(values)
        } else if c.eat_word("range") {
            let g = c.paren_group()?;
            let toks = inner(c, g);
            let mut subtype = None;
            for opt in split_commas(c.src, &toks) {
                let mut oc = Cursor::new(c.src, opt, c.file);
                if oc.eat_word("subtype") {
                    oc.expect_punct("=")?;
                    subtype = Some(parse_type(&mut oc)?.0);
                }
            }
            match subtype {
                Some(s) => TypeDefCmd::Range(s),
                None => return c.err("SUBTYPE = type"),
            }
        } else {
            let g = c.paren_group()?;
            let toks = inner(c, g);
            let mut attrs = vec![];
            for a in split_commas(c.src, &toks) {
                let mut ac = Cursor::new(c.src, a, c.file);
                let (n, _) = ac.ident()?;
                let (t, _) = parse_type(&mut ac)?;
                if ac.eat_word("collate") {
                    ac.collation()?;
                }
                attrs.push((n, t));
            }
            TypeDefCmd::Composite(attrs)
        }
    } else if c.is_punct("(") {
        c.paren_group()?; // base type with INPUT/OUTPUT functions
        TypeDefCmd::Shell
    } else {
        return c.err("AS or `(`");
    };
    done(c, vec![Cmd::CreateType { name, def }])
}

pub fn alter_type(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("alter")?;
    c.expect_word("type")?;
    let name = c.obj_name()?;
    let action = if c.eat_words(&["add", "value"]) {
        let if_not_exists = c.eat_words(&["if", "not", "exists"]);
        let value = c.string()?;
        let (mut before, mut after) = (None, None);
        if c.eat_word("before") {
            before = Some(c.string()?);
        } else if c.eat_word("after") {
            after = Some(c.string()?);
        }
        AlterTypeCmd::AddValue {
            value,
            if_not_exists,
            before,
            after,
        }
    } else if c.eat_words(&["rename", "value"]) {
        let from = c.string()?;
        c.expect_word("to")?;
        AlterTypeCmd::RenameValue {
            from,
            to: c.string()?,
        }
    } else if c.eat_words(&["rename", "to"]) {
        AlterTypeCmd::Rename(c.ident()?.0)
    } else if c.eat_words(&["set", "schema"]) {
        AlterTypeCmd::SetSchema(c.ident()?.0)
    } else if c.eat_words(&["add", "attribute"]) {
        let (n, _) = c.ident()?;
        let (t, _) = parse_type(c)?;
        c.eat_word("cascade");
        AlterTypeCmd::AddAttribute(n, t)
    } else if c.eat_words(&["drop", "attribute"]) {
        c.eat_words(&["if", "exists"]);
        let (n, _) = c.ident()?;
        c.eat_word("cascade");
        AlterTypeCmd::DropAttribute(n)
    } else {
        // OWNER TO, RENAME ATTRIBUTE, ALTER ATTRIBUTE, SET (…): consume.
        c.rest();
        AlterTypeCmd::Ignored
    };
    done(c, vec![Cmd::AlterType { name, action }])
}

pub fn create_domain(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("create")?;
    c.expect_word("domain")?;
    let name = c.obj_name()?;
    c.eat_word("as");
    let (base, _) = parse_type(c)?;
    let (mut not_null, mut default, mut checks) = (false, None, vec![]);
    loop {
        if c.eat_word("collate") {
            c.collation()?;
        } else if c.eat_word("default") {
            let r = take_expr(c, &["not", "null", "check", "constraint", "collate"])?;
            default = Some(c.slice(r).trim().to_string());
        } else if c.eat_word("constraint") {
            c.ident()?;
        } else if c.eat_words(&["not", "null"]) {
            not_null = true;
        } else if c.eat_word("null") {
        } else if c.eat_word("check") {
            let (a, b) = c.paren_group()?;
            checks.push(c.src[a..b].trim().to_string());
            c.eat_words(&["not", "valid"]);
        } else {
            break;
        }
    }
    done(
        c,
        vec![Cmd::CreateDomain {
            name,
            base,
            not_null,
            default,
            checks,
        }],
    )
}
