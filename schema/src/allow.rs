//! The escape hatch for when pgforge is wrong: an error PostgreSQL would not raise can be
//! allowed, and then it is a note, the statement is replayed as PostgreSQL would replay it,
//! and `generate` goes on.
//!
//! - In the migration: a comment in or just above the statement, `-- pgforge: allow E0301`
//!   (several codes: `allow E0301, E0203`). A comment after the `;` on the statement's last
//!   line counts for that statement.
//! - In `pgforge.toml`: `[check] allow = ["E0301", "0004_search.sql:E0301",
//!   "0004_search.sql:12:E0301"]` — a code everywhere, in one file (its path or a trailing
//!   part of it), or in the statement that covers one line of a file.

use crate::diag::{Diagnostic, Severity};
use crate::span::SourceFile;

/// One `allow` entry of `pgforge.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowRule {
    pub code: String,
    /// A file path or a trailing part of one (`migrations/0004.sql`, `0004.sql`).
    pub path: Option<String>,
    /// A line in that file: the rule covers the statement that spans it.
    pub line: Option<usize>,
}

impl std::str::FromStr for AllowRule {
    type Err = String;

    /// `CODE`, `PATH:CODE` or `PATH:LINE:CODE`.
    fn from_str(s: &str) -> Result<Self, String> {
        let parts: Vec<&str> = s.rsplitn(3, ':').map(str::trim).collect();
        let code = parts[0].to_ascii_uppercase();
        if !is_code(&code) {
            return Err(format!(
                "`{s}`: expected a diagnostic code such as E0301, optionally after `path:` or `path:line:`"
            ));
        }
        let (path, line) = match parts.len() {
            1 => (None, None),
            2 => (Some(parts[1].to_string()), None),
            _ => match parts[1].parse::<usize>() {
                Ok(l) => (Some(parts[2].to_string()), Some(l)),
                Err(_) => (Some(format!("{}:{}", parts[2], parts[1])), None),
            },
        };
        Ok(AllowRule { code, path, line })
    }
}

/// `snake_case` with at least one `_`: the shape of a lint rule's name.
fn is_rule_name(s: &str) -> bool {
    s.contains('_')
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn is_code(s: &str) -> bool {
    s.len() == 5 && matches!(&s[..1], "E" | "W") && s[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A statement's allowed codes, with where each allowance was written.
#[derive(Debug, Clone, Default)]
pub struct Allowed(Vec<(String, String)>);

impl Allowed {
    pub fn code(&self, code: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, why)| why.as_str())
    }
}

/// Where each statement of a file begins, with the comments above it: `(from, start, end)`.
/// A statement's leading comments start on the line after the previous statement ends.
pub struct Regions(Vec<(usize, usize, usize)>);

impl Regions {
    pub fn new(text: &str, raws: &[crate::split::RawStatement]) -> Regions {
        let mut v = vec![];
        let mut from = 0;
        for r in raws {
            v.push((from.min(r.start), r.start, r.end));
            from = text[r.end.min(text.len())..]
                .find('\n')
                .map_or(text.len(), |p| r.end + p + 1);
        }
        Regions(v)
    }

    /// The codes allowed where `offset` is (by the statement around it).
    pub fn allowed_at(&self, file: &SourceFile, offset: usize, rules: &[AllowRule]) -> Allowed {
        let i = self.0.partition_point(|&(_, start, _)| start <= offset);
        let Some(&(from, start, end)) = i.checked_sub(1).and_then(|i| self.0.get(i)) else {
            return Allowed::default();
        };
        for_statement(file, from, start..end, rules)
    }
}

/// The codes allowed for the statement at `stmt` (byte range of its text, without the `;`),
/// whose leading comments start at `from`: its own `pgforge: allow` comments, then the
/// `pgforge.toml` rules that cover it.
pub fn for_statement(
    file: &SourceFile,
    from: usize,
    stmt: std::ops::Range<usize>,
    rules: &[AllowRule],
) -> Allowed {
    let text = &file.text;
    let end = text[stmt.end.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |p| stmt.end + p);
    let mut allowed = Allowed::default();
    for code in directive_codes(&text[from.min(end)..end]) {
        allowed
            .0
            .push((code.clone(), format!("`-- pgforge: allow {code}`")));
    }
    let (first, _) = file.line_col(stmt.start);
    let (last, _) = file.line_col(stmt.end);
    for r in rules {
        let in_file = r
            .path
            .as_deref()
            .is_none_or(|p| path_matches(&file.name, p));
        let on_line = r.line.is_none_or(|l| (first..=last).contains(&l));
        if in_file && on_line {
            allowed.0.push((
                r.code.clone(),
                format!("`allow` in pgforge.toml (\"{}\")", show(r)),
            ));
        }
    }
    allowed
}

fn show(r: &AllowRule) -> String {
    match (&r.path, r.line) {
        (Some(p), Some(l)) => format!("{p}:{l}:{}", r.code),
        (Some(p), None) => format!("{p}:{}", r.code),
        _ => r.code.clone(),
    }
}

/// `name` is `pattern` or ends with `/pattern`.
fn path_matches(name: &str, pattern: &str) -> bool {
    let name = name.replace('\\', "/");
    let pattern = pattern.trim_start_matches("./");
    name == pattern || name.ends_with(&format!("/{pattern}"))
}

/// The codes named by `pgforge: allow …` comments in `text`.
fn directive_codes(text: &str) -> Vec<String> {
    let mut codes = vec![];
    for (i, _) in text.match_indices("pgforge: allow") {
        let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
        let before = &text[line_start..i];
        if !before.contains("--") && !before.contains("/*") {
            continue;
        }
        let rest = &text[i + "pgforge: allow".len()..];
        let rest = rest.split(['\n', '*']).next().unwrap_or("");
        for w in rest.split([',', ' ', '\t']).map(str::trim) {
            if is_code(&w.to_ascii_uppercase()) {
                codes.push(w.to_ascii_uppercase());
            } else if is_rule_name(w) {
                // A lint rule's name (`-- pgforge: allow auth_rls_initplan`); one that names
                // no rule allows nothing.
                codes.push(w.to_string());
            }
        }
    }
    codes
}

/// Turn an allowed error into a note that says who allowed it.
pub fn downgrade(d: &mut Diagnostic, why: &str) {
    if d.severity == Severity::Error {
        d.severity = Severity::Note;
        d.notes.push(format!(
            "note: allowed by {why}: pgforge replays the statement as PostgreSQL would"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse_code_path_and_line() {
        let r: AllowRule = "e0301".parse().unwrap();
        assert_eq!((r.code.as_str(), r.path, r.line), ("E0301", None, None));
        let r: AllowRule = "db/0004.sql:12:E0301".parse().unwrap();
        assert_eq!(r.path.as_deref(), Some("db/0004.sql"));
        assert_eq!(r.line, Some(12));
        assert!("0004.sql:nonsense".parse::<AllowRule>().is_err());
    }

    #[test]
    fn directives_are_read_from_comments_only() {
        assert_eq!(
            directive_codes("-- pgforge: allow E0301, e0203\ncreate index"),
            ["E0301", "E0203"]
        );
        assert!(directive_codes("select 'pgforge: allow E0301'").is_empty());
        assert_eq!(directive_codes("x; /* pgforge: allow E0201 */"), ["E0201"]);
    }

    #[test]
    fn paths_match_whole_trailing_components() {
        assert!(path_matches(
            "supabase/migrations/0004.sql",
            "migrations/0004.sql"
        ));
        assert!(path_matches("supabase/migrations/0004.sql", "0004.sql"));
        assert!(!path_matches("supabase/migrations/10004.sql", "0004.sql"));
    }
}
