//! Our reader for CREATE SEQUENCE and ALTER SEQUENCE (also the identity options they share).

use super::cursor::{done, Cursor, PResult};
use super::rename::rename_or_schema;
use super::typename::parse_type;
use super::Cx;
use crate::cmd::*;
use crate::lex::Kind;
use crate::span::Span;

/// Sequence options shared by CREATE and ALTER SEQUENCE; returns `AS type` and `OWNED BY`.
#[allow(clippy::type_complexity)]
fn sequence_options(
    c: &mut Cursor,
) -> PResult<(Option<TypeRef>, Option<Option<(ObjName, String)>>)> {
    let (mut ty, mut owned) = (None, None);
    while !c.done() {
        if c.eat_word("as") {
            ty = Some(parse_type(c)?.0);
        } else if c.eat_words(&["owned", "by"]) {
            if c.eat_word("none") {
                owned = Some(None);
            } else {
                let n = c.obj_name()?;
                // t.c or s.t.c: the last part is the column.
                let (table, col) = match n.schema {
                    Some(t) => {
                        let parts: Vec<&str> = c.src[n.span.start as usize..n.span.end as usize]
                            .split('.')
                            .collect();
                        let schema =
                            (parts.len() == 3).then(|| crate::names::fold(parts[0].trim()));
                        (
                            ObjName {
                                schema,
                                name: t,
                                span: n.span,
                            },
                            n.name,
                        )
                    }
                    None => return c.err("table.column"),
                };
                owned = Some(Some((table, col)));
            }
        } else if c.eat_word("increment") {
            c.eat_word("by");
            number(c)?;
        } else if c.eat_word("minvalue") || c.eat_word("maxvalue") || c.eat_word("cache") {
            number(c)?;
        } else if c.eat_words(&["no", "minvalue"])
            || c.eat_words(&["no", "maxvalue"])
            || c.eat_words(&["no", "cycle"])
            || c.eat_word("cycle")
        {
        } else if c.eat_word("start") || c.eat_word("restart") {
            c.eat_word("with");
            if c.peek()
                .is_some_and(|t| t.kind == Kind::Number || t.is_punct(c.src, "-"))
            {
                number(c)?;
            }
        } else if c.eat_word("sequence") && c.eat_word("name") {
            c.obj_name()?;
        } else {
            return c.err("a sequence option");
        }
    }
    Ok((ty, owned))
}

fn number(c: &mut Cursor) -> PResult<()> {
    c.eat_punct("-");
    c.eat_punct("+");
    match c.peek() {
        Some(t) if t.kind == Kind::Number => {
            c.bump();
            Ok(())
        }
        _ => c.err("a number"),
    }
}

pub fn create_sequence(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("create")?;
    let _ = c.eat_word("temp") || c.eat_word("temporary") || c.eat_word("unlogged");
    c.expect_word("sequence")?;
    let if_not_exists = c.eat_words(&["if", "not", "exists"]);
    let name = c.obj_name()?;
    let (ty, owned) = sequence_options(c)?;
    done(
        c,
        vec![Cmd::CreateSequence {
            name,
            if_not_exists,
            ty,
            owned_by: owned.flatten(),
        }],
    )
}

pub fn alter_sequence(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("alter")?;
    c.expect_word("sequence")?;
    let if_exists = c.eat_words(&["if", "exists"]);
    let name = c.obj_name()?;
    if let Some(cmd) = rename_or_schema(c, ObjKind::Sequence, &name, if_exists)? {
        return done(c, vec![cmd]);
    }
    if c.eat_words(&["owner", "to"])
        || c.eat_words(&["set", "logged"])
        || c.eat_words(&["set", "unlogged"])
    {
        c.rest();
        return Ok(vec![Cmd::NotModelled("ALTER SEQUENCE OWNER")]);
    }
    let (_, owned_by) = sequence_options(c)?;
    done(
        c,
        vec![Cmd::AlterSequence {
            name,
            if_exists,
            owned_by,
        }],
    )
}
