//! A PostgreSQL lexer that only finds token boundaries: quotes, `E''` strings, dollar quotes,
//! nested comments, psql meta-commands. The splitter and our own front end (which reads DDL
//! from these tokens) work on them; sqlparser parses queries and expressions.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Unquoted identifier or keyword.
    Word,
    /// `"quoted identifier"` (also `U&"…"`).
    QuotedIdent,
    /// `'…'`, `E'…'`, `B'…'`, `X'…'`, `U&'…'`, `N'…'`.
    String,
    /// `$$…$$` or `$tag$…$tag$`.
    Dollar,
    Number,
    /// `$1` positional parameter.
    Param,
    /// psql variable interpolation `:name`, `:'name'`, `:"name"`.
    PsqlVar,
    /// A psql meta-command, from `\` to the end of the line.
    Meta,
    /// One punctuation or operator token (`(`, `)`, `,`, `;`, `.`, `::`, `=`, `->>`, …).
    Punct,
    /// An unterminated quote, dollar quote or comment (runs to end of input).
    Unterminated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: u32,
    pub end: u32,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start as usize..self.end as usize]
    }
    pub fn is_word(&self, src: &str, w: &str) -> bool {
        self.kind == Kind::Word && self.text(src).eq_ignore_ascii_case(w)
    }
    pub fn is_punct(&self, src: &str, p: &str) -> bool {
        self.kind == Kind::Punct && self.text(src) == p
    }
}

const OP_CHARS: &[u8] = b"+-*/<>=~!@#%^&|`?";

/// Tokenize `src`. Never fails: unterminated constructs become one `Unterminated` token.
pub fn lex(src: &str) -> Vec<Token> {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(src.len() / 4);
    let mut i = 0;
    while i < b.len() {
        let (end, kind) = token_at(b, i);
        if let Some(kind) = kind {
            out.push(Token {
                kind,
                start: i as u32,
                end: end as u32,
            });
        }
        i = end.max(i + 1);
    }
    out
}

/// The token starting at `i`: where it ends, and its kind (`None` for white space and
/// comments, which make no token).
fn token_at(b: &[u8], i: usize) -> (usize, Option<Kind>) {
    let c = b[i];
    let next = b.get(i + 1).copied();
    match c {
        _ if c.is_ascii_whitespace() => (i + 1, None),
        b'-' if next == Some(b'-') => (line_end(b, i), None),
        b'/' if next == Some(b'*') => block_comment(b, i),
        // psql meta-command: to end of line (we are outside quotes, as psql requires).
        b'\\' => (line_end(b, i), Some(Kind::Meta)),
        b'\'' => quoted(b, i, b'\'', false, Kind::String),
        b'"' => quoted(b, i, b'"', false, Kind::QuotedIdent),
        b'$' => dollar(b, i),
        b'0'..=b'9' => (scan_number(b, i), Some(Kind::Number)),
        b'.' if next.is_some_and(|d| d.is_ascii_digit()) => (scan_number(b, i), Some(Kind::Number)),
        b':' => colon(b, i),
        _ if is_ident_start(c) => word(b, i),
        _ if OP_CHARS.contains(&c) => (operator(b, i), Some(Kind::Punct)),
        // Any other single character (parens, commas, brackets, non-ASCII punctuation).
        _ => (i + utf8_len(c), Some(Kind::Punct)),
    }
}

fn line_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] != b'\n' {
        i += 1;
    }
    i
}

/// `/* … */`, nested as PostgreSQL nests them.
fn block_comment(b: &[u8], start: usize) -> (usize, Option<Kind>) {
    let (mut i, mut depth) = (start, 0usize);
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return (i, None);
            }
        } else {
            i += 1;
        }
    }
    (b.len(), Some(Kind::Unterminated))
}

/// A quoted token opening at `open`: `kind` up to its closing quote, else unterminated.
fn quoted(b: &[u8], open: usize, q: u8, escapes: bool, kind: Kind) -> (usize, Option<Kind>) {
    match scan_quoted(b, open, q, escapes) {
        Some(e) => (e, Some(kind)),
        None => (b.len(), Some(Kind::Unterminated)),
    }
}

/// `$1` (a parameter), `$tag$ … $tag$` (a dollar-quoted string), or a lone `$`.
fn dollar(b: &[u8], i: usize) -> (usize, Option<Kind>) {
    if b.get(i + 1).is_some_and(|d| d.is_ascii_digit()) {
        let mut e = i + 1;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
        return (e, Some(Kind::Param));
    }
    let Some(tag_end) = dollar_tag(b, i) else {
        return (i + 1, Some(Kind::Punct));
    };
    let tag = &b[i..tag_end];
    match find(b, tag_end, tag) {
        Some(p) => (p + tag.len(), Some(Kind::Dollar)),
        None => (b.len(), Some(Kind::Unterminated)),
    }
}

/// `::` and `:=`; a psql variable (`:name`, `:'name'`, `:"name"`) after white space, `(`,
/// `,` or `=`; else a lone `:`.
fn colon(b: &[u8], i: usize) -> (usize, Option<Kind>) {
    let Some(&n) = b.get(i + 1) else {
        return (i + 1, Some(Kind::Punct));
    };
    if n == b':' || n == b'=' {
        return (i + 2, Some(Kind::Punct));
    }
    let prev = if i == 0 { b' ' } else { b[i - 1] };
    let prev_ok = prev.is_ascii_whitespace() || prev == b'(' || prev == b',' || prev == b'=';
    if !(prev_ok && (is_ident_start(n) || n == b'\'' || n == b'"')) {
        return (i + 1, Some(Kind::Punct));
    }
    let end = if n == b'\'' || n == b'"' {
        scan_quoted(b, i + 1, n, false).unwrap_or(b.len())
    } else {
        let mut e = i + 1;
        while e < b.len() && is_ident_char(b[e]) {
            e += 1;
        }
        e
    };
    (end, Some(Kind::PsqlVar))
}

/// A word, or a prefixed string: `E'..'`, `B'..'`, `X'..'`, `N'..'`, `U&'..'`, `U&".."`.
fn word(b: &[u8], i: usize) -> (usize, Option<Kind>) {
    let (c, next) = (b[i], b.get(i + 1).copied());
    if matches!(c, b'e' | b'E') && next == Some(b'\'') {
        return quoted(b, i + 1, b'\'', true, Kind::String);
    }
    if matches!(c, b'b' | b'B' | b'x' | b'X' | b'n' | b'N') && next == Some(b'\'') {
        return quoted(b, i + 1, b'\'', false, Kind::String);
    }
    if matches!(c, b'u' | b'U') && next == Some(b'&') {
        match b.get(i + 2) {
            Some(b'\'') => return quoted(b, i + 2, b'\'', false, Kind::String),
            Some(b'"') => return quoted(b, i + 2, b'"', false, Kind::QuotedIdent),
            _ => {}
        }
    }
    let mut e = i;
    while e < b.len() && is_ident_char(b[e]) {
        e += 1;
    }
    (e, Some(Kind::Word))
}

/// Operators: maximal munch, but stop before a comment start.
fn operator(b: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < b.len() && OP_CHARS.contains(&b[i]) {
        if i > start
            && ((b[i] == b'-' && b.get(i + 1) == Some(&b'-'))
                || (b[i] == b'/' && b.get(i + 1) == Some(&b'*')))
        {
            break;
        }
        i += 1;
    }
    i
}

fn utf8_len(c: u8) -> usize {
    match c {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

pub fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

pub fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80
}

/// Scan a quoted token starting at `i` (the opening quote). Doubled quotes escape; with
/// `backslash`, `\x` escapes too (E'' strings). Returns the end offset.
fn scan_quoted(b: &[u8], i: usize, q: u8, backslash: bool) -> Option<usize> {
    let mut j = i + 1;
    while j < b.len() {
        if backslash && b[j] == b'\\' {
            j += 2;
            continue;
        }
        if b[j] == q {
            if b.get(j + 1) == Some(&q) {
                j += 2;
                continue;
            }
            return Some(j + 1);
        }
        j += 1;
    }
    None
}

/// If a dollar-quote tag starts at `i`, the offset just past it.
fn dollar_tag(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    if b.get(j) == Some(&b'$') {
        return Some(j + 1);
    }
    if !b.get(j).is_some_and(|&c| is_ident_start(c)) {
        return None;
    }
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] >= 0x80) {
        j += 1;
    }
    (b.get(j) == Some(&b'$')).then_some(j + 1)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn scan_number(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        i += 1;
    }
    if i < b.len() && b[i] == b'.' && b.get(i + 1) != Some(&b'.') {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_digit() {
            i = j;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    i
}

/// The identifiers SQL text names, as PostgreSQL folds them (unquoted words lower-cased,
/// quoted ones as written); keywords come along, strings and comments do not. What a
/// function body mentions, for the dependents PostgreSQL does not record.
pub fn names_in(src: &str) -> std::collections::BTreeSet<String> {
    lex(src)
        .iter()
        .filter_map(|t| match t.kind {
            Kind::Word => Some(t.text(src).to_ascii_lowercase()),
            Kind::QuotedIdent => Some(string_value(t, src)),
            _ => None,
        })
        .collect()
}

/// The value of a string token (`'it''s'` → `it's`, `$$x$$` → `x`, `E'a\nb'` → a, newline, b).
pub fn string_value(tok: &Token, src: &str) -> String {
    let t = tok.text(src);
    match tok.kind {
        Kind::Dollar => {
            let tag_len = t[1..].find('$').map(|p| p + 2).unwrap_or(2);
            t[tag_len..t.len() - tag_len].to_string()
        }
        Kind::String => {
            let (prefix_e, body) = if t.starts_with(['e', 'E']) {
                (true, &t[2..t.len() - 1])
            } else if t.starts_with(['u', 'U']) {
                (false, &t[3..t.len() - 1])
            } else if t.starts_with('\'') {
                (false, &t[1..t.len() - 1])
            } else {
                (false, &t[2..t.len() - 1])
            };
            let mut s = body.replace("''", "'");
            if prefix_e {
                s = unescape_e(&s);
            }
            s
        }
        Kind::QuotedIdent => {
            let start = if t.starts_with(['u', 'U']) { 3 } else { 1 };
            t[start..t.len() - 1].replace("\"\"", "\"")
        }
        _ => t.to_string(),
    }
}

fn unescape_e(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some(o) => out.push(o),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(Kind, &str)> {
        lex(src).iter().map(|t| (t.kind, t.text(src))).collect()
    }

    #[test]
    fn quotes_and_dollars() {
        let src =
            "select 'it''s', E'a\\'b', $x$ ; $$ $x$, \"Q\"\"x\" -- c;\n/* a /* b */ ; */ 1.5e3";
        assert_eq!(
            kinds(src),
            vec![
                (Kind::Word, "select"),
                (Kind::String, "'it''s'"),
                (Kind::Punct, ","),
                (Kind::String, "E'a\\'b'"),
                (Kind::Punct, ","),
                (Kind::Dollar, "$x$ ; $$ $x$"),
                (Kind::Punct, ","),
                (Kind::QuotedIdent, "\"Q\"\"x\""),
                (Kind::Number, "1.5e3"),
            ]
        );
    }

    #[test]
    fn casts_psql_vars_and_meta() {
        let src =
            "\\set x 1\nalter database :DBNAME set a = 'x'::text; grant all to :\"PGUSER\"; a := 1";
        let k = kinds(src);
        assert_eq!(k[0], (Kind::Meta, "\\set x 1"));
        assert!(k.contains(&(Kind::PsqlVar, ":DBNAME")));
        assert!(k.contains(&(Kind::PsqlVar, ":\"PGUSER\"")));
        assert!(k.contains(&(Kind::Punct, "::")));
        assert!(k.contains(&(Kind::Punct, ":=")));
    }

    #[test]
    fn unterminated_is_one_token() {
        assert_eq!(
            kinds("select 'abc"),
            vec![(Kind::Word, "select"), (Kind::Unterminated, "'abc")]
        );
        assert_eq!(
            kinds("x $$ abc"),
            vec![(Kind::Word, "x"), (Kind::Unterminated, "$$ abc")]
        );
    }

    #[test]
    fn string_values() {
        let src = "'it''s' E'a\\nb' $t$x$t$ \"A\"\"b\"";
        let toks = lex(src);
        let v: Vec<String> = toks.iter().map(|t| string_value(t, src)).collect();
        assert_eq!(v, vec!["it's", "a\nb", "x", "A\"b"]);
    }
}
