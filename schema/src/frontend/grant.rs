//! Our reader for GRANT, REVOKE and ALTER DEFAULT PRIVILEGES, after PostgreSQL's grammar
//! (`GrantStmt`, `RevokeStmt`, `AlterDefaultPrivilegesStmt` in gram.y). Privileges on
//! tables, views and functions are modelled; on anything else (schemas, sequences, types,
//! databases, role membership) the statement is named as not modelled. A form this reader
//! does not follow is also "not modelled", never a syntax error: the model only loses the
//! privileges, and PostgreSQL, not this reader, decides what is valid.

use super::cursor::{done, Cursor, PResult};
use super::function::arg_types;
use super::Cx;
use crate::cmd::*;
use crate::ir::{AclKind, Privilege};
use crate::lex::Kind;
use crate::span::Span;

pub fn grant(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    let kind = if c.is_word("grant") {
        "GRANT"
    } else {
        "REVOKE"
    };
    Ok(read_grant(c).unwrap_or(vec![Cmd::NotModelled(kind)]))
}

pub fn alter_default_privileges(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    Ok(read_default_privileges(c).unwrap_or(vec![Cmd::NotModelled("ALTER DEFAULT PRIVILEGES")]))
}

fn read_grant(c: &mut Cursor) -> PResult<Vec<Cmd>> {
    let action = action(c)?;
    let privileges = privileges(c)?;
    if !c.eat_word("on") {
        // `GRANT role TO role`: membership.
        return done(c, vec![Cmd::NotModelled("GRANT (role membership)")]);
    }
    let target = match target(c)? {
        Ok(t) => t,
        Err(other) => return Ok(vec![Cmd::NotModelled(other)]),
    };
    let grantees = grantees(c, action)?;
    trailing_options(c)?;
    done(
        c,
        vec![Cmd::Grant(Grant {
            action,
            privileges,
            target,
            grantees,
        })],
    )
}

/// `GRANT` / `REVOKE [GRANT OPTION FOR]`.
fn action(c: &mut Cursor) -> PResult<GrantAction> {
    if c.eat_word("grant") {
        return Ok(GrantAction::Grant);
    }
    c.expect_word("revoke")?;
    if c.eat_words(&["grant", "option", "for"]) {
        Ok(GrantAction::RevokeGrantOption)
    } else {
        Ok(GrantAction::Revoke)
    }
}

/// `ALL [PRIVILEGES] [(cols)]` or `priv [(cols)], …`, up to `ON` (or `TO`/`FROM` for role
/// membership). Privileges the model does not keep (`CONNECT`, `TEMPORARY`) are dropped.
fn privileges(c: &mut Cursor) -> PResult<Vec<PrivilegeSpec>> {
    if c.eat_word("all") {
        c.eat_word("privileges");
        let columns = opt_columns(c)?;
        return Ok(vec![PrivilegeSpec {
            privilege: None,
            columns,
        }]);
    }
    let mut out = vec![];
    loop {
        let (word, _) = c.ident()?;
        if word == "alter" {
            c.expect_word("system")?;
        }
        let columns = opt_columns(c)?;
        if let Some(privilege) = Privilege::parse(&word) {
            out.push(PrivilegeSpec {
                privilege: Some(privilege),
                columns,
            });
        }
        if !c.eat_punct(",") {
            return Ok(out);
        }
    }
}

fn opt_columns(c: &mut Cursor) -> PResult<Vec<String>> {
    if !c.is_punct("(") {
        return Ok(vec![]);
    }
    Ok(super::cursor::column_list(c)?
        .into_iter()
        .map(|(n, _)| n)
        .collect())
}

/// The object list after `ON`; `Err(kind)` for objects the model keeps no privileges for.
fn target(c: &mut Cursor) -> PResult<Result<GrantTarget, &'static str>> {
    if c.eat_word("all") {
        let which = c.ident()?.0;
        c.expect_word("in")?;
        c.expect_word("schema")?;
        let schemas = name_list(c)?;
        return Ok(match which.as_str() {
            "tables" => Ok(GrantTarget::AllTablesIn(schemas)),
            "functions" => Ok(GrantTarget::AllFunctionsIn(schemas, RoutineKind::Functions)),
            "procedures" => Ok(GrantTarget::AllFunctionsIn(
                schemas,
                RoutineKind::Procedures,
            )),
            "routines" => Ok(GrantTarget::AllFunctionsIn(schemas, RoutineKind::Routines)),
            _ => Err("GRANT ON ALL SEQUENCES"),
        });
    }
    if c.eat_word("function") || c.eat_word("procedure") || c.eat_word("routine") {
        let mut list = vec![];
        loop {
            let name = c.obj_name()?;
            list.push((name, arg_types(c)?));
            if !c.eat_punct(",") {
                return Ok(Ok(GrantTarget::Functions(list)));
            }
        }
    }
    let other = [
        ("sequence", "GRANT ON SEQUENCE"),
        ("schema", "GRANT ON SCHEMA"),
        ("database", "GRANT ON DATABASE"),
        ("type", "GRANT ON TYPE"),
        ("domain", "GRANT ON DOMAIN"),
        ("language", "GRANT ON LANGUAGE"),
        ("foreign", "GRANT ON FOREIGN DATA WRAPPER / SERVER"),
        ("large", "GRANT ON LARGE OBJECT"),
        ("tablespace", "GRANT ON TABLESPACE"),
        ("parameter", "GRANT ON PARAMETER"),
    ];
    if let Some((_, kind)) = other.iter().find(|(w, _)| c.is_word(w)) {
        // `GRANT … ON schema_named_like_a_keyword.t` is a table: a dot follows the word.
        if !c.peek_at(1).is_some_and(|t| t.is_punct(c.src, ".")) {
            c.pos = c.toks.len();
            return Ok(Err(kind));
        }
    }
    c.eat_word("table");
    let mut names = vec![c.obj_name()?];
    while c.eat_punct(",") {
        names.push(c.obj_name()?);
    }
    Ok(Ok(GrantTarget::Relations(names)))
}

fn name_list(c: &mut Cursor) -> PResult<Vec<(String, Span)>> {
    let mut names = vec![c.ident()?];
    while c.eat_punct(",") {
        names.push(c.ident()?);
    }
    Ok(names)
}

/// `TO` (grant) / `FROM` (revoke) and the roles: `[GROUP] name | PUBLIC | CURRENT_USER | …`.
fn grantees(c: &mut Cursor, action: GrantAction) -> PResult<Vec<String>> {
    c.expect_word(if action == GrantAction::Grant {
        "to"
    } else {
        "from"
    })?;
    let mut roles = vec![];
    loop {
        c.eat_word("group");
        match c.peek() {
            Some(t) if matches!(t.kind, Kind::Word | Kind::QuotedIdent) => {
                roles.push(c.ident()?.0);
            }
            _ => return c.err("a role name"),
        }
        if !c.eat_punct(",") {
            return Ok(roles);
        }
    }
}

/// `WITH GRANT OPTION`, `GRANTED BY role`, `CASCADE`, `RESTRICT`.
fn trailing_options(c: &mut Cursor) -> PResult<()> {
    loop {
        if c.eat_words(&["with", "grant", "option"])
            || c.eat_word("cascade")
            || c.eat_word("restrict")
        {
            continue;
        }
        if c.eat_words(&["granted", "by"]) {
            c.ident()?;
            continue;
        }
        return Ok(());
    }
}

fn read_default_privileges(c: &mut Cursor) -> PResult<Vec<Cmd>> {
    c.expect_word("alter")?;
    c.expect_word("default")?;
    c.expect_word("privileges")?;
    let (mut for_roles, mut schemas) = (vec![], vec![]);
    loop {
        if c.eat_words(&["in", "schema"]) {
            schemas.extend(name_list(c)?.into_iter().map(|(n, _)| n));
        } else if c.eat_words(&["for", "role"]) || c.eat_words(&["for", "user"]) {
            for_roles.extend(name_list(c)?.into_iter().map(|(n, _)| n));
        } else {
            break;
        }
    }
    let action = action(c)?;
    let privileges = privileges(c)?;
    c.expect_word("on")?;
    let kind = match c.ident()?.0.as_str() {
        "tables" => AclKind::Tables,
        "functions" | "routines" => AclKind::Functions,
        "sequences" => AclKind::Sequences,
        "types" => AclKind::Types,
        "schemas" => AclKind::Schemas,
        _ => return Ok(vec![Cmd::NotModelled("ALTER DEFAULT PRIVILEGES")]),
    };
    let grantees = grantees(c, action)?;
    trailing_options(c)?;
    done(
        c,
        vec![Cmd::DefaultPrivileges(DefaultPrivileges {
            for_roles,
            schemas,
            action,
            privileges,
            kind,
            grantees,
        })],
    )
}
