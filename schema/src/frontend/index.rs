//! Our reader for CREATE INDEX and ALTER INDEX.

use super::cursor::column_list;
use super::cursor::{done, inner, split_commas, Cursor, PResult};
use super::rename::rename_or_schema;
use super::{expr, Cx};
use crate::cmd::*;
use crate::lex::Kind;
use crate::span::Span;

pub fn create_index(cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("create")?;
    let unique = c.eat_word("unique");
    c.expect_word("index")?;
    let concurrently = c.eat_word("concurrently");
    let if_not_exists = c.eat_words(&["if", "not", "exists"]);
    let on = c.peek().filter(|_| c.is_word("on")).map(|t| c.span(t));
    let (name, name_span) = if let Some(on) = on {
        (None, on)
    } else {
        let (n, s) = c.ident()?;
        (Some(n), s)
    };
    c.expect_word("on")?;
    let only = c.eat_word("only");
    let table = c.obj_name()?;
    let method = if c.eat_word("using") {
        c.ident()?.0
    } else {
        "btree".to_string()
    };
    let group = c.paren_group()?;
    let toks = inner(c, group);
    let mut elems = vec![];
    for el in split_commas(c.src, &toks) {
        elems.push(index_elem(cx, c, el)?);
    }
    let mut idx = CreateIndex {
        only,
        concurrently,
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
        with: None,
    };
    loop {
        if c.eat_word("include") {
            idx.include = column_list(c)?.into_iter().map(|x| x.0).collect();
        } else if c.eat_words(&["nulls", "not", "distinct"]) {
            idx.nulls_not_distinct = true;
        } else if c.eat_words(&["nulls", "distinct"]) {
        } else if c.eat_word("with") {
            let (a, b) = c.paren_group()?;
            idx.with = Some(c.src[a..b].trim().to_string());
        } else if c.eat_word("tablespace") {
            c.ident()?;
        } else if c.eat_word("where") {
            let r = c.rest().ok_or_else(|| c.expected("a predicate"))?;
            idx.predicate = Some(expr::analyzed(cx, c.slice(r), r.0));
        } else {
            break;
        }
    }
    done(c, vec![Cmd::CreateIndex(idx)])
}

fn index_elem(cx: &mut Cx, outer: &Cursor, el: &[crate::lex::Token]) -> PResult<IndexElem> {
    let mut c = Cursor::new(outer.src, el, outer.file);
    let first = *c.peek().ok_or_else(|| outer.expected("an index column"))?;
    let is_call = c.peek_at(1).is_some_and(|t| t.is_punct(c.src, "("))
        || c.peek_at(1).is_some_and(|t| t.is_punct(c.src, "."));
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
    let mut order = KeyOrder::default();
    while !c.done() {
        if c.eat_word("collate") {
            order.collation = Some(c.collation_sql()?);
        } else if c.eat_word("asc") {
        } else if c.eat_word("desc") {
            order.descending = true;
        } else if c.eat_words(&["nulls", "first"]) {
            order.nulls_first = Some(true);
        } else if c.eat_words(&["nulls", "last"]) {
            order.nulls_first = Some(false);
        } else if matches!(
            c.peek().map(|t| t.kind),
            Some(Kind::Word | Kind::QuotedIdent)
        ) {
            let n = c.obj_name()?;
            order.opclass = Some(match n.schema {
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
        Ok((name, span)) => IndexElem::Column { name, span, order },
        Err(expr) => IndexElem::Expr { expr, order },
    })
}

pub fn alter_index(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("alter")?;
    c.expect_word("index")?;
    if c.is_words(&["all", "in"]) {
        c.rest();
        return Ok(vec![Cmd::NotModelled("ALTER INDEX ALL IN TABLESPACE")]);
    }
    let if_exists = c.eat_words(&["if", "exists"]);
    let name = c.obj_name()?;
    if let Some(cmd) = rename_or_schema(c, ObjKind::Index, &name, if_exists)? {
        return done(c, vec![cmd]);
    }
    // ATTACH PARTITION joins a partition's index to its parent's (pg_dump's output); the
    // model keeps each partition's index as its own. The rest is storage: SET (…), SET
    // TABLESPACE, ALTER COLUMN … SET STATISTICS.
    if c.is_words(&["attach", "partition"]) {
        c.rest();
        return Ok(vec![Cmd::NotModelled("ALTER INDEX … ATTACH PARTITION")]);
    }
    c.rest();
    Ok(vec![Cmd::NotModelled("ALTER INDEX (storage)")])
}
