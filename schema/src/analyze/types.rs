//! Types as the analyzer compares them: the catalog key of a `PgType`, its category and
//! preferred flag (built-in from the data, user-defined from the model), implicit coercion
//! (`can_coerce_type`) and the common type of several (`select_common_type`).

use super::builtins::BUILTINS;
use super::Analyzer;
use crate::ir::{PgType, TypeClass, TypeKind};

/// The `unknown` type of a quoted literal (and of NULL) before context decides.
pub fn unknown() -> PgType {
    PgType::Pseudo {
        type_name: "unknown".into(),
    }
}

pub fn is_unknown(t: &PgType) -> bool {
    matches!(t, PgType::Pseudo { type_name } if type_name == "unknown")
}

/// The name `format_type` prints for `t` without modifiers: the key of the built-in data.
pub fn key(t: &PgType) -> String {
    key_ref(t).into_owned()
}

/// `key`, borrowed where no text has to be built (every type but arrays and user types):
/// category and element lookups run for every operand.
pub fn key_ref(t: &PgType) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow::{Borrowed, Owned};
    match t {
        PgType::Array { element, .. } => Owned(format!("{}[]", key_ref(element))),
        PgType::User {
            schema, type_name, ..
        } => Owned(format!("{schema}.{type_name}")),
        PgType::Other { type_name, .. } => Borrowed(type_name),
        PgType::Pseudo { type_name } if type_name == "any" => Borrowed("\"any\""),
        PgType::Pseudo { type_name } => Borrowed(type_name),
        t => match t.base_name() {
            Some(k) => Borrowed(k),
            None => Owned(t.without_modifiers().to_string()),
        },
    }
}

/// Whether two types have the same `key` (the same type, modifiers aside), without building
/// the keys when the types are equal or plainly different (this runs per candidate).
pub fn same_type(a: &PgType, b: &PgType) -> bool {
    if a == b {
        return true;
    }
    let named = |t: &PgType| {
        matches!(
            t,
            PgType::Other { .. } | PgType::Pseudo { .. } | PgType::User { .. }
        )
    };
    match (a, b) {
        (PgType::Array { element: x, .. }, PgType::Array { element: y, .. }) => same_type(x, y),
        _ if std::mem::discriminant(a) != std::mem::discriminant(b) && !named(a) && !named(b) => {
            false
        }
        _ => key_ref(a) == key_ref(b),
    }
}

/// The `PgType` of a built-in type key (`integer`, `text[]`, `tstzrange`).
pub fn from_key(k: &str) -> PgType {
    if let Some(e) = k.strip_suffix("[]") {
        return PgType::array_of(from_key(e), 1);
    }
    if k == "\"any\"" {
        return PgType::Pseudo {
            type_name: "any".into(),
        };
    }
    if let Some(t) = PgType::builtin(k, &[]) {
        return match t {
            // `bit` without a length in a function's signature means any length.
            PgType::Bit { varying, .. } => PgType::Bit { len: None, varying },
            t => t,
        };
    }
    match BUILTINS.type_info(k) {
        Some(i) if i.kind == 'p' => PgType::Pseudo {
            type_name: k.into(),
        },
        Some(i) if i.origin.is_none() => PgType::Other {
            schema: Some("pg_catalog".into()),
            type_name: k.into(),
            modifiers: vec![],
        },
        _ => PgType::Other {
            schema: None,
            type_name: k.into(),
            modifiers: vec![],
        },
    }
}

/// Category (`typcategory`) and preferred flag of a type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Category {
    pub code: char,
    pub preferred: bool,
}

impl Analyzer<'_> {
    /// The type under a domain (recursively), or the type itself.
    pub fn base(&self, t: &PgType) -> PgType {
        let mut t = t.clone();
        for _ in 0..16 {
            let PgType::User {
                schema,
                type_name,
                class: TypeClass::Domain,
            } = &t
            else {
                break;
            };
            match self.user_type(schema, type_name).map(|d| &d.kind) {
                Some(TypeKind::Domain { base, .. }) => t = base.clone(),
                _ => break,
            }
        }
        t
    }

    pub fn category(&self, t: &PgType) -> Category {
        let t = self.base(t);
        let code = match &t {
            PgType::Array { .. } => 'A',
            PgType::User { class, .. } => match class {
                TypeClass::Enum => 'E',
                TypeClass::Composite | TypeClass::Table => 'C',
                TypeClass::Range => 'R',
                TypeClass::Domain => 'U',
            },
            t => {
                if let Some(i) = BUILTINS.type_info(&key_ref(t)) {
                    return Category {
                        code: i.category,
                        preferred: i.preferred,
                    };
                }
                'U'
            }
        };
        Category {
            code,
            preferred: false,
        }
    }

    /// Whether a value of type `from` is implicitly coerced to `to` (polymorphic targets are
    /// checked by the caller). `unknown` goes anywhere.
    pub fn implicit(&self, from: &PgType, to: &PgType) -> bool {
        if is_unknown(from) {
            return true;
        }
        if same_type(from, to) {
            return true;
        }
        let kt = key(to);
        if kt == "\"any\"" {
            return true;
        }
        let bf = self.base(from);
        if same_type(&bf, to) {
            return true;
        }
        if kt == "record" && self.category(&bf).code == 'C' {
            return true;
        }
        match (&bf, to) {
            (PgType::Array { element: a, .. }, PgType::Array { element: b, .. }) => {
                return self.implicit(a, b) && !matches!(**b, PgType::Pseudo { .. });
            }
            (PgType::Array { .. }, _) | (_, PgType::Array { .. }) => return false,
            _ => {}
        }
        BUILTINS.cast(&key(&bf), &kt) == Some('i')
    }

    /// The first two known inputs `select_common_type` would refuse to match (different
    /// categories), when every type is fully known.
    pub fn category_conflict(&self, types: &[Option<PgType>]) -> Option<(PgType, PgType)> {
        let mut known = vec![];
        for t in types {
            let t = t.as_ref()?;
            if !self.certain(t) {
                return None;
            }
            if !is_unknown(t) {
                known.push(self.base(t));
            }
        }
        let first = known.first()?.clone();
        let mut ptype = first;
        let mut pcat = self.category(&ptype);
        for n in &known[1..] {
            if same_type(n, &ptype) {
                continue;
            }
            let ncat = self.category(n);
            if ncat.code != pcat.code {
                return Some((ptype, n.clone()));
            }
            if !pcat.preferred && self.implicit(&ptype, n) && !self.implicit(n, &ptype) {
                ptype = n.clone();
                pcat = ncat;
            }
        }
        None
    }

    /// PostgreSQL's `select_common_type`: the type CASE, COALESCE, UNION, VALUES and ARRAY
    /// resolve their inputs to. `None` when the inputs have no common type or one is not known.
    pub fn common_type(&self, types: &[Option<PgType>]) -> Option<PgType> {
        let mut known = vec![];
        for t in types {
            let t = t.as_ref()?;
            if !is_unknown(t) {
                known.push(t);
            }
        }
        let Some(first) = known.first() else {
            return Some(PgType::Text);
        };
        if known.iter().all(|t| same_type(t, first)) {
            // Modifiers (`varchar(20)`) survive only when every input has them alike.
            return Some(
                if known.len() == types.len() && known.iter().all(|t| *t == *first) {
                    (*first).clone()
                } else {
                    first.without_modifiers()
                },
            );
        }
        let mut ptype = self.base(first);
        let mut pcat = self.category(&ptype);
        for t in &known[1..] {
            let ntype = self.base(t);
            if same_type(&ntype, &ptype) {
                continue;
            }
            let ncat = self.category(&ntype);
            if ncat.code != pcat.code {
                return None;
            }
            if !pcat.preferred && self.implicit(&ptype, &ntype) && !self.implicit(&ntype, &ptype) {
                ptype = ntype;
                pcat = ncat;
            }
        }
        Some(ptype.without_modifiers())
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;

    /// The borrowed keys are `format_type`'s names, as the formatted ones are.
    #[test]
    fn borrowed_keys_are_the_formatted_names() {
        use PgType::*;
        let types = [
            Bool,
            Int2,
            Int4,
            Int8,
            Float4,
            Float8,
            Numeric {
                precision: Some(10),
                scale: Some(2),
            },
            Money,
            Text,
            Varchar { len: Some(20) },
            Char { len: Some(1) },
            Name,
            Bytea,
            Uuid,
            Date,
            Time {
                precision: Some(3),
                tz: true,
            },
            Time {
                precision: None,
                tz: false,
            },
            Timestamp {
                precision: Some(6),
                tz: true,
            },
            Timestamp {
                precision: None,
                tz: false,
            },
            Interval {
                fields: Some("day".into()),
                precision: None,
            },
            Json,
            Jsonb,
            Inet,
            Bit {
                len: Some(8),
                varying: false,
            },
            Bit {
                len: None,
                varying: true,
            },
            Tsvector,
            Tsquery,
            Oid,
        ];
        for t in types {
            assert_eq!(
                t.base_name(),
                Some(t.without_modifiers().to_string()).as_deref()
            );
        }
    }
}
