//! `CREATE [OR REPLACE] FUNCTION | PROCEDURE`: signature, return type and options. Read by
//! our front end: sqlparser rejects `ROWS n`, `COST n`, and procedures with `AS $$…$$` bodies.

use super::cursor::done;
use super::cursor::take_expr;
use super::cursor::{inner, split_commas, Cursor, PResult};
use super::inline;
use super::rename::rename_or_schema;
use super::typename::parse_type;
use super::Cx;
use crate::cmd::*;
use crate::ir::{ArgMode, Volatility};
use crate::lex::Kind;
use crate::span::Span;

pub fn create_function(cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("create")?;
    let or_replace = c.eat_words(&["or", "replace"]);
    let procedure = if c.eat_word("procedure") {
        true
    } else {
        c.expect_word("function")?;
        false
    };
    let name = c.obj_name()?;
    let (a, b) = c.paren_group()?;
    let toks = inner(c, (a, b));
    let mut args = vec![];
    for el in split_commas(c.src, &toks) {
        let mut ac = Cursor::new(c.src, el, c.file);
        args.push(arg(&mut ac)?);
    }
    let mut f = CreateFunction {
        name,
        or_replace,
        procedure,
        args,
        returns: FuncReturns::None,
        language: "sql".into(),
        volatility: Volatility::Volatile,
        security_definer: false,
        strict: false,
        rows: None,
        settings: vec![],
        inline: None,
        body_statements: vec![],
        body_names: Default::default(),
    };
    let mut body: Option<(String, usize)> = None;
    let mut has_set = false;
    while !c.done() {
        if c.eat_words(&["returns", "null", "on", "null", "input"]) {
            f.strict = true;
        } else if c.eat_word("returns") {
            if c.eat_word("table") {
                let (a, b) = c.paren_group()?;
                let toks = inner(c, (a, b));
                let mut cols = vec![];
                for el in split_commas(c.src, &toks) {
                    let mut ec = Cursor::new(c.src, el, c.file);
                    let (n, _) = ec.ident()?;
                    let (t, _) = parse_type(&mut ec)?;
                    if !ec.done() {
                        return ec.err("`,` or `)`");
                    }
                    cols.push((n, t));
                }
                f.returns = FuncReturns::Table(cols);
            } else {
                let setof = c.eat_word("setof");
                let (ty, _) = parse_type(c)?;
                f.returns = FuncReturns::Type { ty, setof };
            }
        } else if c.eat_word("language") {
            let t = c.bump().ok_or_else(|| c.expected("a language"))?;
            f.language = crate::lex::string_value(t, c.src).to_ascii_lowercase();
        } else if c.eat_word("immutable") {
            f.volatility = Volatility::Immutable;
        } else if c.eat_word("stable") {
            f.volatility = Volatility::Stable;
        } else if c.eat_word("volatile") {
            f.volatility = Volatility::Volatile;
        } else if c.eat_word("strict") {
            f.strict = true;
        } else if c.eat_words(&["called", "on", "null", "input"])
            || c.eat_word("leakproof")
            || c.eat_words(&["not", "leakproof"])
            || c.eat_word("window")
            || c.eat_word("external")
        {
        } else if c.eat_words(&["security", "definer"]) {
            f.security_definer = true;
        } else if c.eat_words(&["security", "invoker"]) {
            f.security_definer = false;
        } else if c.eat_word("parallel") || c.eat_word("support") {
            c.obj_name()?;
        } else if c.eat_word("cost") {
            c.bump();
        } else if c.eat_word("rows") {
            let t = c.bump().ok_or_else(|| c.expected("a number"))?;
            f.rows = c.text(t).parse().ok();
        } else if c.eat_word("transform") {
            while c.eat_word("for") {
                c.expect_word("type")?;
                parse_type(c)?;
                c.eat_punct(",");
            }
        } else if c.eat_word("set") {
            has_set = true;
            f.settings.push(c.ident()?.0);
            if c.eat_words(&["from", "current"]) {
                continue;
            }
            if !c.eat_word("to") {
                c.expect_punct("=")?;
            }
            // value list: words, strings, numbers separated by commas
            loop {
                c.bump();
                if !c.eat_punct(",") {
                    break;
                }
            }
        } else if c.eat_word("as") {
            let at = body_start(c);
            let text = c.string()?;
            body = Some((text, at));
            if c.eat_punct(",") {
                c.string()?;
            }
        } else if c.eat_word("return") {
            // `RETURN expr` (a SQL-standard body): inlinable as `SELECT expr`.
            let r = take_expr(
                c,
                &[
                    "language",
                    "immutable",
                    "stable",
                    "volatile",
                    "strict",
                    "security",
                    "parallel",
                    "cost",
                    "rows",
                    "set",
                    "leakproof",
                    "called",
                ],
            )?;
            body = Some((format!("select {}", c.slice(r)), r.0.saturating_sub(7)));
        } else if c.is_words(&["begin", "atomic"]) {
            // The body runs to the statement's end (the splitter kept it whole).
            if let Some(r) = c.rest() {
                f.body_names = crate::lex::names_in(c.slice(r));
            }
        } else {
            return c.err("a function option");
        }
    }
    let sql_like = ["sql", "plpgsql"].contains(&f.language.to_ascii_lowercase().as_str());
    if let Some((text, _)) = body.as_ref().filter(|_| sql_like) {
        f.body_names = crate::lex::names_in(text);
    }
    let sql = f.language.eq_ignore_ascii_case("sql");
    let parsed = match &body {
        Some((text, _)) if sql && (cx.analyze || inline::may_inline(&f)) => {
            super::lower::parse_body(text)
        }
        _ => None,
    };
    if let (Some(statements), Some((text, at)), true) = (&parsed, &body, cx.analyze) {
        f.body_statements = super::lower::body_statements(statements, text, *at, c.file);
    }
    if !has_set {
        f.inline =
            body.and_then(|(text, at)| inline::inlinable(&f, parsed.as_deref(), &text, at, c.file));
    }
    if f.returns == FuncReturns::None && !procedure {
        // OUT parameters without RETURNS: one OUT → its type, several → record.
        let outs: Vec<&FuncArg> = f
            .args
            .iter()
            .filter(|a| matches!(a.mode, ArgMode::Out | ArgMode::InOut))
            .collect();
        f.returns = match outs.as_slice() {
            [one] => FuncReturns::Type {
                ty: one.ty.clone(),
                setof: false,
            },
            [] => {
                return Err(super::cursor::Expected {
                    message: "expected RETURNS (a function must declare its return type)".into(),
                    at: c.here(),
                })
            }
            _ => FuncReturns::Type {
                ty: TypeRef::Known(crate::ir::PgType::Pseudo {
                    type_name: "record".into(),
                }),
                setof: false,
            },
        };
    }
    Ok(vec![Cmd::CreateFunction(f)])
}

fn arg(c: &mut Cursor) -> PResult<FuncArg> {
    let mut mode = ArgMode::In;
    if c.eat_word("in") {
        if c.eat_word("out") {
            mode = ArgMode::InOut;
        }
    } else if c.eat_word("out") {
        mode = ArgMode::Out;
    } else if c.eat_word("inout") {
        mode = ArgMode::InOut;
    } else if c.eat_word("variadic") {
        mode = ArgMode::Variadic;
    }
    let save = c.pos;
    let mut name = None;
    let (mut ty, _) = parse_type(c)?;
    let at_end = |c: &Cursor| c.done() || c.is_word("default") || c.is_punct("=");
    if !at_end(c) {
        // The first word was the argument's name.
        c.pos = save;
        let first = c.peek().copied();
        if let Some(t) = first {
            if matches!(t.kind, Kind::Word | Kind::QuotedIdent) {
                name = Some(c.ident()?.0);
            }
        }
        ty = parse_type(c)?.0;
    }
    let default = if c.eat_word("default") || c.eat_punct("=") {
        let r = take_expr(c, &[])?;
        Some(c.slice(r).trim().to_string())
    } else {
        None
    };
    if !c.done() {
        return c.err("`,` or `)` after the argument");
    }
    Ok(FuncArg {
        name,
        mode,
        ty,
        default,
    })
}

/// `(type, name type, OUT x int, …)`: the input argument types, as PostgreSQL identifies
/// a function. None when the list is absent.
pub fn arg_types(c: &mut Cursor) -> PResult<Option<Vec<TypeRef>>> {
    if !c.is_punct("(") {
        return Ok(None);
    }
    let g = c.paren_group()?;
    let toks = inner(c, g);
    let mut types = vec![];
    for a in split_commas(c.src, &toks) {
        let mut ac = Cursor::new(c.src, a, c.file);
        let mut out = false;
        loop {
            if ac.eat_word("in") || ac.eat_word("variadic") {
            } else if ac.eat_word("out") {
                out = true;
            } else if ac.eat_word("inout") {
            } else {
                break;
            }
        }
        let save = ac.pos;
        let mut ty = parse_type(&mut ac)?.0;
        if !ac.done() && !ac.is_word("default") && !ac.is_punct("=") {
            ac.pos = save + 1;
            ty = parse_type(&mut ac)?.0;
        }
        if !out {
            types.push(ty);
        }
    }
    Ok(Some(types))
}

pub fn alter_function(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("alter")?;
    let kind = if c.eat_word("procedure") {
        ObjKind::Procedure
    } else {
        let _ = c.eat_word("function") || c.eat_word("routine");
        ObjKind::Function
    };
    let if_exists = c.eat_words(&["if", "exists"]);
    let name = c.obj_name()?;
    let args = arg_types(c)?;
    if let Some(cmd) = rename_or_schema(c, kind, &name, if_exists)? {
        return done(c, vec![cmd]);
    }
    let alter = alter_options(c, name, args)?;
    let modelled = !alter.set.is_empty()
        || !alter.reset.is_empty()
        || alter.reset_all
        || alter.security_definer.is_some()
        || alter.volatility.is_some();
    Ok(vec![if modelled {
        Cmd::AlterFunction(alter)
    } else {
        Cmd::NotModelled("ALTER FUNCTION (options)")
    }])
}

/// The options of `ALTER FUNCTION` after the name: SET/RESET, SECURITY, volatility kept; the
/// rest (STRICT, COST, ROWS, PARALLEL, LEAKPROOF, OWNER TO, DEPENDS ON …) read past.
fn alter_options(
    c: &mut Cursor,
    name: ObjName,
    args: Option<Vec<TypeRef>>,
) -> PResult<AlterFunction> {
    let mut a = AlterFunction {
        name,
        args,
        set: vec![],
        reset: vec![],
        reset_all: false,
        security_definer: None,
        volatility: None,
    };
    while !c.done() {
        if c.eat_word("set") {
            a.set.push(c.ident()?.0);
            // The value list runs to the next option keyword or the end.
            while !c.done() && !c.is_word("set") && !c.is_word("reset") && !c.is_word("security") {
                c.bump();
            }
        } else if c.eat_word("reset") {
            if c.eat_word("all") {
                a.reset_all = true;
            } else {
                a.reset.push(c.ident()?.0);
            }
        } else if c.eat_words(&["security", "definer"])
            || c.eat_words(&["external", "security", "definer"])
        {
            a.security_definer = Some(true);
        } else if c.eat_words(&["security", "invoker"])
            || c.eat_words(&["external", "security", "invoker"])
        {
            a.security_definer = Some(false);
        } else if c.eat_word("immutable") {
            a.volatility = Some(Volatility::Immutable);
        } else if c.eat_word("stable") {
            a.volatility = Some(Volatility::Stable);
        } else if c.eat_word("volatile") {
            a.volatility = Some(Volatility::Volatile);
        } else {
            c.bump();
        }
    }
    Ok(a)
}

/// Where the text of the string literal at the cursor starts: past `'`, `E'` or `$tag$`, so
/// spans inside a function body land on the file's bytes.
fn body_start(c: &Cursor) -> usize {
    let at = c.here();
    let rest = c.src.get(at..).unwrap_or("");
    let open = match rest.as_bytes().first() {
        Some(b'$') => rest[1..].find('$').map_or(1, |p| p + 2),
        Some(b'e' | b'E') => 2,
        _ => 1,
    };
    at + open
}
