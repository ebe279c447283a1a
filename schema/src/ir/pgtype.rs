//! `PgType`: PostgreSQL types as a typed value, normalised once (`int`/`integer`/`int4` are
//! one type). `Display` prints the canonical spelling PostgreSQL's `format_type` uses.

use serde::Serialize;
use std::fmt;

/// What a user-defined type is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeClass {
    Enum,
    Composite,
    Domain,
    Range,
    /// The row type of a table or view.
    Table,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "name", rename_all = "snake_case")]
pub enum PgType {
    Bool,
    Int2,
    Int4,
    Int8,
    Float4,
    Float8,
    Numeric {
        precision: Option<u32>,
        scale: Option<u32>,
    },
    Money,
    Text,
    Varchar {
        len: Option<u32>,
    },
    Char {
        len: Option<u32>,
    },
    /// The internal `name` type (63-byte identifiers).
    Name,
    Citext,
    Bytea,
    Uuid,
    Date,
    Time {
        precision: Option<u32>,
        tz: bool,
    },
    Timestamp {
        precision: Option<u32>,
        tz: bool,
    },
    Interval {
        fields: Option<String>,
        precision: Option<u32>,
    },
    Json,
    Jsonb,
    Xml,
    Inet,
    Cidr,
    Macaddr,
    Macaddr8,
    Bit {
        len: Option<u32>,
        varying: bool,
    },
    Tsvector,
    Tsquery,
    Oid,
    /// pgvector's `vector(n)`.
    Vector {
        dim: Option<u32>,
    },
    Array {
        element: Box<PgType>,
        dims: u32,
    },
    /// An enum, composite, domain, range or row type defined in the migrations (or built in).
    User {
        schema: String,
        type_name: String,
        class: TypeClass,
    },
    /// A type PostgreSQL or an extension knows that pgforge does not special-case
    /// (`point`, `tstzrange`, `ltree`, `geography(Point,4326)`, …), or that no migration defines.
    Other {
        schema: Option<String>,
        type_name: String,
        modifiers: Vec<String>,
    },
    /// Pseudo-types used by functions: `record`, `void`, `trigger`, `anyelement`, …
    Pseudo {
        type_name: String,
    },
}

impl PgType {
    pub fn array_of(element: PgType, dims: u32) -> PgType {
        match element {
            PgType::Array { element, dims: d } => PgType::Array {
                element,
                dims: d + dims,
            },
            e => PgType::Array {
                element: Box::new(e),
                dims,
            },
        }
    }

    /// The type PostgreSQL gives a numeric literal: `integer` when it fits, else `bigint`,
    /// else (or with a point or exponent) `numeric`.
    pub fn of_number_literal(text: &str) -> PgType {
        if !text.contains(['.', 'e', 'E']) {
            if text.parse::<i32>().is_ok() {
                return PgType::Int4;
            }
            if text.parse::<i64>().is_ok() {
                return PgType::Int8;
            }
        }
        PgType::Numeric {
            precision: None,
            scale: None,
        }
    }

    /// Map a (lower-cased, space-joined) builtin type name with its modifiers.
    /// `None` for names that are not built-in types.
    pub fn builtin(name: &str, mods: &[String]) -> Option<PgType> {
        let n = |i: usize| mods.get(i).and_then(|m| m.trim().parse::<u32>().ok());
        Some(match name {
            "bool" | "boolean" => PgType::Bool,
            "smallint" | "int2" | "smallserial" | "serial2" => PgType::Int2,
            "int" | "integer" | "int4" | "serial" | "serial4" => PgType::Int4,
            "bigint" | "int8" | "bigserial" | "serial8" => PgType::Int8,
            "real" | "float4" => PgType::Float4,
            "double precision" | "float8" => PgType::Float8,
            "float" => match n(0) {
                Some(p) if p <= 24 => PgType::Float4,
                _ => PgType::Float8,
            },
            "numeric" | "decimal" => PgType::Numeric {
                precision: n(0),
                scale: if mods.len() > 1 {
                    n(1)
                } else if mods.len() == 1 {
                    Some(0)
                } else {
                    None
                },
            },
            "money" => PgType::Money,
            "text" => PgType::Text,
            "varchar" | "character varying" | "char varying" => PgType::Varchar { len: n(0) },
            "char" | "character" | "bpchar" => PgType::Char {
                len: n(0).or(if name == "bpchar" { None } else { Some(1) }),
            },
            "name" => PgType::Name,
            "citext" => PgType::Citext,
            "bytea" => PgType::Bytea,
            "uuid" => PgType::Uuid,
            "date" => PgType::Date,
            "time" | "time without time zone" => PgType::Time {
                precision: n(0),
                tz: false,
            },
            "timetz" | "time with time zone" => PgType::Time {
                precision: n(0),
                tz: true,
            },
            "timestamp" | "timestamp without time zone" => PgType::Timestamp {
                precision: n(0),
                tz: false,
            },
            "timestamptz" | "timestamp with time zone" => PgType::Timestamp {
                precision: n(0),
                tz: true,
            },
            "json" => PgType::Json,
            "jsonb" => PgType::Jsonb,
            "xml" => PgType::Xml,
            "inet" => PgType::Inet,
            "cidr" => PgType::Cidr,
            "macaddr" => PgType::Macaddr,
            "macaddr8" => PgType::Macaddr8,
            "bit" => PgType::Bit {
                len: n(0).or(Some(1)),
                varying: false,
            },
            "varbit" | "bit varying" => PgType::Bit {
                len: n(0),
                varying: true,
            },
            "tsvector" => PgType::Tsvector,
            "tsquery" => PgType::Tsquery,
            "oid" => PgType::Oid,
            "vector" => PgType::Vector { dim: n(0) },
            "record" | "void" | "trigger" | "event_trigger" | "anyelement" | "anyarray"
            | "anynonarray" | "anyenum" | "anyrange" | "anymultirange" | "anycompatible"
            | "anycompatiblearray" | "internal" | "cstring" | "language_handler"
            | "fdw_handler" | "index_am_handler" | "tsm_handler" | "table_am_handler" | "any" => {
                PgType::Pseudo {
                    type_name: name.to_string(),
                }
            }
            _ if name.starts_with("interval") => {
                let fields = name
                    .strip_prefix("interval")
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(str::to_string);
                PgType::Interval {
                    fields,
                    precision: n(0),
                }
            }
            "regclass" | "regproc" | "regprocedure" | "regtype" | "regrole" | "regnamespace"
            | "regconfig" | "regdictionary" | "regoper" | "regoperator" | "regcollation"
            | "point" | "line" | "lseg" | "box" | "path" | "polygon" | "circle" | "int4range"
            | "int8range" | "numrange" | "tsrange" | "tstzrange" | "daterange"
            | "int4multirange" | "int8multirange" | "nummultirange" | "tsmultirange"
            | "tstzmultirange" | "datemultirange" | "pg_lsn" | "txid_snapshot" | "pg_snapshot"
            | "xid" | "xid8" | "cid" | "tid" | "aclitem" | "jsonpath" | "refcursor"
            | "int2vector" | "oidvector" | "pg_node_tree" | "unknown" => PgType::Other {
                schema: Some("pg_catalog".into()),
                type_name: name.to_string(),
                modifiers: mods.to_vec(),
            },
            _ => return None,
        })
    }

    /// The type without modifiers (`varchar(10)` → `varchar`), as PostgreSQL stores function
    /// argument and result types.
    pub fn without_modifiers(&self) -> PgType {
        use PgType::*;
        match self {
            Numeric { .. } => Numeric {
                precision: None,
                scale: None,
            },
            Varchar { .. } => Varchar { len: None },
            Char { .. } => Char { len: None },
            Time { tz, .. } => Time {
                precision: None,
                tz: *tz,
            },
            Timestamp { tz, .. } => Timestamp {
                precision: None,
                tz: *tz,
            },
            Interval { .. } => Interval {
                fields: None,
                precision: None,
            },
            Bit { varying, .. } => Bit {
                len: None,
                varying: *varying,
            },
            Vector { .. } => Vector { dim: None },
            Array { element, dims } => Array {
                element: Box::new(element.without_modifiers()),
                dims: *dims,
            },
            Other {
                schema, type_name, ..
            } => Other {
                schema: schema.clone(),
                type_name: type_name.clone(),
                modifiers: vec![],
            },
            t => t.clone(),
        }
    }

    /// The name `format_type` prints for a built-in type without its modifiers (`character
    /// varying`, `timestamp with time zone`); `None` for arrays and named types. `Display`
    /// prints it, then the modifiers.
    pub fn base_name(&self) -> Option<&'static str> {
        use PgType::*;
        Some(match self {
            Bool => "boolean",
            Int2 => "smallint",
            Int4 => "integer",
            Int8 => "bigint",
            Float4 => "real",
            Float8 => "double precision",
            Numeric { .. } => "numeric",
            Money => "money",
            Text => "text",
            Varchar { .. } => "character varying",
            Char { .. } => "character",
            Name => "name",
            Citext => "citext",
            Bytea => "bytea",
            Uuid => "uuid",
            Date => "date",
            Time { tz: true, .. } => "time with time zone",
            Time { tz: false, .. } => "time without time zone",
            Timestamp { tz: true, .. } => "timestamp with time zone",
            Timestamp { tz: false, .. } => "timestamp without time zone",
            Interval { .. } => "interval",
            Json => "json",
            Jsonb => "jsonb",
            Xml => "xml",
            Inet => "inet",
            Cidr => "cidr",
            Macaddr => "macaddr",
            Macaddr8 => "macaddr8",
            Bit { varying: false, .. } => "bit",
            Bit { varying: true, .. } => "bit varying",
            Tsvector => "tsvector",
            Tsquery => "tsquery",
            Oid => "oid",
            Vector { .. } => "vector",
            Array { .. } | User { .. } | Other { .. } | Pseudo { .. } => return None,
        })
    }

    pub fn is_array(&self) -> bool {
        matches!(self, PgType::Array { .. })
    }

    /// The element type of an array, or the type itself.
    pub fn element(&self) -> &PgType {
        match self {
            PgType::Array { element, .. } => element,
            t => t,
        }
    }

    /// Types PostgreSQL can compare for a foreign key without a cast of the referenced side
    /// (same type, or both in one of the usual implicit-cast families).
    pub fn fk_compatible(&self, other: &PgType) -> bool {
        use PgType::*;
        let family = |t: &PgType| -> Option<u8> {
            match t {
                Int2 | Int4 | Int8 | Numeric { .. } | Float4 | Float8 => Some(1),
                Text | Varchar { .. } | Char { .. } | Name | Citext => Some(2),
                Timestamp { .. } | Date => Some(3),
                Time { .. } => Some(4),
                Inet | Cidr => Some(5),
                Bit { .. } => Some(6),
                Json | Jsonb => None,
                _ => None,
            }
        };
        match (self, other) {
            // A type pgforge does not know (an unanalysed query's `unknown`, or a type it does
            // not special-case) is no ground for an error: PostgreSQL is the judge.
            (Pseudo { .. } | Other { .. }, _) | (_, Pseudo { .. } | Other { .. }) => true,
            (Array { element: a, .. }, Array { element: b, .. }) => a.fk_compatible(b),
            (
                User {
                    schema: s1,
                    type_name: n1,
                    ..
                },
                User {
                    schema: s2,
                    type_name: n2,
                    ..
                },
            ) => s1 == s2 && n1 == n2,
            (a, b) if std::mem::discriminant(a) == std::mem::discriminant(b) => true,
            (a, b) => family(a).is_some() && family(a) == family(b),
        }
    }
}

fn prec(p: &Option<u32>) -> String {
    p.map(|p| format!("({p})")).unwrap_or_default()
}

impl fmt::Display for PgType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PgType::*;
        match self {
            Numeric {
                precision: Some(p),
                scale: Some(s),
            } => write!(f, "numeric({p},{s})"),
            Numeric {
                precision: Some(p),
                scale: None,
            } => write!(f, "numeric({p},0)"),
            Varchar { len } => write!(f, "character varying{}", prec(len)),
            Char { len } => write!(f, "character{}", prec(len)),
            Time { precision, tz } => write!(
                f,
                "time{} with{} time zone",
                prec(precision),
                if *tz { "" } else { "out" }
            ),
            Timestamp { precision, tz } => {
                write!(
                    f,
                    "timestamp{} with{} time zone",
                    prec(precision),
                    if *tz { "" } else { "out" }
                )
            }
            Interval { fields, precision } => {
                f.write_str("interval")?;
                if let Some(fl) = fields {
                    write!(f, " {fl}")?;
                }
                write!(f, "{}", prec(precision))
            }
            Bit { len, varying } => write!(
                f,
                "bit{}{}",
                if *varying { " varying" } else { "" },
                prec(len)
            ),
            Vector { dim } => write!(f, "vector{}", prec(dim)),
            Array { element, .. } => write!(f, "{element}[]"),
            User {
                schema, type_name, ..
            } => {
                if schema == "public" || schema == "pg_catalog" {
                    write!(f, "{}", quote_ident(type_name))
                } else {
                    write!(f, "{}.{}", quote_ident(schema), quote_ident(type_name))
                }
            }
            Other {
                schema,
                type_name,
                modifiers,
            } => {
                match schema.as_deref() {
                    Some(s) if s != "public" && s != "pg_catalog" && s != "extensions" => {
                        write!(f, "{}.{}", quote_ident(s), quote_ident(type_name))?
                    }
                    _ => write!(
                        f,
                        "{}",
                        if type_name.contains(' ') {
                            type_name.clone()
                        } else {
                            quote_ident(type_name)
                        }
                    )?,
                }
                if !modifiers.is_empty() {
                    write!(f, "({})", modifiers.join(","))?;
                }
                Ok(())
            }
            Pseudo { type_name } => f.write_str(type_name),
            // The rest have no modifiers to print.
            t => f.write_str(t.base_name().unwrap_or_default()),
        }
    }
}

/// Quote an identifier the way PostgreSQL's `quote_ident` does.
pub fn quote_ident(s: &str) -> String {
    let plain = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$')
        && !crate::names::is_reserved(s);
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('"', "\"\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_normalise() {
        let m = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(PgType::builtin("int", &[]), PgType::builtin("int4", &[]));
        assert_eq!(
            PgType::builtin("timestamptz", &[]).unwrap().to_string(),
            "timestamp with time zone"
        );
        assert_eq!(
            PgType::builtin("character varying", &m(&["40"]))
                .unwrap()
                .to_string(),
            "character varying(40)"
        );
        assert_eq!(
            PgType::builtin("numeric", &m(&["10", "2"]))
                .unwrap()
                .to_string(),
            "numeric(10,2)"
        );
        assert_eq!(PgType::builtin("float", &m(&["10"])), Some(PgType::Float4));
        assert_eq!(
            PgType::builtin("vector", &m(&["1536"]))
                .unwrap()
                .to_string(),
            "vector(1536)"
        );
        assert_eq!(PgType::array_of(PgType::Text, 1).to_string(), "text[]");
        assert_eq!(
            PgType::builtin("char", &[]).unwrap().to_string(),
            "character(1)"
        );
    }
}
