//! Our reader for CREATE EXTENSION.

use super::cursor::{done, Cursor, PResult};
use super::Cx;
use crate::cmd::*;
use crate::span::Span;

pub fn create_extension(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("create")?;
    c.expect_word("extension")?;
    let if_not_exists = c.eat_words(&["if", "not", "exists"]);
    let (name, _) = c.ident()?;
    let mut schema = None;
    loop {
        if c.eat_word("with") {
        } else if c.eat_word("schema") {
            schema = Some(c.ident()?.0);
        } else if c.eat_word("version") || c.eat_word("from") {
            c.bump();
        } else if c.eat_word("cascade") {
        } else {
            break;
        }
    }
    done(
        c,
        vec![Cmd::CreateExtension {
            name,
            schema,
            if_not_exists,
        }],
    )
}
