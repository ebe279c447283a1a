//! `CREATE [FOREIGN] TABLE`: columns, column and table constraints, LIKE, PARTITION OF/BY,
//! INHERITS. Column and constraint readers are shared with ALTER TABLE.

use super::constraint::{column_constraints, table_constraint};
use super::cursor::{inner, split_commas, Cursor, PResult};
use super::typename::parse_type;
use super::Cx;
use crate::cmd::*;
use crate::lex::Kind;
use crate::span::Span;

pub fn create_table(cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("create")?;
    let mut unlogged = false;
    let mut foreign = false;
    let mut temporary = false;
    loop {
        if c.eat_word("global") || c.eat_word("local") {
            continue;
        }
        if c.eat_word("temp") || c.eat_word("temporary") {
            temporary = true;
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
    let name = temporary_in_pg_temp(c.obj_name()?, temporary);
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
    let partition_parent = if c.eat_words(&["partition", "of"]) {
        Some(c.obj_name()?)
    } else {
        None
    };
    if c.is_punct("(") {
        let (a, b) = c.paren_group()?;
        let inner = inner(c, (a, b));
        let elems = split_commas(c.src, &inner);
        let trailing_comma = inner.last().is_some_and(|t| t.is_punct(c.src, ","));
        for (i, elem) in elems.iter().enumerate() {
            if elem.is_empty() || (trailing_comma && i + 1 == elems.len()) {
                // `(a int,, b int)` or `(a int,)`: point at the comma.
                let comma = inner
                    .iter()
                    .filter(|t| t.is_punct(c.src, ","))
                    .nth(i.saturating_sub(usize::from(!trailing_comma || i + 1 != elems.len())))
                    .copied();
                let at = comma.map(|t| t.start as usize).unwrap_or(a);
                return Err(super::cursor::Expected {
                    message: "expected a column or constraint definition, found `,`".into(),
                    at,
                });
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

const TABLE_CONSTRAINT_STARTS: &[&str] = &[
    "constraint",
    "primary",
    "unique",
    "check",
    "foreign",
    "exclude",
];

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
                    opts = LikeOptions {
                        defaults: on,
                        constraints: on,
                        identity: on,
                        generated: on,
                        indexes: on,
                        comments: on,
                    }
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
            ty: TypeRef::Known(crate::ir::PgType::Pseudo {
                type_name: "inherited".into(),
            }),
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

/// A temporary relation lives in the session's `pg_temp` schema (and goes with the session).
pub(super) fn temporary_in_pg_temp(mut name: ObjName, temporary: bool) -> ObjName {
    if temporary && name.schema.is_none() {
        name.schema = Some("pg_temp".into());
    }
    name
}
