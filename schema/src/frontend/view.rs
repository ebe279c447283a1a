//! Our reader for ALTER [MATERIALIZED] VIEW (CREATE VIEW is in `query`: its body is a query).

use super::cursor::{done, Cursor, PResult};
use super::rename::rename_or_schema;
use super::Cx;
use crate::cmd::*;
use crate::span::Span;

pub fn alter_view(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("alter")?;
    let kind = if c.eat_word("materialized") {
        ObjKind::MaterializedView
    } else {
        ObjKind::View
    };
    c.expect_word("view")?;
    let if_exists = c.eat_words(&["if", "exists"]);
    let name = c.obj_name()?;
    if let Some(cmd) = rename_or_schema(c, kind, &name, if_exists)? {
        return done(c, vec![cmd]);
    }
    let (mut set, mut reset, mut rename_column) = (vec![], vec![], None);
    if c.eat_words(&["rename", "column"]) || c.eat_word("rename") {
        let (from, span) = c.ident()?;
        c.expect_word("to")?;
        rename_column = Some((from, c.ident()?.0, span));
    } else if c.is_word("set") && c.peek_at(1).is_some_and(|t| t.is_punct(c.src, "(")) {
        c.bump();
        let g = c.paren_group()?;
        for kv in c.src[g.0..g.1].split(',') {
            let mut it = kv.splitn(2, '=');
            let k = it.next().unwrap_or("").trim().to_ascii_lowercase();
            set.push((k, it.next().unwrap_or("true").trim().to_string()));
        }
    } else if c.is_word("reset") && c.peek_at(1).is_some_and(|t| t.is_punct(c.src, "(")) {
        c.bump();
        let g = c.paren_group()?;
        reset = c.src[g.0..g.1]
            .split(',')
            .map(|k| k.trim().to_ascii_lowercase())
            .collect();
    } else {
        // OWNER TO, ALTER COLUMN … SET DEFAULT, SET TABLESPACE, …
        c.rest();
        return Ok(vec![Cmd::NotModelled("ALTER VIEW (owner/defaults)")]);
    }
    done(
        c,
        vec![Cmd::AlterView {
            name,
            if_exists,
            set,
            reset,
            rename_column,
        }],
    )
}
