//! `CREATE [FOREIGN] TABLE`: columns, column and table constraints, LIKE, PARTITION OF/BY,
//! INHERITS. Column and constraint readers are shared with ALTER TABLE.

use super::cursor::{inner, split_commas, Cursor, PResult};
use super::typename::parse_type;
use super::{expr, Cx};
use crate::cmd::*;
use crate::ir::{FkAction, IdentityKind};
use crate::lex::Kind;
use crate::span::Span;

pub fn create_table(cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("create")?;
    let mut unlogged = false;
    let mut foreign = false;
    loop {
        if c.eat_word("global") || c.eat_word("local") {
            continue;
        }
        if c.eat_word("temp") || c.eat_word("temporary") {
            continue;
        }
        if c.eat_word("unlogged") {
            unlogged = true;
            continue;
        }
        if c.eat_word("foreign") {
            foreign = true;
            continue;
        }
        break;
    }
    c.expect_word("table")?;
    let if_not_exists = c.eat_words(&["if", "not", "exists"]);
    let name = c.obj_name()?;
    let mut t = CreateTable {
        name,
        if_not_exists,
        columns: vec![],
        constraints: vec![],
        partition_by: None,
        partition_of: None,
        inherits: vec![],
        like: vec![],
        foreign,
        unlogged,
        as_query: None,
    };
    if c.eat_word("of") {
        return c.err("a column list (`CREATE TABLE … OF type` is not supported yet)");
    }
    let partition_parent = if c.eat_words(&["partition", "of"]) { Some(c.obj_name()?) } else { None };
    if c.is_punct("(") {
        let (a, b) = c.paren_group()?;
        let inner = inner(c, (a, b));
        let elems = split_commas(c.src, &inner);
        let trailing_comma = inner.last().is_some_and(|t| t.is_punct(c.src, ","));
        for (i, elem) in elems.iter().enumerate() {
            if elem.is_empty() || (trailing_comma && i + 1 == elems.len()) {
                // `(a int,, b int)` or `(a int,)`: point at the comma.
                let comma = inner.iter().filter(|t| t.is_punct(c.src, ",")).nth(i.saturating_sub(usize::from(!trailing_comma || i + 1 != elems.len()))).copied();
                let at = comma.map(|t| t.start as usize).unwrap_or(a);
                return Err(super::cursor::Expected { message: "expected a column or constraint definition, found `,`".into(), at });
            }
            let mut ec = Cursor::new(c.src, elem, c.file);
            table_element(cx, &mut ec, &mut t, partition_parent.is_some())?;
            if !ec.done() {
                return ec.err("`,` or `)`");
            }
        }
    } else if partition_parent.is_none() {
        return c.err("`(`");
    }
    if let Some(parent) = partition_parent {
        let bound = if c.eat_word("default") {
            "DEFAULT".to_string()
        } else {
            c.expect_words_for_values()?
        };
        t.partition_of = Some((parent, Some(bound)));
    }
    // Trailing clauses, in any order.
    while !c.done() {
        if c.eat_word("inherits") {
            let (a, b) = c.paren_group()?;
            let inner = inner(c, (a, b));
            for part in split_commas(c.src, &inner) {
                let mut pc = Cursor::new(c.src, part, c.file);
                t.inherits.push(pc.obj_name()?);
            }
        } else if c.eat_words(&["partition", "by"]) {
            let start = c.here();
            c.bump(); // RANGE | LIST | HASH
            c.paren_group()?;
            t.partition_by = Some(c.src[start..c.toks[c.pos - 1].end as usize].to_string());
        } else if c.eat_word("using") || c.eat_word("tablespace") || c.eat_word("server") {
            c.ident()?;
        } else if c.eat_word("with") || c.eat_word("options") {
            c.paren_group()?;
        } else if c.eat_words(&["without", "oids"]) {
        } else if c.eat_words(&["on", "commit"]) {
            c.bump();
            c.eat_word("rows");
        } else {
            return c.err("end of CREATE TABLE");
        }
    }
    Ok(vec![Cmd::CreateTable(t)])
}

trait ForValues {
    fn expect_words_for_values(&mut self) -> PResult<String>;
}

impl ForValues for Cursor<'_> {
    /// `FOR VALUES FROM (…) TO (…)` / `IN (…)` / `WITH (…)`: the bound as written.
    fn expect_words_for_values(&mut self) -> PResult<String> {
        let start = self.here();
        self.expect_word("for")?;
        self.expect_word("values")?;
        if self.eat_word("from") {
            self.paren_group()?;
            self.expect_word("to")?;
            self.paren_group()?;
        } else if self.eat_word("in") || self.eat_word("with") {
            self.paren_group()?;
        } else {
            return self.err("FROM, IN or WITH");
        }
        Ok(self.src[start..self.toks[self.pos - 1].end as usize].to_string())
    }
}

pub(super) fn parse_bound(c: &mut Cursor) -> PResult<String> {
    if c.eat_word("default") {
        Ok("DEFAULT".into())
    } else {
        c.expect_words_for_values()
    }
}

const TABLE_CONSTRAINT_STARTS: &[&str] = &["constraint", "primary", "unique", "check", "foreign", "exclude"];

fn table_element(cx: &mut Cx, c: &mut Cursor, t: &mut CreateTable, partition: bool) -> PResult<()> {
    if c.eat_word("like") {
        let src_name = c.obj_name()?;
        let mut opts = LikeOptions::default();
        while c.is_word("including") || c.is_word("excluding") {
            let on = c.eat_word("including");
            if !on {
                c.bump();
            }
            let (what, _) = c.ident()?;
            match what.as_str() {
                "defaults" => opts.defaults = on,
                "constraints" => opts.constraints = on,
                "identity" => opts.identity = on,
                "generated" => opts.generated = on,
                "indexes" => opts.indexes = on,
                "comments" => opts.comments = on,
                "all" => {
                    opts = LikeOptions { defaults: on, constraints: on, identity: on, generated: on, indexes: on, comments: on }
                }
                _ => {}
            }
        }
        t.like.push((src_name, opts));
        return Ok(());
    }
    let is_constraint = c.peek().is_some_and(|tk| tk.kind == Kind::Word && TABLE_CONSTRAINT_STARTS.iter().any(|w| tk.is_word(c.src, w)))
        // `NOT NULL col` table constraint (PG 18)
        || c.is_words(&["not", "null"]);
    if is_constraint {
        if let Some(con) = table_constraint(cx, c)? {
            t.constraints.push(con);
        }
        return Ok(());
    }
    if partition {
        // `PARTITION OF p (col WITH OPTIONS DEFAULT 0, …)`: only constraints/defaults per column.
        let (name, span) = c.ident()?;
        c.eat_words(&["with", "options"]);
        let mut col = ColumnDef {
            name,
            span,
            ty: TypeRef::Known(crate::ir::PgType::Pseudo { type_name: "inherited".into() }),
            serial: false,
            not_null: false,
            default: None,
            identity: None,
            generated: None,
            collation: None,
            constraints: vec![],
        };
        column_constraints(cx, c, &mut col)?;
        t.columns.push(col);
        return Ok(());
    }
    t.columns.push(column_def(cx, c)?);
    Ok(())
}

/// `name type [constraints…]`, as in CREATE TABLE and ALTER TABLE ADD COLUMN.
pub fn column_def(cx: &mut Cx, c: &mut Cursor) -> PResult<ColumnDef> {
    let (name, span) = c.ident()?;
    let (ty, serial) = parse_type(c)?;
    let mut col = ColumnDef {
        name,
        span,
        ty,
        serial,
        not_null: false,
        default: None,
        identity: None,
        generated: None,
        collation: None,
        constraints: vec![],
    };
    column_constraints(cx, c, &mut col)?;
    Ok(col)
}

const COLUMN_STOP: &[&str] = &[
    "not", "null", "constraint", "check", "unique", "primary", "references", "generated", "collate", "default",
    "deferrable", "initially",
];

fn column_constraints(cx: &mut Cx, c: &mut Cursor, col: &mut ColumnDef) -> PResult<()> {
    loop {
        if c.done() || c.is_punct(",") || c.is_punct(")") {
            return Ok(());
        }
        let start = c.here();
        let name = if c.eat_word("constraint") { Some(c.ident()?.0) } else { None };
        if c.eat_words(&["not", "null"]) {
            col.not_null = true;
            c.eat_words(&["no", "inherit"]);
        } else if c.eat_word("null") {
            col.not_null = false;
        } else if c.eat_word("default") {
            let r = take_expr(c, COLUMN_STOP)?;
            col.default = Some(expr::plain(cx, c.slice(r), r.0));
        } else if c.eat_word("collate") {
            col.collation = Some(c.ident()?.0);
        } else if c.eat_word("compression") || c.eat_word("storage") {
            c.bump();
        } else if c.eat_word("options") {
            c.paren_group()?;
        } else if c.eat_word("generated") {
            let kind = if c.eat_word("always") {
                IdentityKind::Always
            } else {
                c.expect_word("by")?;
                c.expect_word("default")?;
                IdentityKind::ByDefault
            };
            c.expect_word("as")?;
            if c.eat_word("identity") {
                let opts = if c.is_punct("(") {
                    let (a, b) = c.paren_group()?;
                    Some(c.src[a..b].trim().to_string())
                } else {
                    None
                };
                col.identity = Some((kind, opts));
                col.not_null = true;
            } else {
                let (a, b) = c.paren_group()?;
                let e = expr::analyzed(cx, &c.src[a..b], a);
                let stored = if c.eat_word("virtual") {
                    false
                } else {
                    // STORED, or nothing (PG 18 defaults to VIRTUAL).
                    c.eat_word("stored")
                };
                col.generated = Some((e, stored));
            }
        } else if let Some(kind) = constraint_body(cx, c, Some(&col.name))? {
            let mut con = ConstraintDef {
                name,
                span: cx.span(start, c.toks[c.pos - 1].end as usize),
                kind,
                deferrable: false,
                initially_deferred: false,
                not_valid: false,
            };
            constraint_attributes(c, &mut con);
            con.span = cx.span(start, c.toks[c.pos - 1].end as usize);
            col.constraints.push(con);
        } else {
            return c.err("a column constraint or `,`");
        }
    }
}

/// A table constraint (`[CONSTRAINT name] PRIMARY KEY (…) …`). Returns None for forms that
/// do not become a constraint we keep (e.g. a `NOT NULL col` table constraint is folded into
/// the column by the catalog through `NotNull`).
pub fn table_constraint(cx: &mut Cx, c: &mut Cursor) -> PResult<Option<ConstraintDef>> {
    let start = c.here();
    let name = if c.eat_word("constraint") { Some(c.ident()?.0) } else { None };
    let kind = if c.eat_words(&["not", "null"]) {
        ConstraintDefKind::NotNull(c.ident()?.0)
    } else {
        match constraint_body(cx, c, None)? {
            Some(k) => k,
            None => return c.err("PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY or EXCLUDE"),
        }
    };
    let mut con = ConstraintDef { name, span: cx.span(start, start), kind, deferrable: false, initially_deferred: false, not_valid: false };
    constraint_attributes(c, &mut con);
    con.span = cx.span(start, c.toks[c.pos.saturating_sub(1)].end as usize);
    Ok(Some(con))
}

fn constraint_attributes(c: &mut Cursor, con: &mut ConstraintDef) {
    loop {
        if c.eat_word("deferrable") {
            con.deferrable = true;
        } else if c.eat_words(&["not", "deferrable"]) {
            con.deferrable = false;
        } else if c.eat_words(&["initially", "deferred"]) {
            con.initially_deferred = true;
        } else if c.eat_words(&["initially", "immediate"]) {
            con.initially_deferred = false;
        } else if c.eat_words(&["not", "valid"]) {
            con.not_valid = true;
        } else if c.eat_words(&["no", "inherit"]) || c.eat_word("enforced") || c.eat_words(&["not", "enforced"]) {
        } else {
            return;
        }
    }
}

/// Column list `(a, b)` with spans.
pub fn column_list(c: &mut Cursor) -> PResult<Vec<(String, Span)>> {
    c.expect_punct("(")?;
    let mut v = vec![];
    if c.eat_punct(")") {
        return Ok(v);
    }
    loop {
        v.push(c.ident()?);
        if c.eat_punct(")") {
            return Ok(v);
        }
        c.expect_punct(",")?;
    }
}

fn index_params(c: &mut Cursor) -> PResult<Vec<String>> {
    let mut include = vec![];
    loop {
        if c.eat_word("include") {
            include = column_list(c)?.into_iter().map(|x| x.0).collect();
        } else if c.eat_word("with") {
            c.paren_group()?;
        } else if c.eat_words(&["using", "index", "tablespace"]) {
            c.ident()?;
        } else {
            return Ok(include);
        }
    }
}

fn fk_action(c: &mut Cursor) -> PResult<FkAction> {
    let a = if c.eat_words(&["no", "action"]) {
        FkAction::NoAction
    } else if c.eat_word("restrict") {
        FkAction::Restrict
    } else if c.eat_word("cascade") {
        FkAction::Cascade
    } else if c.eat_words(&["set", "null"]) {
        FkAction::SetNull
    } else if c.eat_words(&["set", "default"]) {
        FkAction::SetDefault
    } else {
        return c.err("NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT");
    };
    if matches!(a, FkAction::SetNull | FkAction::SetDefault) && c.is_punct("(") {
        c.paren_group()?; // PG 15: ON DELETE SET NULL (col)
    }
    Ok(a)
}

/// The part of a constraint after its name; `column` is set for column constraints.
fn constraint_body(cx: &mut Cx, c: &mut Cursor, column: Option<&str>) -> PResult<Option<ConstraintDefKind>> {
    let self_col = |c: &Cursor| -> Vec<(String, Span)> {
        column.map(|n| vec![(n.to_string(), c.span(&c.toks[0]))]).unwrap_or_default()
    };
    if c.eat_words(&["primary", "key"]) {
        let columns = if column.is_some() { self_col(c) } else { column_list(c)? };
        let include = index_params(c)?;
        return Ok(Some(ConstraintDefKind::PrimaryKey { columns, include }));
    }
    if c.eat_word("unique") {
        let mut nulls_not_distinct = false;
        if c.eat_words(&["nulls", "not", "distinct"]) {
            nulls_not_distinct = true;
        } else {
            c.eat_words(&["nulls", "distinct"]);
        }
        let columns = if column.is_some() { self_col(c) } else { column_list(c)? };
        let include = index_params(c)?;
        return Ok(Some(ConstraintDefKind::Unique { columns, include, nulls_not_distinct }));
    }
    if c.eat_word("check") {
        let (a, b) = c.paren_group()?;
        c.eat_words(&["no", "inherit"]);
        return Ok(Some(ConstraintDefKind::Check(expr::analyzed(cx, &c.src[a..b], a))));
    }
    if c.eat_word("exclude") {
        let start = c.here();
        if c.eat_word("using") {
            c.ident()?;
        }
        c.paren_group()?;
        let _ = index_params(c)?;
        if c.eat_word("where") {
            c.paren_group()?;
        }
        let end = c.toks[c.pos - 1].end as usize;
        return Ok(Some(ConstraintDefKind::Exclude(c.src[start..end].to_string())));
    }
    let columns = if column.is_some() && c.is_word("references") {
        self_col(c)
    } else if c.eat_words(&["foreign", "key"]) {
        column_list(c)?
    } else {
        return Ok(None);
    };
    c.expect_word("references")?;
    let table = c.obj_name()?;
    let referenced = if c.is_punct("(") { column_list(c)? } else { vec![] };
    let mut on_delete = FkAction::NoAction;
    let mut on_update = FkAction::NoAction;
    let mut match_full = false;
    loop {
        if c.eat_word("match") {
            match_full = c.eat_word("full");
            if !match_full {
                c.bump();
            }
        } else if c.eat_words(&["on", "delete"]) {
            on_delete = fk_action(c)?;
        } else if c.eat_words(&["on", "update"]) {
            on_update = fk_action(c)?;
        } else {
            break;
        }
    }
    Ok(Some(ConstraintDefKind::ForeignKey { columns, table, referenced, on_delete, on_update, match_full }))
}

/// An expression up to a depth-0 `,`/`)` or a stop word; at least one token.
pub fn take_expr(c: &mut Cursor, stop: &[&str]) -> PResult<(usize, usize)> {
    let first = match c.peek() {
        Some(t) if !t.is_punct(c.src, ",") && !t.is_punct(c.src, ")") => *t,
        _ => return c.err("an expression"),
    };
    if first.is_punct(c.src, "(") {
        c.paren_group()?;
    } else {
        c.bump();
    }
    let rest = c.take_until(stop);
    Ok((first.start as usize, rest.map(|r| r.1).unwrap_or(c.toks[c.pos - 1].end as usize)))
}
