//! A cursor over one statement's tokens, for the statements and clauses our own front end
//! reads (those sqlparser lacks) and for slicing expression text by span.

use crate::cmd::{Cmd, ObjName};
use crate::lex::{self, Kind, Token};
use crate::names::fold;
use crate::span::{FileId, Span};

#[derive(Clone)]
pub struct Cursor<'a> {
    pub src: &'a str,
    pub toks: &'a [Token],
    pub pos: usize,
    pub file: FileId,
}

/// Why our own parser stopped: a message and the byte offset it points at.
#[derive(Debug, Clone)]
pub struct Expected {
    pub message: String,
    pub at: usize,
}

pub type PResult<T> = Result<T, Expected>;

impl<'a> Cursor<'a> {
    pub fn new(src: &'a str, toks: &'a [Token], file: FileId) -> Self {
        Cursor {
            src,
            toks,
            pos: 0,
            file,
        }
    }
    pub fn peek(&self) -> Option<&'a Token> {
        self.toks.get(self.pos)
    }
    pub fn peek_at(&self, n: usize) -> Option<&'a Token> {
        self.toks.get(self.pos + n)
    }
    pub fn done(&self) -> bool {
        self.pos >= self.toks.len()
    }
    pub fn text(&self, t: &Token) -> &'a str {
        t.text(self.src)
    }
    pub fn span(&self, t: &Token) -> Span {
        Span::new(self.file, t.start as usize, t.end as usize)
    }
    /// Span of the current token, or the end of the statement.
    pub fn here(&self) -> usize {
        self.peek()
            .map(|t| t.start as usize)
            .unwrap_or_else(|| self.toks.last().map(|t| t.end as usize).unwrap_or(0))
    }
    pub fn bump(&mut self) -> Option<&'a Token> {
        let t = self.toks.get(self.pos);
        if t.is_some() {
            self.pos += 1;
        }
        t
    }
    pub fn is_word(&self, w: &str) -> bool {
        self.peek().is_some_and(|t| t.is_word(self.src, w))
    }
    pub fn is_words(&self, ws: &[&str]) -> bool {
        ws.iter()
            .enumerate()
            .all(|(i, w)| self.peek_at(i).is_some_and(|t| t.is_word(self.src, w)))
    }
    pub fn is_punct(&self, p: &str) -> bool {
        self.peek().is_some_and(|t| t.is_punct(self.src, p))
    }
    pub fn eat_word(&mut self, w: &str) -> bool {
        if self.is_word(w) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    pub fn eat_words(&mut self, ws: &[&str]) -> bool {
        if self.is_words(ws) {
            self.pos += ws.len();
            true
        } else {
            false
        }
    }
    pub fn eat_punct(&mut self, p: &str) -> bool {
        if self.is_punct(p) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    pub fn err<T>(&self, what: &str) -> PResult<T> {
        Err(self.expected(what))
    }

    /// "expected `what`, found …" at the current token.
    pub fn expected(&self, what: &str) -> Expected {
        let found = self
            .peek()
            .map(|t| format!("`{}`", self.text(t)))
            .unwrap_or_else(|| "end of statement".into());
        Expected {
            message: format!("expected {what}, found {found}"),
            at: self.here(),
        }
    }
    pub fn expect_word(&mut self, w: &str) -> PResult<()> {
        if self.eat_word(w) {
            Ok(())
        } else {
            self.err(&w.to_uppercase())
        }
    }
    pub fn expect_punct(&mut self, p: &str) -> PResult<()> {
        if self.eat_punct(p) {
            Ok(())
        } else {
            self.err(&format!("`{p}`"))
        }
    }
    /// An identifier (unquoted word or quoted), folded.
    pub fn ident(&mut self) -> PResult<(String, Span)> {
        match self.peek() {
            Some(t) if matches!(t.kind, Kind::Word | Kind::QuotedIdent) => {
                self.pos += 1;
                Ok((fold(self.text(t)), self.span(t)))
            }
            _ => self.err("a name"),
        }
    }
    /// `name` or `schema.name` (a third part, `db.schema.name`, keeps the last two).
    /// The name after `COLLATE`: `"C"`, `und`, or schema-qualified (`public.ci`), as
    /// PostgreSQL's grammar has it (`COLLATE any_name`).
    pub fn collation(&mut self) -> PResult<String> {
        self.collation_with(|part| part.to_string())
    }

    /// The name after `COLLATE` as SQL: each part quoted where it needs it (`"C"`).
    pub fn collation_sql(&mut self) -> PResult<String> {
        self.collation_with(crate::ir::quote_ident)
    }

    fn collation_with(&mut self, show: impl Fn(&str) -> String) -> PResult<String> {
        let n = self.obj_name()?;
        Ok(match n.schema {
            Some(s) => format!("{}.{}", show(&s), show(&n.name)),
            None => show(&n.name),
        })
    }

    pub fn obj_name(&mut self) -> PResult<ObjName> {
        let (first, s1) = self.ident()?;
        let mut parts = vec![(first, s1)];
        while self.is_punct(".")
            && self
                .peek_at(1)
                .is_some_and(|t| matches!(t.kind, Kind::Word | Kind::QuotedIdent))
        {
            self.pos += 1;
            parts.push(self.ident()?);
        }
        let Some((name, last)) = parts.pop() else {
            return self.err("a name");
        };
        let span = Span {
            start: parts.first().map(|p| p.1.start).unwrap_or(last.start),
            ..last
        };
        Ok(ObjName {
            schema: parts.pop().map(|p| p.0),
            name,
            span,
        })
    }
    /// A string literal's value (`'…'`, `E'…'`, `$$…$$`).
    pub fn string(&mut self) -> PResult<String> {
        match self.peek() {
            Some(t) if matches!(t.kind, Kind::String | Kind::Dollar) => {
                self.pos += 1;
                Ok(lex::string_value(t, self.src))
            }
            _ => self.err("a string literal"),
        }
    }
    /// Skip a balanced `( … )` group starting at the current `(`; returns the inner byte range.
    pub fn paren_group(&mut self) -> PResult<(usize, usize)> {
        if !self.is_punct("(") {
            return self.err("`(`");
        }
        let Some(open) = self.bump() else {
            return self.err("`(`");
        };
        let mut depth = 1;
        while let Some(t) = self.bump() {
            if t.is_punct(self.src, "(") || t.is_punct(self.src, "[") {
                depth += 1;
            } else if t.is_punct(self.src, ")") || t.is_punct(self.src, "]") {
                depth -= 1;
                if depth == 0 {
                    return Ok((open.end as usize, t.start as usize));
                }
            }
        }
        Err(Expected {
            message: "unbalanced parentheses".into(),
            at: open.start as usize,
        })
    }
    /// Take tokens up to (not including) a depth-0 `,`, `)` or one of `stop` words; returns
    /// the byte range covered, or None when empty.
    pub fn take_until(&mut self, stop: &[&str]) -> Option<(usize, usize)> {
        let start = self.pos;
        let mut depth = 0;
        while let Some(t) = self.peek() {
            let s = self.text(t);
            if t.kind == Kind::Punct {
                if s == "(" || s == "[" {
                    depth += 1;
                } else if s == ")" || s == "]" {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                } else if s == "," && depth == 0 {
                    break;
                }
            } else if depth == 0
                && t.kind == Kind::Word
                && stop.iter().any(|w| s.eq_ignore_ascii_case(w))
            {
                break;
            }
            self.pos += 1;
        }
        (self.pos > start).then(|| {
            (
                self.toks[start].start as usize,
                self.toks[self.pos - 1].end as usize,
            )
        })
    }
    /// The rest of the statement's text from the current token.
    pub fn rest(&mut self) -> Option<(usize, usize)> {
        let start = self.peek()?.start as usize;
        let end = self.toks.last()?.end as usize;
        self.pos = self.toks.len();
        Some((start, end))
    }
    pub fn slice(&self, r: (usize, usize)) -> &'a str {
        &self.src[r.0..r.1]
    }
}

/// A statement reader's last step: every token must have been read.
pub fn done(c: &Cursor, cmds: Vec<Cmd>) -> PResult<Vec<Cmd>> {
    if c.done() {
        Ok(cmds)
    } else {
        c.err("end of statement")
    }
}

/// Tokens strictly inside a byte range (used after `paren_group`).
pub fn inner<'a>(c: &Cursor<'a>, (a, b): (usize, usize)) -> Vec<crate::lex::Token> {
    c.toks
        .iter()
        .filter(|t| t.start as usize >= a && t.end as usize <= b)
        .copied()
        .collect()
}

/// Split the tokens of a parenthesised list (without the parens) at depth-0 commas.
pub fn split_commas<'t>(src: &str, toks: &'t [Token]) -> Vec<&'t [Token]> {
    let mut out = vec![];
    let mut depth = 0;
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.kind != Kind::Punct {
            continue;
        }
        match t.text(src) {
            "(" | "[" => depth += 1,
            ")" | "]" => depth -= 1,
            "," if depth == 0 => {
                out.push(&toks[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < toks.len() {
        out.push(&toks[start..]);
    }
    out
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
    Ok((
        first.start as usize,
        rest.map(|r| r.1).unwrap_or(c.toks[c.pos - 1].end as usize),
    ))
}
