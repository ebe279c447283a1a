//! PostgreSQL's built-in catalog as data: types with their categories, casts, functions and
//! operators of PostgreSQL 18 and of the extensions it ships, extracted from the test server
//! by `data/extract.sql` into `data/builtins.tsv` (`tests/differential.rs` checks the file
//! against the server and rewrites it with `UPDATE_EXPECT=1`). Types are keyed by the name
//! `format_type` prints without modifiers (`integer`, `timestamp with time zone`).
//!
//! The build script (`schema/build.rs`) turns the file into static arrays sorted by name, so
//! a run parses nothing: a lookup is a binary search. The file's lines, tab-separated:
//! `x <extension>` (what follows is that extension's), `t <type> <category> <p|-> <element|->
//! <kind> <origin>`, `c <from> <to> <i|a|e>`, `f <name> <kind> <result> <flags> <v|-> <defaults>
//! <args,…> <out name:type,…> <arg names,…>`, `o <name> <left|-> <right> <result> <flags>`;
//! flags: `t` strict, `R` set-returning, `i`/`s`/`v` volatility.

include!(concat!(env!("OUT_DIR"), "/builtins_data.rs"));

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
    "pg_stat_statements",
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
    /// The input argument types, comma-separated (`args()` splits them).
    pub args: &'static str,
    /// OUT / INOUT / TABLE columns, `name:type` comma-separated (`out()` splits them).
    pub out: &'static str,
    /// The input arguments' names, comma-separated (empty where unnamed), for calls in
    /// named notation: split only when such a call needs them (`arg_name`).
    pub arg_names: &'static str,
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

/// The catalog: a handle on the static arrays.
pub struct Builtins;

pub static BUILTINS: Builtins = Builtins;

/// The rows of a name-sorted array whose key is `name`.
fn named<T>(rows: &'static [T], key: impl Fn(&T) -> &str, name: &str) -> &'static [T] {
    let start = rows.partition_point(|r| key(r) < name);
    let len = rows[start..].partition_point(|r| key(r) == name);
    &rows[start..start + len]
}

impl Func {
    /// The input argument types' keys.
    pub fn args(&self) -> impl Iterator<Item = &'static str> {
        self.args.split(',').filter(|a| !a.is_empty())
    }

    /// The OUT / INOUT / TABLE columns: (name, type key).
    pub fn out(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.out.split(',').filter_map(|p| p.split_once(':'))
    }

    /// The name of input argument `i`, if it has one.
    pub fn arg_name(&self, i: usize) -> Option<&'static str> {
        self.arg_names.split(',').nth(i).filter(|n| !n.is_empty())
    }
}

impl Builtins {
    pub fn type_info(&self, key: &str) -> Option<&'static TypeInfo> {
        named(TYPES, |(n, _)| n, key).first().map(|(_, i)| i)
    }

    /// (source, target) → context: `i` implicit, `a` assignment, `e` explicit.
    pub fn cast(&self, from: &str, to: &str) -> Option<char> {
        CASTS
            .binary_search_by(|((f, t), _)| (*f, *t).cmp(&(from, to)))
            .ok()
            .map(|i| CASTS[i].1)
    }

    /// Every overload of function `name` (built-in or of an extension), in the data's order.
    pub fn funcs(&self, name: &str) -> &'static [Func] {
        named(FUNCS, |f| f.name, name)
    }

    /// Every operator called `name`, in the data's order.
    pub fn opers(&self, name: &str) -> &'static [Oper] {
        named(OPERS, |o| o.name, name)
    }

    /// Every function name, once each, in order.
    pub fn func_names(&self) -> impl Iterator<Item = &'static str> {
        let mut last = "";
        FUNCS.iter().map(|f| f.name).filter(move |n| {
            let new = *n != last;
            last = n;
            new
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_holds_the_core_catalog() {
        let b = &BUILTINS;
        assert_eq!(b.type_info("integer").unwrap().category, 'N');
        assert!(b.type_info("text").unwrap().preferred);
        assert_eq!(b.cast("integer", "bigint"), Some('i'));
        assert_eq!(b.cast("bigint", "integer"), Some('a'));
        let sums: Vec<&str> = b.funcs("sum").iter().map(|f| f.result).collect();
        assert!(sums.contains(&"bigint") && sums.contains(&"numeric"));
        assert!(b
            .opers("->>")
            .iter()
            .any(|o| o.left == Some("jsonb") && o.right == "text"));
        assert!(b.opers("<=>").iter().any(|o| o.origin == Some("vector")));
        assert!(b.funcs("no_such_function").is_empty());
        assert_eq!(b.cast("integer", "no_such_type"), None);
        let names: Vec<&str> = b.func_names().collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]));
    }
}
