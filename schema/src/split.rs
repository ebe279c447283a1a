//! Split one file into top-level statements with byte spans. Quote-, comment- and
//! dollar-quote-aware (via `lex`), keeps `BEGIN ATOMIC … END` bodies whole, turns psql
//! meta-commands into statements of their own and skips `COPY … FROM stdin` data blocks.

use crate::lex::{self, Kind, Token};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawKind {
    /// An SQL statement (without its terminating `;`).
    Sql,
    /// A psql meta-command line such as `\connect db`.
    Meta,
    /// The data lines of a `COPY … FROM stdin`, up to and including `\.`.
    CopyData,
}

/// One statement: its byte range in the file and its tokens.
#[derive(Debug, Clone)]
pub struct RawStatement {
    pub kind: RawKind,
    pub start: usize,
    pub end: usize,
    pub tokens: Vec<Token>,
    /// Whether a `;` ended it (false for the last statement of a file without one).
    pub terminated: bool,
}

impl RawStatement {
    /// Only psql understands it: a meta-command, or a statement using psql variables.
    /// pgforge skips these (W0003), and `verify` leaves them out of what PostgreSQL runs.
    pub fn is_psql_only(&self) -> bool {
        self.kind == RawKind::Meta || self.tokens.iter().any(|t| t.kind == Kind::PsqlVar)
    }
}

pub fn split(src: &str) -> Vec<RawStatement> {
    let mut out = Vec::new();
    let mut offset = 0;
    // Lex in chunks: a COPY data block is not SQL, so lexing restarts after it.
    loop {
        let tokens = lex::lex(&src[offset..]);
        let resume = split_tokens(src, offset, tokens, &mut out);
        match resume {
            Some(next) if next < src.len() => offset = next,
            _ => break,
        }
    }
    out
}

/// Splits tokens (relative to `base`) into statements. Returns the offset to resume lexing
/// at when a COPY data block interrupted the stream.
fn split_tokens(
    src: &str,
    base: usize,
    tokens: Vec<Token>,
    out: &mut Vec<RawStatement>,
) -> Option<usize> {
    let shift = |t: Token| Token {
        start: t.start + base as u32,
        end: t.end + base as u32,
        ..t
    };
    let mut cur: Vec<Token> = Vec::new();
    let mut depth: i32 = 0;
    let mut atomic: i32 = 0;
    let flush = |cur: &mut Vec<Token>, out: &mut Vec<RawStatement>, terminated: bool| {
        if let (Some(f), Some(l)) = (cur.first(), cur.last()) {
            out.push(RawStatement {
                kind: RawKind::Sql,
                start: f.start as usize,
                end: l.end as usize,
                tokens: std::mem::take(cur),
                terminated,
            });
        }
    };
    let mut iter = tokens.into_iter().map(shift).peekable();
    while let Some(t) = iter.next() {
        match t.kind {
            Kind::Meta => {
                flush(&mut cur, out, false);
                depth = 0;
                atomic = 0;
                out.push(RawStatement {
                    kind: RawKind::Meta,
                    start: t.start as usize,
                    end: t.end as usize,
                    tokens: vec![t],
                    terminated: false,
                });
                continue;
            }
            Kind::Punct => {
                let text = t.text(src);
                if text == "(" || text == "[" {
                    depth += 1;
                } else if text == ")" || text == "]" {
                    depth -= 1;
                } else if text == ";" && depth <= 0 && atomic == 0 {
                    let is_copy_stdin = is_copy_from_stdin(src, &cur);
                    flush(&mut cur, out, true);
                    depth = 0;
                    if is_copy_stdin {
                        let data_start = src[t.end as usize..]
                            .find('\n')
                            .map(|p| t.end as usize + p + 1)
                            .unwrap_or(src.len());
                        let data_end = find_copy_end(src, data_start);
                        out.push(RawStatement {
                            kind: RawKind::CopyData,
                            start: data_start,
                            end: data_end,
                            tokens: vec![],
                            terminated: true,
                        });
                        return Some(data_end);
                    }
                    continue;
                }
            }
            Kind::Word => {
                let w = t.text(src);
                if atomic > 0 {
                    if w.eq_ignore_ascii_case("case") {
                        atomic += 1;
                    } else if w.eq_ignore_ascii_case("end") {
                        atomic -= 1;
                    }
                } else if w.eq_ignore_ascii_case("begin")
                    && cur.first().is_some_and(|f| f.is_word(src, "create"))
                    && iter.peek().is_some_and(|n| n.is_word(src, "atomic"))
                {
                    atomic = 1;
                }
            }
            _ => {}
        }
        cur.push(t);
    }
    flush(&mut cur, out, false);
    None
}

fn is_copy_from_stdin(src: &str, toks: &[Token]) -> bool {
    toks.first().is_some_and(|t| t.is_word(src, "copy"))
        && toks
            .windows(2)
            .any(|w| w[0].is_word(src, "from") && w[1].is_word(src, "stdin"))
}

/// End of a COPY data block: just past the line `\.`, or the end of the file.
fn find_copy_end(src: &str, from: usize) -> usize {
    let mut pos = from;
    for line in src[from..].split_inclusive('\n') {
        pos += line.len();
        if line.trim_end_matches(['\n', '\r']) == "\\." {
            return pos;
        }
    }
    src.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<(RawKind, &str)> {
        split(src)
            .iter()
            .map(|s| (s.kind, &src[s.start..s.end]))
            .collect()
    }

    #[test]
    fn splits_on_top_level_semicolons_only() {
        let src = "create function f() returns int as $$ select 1; $$ language sql;\n\
                   insert into t values ('a;b', E'c\\';d'); -- x; y\n/* ; */ select 2";
        assert_eq!(
            texts(src),
            vec![
                (
                    RawKind::Sql,
                    "create function f() returns int as $$ select 1; $$ language sql"
                ),
                (RawKind::Sql, "insert into t values ('a;b', E'c\\';d')"),
                (RawKind::Sql, "select 2"),
            ]
        );
    }

    #[test]
    fn begin_atomic_bodies_stay_whole() {
        let src = "create function f(a int) returns int begin atomic select case when a > 0 then 1 else 2 end; select 3; end; select 4;";
        let t = texts(src);
        assert_eq!(t.len(), 2);
        assert!(t[0].1.ends_with("select 3; end"));
        assert_eq!(t[1].1, "select 4");
    }

    #[test]
    fn meta_commands_and_copy_data() {
        let src = "\\connect db\ncopy t (a) from stdin;\n1\t'unbalanced\n\\.\nselect 1;\n";
        let t = texts(src);
        assert_eq!(t[0], (RawKind::Meta, "\\connect db"));
        assert_eq!(t[1], (RawKind::Sql, "copy t (a) from stdin"));
        assert_eq!(t[2], (RawKind::CopyData, "1\t'unbalanced\n\\.\n"));
        assert_eq!(t[3], (RawKind::Sql, "select 1"));
    }
}
