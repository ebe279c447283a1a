//! Every Rust name pgforge generates goes through here: snake_case fields and modules,
//! UpperCamelCase types, Rust keywords (`type` → `r#type`; `self`/`Self`/`super`/`crate`,
//! which cannot be raw, → `self_`), names that are not identifiers (`"user-id"`, spaces,
//! non-ASCII, a leading digit), and collisions (`_2`, `_3`, … in order).

/// Keywords usable as raw identifiers.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];
/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Words of a name: split on non-alphanumerics and lower→upper case changes. Non-ASCII
/// letters are written as `uXXXX` so generated code stays ASCII (no confusable-script lints).
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            cur.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() && c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(format!("u{:x}", c as u32));
            prev_lower = false;
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn fix_start(mut s: String) -> String {
    if s.is_empty() {
        s.push('x');
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// `user-id` → `user_id`, `"Created At"` → `created_at`, `type` → `r#type`, `self` → `self_`.
pub fn snake(name: &str) -> String {
    let s = fix_start(words(name).join("_"));
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// `message_role` → `MessageRole`, `"Order Status"` → `OrderStatus`, `self` → `Self_`.
pub fn camel(name: &str) -> String {
    let s: String = words(name)
        .iter()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect();
    // UpperCamelCase names must stay lint-clean (no underscores): a leading digit gets a
    // `V`, and `Self` (which cannot be raw) becomes `SelfValue`.
    let s = if s.is_empty() { "X".to_string() } else { s };
    let s = if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{s}")
    } else {
        s
    };
    if s == "Self" {
        "SelfValue".into()
    } else {
        s
    }
}

/// Make UpperCamelCase names unique in order (`A`, `A2`, `A3`).
pub fn dedupe_camel(names: Vec<String>) -> Vec<String> {
    dedupe_by(names, |n, i| format!("{n}{i}"))
}

/// Make names unique in order, numbering repeats with `numbered(name, n)`.
fn dedupe_by(names: Vec<String>, numbered: impl Fn(&str, usize) -> String) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    names
        .into_iter()
        .map(|n| {
            if seen.insert(n.clone()) {
                return n;
            }
            (2..)
                .map(|i| numbered(&n, i))
                .find(|c| seen.insert(c.clone()))
                .expect("a free name")
        })
        .collect()
}

/// Make snake_case names unique in order (`a`, `a_2`, `a_3`).
pub fn dedupe(names: Vec<String>) -> Vec<String> {
    // `self_` + 2 must be `self_2`, not `self__2` (rustc's snake-case lint).
    dedupe_by(names, |n, i| {
        format!("{}_{i}", n.trim_start_matches("r#").trim_end_matches('_'))
    })
}

/// Parse a generated name into an identifier (raw when it starts with `r#`).
pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => proc_macro2::Ident::new(name, proc_macro2::Span::call_site()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(snake("user-id"), "user_id");
        assert_eq!(snake("Created At"), "created_at");
        assert_eq!(snake("createdAt"), "created_at");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("1st"), "_1st");
        assert_eq!(snake("naïve"), "na_uef_ve");
        assert_eq!(camel("message_role"), "MessageRole");
        assert_eq!(camel("Order Status"), "OrderStatus");
        assert_eq!(camel("self"), "SelfValue");
        assert_eq!(camel("2fa_method"), "V2faMethod");
        assert_eq!(dedupe_camel(vec!["A".into(), "A".into()]), vec!["A", "A2"]);
        assert_eq!(
            dedupe(vec![
                "a".into(),
                "a".into(),
                "r#type".into(),
                "r#type".into()
            ]),
            vec!["a", "a_2", "r#type", "type_2"]
        );
        assert_eq!(
            dedupe(vec!["self_".into(), "self_".into()]),
            vec!["self_", "self_2"]
        );
    }
}
