//! PostgreSQL's built-in catalog as data: types with their categories, casts, functions and
//! operators of PostgreSQL 18 and of the extensions it ships, extracted from the test server
//! by `data/extract.sql` into `data/builtins.tsv` (`tests/differential.rs` checks the file
//! against the server and rewrites it with `UPDATE_EXPECT=1`). Types are keyed by the name
//! `format_type` prints without modifiers (`integer`, `timestamp with time zone`).

use std::collections::HashMap;
use std::sync::LazyLock;

const DATA: &str = include_str!("data/builtins.tsv");

/// The extensions whose objects the data holds, in its order.
pub const EXTENSIONS: &[&str] = &[
    "vector",
    "pg_trgm",
    "citext",
    "ltree",
    "hstore",
    "pgcrypto",
    "uuid-ossp",
    "unaccent",
    "fuzzystrmatch",
    "cube",
    "earthdistance",
    "pg_jsonschema",
    "pg_hashids",
    "intarray",
    "btree_gist",
    "tablefunc",
];

/// Where an object comes from: PostgreSQL itself, or the extension of that name.
pub type Origin = Option<&'static str>;

#[derive(Debug)]
pub struct TypeInfo {
    pub category: char,
    pub preferred: bool,
    /// The element type of a fixed-length "array" type such as `point` or `name` (subscripting).
    pub element: Option<&'static str>,
    /// `b` base, `d` domain, `e` enum, `r` range, `m` multirange, `c` composite, `p` pseudo.
    pub kind: char,
    pub origin: Origin,
}

#[derive(Debug)]
pub struct Func {
    pub name: &'static str,
    /// `f` function, `a` aggregate, `w` window.
    pub kind: char,
    pub result: &'static str,
    pub set_returning: bool,
    pub strict: bool,
    /// `i` immutable, `s` stable, `v` volatile.
    pub volatility: char,
    pub variadic: bool,
    pub defaults: usize,
    pub args: Vec<&'static str>,
    /// OUT / INOUT / TABLE columns: (name, type).
    pub out: Vec<(&'static str, &'static str)>,
    /// The input arguments' names (empty where unnamed), for calls in named notation.
    pub arg_names: Vec<&'static str>,
    pub origin: Origin,
}

#[derive(Debug)]
pub struct Oper {
    pub name: &'static str,
    /// `None` for a prefix operator.
    pub left: Option<&'static str>,
    pub right: &'static str,
    pub result: &'static str,
    pub strict: bool,
    pub volatility: char,
    pub origin: Origin,
}

#[derive(Debug, Default)]
pub struct Builtins {
    pub types: HashMap<&'static str, TypeInfo>,
    /// (source, target) → context: `i` implicit, `a` assignment, `e` explicit.
    pub casts: HashMap<(&'static str, &'static str), char>,
    pub funcs: HashMap<&'static str, Vec<Func>>,
    pub opers: HashMap<&'static str, Vec<Oper>>,
}

pub static BUILTINS: LazyLock<Builtins> = LazyLock::new(|| parse(DATA));

fn flag(s: &str, c: char) -> bool {
    s.contains(c)
}

fn volatility(flags: &str) -> char {
    flags
        .chars()
        .find(|c| matches!(c, 'i' | 's' | 'v'))
        .unwrap_or('v')
}

fn list(s: &'static str) -> Vec<&'static str> {
    if s.is_empty() {
        vec![]
    } else {
        s.split(',').collect()
    }
}

fn out_columns(s: &'static str) -> Vec<(&'static str, &'static str)> {
    list(s)
        .into_iter()
        .filter_map(|p| p.split_once(':'))
        .collect()
}

fn dash(s: &'static str) -> Option<&'static str> {
    (s != "-").then_some(s)
}

/// Parse the data file; a malformed line is skipped (the differential test catches drift).
pub fn parse(data: &'static str) -> Builtins {
    let mut b = Builtins::default();
    let mut origin: Origin = None;
    for line in data.lines() {
        let f: Vec<&'static str> = line.split('\t').collect();
        match (f[0], f.len()) {
            ("x", 2) => origin = Some(f[1]),
            ("t", 7) => {
                b.types.entry(f[1]).or_insert(TypeInfo {
                    category: f[2].chars().next().unwrap_or('U'),
                    preferred: f[3] == "p",
                    element: dash(f[4]),
                    kind: f[5].chars().next().unwrap_or('b'),
                    origin,
                });
            }
            ("c", 4) => {
                b.casts
                    .entry((f[1], f[2]))
                    .or_insert(f[3].chars().next().unwrap_or('e'));
            }
            ("f", 10) => b.funcs.entry(f[1]).or_default().push(Func {
                name: f[1],
                kind: f[2].chars().next().unwrap_or('f'),
                result: f[3],
                set_returning: flag(f[4], 'R'),
                strict: flag(f[4], 't'),
                volatility: volatility(f[4]),
                variadic: f[5] == "v",
                defaults: f[6].parse().unwrap_or(0),
                args: list(f[7]),
                out: out_columns(f[8]),
                arg_names: f[9].split(',').collect(),
                origin,
            }),
            ("o", 6) => b.opers.entry(f[1]).or_default().push(Oper {
                name: f[1],
                left: dash(f[2]),
                right: f[3],
                result: f[4],
                strict: flag(f[5], 't'),
                volatility: volatility(f[5]),
                origin,
            }),
            _ => {}
        }
    }
    b
}

impl Builtins {
    pub fn type_info(&self, key: &str) -> Option<&TypeInfo> {
        self.types.get(key)
    }

    pub fn cast(&self, from: &str, to: &str) -> Option<char> {
        self.casts.get(&(from, to)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_holds_the_core_catalog() {
        let b = &*BUILTINS;
        assert_eq!(b.types["integer"].category, 'N');
        assert!(b.types["text"].preferred);
        assert_eq!(b.cast("integer", "bigint"), Some('i'));
        assert_eq!(b.cast("bigint", "integer"), Some('a'));
        let sums: Vec<&str> = b.funcs["sum"].iter().map(|f| f.result).collect();
        assert!(sums.contains(&"bigint") && sums.contains(&"numeric"));
        assert!(b.opers["->>"]
            .iter()
            .any(|o| o.left == Some("jsonb") && o.right == "text"));
        assert!(b.opers["<=>"].iter().any(|o| o.origin == Some("vector")));
    }
}
