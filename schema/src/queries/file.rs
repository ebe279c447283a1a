//! A query file as sqlc writes one: statements, each introduced by `-- name: Name :command`,
//! with `-- @nullable col` / `-- @not-null col` overrides in the same comment block, and
//! sqlc's named parameters (`sqlc.arg(name)`, `@name`, `sqlc.narg(name)`,
//! `sqlc.slice(name)`) rewritten to PostgreSQL's `$n` in place, padded so every byte offset
//! of the statement stays where it was written.

use crate::lex::{self, Kind, Token};
use crate::span::{FileId, Span};
use crate::split::{self, RawKind};

/// What a query returns, by sqlc's command names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// `:one`: the first row, if any.
    One,
    /// `:many`: every row.
    Many,
    /// `:exec`: nothing.
    Exec,
    /// `:execrows`: the number of rows affected.
    ExecRows,
}

impl Command {
    const ALL: [Command; 4] = [
        Command::One,
        Command::Many,
        Command::Exec,
        Command::ExecRows,
    ];

    /// sqlc's name for it, without the `:`.
    pub fn sqlc_name(self) -> &'static str {
        match self {
            Command::One => "one",
            Command::Many => "many",
            Command::Exec => "exec",
            Command::ExecRows => "execrows",
        }
    }

    fn parse(word: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.sqlc_name() == word)
    }
}

/// A parameter as written: its name (sqlc's, else none yet) and whether it may be NULL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenParam {
    pub name: Option<String>,
    pub nullable: bool,
    /// `sqlc.slice(name)`: an array, compared with `= ANY($n)`.
    pub slice: bool,
}

/// One annotated statement of a query file.
#[derive(Debug, Clone)]
pub struct Annotated {
    pub name: String,
    pub command: Command,
    /// The `-- name:` line.
    pub header: Span,
    /// The statement (without its `;`), as written.
    pub span: Span,
    /// The statement with every parameter as `$n`: the same length where the rewriting
    /// fits, so spans into it are spans into the file.
    pub text: String,
    /// The same statement without the padding: what the generated code runs.
    pub compact: String,
    pub params: Vec<WrittenParam>,
    /// Column overrides: (column, NOT NULL?).
    pub overrides: Vec<(String, bool)>,
}

/// A problem with the annotations, at a span.
#[derive(Debug, Clone)]
pub struct Problem {
    pub span: Span,
    pub message: String,
    pub help: &'static str,
}

/// The annotated statements of a file, and what is wrong with its annotations.
pub fn read(file: FileId, src: &str) -> (Vec<Annotated>, Vec<Problem>) {
    let mut out = vec![];
    let mut problems = vec![];
    let mut comments_from = 0;
    for raw in split::split(src) {
        if raw.kind != RawKind::Sql {
            continue;
        }
        let block_start = comments_from;
        let block = &src[block_start..raw.start];
        comments_from = raw.end;
        let span = Span::new(file, raw.start, raw.end);
        match header(file, block_start, block) {
            Some(Ok(h)) => {
                let (text, compact, params) = rewrite(src, raw.start, raw.end, &raw.tokens);
                out.push(Annotated {
                    name: h.name,
                    command: h.command,
                    header: h.span,
                    span,
                    text,
                    compact,
                    params,
                    overrides: h.overrides,
                });
            }
            Some(Err(p)) => problems.push(p),
            None => problems.push(Problem {
                span: Span::new(file, raw.start, first_line_end(src, raw.start, raw.end)),
                message: "a statement without a `-- name: Name :command` line".into(),
                help: "start each query with a line like `-- name: GetAccount :one`",
            }),
        }
    }
    (out, problems)
}

fn first_line_end(src: &str, start: usize, end: usize) -> usize {
    src[start..end].find('\n').map_or(end, |i| start + i)
}

struct Header {
    name: String,
    command: Command,
    span: Span,
    overrides: Vec<(String, bool)>,
}

/// The last `-- name:` line of the comments before a statement, with the overrides after it.
fn header(file: FileId, at: usize, block: &str) -> Option<Result<Header, Problem>> {
    let mut found: Option<Result<Header, Problem>> = None;
    let mut offset = at;
    for line in block.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        let Some(comment) = trimmed.strip_prefix("--") else {
            continue;
        };
        let comment = comment.trim();
        let lead = line.len() - line.trim_start().len();
        let span = Span::new(file, start + lead, start + lead + trimmed.len());
        if let Some(rest) = comment.strip_prefix("name:") {
            found = Some(name_line(rest, span));
        } else if let Some(Ok(h)) = found.as_mut() {
            if let Some(col) = comment.strip_prefix("@nullable") {
                h.overrides.push((col.trim().to_string(), false));
            } else if let Some(col) = comment.strip_prefix("@not-null") {
                h.overrides.push((col.trim().to_string(), true));
            }
        }
    }
    found
}

fn name_line(rest: &str, span: Span) -> Result<Header, Problem> {
    let mut words = rest.split_whitespace();
    let name = words.next().unwrap_or_default();
    let command = words.next().unwrap_or_default();
    let bad = |message: String, help| Problem {
        span,
        message,
        help,
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(bad(
            format!("`{name}` is not a query name"),
            "a query name is letters, digits and `_`, e.g. `GetAccount`",
        ));
    }
    let Some(cmd) = command.strip_prefix(':').and_then(Command::parse) else {
        return Err(bad(
            format!("query {name}: `{command}` is not a command pgforge generates"),
            "use :one (Option<Row>), :many (Vec<Row>), :exec (()) or :execrows (u64)",
        ));
    };
    Ok(Header {
        name: name.to_string(),
        command: cmd,
        span,
        overrides: vec![],
    })
}

/// One statement on its own (a `query!` literal): named `name`, its parameters rewritten.
pub fn standalone(file: FileId, name: &str, src: &str) -> Annotated {
    let toks = lex::lex(src);
    let end = src.trim_end().trim_end_matches(';').len();
    let (text, compact, params) = rewrite(src, 0, end, &toks);
    Annotated {
        name: name.to_string(),
        command: Command::Many,
        header: Span::new(file, 0, end),
        span: Span::new(file, 0, end),
        text,
        compact,
        params,
        overrides: vec![],
    }
}

/// The statement with sqlc's parameters as `$n` (the same name, the same number).
fn rewrite(
    src: &str,
    start: usize,
    end: usize,
    toks: &[Token],
) -> (String, String, Vec<WrittenParam>) {
    let mut text = src[start..end].to_string();
    let mut compact = text.clone();
    let mut params: Vec<WrittenParam> = vec![];
    // Positional `$n` written by hand count too.
    for t in toks.iter().filter(|t| t.kind == Kind::Param) {
        let n: usize = t.text(src)[1..].parse().unwrap_or(0);
        while params.len() < n {
            params.push(WrittenParam {
                name: None,
                nullable: false,
                slice: false,
            });
        }
    }
    let mut edits: Vec<(usize, usize, String)> = vec![];
    let mut i = 0;
    while i < toks.len() {
        let Some((len, name, kind)) = named_param(src, &toks[i..]) else {
            i += 1;
            continue;
        };
        let n = match params.iter().position(|p| p.name.as_deref() == Some(&name)) {
            Some(k) => k + 1,
            None => {
                params.push(WrittenParam {
                    name: Some(name),
                    nullable: kind == "narg",
                    slice: kind == "slice",
                });
                params.len()
            }
        };
        let (mut from, mut to) = (toks[i].start as usize, toks[i + len - 1].end as usize);
        let mut with = format!("${n}");
        // `IN (sqlc.slice(ids))` compares with every element: `= ANY($n)`.
        if kind == "slice"
            && i >= 2
            && toks[i - 1].is_punct(src, "(")
            && toks[i - 2].is_word(src, "in")
        {
            if let Some(close) = toks.get(i + len).filter(|t| t.is_punct(src, ")")) {
                from = toks[i - 2].start as usize;
                to = close.end as usize;
                with = format!("= ANY(${n})");
            }
        }
        edits.push((from - start, to - start, with));
        i += len;
    }
    for (from, to, with) in edits.into_iter().rev() {
        let pad = (to - from).saturating_sub(with.len());
        text.replace_range(from..to, &format!("{with}{}", " ".repeat(pad)));
        compact.replace_range(from..to, &with);
    }
    (text, compact, params)
}

/// `sqlc.arg(name)` / `sqlc.narg('name')` / `sqlc.slice(name)` (6 tokens) or `@name` (2):
/// its token count, the name and the kind (`arg`, `narg`, `slice`).
fn named_param(src: &str, t: &[Token]) -> Option<(usize, String, &'static str)> {
    if t.len() >= 6
        && t[0].is_word(src, "sqlc")
        && t[1].is_punct(src, ".")
        && t[3].is_punct(src, "(")
        && t[5].is_punct(src, ")")
    {
        let kind = ["arg", "narg", "slice"]
            .into_iter()
            .find(|k| t[2].is_word(src, k))?;
        let name = match t[4].kind {
            Kind::Word => t[4].text(src).to_ascii_lowercase(),
            Kind::String => lex::string_value(&t[4], src),
            Kind::QuotedIdent => t[4].text(src).trim_matches('"').to_string(),
            _ => return None,
        };
        return Some((6, name, kind));
    }
    if t.len() >= 2 && t[0].is_punct(src, "@") && t[1].kind == Kind::Word && t[0].end == t[1].start
    {
        return Some((2, t[1].text(src).to_ascii_lowercase(), "arg"));
    }
    None
}
