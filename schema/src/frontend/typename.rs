//! Read a type name from tokens (`character varying(40)`, `timestamp(3) with time zone`,
//! `"uuid"`, `public.vector(20)`, `int[]`, `varchar(10) ARRAY`, `interval day to second`)
//! into a [`TypeRef`], normalised through `PgType::builtin`.

use super::cursor::{Cursor, Expected, PResult};
use crate::cmd::{ObjName, TypeRef};
use crate::ir::PgType;
use crate::lex::Kind;

const MULTI: &[&[&str]] = &[
    &["double", "precision"],
    &["character", "varying"],
    &["char", "varying"],
    &["bit", "varying"],
    &["national", "character", "varying"],
    &["national", "character"],
    &["national", "char", "varying"],
    &["national", "char"],
];

const INTERVAL_FIELDS: &[&str] = &["year", "month", "day", "hour", "minute", "second"];

/// Types whose grammar rule takes one integer in parentheses (`character '(' Iconst ')'`,
/// `FLOAT '(' Iconst ')'`, …): a second modifier is a syntax error, not a type modifier
/// the type rejects.
const ONE_MODIFIER: &[&str] = &[
    "character",
    "char",
    "varchar",
    "character varying",
    "char varying",
    "nchar",
    "float",
    "time",
    "timestamp",
    "interval",
];

/// A type written with a comma in its modifiers at byte `comma`: refused where its grammar
/// rule allows one modifier.
fn one_modifier(lower: &str, comma: usize) -> PResult<()> {
    if !ONE_MODIFIER.contains(&lower) {
        return Ok(());
    }
    Err(Expected {
        message: format!("expected `)`, found `,` ({lower} takes one modifier)"),
        at: comma,
    })
}

/// Parse a type at the cursor. Returns the type and whether it was written as a serial.
pub fn parse_type(c: &mut Cursor) -> PResult<(TypeRef, bool)> {
    let start_tok = c.pos;
    let mut base: Option<String> = None;
    for m in MULTI {
        if c.is_words(m) {
            c.pos += m.len();
            let joined = m.join(" ");
            base = Some(match joined.as_str() {
                "national character varying" | "national char varying" => {
                    "character varying".into()
                }
                "national character" | "national char" => "character".into(),
                other => other.into(),
            });
            break;
        }
    }
    let mut name_obj: Option<ObjName> = None;
    let mut quoted = false;
    let mut base = match base {
        Some(b) => b,
        None => {
            if c.is_word("setof") {
                return c.err("a type name");
            }
            quoted = c.peek().is_some_and(|t| t.kind == Kind::QuotedIdent);
            let n = c.obj_name()?;
            let b = n.name.clone();
            name_obj = Some(n);
            b
        }
    };
    // Modifiers: (n) or (p, s) or (Point, 4326).
    let lower = base.to_ascii_lowercase();
    let mut mods: Vec<String> = vec![];
    if c.is_punct("(") {
        let (a, b) = c.paren_group()?;
        let keyword = !quoted && name_obj.as_ref().is_none_or(|n| n.schema.is_none());
        if let Some(comma) = c.src[a..b].find(',').filter(|_| keyword) {
            one_modifier(&lower, a + comma)?;
        }
        mods = c.src[a..b]
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
    }
    // time/timestamp [ (p) ] with[out] time zone; interval fields.
    if (lower == "time" || lower == "timestamp")
        && !quoted
        && name_obj.as_ref().is_none_or(|n| n.schema.is_none())
    {
        if c.eat_words(&["with", "time", "zone"]) {
            base = format!("{lower} with time zone");
        } else if c.eat_words(&["without", "time", "zone"]) {
            base = format!("{lower} without time zone");
        }
    }
    if lower == "interval" && !quoted {
        let mut fields = vec![];
        while let Some(t) = c.peek() {
            let w = c.text(t).to_ascii_lowercase();
            if t.kind == Kind::Word && (INTERVAL_FIELDS.contains(&w.as_str()) || w == "to") {
                fields.push(w);
                c.pos += 1;
            } else {
                break;
            }
        }
        if c.is_punct("(") && !fields.is_empty() {
            let (a, b) = c.paren_group()?;
            mods = vec![c.src[a..b].trim().to_string()];
        }
        if !fields.is_empty() {
            base = format!("interval {}", fields.join(" "));
        }
    }
    // Array suffixes: [] / [3] / ARRAY / ARRAY[3].
    let mut dims = 0u32;
    loop {
        if c.is_punct("[") {
            c.pos += 1;
            while c.peek().is_some_and(|t| t.kind == Kind::Number) {
                c.pos += 1;
            }
            c.expect_punct("]")?;
            dims += 1;
        } else if c.is_word("array") {
            c.pos += 1;
            if c.is_punct("[") {
                c.pos += 1;
                while c.peek().is_some_and(|t| t.kind == Kind::Number) {
                    c.pos += 1;
                }
                c.expect_punct("]")?;
            }
            dims += 1;
        } else {
            break;
        }
    }
    if c.pos == start_tok {
        return c.err("a type name");
    }
    let schema = name_obj.as_ref().and_then(|n| n.schema.clone());
    let lookup = base.to_ascii_lowercase();
    // A schema-qualified name is only a builtin when qualified with pg_catalog (or is an
    // extension type we know, such as `extensions.vector`).
    let builtin_ok = match schema.as_deref() {
        None | Some("pg_catalog") => true,
        Some(_) => matches!(lookup.as_str(), "vector" | "citext"),
    };
    let serial = schema.is_none()
        && matches!(
            lookup.as_str(),
            "serial" | "serial4" | "bigserial" | "serial8" | "smallserial" | "serial2"
        );
    let known = if builtin_ok {
        PgType::builtin(if quoted { &base } else { &lookup }, &mods)
    } else {
        None
    };
    let ty = match known {
        Some(t) => TypeRef::Known(if dims > 0 {
            PgType::array_of(t, dims)
        } else {
            t
        }),
        None => {
            let name = name_obj.unwrap_or(ObjName {
                schema: None,
                name: base,
                span: c.span(&c.toks[start_tok]),
            });
            TypeRef::Named {
                name,
                modifiers: mods,
                array_dims: dims,
            }
        }
    };
    Ok((ty, serial))
}

/// Parse a type from a standalone string (used for sqlparser `DataType`s, via their text).
pub fn parse_type_str(text: &str, file: crate::span::FileId) -> Option<(TypeRef, bool)> {
    let toks = crate::lex::lex(text);
    let mut c = Cursor::new(text, &toks, file);
    let r = parse_type(&mut c).ok()?;
    c.done().then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(s: &str) -> String {
        match parse_type_str(s, Default::default()).expect("parses").0 {
            TypeRef::Known(t) => t.to_string(),
            TypeRef::Named {
                name,
                modifiers,
                array_dims,
            } => format!(
                "named {:?}.{} {:?} {}",
                name.schema, name.name, modifiers, array_dims
            ),
        }
    }

    #[test]
    fn types_normalise() {
        assert_eq!(ty("int"), "integer");
        assert_eq!(ty("INTEGER[]"), "integer[]");
        assert_eq!(ty("character varying(40)"), "character varying(40)");
        assert_eq!(
            ty("timestamp(3) with time zone"),
            "timestamp(3) with time zone"
        );
        assert_eq!(ty("timestamptz"), "timestamp with time zone");
        assert_eq!(ty("\"uuid\""), "uuid");
        assert_eq!(ty("varchar(10) ARRAY"), "character varying(10)[]");
        assert_eq!(ty("double precision"), "double precision");
        assert_eq!(ty("interval day to second"), "interval day to second");
        assert_eq!(ty("extensions.vector(384)"), "vector(384)");
        assert_eq!(
            ty("public.mpaa_rating"),
            "named Some(\"public\").mpaa_rating [] 0"
        );
        assert_eq!(
            ty("geography(Point,4326)"),
            "named None.geography [\"Point\", \"4326\"] 0"
        );
        assert_eq!(ty("text[][]"), "text[]");
        assert!(parse_type_str("bigserial", Default::default()).unwrap().1);
    }
}
