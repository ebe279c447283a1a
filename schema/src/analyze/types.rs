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
    match t {
        PgType::Array { element, .. } => format!("{}[]", key(element)),
        PgType::User {
            schema, type_name, ..
        } => format!("{schema}.{type_name}"),
        PgType::Other { type_name, .. } => type_name.clone(),
        PgType::Pseudo { type_name } if type_name == "any" => "\"any\"".into(),
        PgType::Pseudo { type_name } => type_name.clone(),
        t => t.without_modifiers().to_string(),
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
                let k = key(t);
                if let Some(i) = BUILTINS.type_info(&k) {
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
        let (kf, kt) = (key(from), key(to));
        if kf == kt || kt == "\"any\"" {
            return true;
        }
        let bf = self.base(from);
        if key(&bf) == kt {
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
            if key(n) == key(&ptype) {
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
        if known.iter().all(|t| key(t) == key(first)) {
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
            if key(&ntype) == key(&ptype) {
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
