//! `ALTER [FOREIGN] TABLE`: every action PostgreSQL has, read by our own front end
//! (sqlparser lacks ATTACH PARTITION, ALTER CONSTRAINT, identity options and more).

use super::constraint::table_constraint;
use super::cursor::take_expr;
use super::cursor::{Cursor, PResult};
use super::table::{column_def, parse_bound};
use super::typename::parse_type;
use super::{expr, Cx};
use crate::cmd::*;
use crate::ir::IdentityKind;
use crate::span::Span;

pub fn alter_table(cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    c.expect_word("alter")?;
    c.eat_word("foreign");
    c.expect_word("table")?;
    if c.is_words(&["all", "in"]) {
        return Ok(vec![Cmd::NotModelled("ALTER TABLE ALL IN TABLESPACE")]);
    }
    let if_exists = c.eat_words(&["if", "exists"]);
    let only = c.eat_word("only");
    let name = c.obj_name()?;
    c.eat_punct("*");
    let mut actions = vec![];
    loop {
        actions.push(action(cx, c)?);
        if !c.eat_punct(",") {
            break;
        }
    }
    if !c.done() {
        return c.err("`,` or the end of ALTER TABLE");
    }
    Ok(vec![Cmd::AlterTable {
        name,
        if_exists,
        only,
        actions,
    }])
}

fn ident_here(c: &mut Cursor) -> PResult<(String, Span)> {
    c.ident()
}

fn action(cx: &mut Cx, c: &mut Cursor) -> PResult<AlterAction> {
    if c.eat_word("add") {
        if c.is_word("constraint")
            || c.is_word("primary")
            || c.is_word("unique")
            || c.is_word("check")
            || c.is_word("foreign")
            || c.is_word("exclude")
        {
            // `ADD CONSTRAINT name PRIMARY KEY USING INDEX idx`
            let save = c.pos;
            if c.eat_word("constraint") {
                let (cname, cspan) = c.ident()?;
                let primary = c.eat_words(&["primary", "key"]);
                if (primary || c.eat_word("unique")) && c.eat_words(&["using", "index"]) {
                    let (idx, _) = c.ident()?;
                    while c.eat_word("deferrable")
                        || c.eat_words(&["initially", "deferred"])
                        || c.eat_words(&["initially", "immediate"])
                        || c.eat_words(&["not", "deferrable"])
                    {}
                    return Ok(AlterAction::AddConstraintUsingIndex {
                        name: cname,
                        span: cspan,
                        index: idx,
                        primary,
                    });
                }
                c.pos = save;
            }
            let Some(con) = table_constraint(cx, c)? else {
                return c.err("a table constraint");
            };
            return Ok(AlterAction::AddConstraint(con));
        }
        c.eat_word("column");
        let if_not_exists = c.eat_words(&["if", "not", "exists"]);
        let column = Box::new(column_def(cx, c)?);
        return Ok(AlterAction::AddColumn {
            if_not_exists,
            column,
        });
    }
    if c.eat_word("drop") {
        if c.eat_word("constraint") {
            let if_exists = c.eat_words(&["if", "exists"]);
            let (name, span) = ident_here(c)?;
            let cascade = drop_behavior(c);
            return Ok(AlterAction::DropConstraint {
                name,
                span,
                if_exists,
                cascade,
            });
        }
        c.eat_word("column");
        let if_exists = c.eat_words(&["if", "exists"]);
        let (name, span) = ident_here(c)?;
        let cascade = drop_behavior(c);
        return Ok(AlterAction::DropColumn {
            name,
            span,
            if_exists,
            cascade,
        });
    }
    if c.eat_word("alter") {
        if c.eat_word("constraint") {
            let (name, span) = ident_here(c)?;
            let mut deferrable = None;
            let mut initially_deferred = None;
            loop {
                if c.eat_word("deferrable") {
                    deferrable = Some(true);
                } else if c.eat_words(&["not", "deferrable"]) {
                    deferrable = Some(false);
                } else if c.eat_words(&["initially", "deferred"]) {
                    initially_deferred = Some(true);
                } else if c.eat_words(&["initially", "immediate"]) {
                    initially_deferred = Some(false);
                } else if c.eat_word("enforced")
                    || c.eat_words(&["not", "enforced"])
                    || c.eat_word("inherit")
                    || c.eat_words(&["no", "inherit"])
                {
                } else {
                    break;
                }
            }
            return Ok(AlterAction::AlterConstraint {
                name,
                span,
                deferrable,
                initially_deferred,
            });
        }
        c.eat_word("column");
        let (column, span) = ident_here(c)?;
        return alter_column(cx, c, column, span);
    }
    if c.eat_word("rename") {
        if c.eat_word("to") {
            return Ok(AlterAction::RenameTable { to: c.ident()?.0 });
        }
        if c.eat_word("constraint") {
            let (from, span) = c.ident()?;
            c.expect_word("to")?;
            return Ok(AlterAction::RenameConstraint {
                from,
                to: c.ident()?.0,
                span,
            });
        }
        c.eat_word("column");
        let (from, span) = c.ident()?;
        c.expect_word("to")?;
        return Ok(AlterAction::RenameColumn {
            from,
            to: c.ident()?.0,
            span,
        });
    }
    if c.eat_words(&["set", "schema"]) {
        return Ok(AlterAction::SetSchema {
            schema: c.ident()?.0,
        });
    }
    if c.eat_words(&["validate", "constraint"]) {
        let (name, span) = c.ident()?;
        return Ok(AlterAction::ValidateConstraint { name, span });
    }
    if c.eat_words(&["attach", "partition"]) {
        let partition = c.obj_name()?;
        let bound = parse_bound(c)?;
        return Ok(AlterAction::AttachPartition { partition, bound });
    }
    if c.eat_words(&["detach", "partition"]) {
        let partition = c.obj_name()?;
        let _ = c.eat_word("concurrently") || c.eat_word("finalize");
        return Ok(AlterAction::DetachPartition { partition });
    }
    for (words, change) in [
        (
            &["enable", "row", "level", "security"][..],
            RlsChange::Enable,
        ),
        (
            &["disable", "row", "level", "security"][..],
            RlsChange::Disable,
        ),
        (&["force", "row", "level", "security"][..], RlsChange::Force),
        (
            &["no", "force", "row", "level", "security"][..],
            RlsChange::NoForce,
        ),
    ] {
        if c.eat_words(words) {
            return Ok(AlterAction::Rls(change));
        }
    }
    // Actions that change nothing the model keeps.
    if c.eat_word("enable") || c.eat_word("disable") {
        let _ = c.eat_word("always") || c.eat_word("replica");
        let _ = c.eat_word("trigger") || c.eat_word("rule");
        c.bump();
        return Ok(AlterAction::Ignored("ENABLE/DISABLE TRIGGER"));
    }
    if c.eat_words(&["owner", "to"]) {
        c.bump();
        return Ok(AlterAction::Ignored("OWNER TO"));
    }
    if c.eat_words(&["replica", "identity"]) {
        if c.eat_words(&["using", "index"]) {
            c.ident()?;
        } else {
            c.bump();
        }
        return Ok(AlterAction::Ignored("REPLICA IDENTITY"));
    }
    if c.eat_words(&["cluster", "on"]) {
        c.ident()?;
        return Ok(AlterAction::Ignored("CLUSTER ON"));
    }
    if c.eat_word("set") || c.eat_word("reset") {
        if c.is_punct("(") {
            c.paren_group()?;
        } else if c.eat_word("tablespace") || c.eat_words(&["access", "method"]) {
            c.ident()?;
        } else if c.eat_word("logged")
            || c.eat_word("unlogged")
            || c.eat_words(&["without", "cluster"])
            || c.eat_words(&["without", "oids"])
        {
        } else {
            return c.err("a SET option");
        }
        return Ok(AlterAction::Ignored("SET"));
    }
    if c.eat_word("inherit") || c.eat_words(&["no", "inherit"]) {
        c.obj_name()?;
        return Ok(AlterAction::Ignored("INHERIT"));
    }
    if c.eat_words(&["not", "of"]) {
        return Ok(AlterAction::Ignored("NOT OF"));
    }
    if c.eat_word("of") {
        c.obj_name()?;
        return Ok(AlterAction::Ignored("OF"));
    }
    if c.eat_word("options") {
        c.paren_group()?;
        return Ok(AlterAction::Ignored("OPTIONS"));
    }
    c.err("an ALTER TABLE action")
}

fn drop_behavior(c: &mut Cursor) -> bool {
    if c.eat_word("cascade") {
        true
    } else {
        c.eat_word("restrict");
        false
    }
}

fn alter_column(cx: &mut Cx, c: &mut Cursor, column: String, span: Span) -> PResult<AlterAction> {
    if c.eat_words(&["set", "data", "type"]) || c.eat_word("type") {
        let (ty, _) = parse_type(c)?;
        if c.eat_word("collate") {
            c.collation()?;
        }
        if c.eat_word("using") {
            take_expr(c, &[])?;
        }
        return Ok(AlterAction::AlterType { column, span, ty });
    }
    if c.eat_words(&["set", "not", "null"]) {
        return Ok(AlterAction::SetNotNull { column, span });
    }
    if c.eat_words(&["drop", "not", "null"]) {
        return Ok(AlterAction::DropNotNull { column, span });
    }
    if c.eat_words(&["set", "default"]) {
        let r = take_expr(c, &[])?;
        let default = expr::default(cx, c.slice(r), r.0);
        return Ok(AlterAction::SetDefault {
            column,
            span,
            default,
        });
    }
    if c.eat_words(&["drop", "default"]) {
        return Ok(AlterAction::DropDefault { column, span });
    }
    if c.eat_words(&["drop", "identity"]) {
        let if_exists = c.eat_words(&["if", "exists"]);
        return Ok(AlterAction::DropIdentity {
            column,
            span,
            if_exists,
        });
    }
    if c.eat_words(&["drop", "expression"]) {
        c.eat_words(&["if", "exists"]);
        return Ok(AlterAction::DropExpression { column, span });
    }
    if c.eat_words(&["add", "generated"]) {
        let kind = if c.eat_word("always") {
            IdentityKind::Always
        } else {
            c.expect_word("by")?;
            c.expect_word("default")?;
            IdentityKind::ByDefault
        };
        c.expect_word("as")?;
        c.expect_word("identity")?;
        let options = if c.is_punct("(") {
            let (a, b) = c.paren_group()?;
            Some(c.src[a..b].trim().to_string())
        } else {
            None
        };
        return Ok(AlterAction::AddIdentity {
            column,
            span,
            kind,
            options,
        });
    }
    if c.eat_words(&["set", "expression", "as"]) {
        c.paren_group()?;
        return Ok(AlterAction::Ignored("SET EXPRESSION"));
    }
    // SET STATISTICS n, SET STORAGE x, SET COMPRESSION x, SET (…), RESET (…), SET GENERATED …,
    // RESTART, SET sequence options.
    if c.eat_word("set") || c.eat_word("reset") || c.eat_word("restart") {
        while !c.done() && !c.is_punct(",") {
            if c.is_punct("(") {
                c.paren_group()?;
            } else {
                c.bump();
            }
        }
        return Ok(AlterAction::Ignored("ALTER COLUMN SET"));
    }
    c.err("an ALTER COLUMN action")
}
