//! Where a place inside a string literal is in the Rust source. Stable Rust gives a macro no
//! span inside a literal (`Literal::subspan` is nightly-only: there the error points at the
//! place itself), but it does give the literal's own file, line and column (Rust 1.88), so a
//! diagnostic about a place in the query can name that place's exact `file:line:col`.

use proc_macro2::Span;
use std::iter::Peekable;
use std::ops::Range;
use std::str::CharIndices;

/// The span of value bytes `range` of `lit`, inside it, where the compiler can make one (a
/// nightly compiler; stable Rust never can, and this is None there).
pub fn subspan(lit: &syn::LitStr, range: Range<usize>) -> Option<Span> {
    let source = lit.token().to_string();
    let start = source_offset(&source, range.start)?;
    let end = source_offset(&source, range.end)?.max(start);
    lit.token().subspan(start..end)
}

/// `file:line:col` (1-based, column in characters) of byte `offset` of `lit`'s value; None
/// for a literal a macro made, or a compiler that gives no locations.
pub fn location(lit: &syn::LitStr, offset: usize) -> Option<String> {
    let span = lit.span();
    let start = span.start();
    let file = span.file();
    if start.line == 0 || file.is_empty() {
        return None;
    }
    let source = lit.token().to_string();
    let before = &source[..source_offset(&source, offset)?];
    let (lines, col) = match before.rfind('\n') {
        Some(i) => (
            before.matches('\n').count(),
            before[i + 1..].chars().count(),
        ),
        None => (0, start.column + before.chars().count()),
    };
    Some(format!("{file}:{}:{}", start.line + lines, col + 1))
}

/// The byte offset in `source`, a string literal as written (`"…"` with escapes, or
/// `r#"…"#`), of the character that makes byte `offset` of its value (the closing quote for
/// the value's end).
fn source_offset(source: &str, offset: usize) -> Option<usize> {
    let raw = source.starts_with('r');
    let open = source.find('"')? + 1;
    let mut value = 0;
    let mut chars = source[open..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let decoded = match c {
            '\\' if !raw => escape(&mut chars),
            _ => c.len_utf8(),
        };
        // A line continuation decodes to nothing: the place is where the value goes on.
        if value >= offset && decoded > 0 {
            return Some(open + i);
        }
        value += decoded;
    }
    None
}

/// After a backslash: the bytes the escape decodes to, its characters read. A backslash
/// before a line break skips it and the next line's leading whitespace.
fn escape(chars: &mut Peekable<CharIndices<'_>>) -> usize {
    match chars.next().map(|(_, c)| c) {
        Some('\n') => {
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            0
        }
        Some('x') => {
            chars.next();
            chars.next();
            1
        }
        Some('u') => {
            let digits: String = chars
                .by_ref()
                .map(|(_, c)| c)
                .take_while(|c| *c != '}')
                .filter(char::is_ascii_hexdigit)
                .collect();
            u32::from_str_radix(&digits, 16)
                .ok()
                .and_then(char::from_u32)
                .map_or(1, char::len_utf8)
        }
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::source_offset;

    #[test]
    fn plain_raw_and_escaped_literals() {
        // `"select nmae"`: byte 7 of the value is byte 8 of the literal (after the quote).
        assert_eq!(source_offset(r#""select nmae""#, 7), Some(8));
        assert_eq!(source_offset(r###"r#"select nmae"#"###, 7), Some(10));
        // `\"` is two characters written, one byte of value.
        assert_eq!(source_offset(r#""a \"b\" nmae""#, 8), Some(11));
        // A line break inside the literal, and a continuation that skips indentation.
        assert_eq!(source_offset("\"select\n  nmae\"", 9), Some(10));
        assert_eq!(source_offset("\"select \\\n    nmae\"", 7), Some(14));
        // `\u{e9}` is six characters written, two bytes of value.
        assert_eq!(source_offset(r#""\u{e9}t nmae""#, 4), Some(9));
        // The value's end is the closing quote; past it, nothing.
        assert_eq!(source_offset(r#""short""#, 5), Some(6));
        assert_eq!(source_offset(r#""short""#, 99), None);
    }

    /// Outside a compiler (proc-macro2's own spans, with locations), the subspan is the place
    /// itself: the mapping a nightly compiler gets is this one.
    #[test]
    fn subspan_covers_the_place_in_the_literal() {
        let lit: syn::LitStr = syn::parse_str("\"select id,\n  nmae from t\"").unwrap();
        let place = super::subspan(&lit, 13..17).expect("a fallback span");
        assert_eq!((place.start().line, place.start().column), (2, 2));
        assert_eq!((place.end().line, place.end().column), (2, 6));
    }
}
