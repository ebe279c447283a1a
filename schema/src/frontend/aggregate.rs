//! `CREATE [OR REPLACE] AGGREGATE name (args) (SFUNC = …, STYPE = …, FINALFUNC = …)` and the
//! old form `CREATE AGGREGATE name (BASETYPE = t, SFUNC = …, STYPE = …)`: the signature and
//! what decides the result type (the final function's result, else the state type).
//! Ordered-set aggregates (`ORDER BY` in the argument list) are recognised, not modelled.

use super::cursor::{done, inner, split_commas, Cursor, PResult};
use super::typename::parse_type;
use super::Cx;
use crate::cmd::*;
use crate::lex::Token;
use crate::span::Span;

pub fn create_aggregate(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("create")?;
    let _ = c.eat_words(&["or", "replace"]);
    c.expect_word("aggregate")?;
    let name = c.obj_name()?;
    let first = c.paren_group()?;
    let first_toks = inner(c, first);
    let (args, options) = if c.is_punct("(") {
        let second = c.paren_group()?;
        if first_toks.iter().any(|t| t.is_word(c.src, "order")) {
            c.pos = c.toks.len();
            return Ok(vec![Cmd::NotModelled("CREATE AGGREGATE (ordered-set)")]);
        }
        (arg_types(c, &first_toks)?, inner(c, second))
    } else {
        (vec![], first_toks)
    };
    let mut agg = CreateAggregate {
        name,
        args,
        state: None,
        final_func: None,
    };
    for opt in split_commas(c.src, &options) {
        option(c, opt, &mut agg)?;
    }
    if agg.state.is_none() {
        return c.err("STYPE = type");
    }
    done(c, vec![Cmd::CreateAggregate(agg)])
}

/// The argument types (`*` for none, names and `VARIADIC` skipped).
fn arg_types(c: &Cursor, toks: &[Token]) -> PResult<Vec<TypeRef>> {
    if toks.len() == 1 && toks[0].text(c.src) == "*" {
        return Ok(vec![]);
    }
    let mut out = vec![];
    for a in split_commas(c.src, toks) {
        let mut ac = Cursor::new(c.src, a, c.file);
        let _ = ac.eat_word("in") || ac.eat_word("variadic");
        let save = ac.pos;
        let mut ty = parse_type(&mut ac)?.0;
        if !ac.done() {
            ac.pos = save + 1;
            ty = parse_type(&mut ac)?.0;
        }
        out.push(ty);
    }
    Ok(out)
}

fn option(c: &Cursor, toks: &[Token], agg: &mut CreateAggregate) -> PResult<()> {
    let mut oc = Cursor::new(c.src, toks, c.file);
    let (key, _) = oc.ident()?;
    // Flags such as HYPOTHETICAL have no value.
    if !oc.eat_punct("=") {
        return Ok(());
    }
    match key.as_str() {
        "stype" | "stype1" => agg.state = Some(parse_type(&mut oc)?.0),
        "basetype" if !oc.eat_word("any") => agg.args = vec![parse_type(&mut oc)?.0],
        "finalfunc" => agg.final_func = Some(oc.obj_name()?),
        _ => {}
    }
    Ok(())
}
