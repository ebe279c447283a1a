//! Comparing a field's Rust type with the type pgforge maps a column to, by shape: the last
//! segment of each path with its generic arguments (`chrono::DateTime<chrono::Utc>` and an
//! imported `DateTime<Utc>` are the same shape), so imports and aliases of the path do not
//! matter but the type does.

use quote::ToTokens;

pub fn shape(t: &syn::Type) -> String {
    match t {
        syn::Type::Path(p) if p.qself.is_none() => {
            let Some(last) = p.path.segments.last() else {
                return String::new();
            };
            match &last.arguments {
                syn::PathArguments::AngleBracketed(a) => {
                    let args: Vec<String> = a
                        .args
                        .iter()
                        .map(|g| match g {
                            syn::GenericArgument::Type(t) => shape(t),
                            other => other.to_token_stream().to_string(),
                        })
                        .collect();
                    format!("{}<{}>", last.ident, args.join(", "))
                }
                _ => last.ident.to_string(),
            }
        }
        syn::Type::Group(g) => shape(&g.elem),
        syn::Type::Paren(p) => shape(&p.elem),
        other => other.to_token_stream().to_string(),
    }
}

/// `T` of `Option<T>` (any path ending in `Option`).
pub fn option_inner(t: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(p) = t else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    match &last.arguments {
        syn::PathArguments::AngleBracketed(a) if a.args.len() == 1 => match &a.args[0] {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> String {
        shape(&syn::parse_str(t).unwrap())
    }

    #[test]
    fn shapes_ignore_paths_not_types() {
        assert_eq!(s("chrono::DateTime<chrono::Utc>"), s("DateTime<Utc>"));
        assert_eq!(s("::std::vec::Vec<i32>"), "Vec<i32>");
        assert_ne!(s("Vec<i32>"), s("Vec<i64>"));
        assert_eq!(s("super::super::public::MessageRole"), "MessageRole");
        assert!(option_inner(&syn::parse_str("std::option::Option<String>").unwrap()).is_some());
        assert!(option_inner(&syn::parse_str("String").unwrap()).is_none());
    }
}
