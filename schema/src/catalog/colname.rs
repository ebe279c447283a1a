//! The name PostgreSQL gives an index column built from an expression, which it then uses to
//! name the index (`CREATE INDEX ON t (lower(email))` → `t_lower_idx`): parse_target.c's
//! `FigureColnameInternal`, as `FigureIndexColname` uses it. A column reference gives its
//! name, a function call the function's name (SQL's special forms the name of the function
//! they become: `TRIM` → `btrim`, `AT TIME ZONE` → `timezone`), a cast its argument's name or
//! else the type's, `CASE` → `case`, `ARRAY[…]` → `array`; anything else (an operator) is
//! unnamed, and the index column is called `expr`.

use crate::lex::{lex, Kind, Token};

/// The index column name for an expression's text, or `None` (PostgreSQL says `expr`).
pub fn figure_index_colname(expr: &str) -> Option<String> {
    let toks: Vec<Token> = lex(expr);
    figure(expr, &toks).map(|(name, _)| name)
}

/// The name and its strength: 2 for a column or function name, 1 for a type or keyword name.
fn figure(src: &str, toks: &[Token]) -> Option<(String, u8)> {
    let toks = strip_parens(src, toks);
    let word = |i: usize| -> Option<String> {
        toks.get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.text(src).to_ascii_lowercase())
    };
    // A top-level `::`, `COLLATE` or `AT TIME ZONE` splits the expression.
    if let Some(i) = top_level(src, toks, |t| t.text(src) == "::") {
        let arg = figure(src, &toks[..i]);
        return match arg {
            Some((n, 2)) => Some((n, 2)),
            _ => type_name(src, &toks[i + 1..]).map(|t| (t, 1)),
        };
    }
    if let Some(i) = top_level(src, toks, |t| t.text(src).eq_ignore_ascii_case("collate")) {
        return figure(src, &toks[..i]);
    }
    let at_time_zone = (1..toks.len()).any(|i| {
        word(i).as_deref() == Some("at")
            && matches!(word(i + 1).as_deref(), Some("time" | "local"))
            && depth_at(src, toks, i) == 0
    });
    if at_time_zone {
        return Some(("timezone".into(), 2));
    }
    if toks.len() == 1 && matches!(toks[0].kind, Kind::Word | Kind::QuotedIdent) {
        // A column, or a SQL value function such as `current_date` (named after itself).
        return Some((crate::names::fold(toks[0].text(src)), 2));
    }
    let first = word(0)?;
    if first == "case" && word(toks.len() - 1).as_deref() == Some("end") {
        return Some(("case".into(), 1));
    }
    if first == "array" && toks.get(1).is_some_and(|t| t.text(src) == "[") {
        return Some(("array".into(), 1));
    }
    if first == "cast" && toks.get(1).is_some_and(|t| t.text(src) == "(") {
        let inner = &toks[2..toks.len() - 1];
        let as_at = top_level(src, inner, |t| t.text(src).eq_ignore_ascii_case("as"))?;
        return match figure(src, &inner[..as_at]) {
            Some((n, 2)) => Some((n, 2)),
            _ => type_name(src, &inner[as_at + 1..]).map(|t| (t, 1)),
        };
    }
    // name[.name…] ( … ) and nothing after it: a function call.
    let mut i = 0;
    while toks.get(i + 1).is_some_and(|t| t.text(src) == ".") && toks.get(i + 2).is_some() {
        i += 2;
    }
    let open = i + 1;
    if toks.get(open).is_some_and(|t| t.text(src) == "(")
        && close_of(src, toks, open) == Some(toks.len() - 1)
    {
        let name = crate::names::fold(toks[i].text(src));
        let args = &toks[open + 1..toks.len() - 1];
        return Some((special_form_function(src, &name, args), 2));
    }
    // A column reference: name[.name…].
    if i + 1 == toks.len()
        && toks
            .iter()
            .step_by(2)
            .all(|t| matches!(t.kind, Kind::Word | Kind::QuotedIdent))
    {
        return Some((crate::names::fold(toks[i].text(src)), 2));
    }
    None
}

/// The function a special form becomes: `TRIM(…)` is `btrim`/`ltrim`/`rtrim`, `COLLATION
/// FOR (…)` is `pg_collation_for`; other names stay.
fn special_form_function(src: &str, name: &str, args: &[Token]) -> String {
    let first = args.first().map(|t| t.text(src).to_ascii_lowercase());
    match (name, first.as_deref()) {
        ("trim", Some("leading")) => "ltrim".into(),
        ("trim", Some("trailing")) => "rtrim".into(),
        ("trim", _) => "btrim".into(),
        _ => name.to_string(),
    }
}

/// The bracket depth at token `i`.
fn depth_at(src: &str, toks: &[Token], i: usize) -> i32 {
    toks[..i].iter().fold(0, |d, t| match t.text(src) {
        "(" | "[" => d + 1,
        ")" | "]" => d - 1,
        _ => d,
    })
}

/// The last name of a type as PostgreSQL's grammar spells it (`int` → `int4`).
fn type_name(src: &str, toks: &[Token]) -> Option<String> {
    let words: Vec<String> = toks
        .iter()
        .take_while(|t| matches!(t.kind, Kind::Word | Kind::QuotedIdent) || t.text(src) == ".")
        .filter(|t| t.text(src) != ".")
        .map(|t| t.text(src).to_ascii_lowercase())
        .collect();
    let joined = words.join(" ");
    let canonical = match joined.as_str() {
        "int" | "integer" => "int4",
        "bigint" => "int8",
        "smallint" => "int2",
        "real" => "float4",
        "float" | "double precision" => "float8",
        "boolean" => "bool",
        "decimal" | "dec" => "numeric",
        "char" | "character" => "bpchar",
        "character varying" | "char varying" => "varchar",
        "timestamp with time zone" => "timestamptz",
        "timestamp without time zone" => "timestamp",
        "time with time zone" => "timetz",
        "time without time zone" => "time",
        _ => return words.last().cloned(),
    };
    Some(canonical.to_string())
}

/// The tokens inside redundant outer parentheses.
fn strip_parens<'t>(src: &str, mut toks: &'t [Token]) -> &'t [Token] {
    while toks.len() >= 2
        && toks[0].text(src) == "("
        && close_of(src, toks, 0) == Some(toks.len() - 1)
    {
        toks = &toks[1..toks.len() - 1];
    }
    toks
}

/// The index of the `)` or `]` that closes the bracket at `open`.
fn close_of(src: &str, toks: &[Token], open: usize) -> Option<usize> {
    let mut depth = 0i32;
    for (i, t) in toks.iter().enumerate().skip(open) {
        match t.text(src) {
            "(" | "[" => depth += 1,
            ")" | "]" => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The first token at bracket depth 0 that `hit` accepts.
fn top_level(src: &str, toks: &[Token], hit: impl Fn(&Token) -> bool) -> Option<usize> {
    let mut depth = 0i32;
    for (i, t) in toks.iter().enumerate() {
        match t.text(src) {
            "(" | "[" => depth += 1,
            ")" | "]" => depth -= 1,
            _ if depth == 0 && hit(t) => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::figure_index_colname as name;

    /// Each case as PostgreSQL 18 named the index (`CREATE INDEX ON t (…)` → `t_<name>_idx`).
    #[test]
    fn names_follow_postgres() {
        let cases = [
            ("lower(a)", Some("lower")),
            ("a::varchar", Some("a")),
            ("b + 1", None),
            ("extract(year from d)", Some("extract")),
            ("at at time zone 'UTC'", Some("timezone")),
            ("coalesce(a, '')", Some("coalesce")),
            ("case when b > 0 then 1 end", Some("case")),
            ("cast(b as text)", Some("b")),
            ("1::int", Some("int4")),
            ("a collate \"C\"", Some("a")),
            ("pg_catalog.lower(a)", Some("lower")),
            ("greatest(b, 1)", Some("greatest")),
            ("a || 'x'", None),
            ("array[b]", Some("array")),
            ("nullif(a, '')", Some("nullif")),
            ("a is null", None),
            ("substring(a from 1 for 2)", Some("substring")),
            ("trim(a)", Some("btrim")),
            ("position('x' in a)", Some("position")),
            ("(a)::text", Some("a")),
            ("a::text::varchar", Some("a")),
            ("'x'::text", Some("text")),
            ("at", Some("at")),
            ("current_date", Some("current_date")),
        ];
        for (expr, want) in cases {
            assert_eq!(name(expr).as_deref(), want, "{expr}");
        }
    }
}
