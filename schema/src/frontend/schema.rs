//! Our reader for CREATE SCHEMA and ALTER SCHEMA.

use super::cursor::{done, Cursor, PResult};
use super::rename::rename_or_schema;
use super::Cx;
use crate::cmd::*;
use crate::span::Span;

pub fn create_schema(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("create")?;
    c.expect_word("schema")?;
    let if_not_exists = c.eat_words(&["if", "not", "exists"]);
    let name = if c.eat_word("authorization") {
        c.ident()?.0
    } else {
        let n = c.ident()?.0;
        if c.eat_word("authorization") {
            c.ident()?;
        }
        n
    };
    done(
        c,
        vec![Cmd::CreateSchema {
            name,
            if_not_exists,
        }],
    )
}

pub fn alter_schema(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("alter")?;
    c.expect_word("schema")?;
    let name = c.obj_name()?;
    if let Some(cmd) = rename_or_schema(c, ObjKind::Schema, &name, false)? {
        return done(c, vec![cmd]);
    }
    c.rest();
    Ok(vec![Cmd::NotModelled("ALTER SCHEMA OWNER")])
}
