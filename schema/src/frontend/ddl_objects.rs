//! Our reader for schemas, extensions, sequences, ALTER INDEX/VIEW/SCHEMA/FUNCTION, DROP,
//! COMMENT ON and SET (search_path).

use super::cursor::{done, inner, split_commas, Cursor, PResult};
use super::typename::parse_type;
use super::Cx;
use crate::cmd::*;
use crate::lex::Kind;
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
    done(c, vec![Cmd::CreateSchema { name, if_not_exists }])
}

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
    done(c, vec![Cmd::CreateExtension { name, schema, if_not_exists }])
}

/// Sequence options shared by CREATE and ALTER SEQUENCE; returns `AS type` and `OWNED BY`.
#[allow(clippy::type_complexity)]
fn sequence_options(c: &mut Cursor) -> PResult<(Option<TypeRef>, Option<Option<(ObjName, String)>>)> {
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
                        let parts: Vec<&str> = c.src[n.span.start as usize..n.span.end as usize].split('.').collect();
                        let schema = (parts.len() == 3).then(|| crate::names::fold(parts[0].trim()));
                        (ObjName { schema, name: t, span: n.span }, n.name)
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
        } else if c.eat_words(&["no", "minvalue"]) || c.eat_words(&["no", "maxvalue"]) || c.eat_words(&["no", "cycle"]) || c.eat_word("cycle") {
        } else if c.eat_word("start") || c.eat_word("restart") {
            c.eat_word("with");
            if c.peek().is_some_and(|t| t.kind == Kind::Number || t.is_punct(c.src, "-")) {
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
    done(c, vec![Cmd::CreateSequence { name, if_not_exists, ty, owned_by: owned.flatten() }])
}

pub fn alter_sequence(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("alter")?;
    c.expect_word("sequence")?;
    let if_exists = c.eat_words(&["if", "exists"]);
    let name = c.obj_name()?;
    if let Some(cmd) = rename_or_schema(c, ObjKind::Sequence, &name, if_exists)? {
        return done(c, vec![cmd]);
    }
    if c.eat_words(&["owner", "to"]) || c.eat_words(&["set", "logged"]) || c.eat_words(&["set", "unlogged"]) {
        c.rest();
        return Ok(vec![Cmd::NotModelled("ALTER SEQUENCE OWNER")]);
    }
    let (_, owned_by) = sequence_options(c)?;
    done(c, vec![Cmd::AlterSequence { name, if_exists, owned_by }])
}

fn rename_or_schema(c: &mut Cursor, kind: ObjKind, name: &ObjName, if_exists: bool) -> PResult<Option<Cmd>> {
    if c.eat_words(&["rename", "to"]) {
        let to = c.ident()?.0;
        return Ok(Some(Cmd::Rename { kind, name: name.clone(), if_exists, to: Some(to), schema: None }));
    }
    if c.eat_words(&["set", "schema"]) {
        let s = c.ident()?.0;
        return Ok(Some(Cmd::Rename { kind, name: name.clone(), if_exists, to: None, schema: Some(s) }));
    }
    Ok(None)
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
    // ATTACH PARTITION (an index of a partition), SET (…), SET TABLESPACE, ALTER COLUMN … SET STATISTICS.
    c.rest();
    Ok(vec![Cmd::NotModelled("ALTER INDEX (storage)")])
}

pub fn alter_view(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("alter")?;
    let kind = if c.eat_word("materialized") { ObjKind::MaterializedView } else { ObjKind::View };
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
        reset = c.src[g.0..g.1].split(',').map(|k| k.trim().to_ascii_lowercase()).collect();
    } else {
        // OWNER TO, ALTER COLUMN … SET DEFAULT, SET TABLESPACE, …
        c.rest();
        return Ok(vec![Cmd::NotModelled("ALTER VIEW (owner/defaults)")]);
    }
    done(c, vec![Cmd::AlterView { name, if_exists, set, reset, rename_column }])
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
    arg_types(c)?;
    if let Some(cmd) = rename_or_schema(c, kind, &name, if_exists)? {
        return done(c, vec![cmd]);
    }
    c.rest();
    Ok(vec![Cmd::NotModelled("ALTER FUNCTION (options)")])
}

pub fn drop(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("drop")?;
    let kind = if c.eat_word("table") {
        ObjKind::Table
    } else if c.eat_words(&["foreign", "table"]) {
        ObjKind::ForeignTable
    } else if c.eat_word("view") {
        ObjKind::View
    } else if c.eat_words(&["materialized", "view"]) {
        ObjKind::MaterializedView
    } else if c.eat_word("index") {
        c.eat_word("concurrently");
        ObjKind::Index
    } else if c.eat_word("sequence") {
        ObjKind::Sequence
    } else if c.eat_word("type") {
        ObjKind::Type
    } else if c.eat_word("domain") {
        ObjKind::Domain
    } else if c.eat_word("function") || c.eat_word("routine") {
        ObjKind::Function
    } else if c.eat_word("procedure") {
        ObjKind::Procedure
    } else if c.eat_word("trigger") {
        ObjKind::Trigger
    } else if c.eat_word("policy") {
        ObjKind::Policy
    } else if c.eat_word("schema") {
        ObjKind::Schema
    } else if c.eat_word("extension") {
        ObjKind::Extension
    } else {
        c.rest();
        return Ok(vec![Cmd::NotModelled("DROP (other)")]);
    };
    let if_exists = c.eat_words(&["if", "exists"]);
    let mut names = vec![];
    let mut on = None;
    loop {
        let n = c.obj_name()?;
        let args = if matches!(kind, ObjKind::Function | ObjKind::Procedure) { arg_types(c)? } else { None };
        names.push((n, args));
        if !c.eat_punct(",") {
            break;
        }
    }
    if matches!(kind, ObjKind::Trigger | ObjKind::Policy) {
        c.expect_word("on")?;
        on = Some(c.obj_name()?);
    }
    let cascade = c.eat_word("cascade");
    if !cascade {
        c.eat_word("restrict");
    }
    done(c, vec![Cmd::Drop { kind, names, if_exists, cascade, on }])
}

pub fn comment(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("comment")?;
    c.expect_word("on")?;
    let target = if c.eat_word("table") || c.eat_words(&["foreign", "table"]) {
        CommentTarget::Table(c.obj_name()?)
    } else if c.eat_word("column") {
        let n = c.obj_name()?;
        // schema.table.column or table.column
        let text = c.src[n.span.start as usize..n.span.end as usize].to_string();
        let parts = split_dotted(&text);
        if parts.len() < 2 {
            return c.err("table.column");
        }
        let col = parts[parts.len() - 1].clone();
        let table = parts[parts.len() - 2].clone();
        let schema = (parts.len() >= 3).then(|| parts[parts.len() - 3].clone());
        CommentTarget::Column(ObjName { schema, name: table, span: n.span }, col)
    } else if c.eat_word("view") || c.eat_words(&["materialized", "view"]) {
        CommentTarget::View(c.obj_name()?)
    } else if c.eat_word("type") || c.eat_word("domain") {
        CommentTarget::Type(c.obj_name()?)
    } else if c.eat_word("function") || c.eat_word("procedure") || c.eat_word("routine") {
        let n = c.obj_name()?;
        let args = arg_types(c)?;
        CommentTarget::Function(n, args)
    } else if c.eat_word("schema") {
        CommentTarget::Schema(c.ident()?.0)
    } else if c.eat_word("index") {
        CommentTarget::Index(c.obj_name()?)
    } else if c.is_word("constraint") || c.is_word("trigger") || c.is_word("policy") {
        let kind = if c.eat_word("constraint") {
            "constraint"
        } else if c.eat_word("trigger") {
            "trigger"
        } else {
            c.bump();
            "policy"
        };
        let (name, _) = c.ident()?;
        c.expect_word("on")?;
        c.eat_word("domain");
        CommentTarget::OnTable(kind, name, c.obj_name()?)
    } else {
        // CONSTRAINT x ON t, POLICY x ON t, TRIGGER x ON t, INDEX, EXTENSION, ROLE, …
        let kind = match c.peek().map(|t| c.text(t).to_ascii_lowercase()).as_deref() {
            Some("constraint") => "constraint",
            Some("policy") => "policy",
            Some("trigger") => "trigger",
            Some("index") => "index",
            Some("extension") => "extension",
            Some("sequence") => "sequence",
            Some("role") => "role",
            _ => "other",
        };
        while !c.done() && !c.is_word("is") {
            if c.is_punct("(") {
                c.paren_group()?;
            } else {
                c.bump();
            }
        }
        CommentTarget::Other(kind)
    };
    c.expect_word("is")?;
    let text = if c.eat_word("null") { None } else { Some(c.string()?) };
    done(c, vec![Cmd::Comment { target, text }])
}

/// Split `a."B".c` into folded parts.
fn split_dotted(text: &str) -> Vec<String> {
    let toks = crate::lex::lex(text);
    toks.iter().filter(|t| matches!(t.kind, Kind::Word | Kind::QuotedIdent)).map(|t| crate::names::fold(t.text(text))).collect()
}

pub fn set(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("set")?;
    let _ = c.eat_word("local") || c.eat_word("session");
    if !c.eat_word("search_path") {
        c.rest();
        return Ok(vec![Cmd::NotModelled("SET")]);
    }
    if !c.eat_word("to") {
        c.expect_punct("=")?;
    }
    let mut path = vec![];
    while let Some(t) = c.bump() {
        match t.kind {
            Kind::Word | Kind::QuotedIdent => path.push(crate::names::fold(c.text(t))),
            Kind::String => {
                let v = crate::lex::string_value(t, c.src);
                path.extend(v.split(',').map(|s| s.trim().trim_matches('"').to_string()).filter(|s| !s.is_empty()));
            }
            _ => {}
        }
    }
    if path.len() == 1 && path[0] == "default" {
        path = vec!["$user".into(), "public".into()];
    }
    Ok(vec![Cmd::SetSearchPath(path)])
}

/// `SELECT pg_catalog.set_config('search_path', 'a, b', false)`.
pub fn set_config(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    let strings: Vec<String> = c.toks.iter().filter(|t| t.kind == Kind::String).map(|t| crate::lex::string_value(t, c.src)).collect();
    c.rest();
    let value = strings.get(1).cloned().unwrap_or_default();
    Ok(vec![Cmd::SetSearchPath(value.split(',').map(|s| s.trim().trim_matches('"').to_string()).filter(|s| !s.is_empty()).collect())])
}

