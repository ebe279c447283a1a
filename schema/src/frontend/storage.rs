//! Our reader for `INSERT INTO storage.buckets (…) VALUES (…), …`: the Supabase Storage
//! buckets a migration creates (id, name, public). Any other INSERT, and a form this reader
//! does not follow (no column list, a SELECT source, a value that is not a literal,
//! `ON CONFLICT … DO UPDATE`), is "not modelled" like other data changes.

use super::cursor::{column_list, done, inner, split_commas, Cursor, PResult};
use super::Cx;
use crate::cmd::{BucketRow, Cmd};
use crate::lex::{self, Kind, Token};
use crate::names::fold;
use crate::span::Span;

/// `INSERT INTO storage.buckets`, quoted or not.
pub fn is_bucket_insert(src: &str, toks: &[Token]) -> bool {
    let word = |i: usize, w: &str| {
        toks.get(i).is_some_and(|t| {
            matches!(t.kind, Kind::Word | Kind::QuotedIdent) && fold(t.text(src)) == w
        })
    };
    word(0, "insert")
        && word(1, "into")
        && word(2, "storage")
        && toks.get(3).is_some_and(|t| t.is_punct(src, "."))
        && word(4, "buckets")
}

pub fn insert_buckets(_cx: &mut Cx, c: &mut Cursor, _span: Span) -> PResult<Vec<Cmd>> {
    Ok(read(c).unwrap_or(vec![Cmd::NotModelled("INSERT")]))
}

/// A value of the `Err` kind stops the reader: the statement is not modelled.
fn read(c: &mut Cursor) -> PResult<Vec<Cmd>> {
    c.expect_word("insert")?;
    c.expect_word("into")?;
    c.obj_name()?;
    let columns: Vec<String> = column_list(c)?.into_iter().map(|(n, _)| n).collect();
    c.expect_word("values")?;
    let mut rows = vec![];
    loop {
        let group = c.paren_group()?;
        let toks = inner(c, group);
        let values = split_commas(c.src, &toks);
        if values.len() != columns.len() {
            return c.err("as many values as columns");
        }
        let mut row = BucketRow {
            id: None,
            name: None,
            public: None,
        };
        for (column, value) in columns.iter().zip(values) {
            let v = literal(c.src, value);
            match column.as_str() {
                "id" => row.id = Some(v.text().ok_or_else(|| c.expected("a literal id"))?),
                "name" => row.name = Some(v.text().ok_or_else(|| c.expected("a literal name"))?),
                "public" => {
                    row.public = Some(v.boolean().ok_or_else(|| c.expected("a literal boolean"))?)
                }
                _ => {}
            }
        }
        rows.push(row);
        if !c.eat_punct(",") {
            break;
        }
    }
    let mut on_conflict_do_nothing = false;
    if c.eat_words(&["on", "conflict"]) {
        if c.is_punct("(") {
            c.paren_group()?;
        }
        c.expect_word("do")?;
        c.expect_word("nothing")?;
        on_conflict_do_nothing = true;
    }
    done(
        c,
        vec![Cmd::InsertBuckets {
            rows,
            on_conflict_do_nothing,
        }],
    )
}

enum Literal {
    Text(String),
    Word(String),
    Other,
}

impl Literal {
    fn text(&self) -> Option<String> {
        match self {
            Literal::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
    /// PostgreSQL's boolean input: `true`, `'t'`, `'yes'`, `'on'`, `'1'`, …
    fn boolean(&self) -> Option<bool> {
        let s = match self {
            Literal::Text(s) | Literal::Word(s) => s.trim().to_ascii_lowercase(),
            Literal::Other => return None,
        };
        match s.as_str() {
            "t" | "true" | "y" | "yes" | "on" | "1" => Some(true),
            "f" | "false" | "n" | "no" | "off" | "0" => Some(false),
            _ => None,
        }
    }
}

/// A value: a string literal (with an optional `::type`), `true` / `false`, or other.
fn literal(src: &str, toks: &[Token]) -> Literal {
    let without_cast = match toks {
        [v, colons, _ty] if colons.is_punct(src, "::") => std::slice::from_ref(v),
        _ => toks,
    };
    match without_cast {
        [t] if matches!(t.kind, Kind::String | Kind::Dollar) => {
            Literal::Text(lex::string_value(t, src))
        }
        [t] if t.kind == Kind::Word => Literal::Word(t.text(src).to_string()),
        _ => Literal::Other,
    }
}
