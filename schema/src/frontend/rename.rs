//! `ALTER <kind> name RENAME TO … / SET SCHEMA …`: one grammar shape shared by the index,
//! view, sequence, schema and function readers.

use super::cursor::{Cursor, PResult};
use crate::cmd::*;

pub fn rename_or_schema(
    c: &mut Cursor,
    kind: ObjKind,
    name: &ObjName,
    if_exists: bool,
) -> PResult<Option<Cmd>> {
    if c.eat_words(&["rename", "to"]) {
        let to = c.ident()?.0;
        return Ok(Some(Cmd::Rename {
            kind,
            name: name.clone(),
            if_exists,
            to: Some(to),
            schema: None,
        }));
    }
    if c.eat_words(&["set", "schema"]) {
        let s = c.ident()?.0;
        return Ok(Some(Cmd::Rename {
            kind,
            name: name.clone(),
            if_exists,
            to: None,
            schema: Some(s),
        }));
    }
    Ok(None)
}
