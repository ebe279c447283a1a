//! Our reader for constraints: column constraints (NOT NULL, DEFAULT, GENERATED, REFERENCES,
//! …) and table constraints (PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY, EXCLUDE), shared by
//! CREATE TABLE and ALTER TABLE … ADD.

use super::cursor::{column_list, take_expr};
use super::cursor::{Cursor, PResult};
use super::{expr, Cx};
use crate::cmd::*;
use crate::ir::{FkAction, IdentityKind};
use crate::span::Span;

pub(super) fn column_constraints(cx: &mut Cx, c: &mut Cursor, col: &mut ColumnDef) -> PResult<()> {
    loop {
        if c.done() || c.is_punct(",") || c.is_punct(")") {
            return Ok(());
        }
        let start = c.here();
        let name = if c.eat_word("constraint") {
            Some(c.ident()?.0)
        } else {
            None
        };
        if c.eat_words(&["not", "null"]) {
            col.not_null = true;
            c.eat_words(&["no", "inherit"]);
        } else if c.eat_word("null") {
            col.not_null = false;
        } else if c.eat_word("default") {
            let r = take_expr(c, COLUMN_STOP)?;
            col.default = Some(expr::default(cx, c.slice(r), r.0));
        } else if c.eat_word("collate") {
            col.collation = Some(c.collation()?);
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
    let name = if c.eat_word("constraint") {
        Some(c.ident()?.0)
    } else {
        None
    };
    let kind = if c.eat_words(&["not", "null"]) {
        ConstraintDefKind::NotNull(c.ident()?.0)
    } else {
        match constraint_body(cx, c, None)? {
            Some(k) => k,
            None => return c.err("PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY or EXCLUDE"),
        }
    };
    let mut con = ConstraintDef {
        name,
        span: cx.span(start, start),
        kind,
        deferrable: false,
        initially_deferred: false,
        not_valid: false,
    };
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
        } else if c.eat_words(&["no", "inherit"])
            || c.eat_word("enforced")
            || c.eat_words(&["not", "enforced"])
        {
        } else {
            return;
        }
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
fn constraint_body(
    cx: &mut Cx,
    c: &mut Cursor,
    column: Option<&str>,
) -> PResult<Option<ConstraintDefKind>> {
    let self_col = |c: &Cursor| -> Vec<(String, Span)> {
        column
            .map(|n| vec![(n.to_string(), c.span(&c.toks[0]))])
            .unwrap_or_default()
    };
    if c.eat_words(&["primary", "key"]) {
        let columns = if column.is_some() {
            self_col(c)
        } else {
            column_list(c)?
        };
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
        let columns = if column.is_some() {
            self_col(c)
        } else {
            column_list(c)?
        };
        let include = index_params(c)?;
        return Ok(Some(ConstraintDefKind::Unique {
            columns,
            include,
            nulls_not_distinct,
        }));
    }
    if c.eat_word("check") {
        let (a, b) = c.paren_group()?;
        c.eat_words(&["no", "inherit"]);
        return Ok(Some(ConstraintDefKind::Check(expr::analyzed(
            cx,
            &c.src[a..b],
            a,
        ))));
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
        return Ok(Some(ConstraintDefKind::Exclude(
            c.src[start..end].to_string(),
        )));
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
    let referenced = if c.is_punct("(") {
        column_list(c)?
    } else {
        vec![]
    };
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
    Ok(Some(ConstraintDefKind::ForeignKey {
        columns,
        table,
        referenced,
        on_delete,
        on_update,
        match_full,
    }))
}

pub(super) const COLUMN_STOP: &[&str] = &[
    "not",
    "null",
    "constraint",
    "check",
    "unique",
    "primary",
    "references",
    "generated",
    "collate",
    "default",
    "deferrable",
    "initially",
];
