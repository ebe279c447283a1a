//! `DO $$ … $$` blocks. sqlparser has no DO at all, yet real projects create enums, schemas
//! and columns inside them. We scan the PL/pgSQL body for the DDL people write there —
//! plain statements, `IF NOT EXISTS (…) THEN <ddl>; END IF;`, `BEGIN <ddl>; EXCEPTION WHEN
//! duplicate_object THEN null; END;`, `EXECUTE '<literal ddl>'` — and replay it. Dynamic SQL
//! (`EXECUTE format(…)`) cannot be seen offline and gets a warning that says so.

use super::cursor::Cursor;
use super::{parse_statement, Cx};
use crate::cmd::Cmd;
use crate::diag::{codes, Diagnostic};
use crate::lex::{self, Kind, Token};
use crate::span::Span;

const DDL_STARTS: &[&str] = &["create", "alter", "drop", "comment", "grant", "revoke"];

pub fn parse(cx: &mut Cx, c: &mut Cursor, span: Span) {
    c.eat_word("do");
    if c.eat_word("language") {
        c.bump();
    }
    let body = match c.bump() {
        Some(t) if matches!(t.kind, Kind::Dollar | Kind::String) => *t,
        _ => {
            cx.out.diagnostics.push(
                Diagnostic::error(
                    codes::SYNTAX,
                    "syntax error: expected the body of the DO block",
                )
                .at(span, "here"),
            );
            return;
        }
    };
    if c.eat_word("language") {
        let lang = c
            .bump()
            .map(|t| lex::string_value(t, cx.src).to_ascii_lowercase());
        if lang.as_deref().is_some_and(|l| l != "plpgsql") {
            cx.push("DO", span, Cmd::NotModelled("DO (non-plpgsql)"));
            return;
        }
    }
    let (base, text) = body_text(cx.src, &body);
    let toks: Vec<Token> = lex::lex(&text)
        .into_iter()
        .map(|t| Token {
            start: t.start + base as u32,
            end: t.end + base as u32,
            ..t
        })
        .collect();
    // Positions are exact when the body's text is the file's text (always for $$ bodies).
    let exact = cx.src.get(base..base + text.len()) == Some(text.as_str());
    let saved_lenient = cx.lenient;
    let found = scan(cx, &toks, &text, base, exact);
    cx.lenient = saved_lenient;
    cx.push(
        "DO",
        span,
        if found {
            Cmd::DoBlock
        } else {
            Cmd::NotModelled("DO")
        },
    );
}

/// The body text and the byte offset of its first character in the file.
fn body_text(src: &str, t: &Token) -> (usize, String) {
    let raw = t.text(src);
    if t.kind == Kind::Dollar {
        let tag_len = raw[1..].find('$').map(|p| p + 2).unwrap_or(2);
        (
            t.start as usize + tag_len,
            raw[tag_len..raw.len() - tag_len].to_string(),
        )
    } else {
        (t.start as usize + 1, lex::string_value(t, src))
    }
}

/// Which BEGIN blocks have an EXCEPTION clause (by token index).
fn blocks_with_handlers(text_of: &dyn Fn(&Token) -> String, toks: &[Token]) -> Vec<usize> {
    let mut stack: Vec<(usize, bool)> = vec![];
    let mut cases = 0usize;
    let mut out = vec![];
    for (i, t) in toks.iter().enumerate() {
        if t.kind != Kind::Word {
            continue;
        }
        let w = text_of(t);
        let next = toks
            .get(i + 1)
            .filter(|n| n.kind == Kind::Word)
            .map(text_of);
        match w.as_str() {
            "begin" => stack.push((i, false)),
            "case" => cases += 1,
            "exception" => {
                if let Some(top) = stack.last_mut() {
                    top.1 = true;
                }
            }
            "end" => match next.as_deref() {
                Some("if") | Some("loop") => {}
                Some("case") => cases = cases.saturating_sub(1),
                _ if cases > 0 => cases -= 1,
                _ => {
                    if let Some((b, has)) = stack.pop() {
                        if has {
                            out.push(b);
                        }
                    }
                }
            },
            _ => {}
        }
    }
    out
}

/// Scan a body; returns whether any DDL was found. `exact` says body offsets are exact.
fn scan(cx: &mut Cx, toks: &[Token], text: &str, base: usize, exact: bool) -> bool {
    let rel = |t: &Token| text[t.start as usize - base..t.end as usize - base].to_ascii_lowercase();
    let handlers = blocks_with_handlers(&rel, toks);
    #[derive(PartialEq)]
    enum Frame {
        /// The condition of the branch we are in.
        If(crate::cmd::Guard),
        Begin(bool),
        Other,
    }
    let mut frames: Vec<Frame> = vec![];
    let mut found = false;
    let mut stmt_start = true;
    let mut i = 0;
    let mut cases = 0usize;
    while i < toks.len() {
        let t = toks[i];
        let w = if t.kind == Kind::Word {
            rel(&t)
        } else {
            String::new()
        };
        let next = toks.get(i + 1).filter(|n| n.kind == Kind::Word).map(&rel);
        if stmt_start && DDL_STARTS.contains(&w.as_str()) {
            // The DDL runs to the next `;` at depth 0.
            let mut depth = 0;
            let mut j = i;
            while j < toks.len() {
                let s = rel(&toks[j]);
                if toks[j].kind == Kind::Punct {
                    match s.as_str() {
                        "(" => depth += 1,
                        ")" => depth -= 1,
                        ";" if depth == 0 => break,
                        _ => {}
                    }
                }
                j += 1;
            }
            let stmt = &toks[i..j];
            let span = Span::new(
                cx.file,
                stmt[0].start as usize,
                stmt[stmt.len() - 1].end as usize,
            );
            let guarded = frames
                .iter()
                .any(|f| matches!(f, Frame::If(_) | Frame::Begin(true)));
            let guards: Vec<crate::cmd::Guard> = frames
                .iter()
                .filter_map(|f| {
                    if let Frame::If(g) = f {
                        Some(g.clone())
                    } else {
                        None
                    }
                })
                .collect();
            if exact {
                let saved = (cx.guarded, cx.guards.clone());
                cx.guarded = saved.0 || guarded;
                cx.guards.extend(guards);
                parse_statement(cx, stmt, span);
                (cx.guarded, cx.guards) = saved;
            } else {
                nested_text(
                    cx,
                    &text[stmt[0].start as usize - base..stmt[stmt.len() - 1].end as usize - base],
                    stmt[0].start as usize,
                    guarded,
                );
            }
            found = true;
            i = j + 1;
            stmt_start = true;
            continue;
        }
        if w == "execute" {
            let lit = toks
                .get(i + 1)
                .filter(|n| matches!(n.kind, Kind::String | Kind::Dollar));
            let ends = toks
                .get(i + 2)
                .is_none_or(|n| n.kind == Kind::Punct && rel(n) == ";");
            match lit {
                Some(l) if ends => {
                    let guarded = frames
                        .iter()
                        .any(|f| matches!(f, Frame::If(_) | Frame::Begin(true)));
                    let saved_guards = cx.guards.clone();
                    cx.guards.extend(frames.iter().filter_map(|f| {
                        if let Frame::If(g) = f {
                            Some(g.clone())
                        } else {
                            None
                        }
                    }));
                    let local = Token {
                        start: l.start - base as u32,
                        end: l.end - base as u32,
                        ..*l
                    };
                    let (vbase, value) = body_text(text, &local);
                    nested_text(cx, &value, vbase + base, guarded);
                    cx.guards = saved_guards;
                    found = true;
                    i += 2;
                    continue;
                }
                _ => {
                    cx.lenient = true;
                    // Find the end of the EXECUTE statement for the label.
                    let end = toks[i..]
                        .iter()
                        .position(|n| n.kind == Kind::Punct && rel(n) == ";")
                        .map(|p| i + p)
                        .unwrap_or(toks.len() - 1);
                    let last = toks[end.saturating_sub(1).max(i)];
                    cx.out.diagnostics.push(
                        Diagnostic::warning(codes::DYNAMIC_SQL, "dynamic SQL in a DO block cannot be seen offline")
                            .at(Span::new(cx.file, t.start as usize, last.end as usize), "this EXECUTE builds its SQL at run time")
                            .note("whatever it creates is missing from the model; write the DDL literally if pgforge should see it")
                            .note("later statements in this block are replayed assuming they succeeded"),
                    );
                }
            }
        }
        // Block structure, for the guard.
        match w.as_str() {
            "if" if !matches!(
                i.checked_sub(1).map(|p| rel(&toks[p])).as_deref(),
                Some("end")
            ) =>
            {
                // The condition runs to THEN at depth 0.
                let then = toks[i + 1..]
                    .iter()
                    .position(|t| t.kind == Kind::Word && rel(t) == "then")
                    .map(|p| i + 1 + p);
                let g = match then {
                    Some(j) if j > i + 1 => super::guard::parse(
                        &text[toks[i + 1].start as usize - base..toks[j - 1].end as usize - base],
                    ),
                    _ => crate::cmd::Guard::Unknown,
                };
                frames.push(Frame::If(g));
            }
            "else" | "elsif" | "elseif" if cases == 0 => {
                // The other branch: the negated condition (ELSIF: not known offline).
                if let Some(p) = frames.iter().rposition(|f| matches!(f, Frame::If(_))) {
                    if let Frame::If(g) = &frames[p] {
                        let flipped = if w == "else" {
                            crate::cmd::Guard::Not(Box::new(g.clone()))
                        } else {
                            crate::cmd::Guard::Unknown
                        };
                        frames[p] = Frame::If(flipped);
                    }
                }
            }
            "begin" => frames.push(Frame::Begin(handlers.contains(&i))),
            "loop"
                if !matches!(
                    i.checked_sub(1).map(|p| rel(&toks[p])).as_deref(),
                    Some("end")
                ) =>
            {
                frames.push(Frame::Other)
            }
            "case"
                if !matches!(
                    i.checked_sub(1).map(|p| rel(&toks[p])).as_deref(),
                    Some("end")
                ) =>
            {
                cases += 1
            }
            "end" => match next.as_deref() {
                Some("if") => {
                    if let Some(p) = frames.iter().rposition(|f| matches!(f, Frame::If(_))) {
                        frames.truncate(p);
                    }
                }
                Some("loop") => {
                    if let Some(p) = frames.iter().rposition(|f| *f == Frame::Other) {
                        frames.truncate(p);
                    }
                }
                Some("case") => cases = cases.saturating_sub(1),
                _ if cases > 0 => cases -= 1,
                _ => {
                    if let Some(p) = frames.iter().rposition(|f| matches!(f, Frame::Begin(_))) {
                        frames.truncate(p);
                    }
                }
            },
            _ => {}
        }
        let s = if t.kind == Kind::Punct {
            rel(&t)
        } else {
            String::new()
        };
        stmt_start = s == ";" || matches!(w.as_str(), "then" | "else" | "loop" | "begin");
        i += 1;
    }
    found
}

/// DDL given as text (an EXECUTE literal, or a body in quotes) whose first byte is at `at` in
/// the file. When the text is the file's text, positions are exact; otherwise (doubled quotes)
/// every span is pointed at `at`.
fn nested_text(cx: &mut Cx, sql: &str, at: usize, guarded: bool) {
    if cx.src.get(at..at + sql.len()) == Some(sql) {
        let saved = cx.guarded;
        cx.guarded = saved || guarded;
        for raw in crate::split::split(sql) {
            if raw.kind == crate::split::RawKind::Sql {
                let toks: Vec<Token> = raw
                    .tokens
                    .iter()
                    .map(|t| Token {
                        start: t.start + at as u32,
                        end: t.end + at as u32,
                        ..*t
                    })
                    .collect();
                let sp = Span::new(cx.file, raw.start + at, raw.end + at);
                parse_statement(cx, &toks, sp);
            }
        }
        cx.guarded = saved;
        return;
    }
    let mut tmp = super::Parsed::default();
    {
        let mut inner = Cx {
            src: sql,
            file: cx.file,
            out: &mut tmp,
            guarded: cx.guarded || guarded,
            lenient: cx.lenient,
            guards: cx.guards.clone(),
            analyze: cx.analyze,
        };
        for raw in crate::split::split(sql) {
            if raw.kind == crate::split::RawKind::Sql {
                let sp = Span::new(cx.file, raw.start, raw.end);
                parse_statement(&mut inner, &raw.tokens, sp);
            }
        }
    }
    let fix = |s: Span| Span::new(s.file, at, at + 1);
    for mut st in tmp.stmts {
        // Inner spans of such a statement point into the literal; the catalog clamps them.
        st.span = fix(st.span);
        cx.out.stmts.push(st);
    }
    for mut d in tmp.diagnostics {
        if let Some((s, _)) = &mut d.primary {
            *s = fix(*s);
        }
        d.secondary.clear();
        cx.out.diagnostics.push(d);
    }
}
