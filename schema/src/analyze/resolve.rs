//! Choosing among overloads as PostgreSQL does (`func_get_detail`, `func_select_candidate`,
//! `oper_select_candidate` in its parser): exact match, then implicit coercion, then the most
//! exact matches, the most preferred types, unknown literals resolved to the string category
//! where a candidate takes it, and finally "the unknowns are the known type". Polymorphic
//! arguments (`anyelement`, `anyarray`, `anycompatible`, …) are bound and checked alike.

use super::types::{is_unknown, key, same_type};
use super::Analyzer;
use crate::ir::{PgType, TypeKind};

/// One overload, with its argument list expanded to the call's arity (defaults dropped,
/// variadic spread).
#[derive(Debug, Clone)]
pub struct Candidate {
    pub args: Vec<PgType>,
    pub result: PgType,
    pub set_returning: bool,
    pub strict: bool,
    /// `f` function, `a` aggregate, `w` window, `o` operator.
    pub kind: char,
    /// Result columns of OUT / TABLE parameters.
    pub out: Vec<(String, PgType)>,
    /// A built-in's (or an extension's) volatility from PostgreSQL's catalog: `i`, `s`, `v`.
    /// `None` for the schema's own functions (their inlined bodies decide; `catalog/check.rs`).
    pub volatility: Option<char>,
}

impl Candidate {
    /// This overload expanded to a call's arity: its own argument list is not copied.
    pub fn with_args(&self, args: Vec<PgType>) -> Candidate {
        Candidate {
            args,
            result: self.result.clone(),
            set_returning: self.set_returning,
            strict: self.strict,
            kind: self.kind,
            out: self.out.clone(),
            volatility: self.volatility,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Element,
    Array,
    NonArray,
    Enum,
    Range,
    Multirange,
}

/// (compatible family, role) of a polymorphic pseudo-type.
fn polymorphic(t: &PgType) -> Option<(bool, Role)> {
    let PgType::Pseudo { type_name } = t else {
        return None;
    };
    if type_name == "any" {
        return None;
    }
    let (compat, rest) = match type_name.strip_prefix("anycompatible") {
        Some(r) => (true, r),
        None => (false, type_name.strip_prefix("any")?),
    };
    Some((
        compat,
        match rest {
            "" | "element" => Role::Element,
            "array" => Role::Array,
            "nonarray" => Role::NonArray,
            "enum" => Role::Enum,
            "range" => Role::Range,
            "multirange" => Role::Multirange,
            _ => return None,
        },
    ))
}

/// A pseudo-type whose accepted arguments the analyzer knows: a polymorphic one (checked by
/// binding), `"any"`, and `record` (any row type).
pub fn polymorphic_or_any(t: &PgType) -> bool {
    polymorphic(t).is_some()
        || matches!(t, PgType::Pseudo { type_name } if type_name == "any" || type_name == "record")
}

/// What the polymorphic arguments of a call bound.
#[derive(Debug, Default)]
struct Binding {
    element: Option<PgType>,
    compatible: Vec<Option<PgType>>,
    range: Option<PgType>,
}

const BUILTIN_RANGES: &[(&str, PgType)] = &[
    ("int4range", PgType::Int4),
    ("int8range", PgType::Int8),
    ("daterange", PgType::Date),
];

impl Analyzer<'_> {
    /// The element type of a range (or multirange) type.
    fn range_subtype(&self, t: &PgType) -> Option<PgType> {
        let t = self.base(t);
        if let PgType::User {
            schema, type_name, ..
        } = &t
        {
            if let Some(TypeKind::Range { subtype, .. }) =
                self.user_type(schema, type_name).map(|d| &d.kind)
            {
                return Some(subtype.clone());
            }
            return None;
        }
        let k = key(&t).replace("multirange", "range");
        if let Some((_, s)) = BUILTIN_RANGES.iter().find(|(n, _)| *n == k) {
            return Some(s.clone());
        }
        Some(match k.as_str() {
            "numrange" => PgType::Numeric {
                precision: None,
                scale: None,
            },
            "tsrange" => PgType::Timestamp {
                precision: None,
                tz: false,
            },
            "tstzrange" => PgType::Timestamp {
                precision: None,
                tz: true,
            },
            _ => return None,
        })
    }

    /// Bind the polymorphic arguments; `None` when the actual types cannot fill them.
    fn bind(&self, declared: &[PgType], actual: &[PgType]) -> Option<Binding> {
        let mut b = Binding::default();
        for (d, a) in declared.iter().zip(actual) {
            let Some((compat, role)) = polymorphic(d) else {
                continue;
            };
            if is_unknown(a) {
                continue;
            }
            let a = self.base(a);
            let elem = match role {
                Role::Element | Role::NonArray | Role::Enum => {
                    if role == Role::NonArray && a.is_array() {
                        return None;
                    }
                    if role == Role::Enum && self.category(&a).code != 'E' {
                        return None;
                    }
                    a.without_modifiers()
                }
                Role::Array => match &a {
                    PgType::Array { element, dims } => {
                        if *dims > 1 {
                            PgType::array_of((**element).clone(), dims - 1).without_modifiers()
                        } else {
                            element.without_modifiers()
                        }
                    }
                    _ => return None,
                },
                Role::Range | Role::Multirange => {
                    let multi = key(&a).contains("multirange");
                    if multi != (role == Role::Multirange) {
                        return None;
                    }
                    let s = self.range_subtype(&a)?;
                    if role == Role::Range {
                        b.range = Some(a.without_modifiers());
                    }
                    s
                }
            };
            if compat {
                b.compatible.push(Some(elem));
            } else {
                match &b.element {
                    Some(e) if !super::types::same_type(e, &elem) => return None,
                    _ => b.element = Some(elem),
                }
            }
        }
        if !b.compatible.is_empty() {
            self.common_type(&b.compatible)?;
        }
        Some(b)
    }

    /// Whether every argument goes to the candidate's type implicitly.
    pub fn accepts(&self, c: &Candidate, inputs: &[PgType]) -> bool {
        let plain = c.args.iter().zip(inputs).all(|(d, a)| {
            polymorphic(d).is_some()
                || matches!(d, PgType::Pseudo { type_name } if type_name == "any")
                || self.implicit(a, d)
        });
        plain && self.bind(&c.args, inputs).is_some()
    }

    /// The candidate's result with its polymorphic parts filled in from the inputs.
    pub fn result_of(&self, c: &Candidate, inputs: &[PgType]) -> Option<PgType> {
        let Some((compat, role)) = polymorphic(&c.result) else {
            return Some(c.result.clone());
        };
        let b = self.bind(&c.args, inputs)?;
        let elem = if compat {
            self.common_type(&b.compatible)?
        } else {
            b.element.clone()?
        };
        Some(match role {
            Role::Element | Role::NonArray | Role::Enum => elem,
            Role::Array => PgType::array_of(elem, 1),
            Role::Range => b.range?,
            Role::Multirange => return None,
        })
    }

    /// The type argument `i` of a call of `c` is coerced to: the declared type, or for a
    /// polymorphic one what the other arguments bound it to.
    pub fn argument_type(&self, c: &Candidate, inputs: &[PgType], i: usize) -> Option<PgType> {
        let d = c.args.get(i)?;
        let Some((compat, role)) = polymorphic(d) else {
            let known = !matches!(d, PgType::Pseudo { type_name } if type_name != "record");
            return known.then(|| d.clone());
        };
        let b = self.bind(&c.args, inputs)?;
        let elem = if compat {
            self.common_type(&b.compatible)?
        } else {
            b.element.clone()?
        };
        match role {
            Role::Element | Role::NonArray | Role::Enum => Some(elem),
            Role::Array => Some(PgType::array_of(elem, 1)),
            Role::Range | Role::Multirange => b.range,
        }
    }

    /// The one candidate PostgreSQL would pick for these input types, if it can tell.
    pub fn select<'c>(
        &self,
        cands: impl IntoIterator<Item = &'c Candidate>,
        inputs: &[PgType],
    ) -> Option<Candidate> {
        let cands: Vec<&Candidate> = cands.into_iter().collect();
        let mut exact = cands
            .iter()
            .filter(|c| c.args.iter().zip(inputs).all(|(d, a)| same_type(d, a)));
        if let (Some(one), None) = (exact.next(), exact.next()) {
            return Some((*one).clone());
        }
        let mut cands: Vec<&Candidate> = cands
            .into_iter()
            .filter(|c| self.accepts(c, inputs))
            .collect();
        if cands.len() <= 1 {
            return cands.pop().cloned();
        }
        let base: Vec<PgType> = inputs.iter().map(|t| self.base(t)).collect();
        // The most exact matches at known positions.
        cands = keep_max(cands, |c| {
            c.args
                .iter()
                .zip(&base)
                .filter(|(d, a)| !is_unknown(a) && same_type(d, a))
                .count()
        });
        if cands.len() == 1 {
            return cands.pop().cloned();
        }
        // The most positions where coercion would pick a preferred type of the input's category.
        cands = keep_max(cands, |c| {
            c.args
                .iter()
                .zip(&base)
                .filter(|(d, a)| {
                    !is_unknown(a) && {
                        let (dc, ac) = (self.category(d), self.category(a));
                        same_type(d, a) || (dc.preferred && dc.code == ac.code)
                    }
                })
                .count()
        });
        if cands.len() == 1 {
            return cands.pop().cloned();
        }
        if !base.iter().any(is_unknown) {
            return None;
        }
        if let Some(c) = self.by_unknown_categories(&cands, &base) {
            return Some(c);
        }
        self.unknowns_as_known(&cands, &base)
    }

    /// Resolve unknown-literal positions to a category: the string category where any
    /// candidate takes it there, else the one category all candidates agree on.
    fn by_unknown_categories(&self, cands: &[&Candidate], base: &[PgType]) -> Option<Candidate> {
        let mut wanted = vec![];
        for (i, a) in base.iter().enumerate() {
            if !is_unknown(a) {
                continue;
            }
            let mut cat: Option<(char, bool)> = None;
            let mut conflict = false;
            for c in cands {
                let cc = self.category(&c.args[i]);
                match &mut cat {
                    None => cat = Some((cc.code, cc.preferred)),
                    Some((code, pref)) if *code == cc.code => *pref |= cc.preferred,
                    Some(slot) if cc.code == 'S' => *slot = ('S', cc.preferred),
                    Some(_) => conflict = true,
                }
            }
            let (code, pref) = cat?;
            if conflict && code != 'S' {
                return None;
            }
            wanted.push((i, code, pref));
        }
        let mut left: Vec<&Candidate> = cands
            .iter()
            .copied()
            .filter(|c| {
                wanted.iter().all(|(i, code, pref)| {
                    let cc = self.category(&c.args[*i]);
                    cc.code == *code && (!pref || cc.preferred)
                })
            })
            .collect();
        (left.len() == 1).then(|| left.remove(0).clone())
    }

    /// All known inputs of one type: take the unknowns as that type too.
    fn unknowns_as_known(&self, cands: &[&Candidate], base: &[PgType]) -> Option<Candidate> {
        let known: Vec<&PgType> = base.iter().filter(|t| !is_unknown(t)).collect();
        let first = known.first()?;
        if known.iter().any(|t| !same_type(t, first)) {
            return None;
        }
        let mut left: Vec<&Candidate> = cands
            .iter()
            .copied()
            .filter(|c| {
                base.iter()
                    .zip(&c.args)
                    .all(|(a, d)| !is_unknown(a) || self.implicit(first, d))
            })
            .collect();
        (left.len() == 1).then(|| left.remove(0).clone())
    }
}

fn keep_max(cands: Vec<&Candidate>, score: impl Fn(&Candidate) -> usize) -> Vec<&Candidate> {
    let best = cands.iter().map(|c| score(c)).max().unwrap_or(0);
    cands.into_iter().filter(|c| score(c) == best).collect()
}
