//! Where a place inside a string literal is in the Rust source. Stable Rust gives a macro no
//! span inside a literal (`Literal::subspan` is unstable), but it does give the literal's own
//! file, line and column (Rust 1.88), so a diagnostic about a place in the query can name
//! that place's exact `file:line:col`.

/// `file:line:col` (1-based, column in characters) of byte `offset` of `lit`'s value; None
/// for a literal a macro made, or a compiler that gives no locations.
pub fn location(lit: &syn::LitStr, offset: usize) -> Option<String> {
    let span = lit.span();
    let start = span.start();
    let file = span.file();
    if start.line == 0 || file.is_empty() {
        return None;
    }
    let (lines, col) = position_in_source(&lit.token().to_string(), offset)?;
    let col = if lines == 0 { start.column + col } else { col };
    Some(format!("{file}:{}:{}", start.line + lines, col + 1))
}

/// Lines and column (0-based, in characters) from the start of `source`, a string literal as
/// written (`"…"` with escapes, or `r#"…"#`), to the character that makes byte `offset` of its
/// value.
fn position_in_source(source: &str, offset: usize) -> Option<(usize, usize)> {
    let raw = source.starts_with('r');
    let open = source.find('"')? + 1;
    let (mut lines, mut col) = (0, open);
    let mut value = 0;
    let mut chars = source[open..].chars().peekable();
    while let Some(c) = chars.next() {
        // An escape is read whole first; a line continuation decodes to nothing.
        let (written, decoded) = match c {
            '\\' if !raw => escape(&mut chars, &mut lines, &mut col),
            _ => (1, c.len_utf8()),
        };
        if value >= offset && decoded > 0 {
            return Some((lines, col));
        }
        if c == '\n' {
            (lines, col) = (lines + 1, 0);
        } else {
            col += written;
        }
        value += decoded;
    }
    None
}

/// After a backslash: the characters the escape is written with (the backslash included) and
/// the bytes it decodes to. A backslash before a line break skips it and the next line's
/// leading whitespace (moving `lines` and `col` past them), decoding to nothing.
fn escape(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    lines: &mut usize,
    col: &mut usize,
) -> (usize, usize) {
    match chars.next() {
        Some('\n') => {
            (*lines, *col) = (*lines + 1, 0);
            while chars.next_if(|c| c.is_whitespace()).is_some() {
                *col += 1;
            }
            (0, 0)
        }
        Some('x') => {
            chars.next();
            chars.next();
            (4, 1)
        }
        Some('u') => {
            let mut written = 2;
            let mut digits = String::new();
            for c in chars.by_ref() {
                written += 1;
                if c == '}' {
                    break;
                }
                digits.push(c);
            }
            let decoded = u32::from_str_radix(digits.trim_start_matches('{'), 16)
                .ok()
                .and_then(char::from_u32)
                .map_or(1, char::len_utf8);
            (written, decoded)
        }
        _ => (2, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::position_in_source;

    #[test]
    fn plain_raw_and_escaped_literals() {
        // `"select nmae"`: byte 7 of the value is column 8 of the literal (after the quote).
        assert_eq!(position_in_source(r#""select nmae""#, 7), Some((0, 8)));
        assert_eq!(
            position_in_source(r###"r#"select nmae"#"###, 7),
            Some((0, 10))
        );
        // `\"` is two characters written, one byte of value.
        assert_eq!(position_in_source(r#""a \"b\" nmae""#, 8), Some((0, 11)));
        // A line break inside the literal, and a continuation that skips indentation.
        assert_eq!(position_in_source("\"select\n  nmae\"", 9), Some((1, 2)));
        assert_eq!(
            position_in_source("\"select \\\n    nmae\"", 7),
            Some((1, 4))
        );
        assert_eq!(position_in_source(r#""\u{e9}t nmae""#, 4), Some((0, 9)));
        assert_eq!(position_in_source(r#""short""#, 99), None);
    }
}
