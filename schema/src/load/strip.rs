//! Blank out the "down" half of files that keep up and down in one file (goose, dbmate,
//! sql-migrate, tern). Blanking (not cutting) keeps every line and column where it was.

/// Markers that start the part to keep and the part to drop, per tool.
const MARKERS: &[(&str, &str)] = &[
    ("-- +goose up", "-- +goose down"),
    ("-- migrate:up", "-- migrate:down"),
    ("-- +migrate up", "-- +migrate down"),
];
const TERN_SEPARATOR: &str = "---- create above / drop below ----";

pub fn blank_down_sections(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    for (up, down) in MARKERS {
        if let Some(u) = find_line(&lower, up) {
            let d = find_line(&lower, down)
                .filter(|&d| d > u)
                .unwrap_or(text.len());
            let mut out = String::with_capacity(text.len());
            out.push_str(&blank(&text[..u]));
            out.push_str(&text[u..d]);
            out.push_str(&blank(&text[d..]));
            return out;
        }
    }
    if let Some(s) = find_line(&lower, TERN_SEPARATOR) {
        return format!("{}{}", &text[..s], blank(&text[s..]));
    }
    text.to_string()
}

/// Offset of a line that starts (after spaces) with `marker`.
fn find_line(lower: &str, marker: &str) -> Option<usize> {
    let mut pos = 0;
    for line in lower.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with(marker) {
            return Some(pos + (line.len() - trimmed.len()));
        }
        pos += line.len();
    }
    None
}

/// Replace every character but line breaks with spaces, byte for byte, so offsets stay put.
fn blank(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\n' || c == '\r' {
            out.push(c);
        } else {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goose_down_is_blanked_in_place() {
        let src = "-- +goose Up\ncreate table a (id int);\n-- +goose Down\ndrop table a;\n";
        let out = blank_down_sections(src);
        assert_eq!(out.len(), src.len());
        assert!(out.contains("create table a"));
        assert!(!out.contains("drop table"));
        assert_eq!(out.lines().count(), src.lines().count());
    }

    #[test]
    fn tern_separator() {
        let src = "create table a (id int);\n---- create above / drop below ----\ndrop table a;\n";
        let out = blank_down_sections(src);
        assert!(out.contains("create table a"));
        assert!(!out.contains("drop table"));
    }

    #[test]
    fn plain_files_untouched() {
        assert_eq!(blank_down_sections("select 1;"), "select 1;");
    }
}
