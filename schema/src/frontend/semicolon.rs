//! Where a missing `;` let two statements run together: a line that starts a statement
//! PostgreSQL's grammar cannot continue the previous one with. Many statement keywords are
//! unreserved (`comment`, `action`, `set`, `update`, …) and also name tables and columns, so
//! a keyword at the start of a line counts only when what follows it is that statement's head
//! (`COMMENT ON`, `ALTER TABLE`, `INSERT INTO`, `UPDATE t SET`, …) and what precedes it can
//! end a statement.

use crate::keywords::Category;
use crate::lex::{Kind, Token};

/// Statement keywords that may start a statement on a new line.
const STARTERS: &[&str] = &[
    "create", "alter", "drop", "comment", "grant", "revoke", "insert", "update", "delete",
    "select", "truncate", "do", "set",
];

/// What `ALTER` and `DROP` act on (their second word).
const OBJECT_KINDS: &[&str] = &[
    "table",
    "index",
    "view",
    "materialized",
    "sequence",
    "type",
    "function",
    "procedure",
    "routine",
    "schema",
    "extension",
    "policy",
    "trigger",
    "domain",
    "role",
    "user",
    "group",
    "database",
    "publication",
    "subscription",
    "foreign",
    "aggregate",
    "operator",
    "collation",
    "conversion",
    "text",
    "event",
    "cast",
    "rule",
    "server",
    "statistics",
    "tablespace",
    "owned",
    "default",
    "system",
    "large",
    "language",
    "unlogged",
    "access",
    "transform",
];

/// Words after which a statement cannot end: what follows them is part of the statement.
const CONTINUED_AFTER: &[&str] = &[
    "from",
    "join",
    "update",
    "into",
    "table",
    "on",
    "as",
    "by",
    "where",
    "and",
    "or",
    "not",
    "select",
    "set",
    "using",
    "with",
    "returning",
    "when",
    "then",
    "else",
    "in",
    "is",
    "to",
    "references",
    "only",
    "view",
    "index",
    "lateral",
    "distinct",
    "having",
    "case",
];

/// The first token, past the first line, that starts a line with a statement keyword at
/// depth 0: where a missing `;` let two statements run together.
pub(super) fn run_together_at(src: &str, toks: &[Token], allowed: &[&str]) -> Option<usize> {
    let mut depth = 0i32;
    let first_line_end = src[toks.first()?.start as usize..]
        .find('\n')
        .map(|p| p + toks[0].start as usize)?;
    for (i, t) in toks.iter().enumerate() {
        if t.kind == Kind::Punct {
            match t.text(src) {
                "(" | "[" => depth += 1,
                ")" | "]" => depth -= 1,
                _ => {}
            }
            continue;
        }
        if depth != 0 || i == 0 || (t.start as usize) < first_line_end || t.kind != Kind::Word {
            continue;
        }
        let line_start = src[..t.start as usize]
            .rfind('\n')
            .map(|p| p + 1)
            .unwrap_or(0);
        if !src[line_start..t.start as usize].trim().is_empty() {
            continue;
        }
        let w = t.text(src).to_ascii_lowercase();
        if STARTERS.contains(&w.as_str())
            && !allowed.contains(&w.as_str())
            && statement_head(src, &toks[i..])
            && can_end_before(src, &toks[i - 1])
        {
            return Some(i);
        }
    }
    None
}

/// Keywords that may legitimately start a line inside a statement of this kind.
pub(super) fn allowed_starters(kind: &str) -> &'static [&'static str] {
    match kind {
        "GRANT" | "REVOKE" | "ALTER DEFAULT PRIVILEGES" => &[
            "select", "insert", "update", "delete", "truncate", "grant", "revoke",
        ],
        "INSERT" | "UPDATE" | "DELETE" | "SELECT" | "MERGE" | "WITH" => {
            &["select", "insert", "update", "delete", "set", "do"]
        }
        // `CREATE SCHEMA s CREATE TABLE … GRANT …`: schema elements are statements.
        "CREATE SCHEMA" => &[
            "create", "select", "insert", "update", "delete", "set", "do", "grant", "revoke",
        ],
        _ => &[
            "select", "insert", "update", "delete", "set", "do", "grant", "revoke",
        ],
    }
}

/// The lower-case text of a word token, or the text of any other token.
fn word(src: &str, t: Option<&Token>) -> Option<String> {
    t.map(|t| t.text(src).to_ascii_lowercase())
}

/// Whether `toks` (starting at a statement keyword) begin that statement, rather than use
/// the keyword as a name: `COMMENT ON …`, not `comment c` or `comment SET …`.
fn statement_head(src: &str, toks: &[Token]) -> bool {
    let next = word(src, toks.get(1));
    let next = next.as_deref();
    match word(src, toks.first()).as_deref() {
        // Reserved keywords (`CREATE`, `GRANT`, `SELECT`): never a name.
        Some(w) if crate::keywords::lookup(w).is_some_and(|k| k.0 == Category::Reserved) => true,
        Some("alter" | "drop") => next.is_some_and(|n| OBJECT_KINDS.contains(&n)),
        Some("comment") => next == Some("on"),
        Some("insert") => next == Some("into"),
        Some("delete") => next == Some("from"),
        Some("do") => {
            toks.get(1)
                .is_some_and(|t| t.kind == Kind::Dollar || t.kind == Kind::String)
                || next == Some("language")
        }
        Some("update") => update_head(src, toks),
        Some("truncate") => {
            next == Some("table")
                || toks
                    .get(1)
                    .is_some_and(|t| is_name(src, t) && ends_here(src, toks.get(2)))
        }
        Some("revoke") => next.is_some_and(|n| n != "," && n != "." && n != "="),
        Some("set") => {
            matches!(toks.get(2).map(|t| t.text(src)), Some("=") | Some("."))
                || word(src, toks.get(2)).as_deref() == Some("to")
                || matches!(
                    next,
                    Some("local" | "session" | "role" | "constraints" | "transaction")
                )
        }
        _ => false,
    }
}

/// `UPDATE [ONLY] name[.name] [[AS] alias] SET`.
fn update_head(src: &str, toks: &[Token]) -> bool {
    let mut i = 1;
    if word(src, toks.get(i)).as_deref() == Some("only") {
        i += 1;
    }
    if !toks.get(i).is_some_and(|t| is_name(src, t)) {
        return false;
    }
    i += 1;
    while toks.get(i).is_some_and(|t| t.text(src) == ".")
        && toks.get(i + 1).is_some_and(|t| is_name(src, t))
    {
        i += 2;
    }
    if word(src, toks.get(i)).as_deref() == Some("as") {
        i += 1;
    }
    if word(src, toks.get(i)).as_deref() != Some("set")
        && toks.get(i).is_some_and(|t| is_name(src, t))
    {
        i += 1;
    }
    word(src, toks.get(i)).as_deref() == Some("set")
}

/// A quoted identifier, or a word that is not a reserved keyword (PostgreSQL's categories).
fn is_name(src: &str, t: &Token) -> bool {
    match t.kind {
        Kind::QuotedIdent => true,
        Kind::Word => crate::keywords::can_name_relation(&t.text(src).to_ascii_lowercase()),
        _ => false,
    }
}

/// Whether `TRUNCATE name` ends at `t` (the token after the name): the end of the statement,
/// a list comma, or one of TRUNCATE's own trailing options.
fn ends_here(src: &str, t: Option<&Token>) -> bool {
    match t {
        None => true,
        Some(t) => matches!(
            word(src, Some(t)).as_deref(),
            Some("cascade" | "restrict" | "restart" | "continue" | ",")
        ),
    }
}

/// Whether a statement can end with `prev`: not after `,`, `(`, `.`, an operator, or a word
/// such as `FROM` or `UPDATE` that PostgreSQL's grammar always continues.
fn can_end_before(src: &str, prev: &Token) -> bool {
    let text = prev.text(src);
    match prev.kind {
        Kind::Punct => matches!(text, ")" | "]" | ";"),
        Kind::Word => !CONTINUED_AFTER.contains(&text.to_ascii_lowercase().as_str()),
        _ => true,
    }
}
