//! Markdown that survives whatever a comment or default contains: pipes, backticks,
//! newlines, HTML, non-ASCII. And file names and anchors that are safe everywhere.

/// Text inside a table cell: `|` escaped, newlines as `<br>`, HTML neutralised.
pub fn cell(s: &str) -> String {
    html(s)
        .replace('|', "\\|")
        .replace("\r\n", "\n")
        .replace('\n', "<br>")
}

/// Text in a paragraph: HTML neutralised, line breaks kept as hard breaks.
pub fn paragraph(s: &str) -> String {
    html(s)
        .replace("\r\n", "\n")
        .trim_end()
        .replace('\n', "  \n")
}

fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Inline code, safe inside a table cell: a fence longer than any backtick run inside,
/// newlines folded to spaces, pipes escaped (GitHub requires it even in code spans).
pub fn code(s: &str) -> String {
    // One line: newlines and indentation runs fold to one space.
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let longest = flat.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if flat.starts_with('`')
        || flat.ends_with('`')
        || flat.starts_with(' ') && flat.ends_with(' ')
    {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", flat.replace('|', "\\|"))
}

/// A fenced code block whose fence cannot be closed by the content.
pub fn code_block(lang: &str, s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}{lang}\n{}\n{fence}", s.trim_end())
}

/// A slug for file names and anchors: lower-case ASCII letters, digits, `_`, `-`, `.`;
/// anything else becomes `-`. Callers make slugs unique (`unique`).
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "x".into()
    } else {
        out
    }
}

/// Make slugs unique in order: the second `users` becomes `users-2` (case-insensitive file
/// systems would otherwise merge `Users` and `users`).
pub fn unique(slugs: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    slugs
        .into_iter()
        .map(|s| {
            let n = seen.entry(s.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                s
            } else {
                format!("{s}-{n}")
            }
        })
        .collect()
}

/// The first line of a comment (for index pages).
pub fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("").trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text() {
        assert_eq!(cell("a | b\nc <d>"), "a \\| b<br>c &lt;d&gt;");
        assert_eq!(code("x"), "`x`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code("a|b\nc"), "`a\\|b c`");
        assert_eq!(code("exists (\n    select 1\n)"), "`exists ( select 1 )`");
        assert_eq!(
            code_block("sql", "select '```'"),
            "````sql\nselect '```'\n````"
        );
        assert_eq!(slug("Mixed Case.Tbl"), "mixed-case.tbl");
        assert_eq!(slug("تست"), "x");
        assert_eq!(
            unique(vec!["a".into(), "a".into(), "b".into()]),
            vec!["a", "a-2", "b"]
        );
    }
}
