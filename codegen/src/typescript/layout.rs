//! A small port of the document printer that Prettier and oxfmt share (Wadler-style groups
//! that print flat when they fit in the line width, else broken), so pgforge lays out its
//! TypeScript exactly as `supabase gen types` does after running oxfmt (`printWidth: 80`,
//! `semi: false`). Only what the Database type needs is here; `print.rs` builds the
//! documents the way Prettier's TypeScript printer would for the same source.

/// A document: text plus the places where it may break.
#[derive(Debug, Clone)]
pub enum Doc {
    Text(String),
    /// A space when flat, a newline when broken.
    Line,
    /// Nothing when flat, a newline when broken.
    SoftLine,
    /// Always a newline; breaks every enclosing group.
    HardLine,
    Indent(Box<Doc>),
    /// Indent by a number of spaces (Prettier's `align(n)`).
    Align(usize, Box<Doc>),
    /// Printed flat if it fits, else broken; `broken` is set when it must break.
    Group {
        doc: Box<Doc>,
        broken: bool,
    },
    /// Chooses by the mode of the enclosing group.
    IfBreak {
        broken: Box<Doc>,
        flat: Box<Doc>,
    },
    Concat(Vec<Doc>),
}

pub fn text(s: impl Into<String>) -> Doc {
    Doc::Text(s.into())
}

pub fn concat(parts: Vec<Doc>) -> Doc {
    Doc::Concat(parts)
}

pub fn indent(d: Doc) -> Doc {
    Doc::Indent(Box::new(d))
}

pub fn align(n: usize, d: Doc) -> Doc {
    Doc::Align(n, Box::new(d))
}

pub fn if_break(broken: Doc, flat: Doc) -> Doc {
    Doc::IfBreak {
        broken: Box::new(broken),
        flat: Box::new(flat),
    }
}

/// A group; `force` breaks it (Prettier: an object written with a newline after `{`). A hard
/// line or a broken group inside breaks it too, as Prettier's `propagateBreaks` does.
pub fn group(d: Doc, force: bool) -> Doc {
    let broken = force || must_break(&d);
    Doc::Group {
        doc: Box::new(d),
        broken,
    }
}

pub fn join(sep: Doc, items: Vec<Doc>) -> Doc {
    let mut parts = Vec::with_capacity(items.len() * 2);
    for (i, d) in items.into_iter().enumerate() {
        if i > 0 {
            parts.push(sep.clone());
        }
        parts.push(d);
    }
    Doc::Concat(parts)
}

fn must_break(d: &Doc) -> bool {
    match d {
        Doc::HardLine => true,
        Doc::Group { broken, .. } => *broken,
        Doc::Indent(d) | Doc::Align(_, d) => must_break(d),
        Doc::Concat(v) => v.iter().any(must_break),
        Doc::IfBreak { broken, flat } => must_break(broken) || must_break(flat),
        Doc::Text(_) | Doc::Line | Doc::SoftLine => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Break,
    Flat,
}

struct Cmd<'d> {
    indent: usize,
    mode: Mode,
    doc: &'d Doc,
}

/// Print `doc` within `width` columns, every line indented by at least `base` spaces.
pub fn print(doc: &Doc, width: usize, base: usize) -> String {
    let mut out = String::new();
    let mut pos = 0usize;
    let mut cmds = vec![Cmd {
        indent: base,
        mode: Mode::Break,
        doc,
    }];
    while let Some(Cmd {
        indent: ind,
        mode,
        doc,
    }) = cmds.pop()
    {
        match doc {
            Doc::Text(s) => {
                out.push_str(s);
                pos += s.chars().count();
            }
            Doc::Concat(v) => {
                for d in v.iter().rev() {
                    cmds.push(Cmd {
                        indent: ind,
                        mode,
                        doc: d,
                    });
                }
            }
            Doc::Indent(d) => cmds.push(Cmd {
                indent: ind + 2,
                mode,
                doc: d,
            }),
            Doc::Align(n, d) => cmds.push(Cmd {
                indent: ind + n,
                mode,
                doc: d,
            }),
            Doc::Group { doc: d, broken } => {
                let flat = Cmd {
                    indent: ind,
                    mode: Mode::Flat,
                    doc: d,
                };
                let next = match mode {
                    Mode::Flat if !broken => flat,
                    _ if !broken && fits(&flat, &cmds, width as isize - pos as isize) => flat,
                    _ => Cmd {
                        indent: ind,
                        mode: Mode::Break,
                        doc: d,
                    },
                };
                cmds.push(next);
            }
            Doc::IfBreak { broken, flat } => cmds.push(Cmd {
                indent: ind,
                mode,
                doc: if mode == Mode::Break { broken } else { flat },
            }),
            Doc::Line | Doc::SoftLine if mode == Mode::Flat => {
                if matches!(doc, Doc::Line) {
                    out.push(' ');
                    pos += 1;
                }
            }
            Doc::Line | Doc::SoftLine | Doc::HardLine => {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', ind));
                pos = ind;
            }
        }
    }
    out
}

/// Whether `next` printed flat, followed by what is still to print up to the next line
/// break, fits in `width` columns (Prettier's `fits`).
fn fits(next: &Cmd, rest: &[Cmd], mut width: isize) -> bool {
    let mut rest_idx = rest.len();
    let mut stack: Vec<(Mode, &Doc)> = vec![(next.mode, next.doc)];
    while width >= 0 {
        let Some((mode, doc)) = stack.pop() else {
            if rest_idx == 0 {
                return true;
            }
            rest_idx -= 1;
            stack.push((rest[rest_idx].mode, rest[rest_idx].doc));
            continue;
        };
        match doc {
            Doc::Text(s) => width -= s.chars().count() as isize,
            Doc::Concat(v) => stack.extend(v.iter().rev().map(|d| (mode, d))),
            Doc::Indent(d) | Doc::Align(_, d) => stack.push((mode, d)),
            Doc::Group { doc: d, broken } => {
                stack.push((if *broken { Mode::Break } else { mode }, d))
            }
            Doc::IfBreak { broken, flat } => {
                stack.push((mode, if mode == Mode::Break { broken } else { flat }))
            }
            Doc::HardLine => return true,
            Doc::Line | Doc::SoftLine if mode == Mode::Break => return true,
            Doc::Line => width -= 1,
            Doc::SoftLine => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(members: Vec<Doc>, force: bool) -> Doc {
        group(
            concat(vec![
                text("{"),
                indent(concat(vec![
                    Doc::Line,
                    join(
                        concat(vec![if_break(text(""), text(";")), Doc::Line]),
                        members,
                    ),
                ])),
                Doc::Line,
                text("}"),
            ]),
            force,
        )
    }

    #[test]
    fn groups_fit_or_break() {
        let small = obj(vec![text("a: number"), text("b: string")], false);
        assert_eq!(print(&small, 80, 0), "{ a: number; b: string }");
        assert_eq!(print(&small, 10, 0), "{\n  a: number\n  b: string\n}");
        let forced = obj(vec![text("a: number")], true);
        assert_eq!(print(&forced, 80, 0), "{\n  a: number\n}");
        // A broken group inside breaks the outer one.
        let outer = obj(vec![concat(vec![text("x: "), forced])], false);
        assert_eq!(print(&outer, 80, 0), "{\n  x: {\n    a: number\n  }\n}");
    }

    #[test]
    fn what_follows_a_group_counts_toward_its_width() {
        let d = concat(vec![
            text("Returns: "),
            obj(vec![text("a: number")], false),
            text("[] & more text here"),
        ]);
        assert_eq!(
            print(&d, 45, 0),
            "Returns: { a: number }[] & more text here"
        );
        assert_eq!(
            print(&d, 30, 0),
            "Returns: {\n  a: number\n}[] & more text here"
        );
    }
}
