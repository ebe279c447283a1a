//! PostgreSQL's keywords and their categories, as its grammar has them (`kwlist.h`, read
//! from the server by `pg_get_keywords()`; `list.rs` is generated and checked against the
//! test server). The category decides where a keyword may be a name:
//!
//! - unreserved: anywhere (`comment`, `action`, `type`, `value`, `version`, `name`, …);
//! - column name: as a column or table name, not as a function or type name (`bigint`, …);
//! - type/function name: as a function or type name, not as a column name (`left`, …);
//! - reserved: only quoted (`select`, `from`, `user`, `order`, …).

mod list;

/// A keyword's category in PostgreSQL's grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Unreserved,
    ColName,
    TypeFuncName,
    Reserved,
}

/// `word` (lower case) as a keyword: its category and whether it may be a column label
/// without `AS`; `None` for a plain identifier.
pub fn lookup(word: &str) -> Option<(Category, bool)> {
    list::KEYWORDS
        .binary_search_by(|(w, _, _)| (*w).cmp(word))
        .ok()
        .map(|i| (list::KEYWORDS[i].1, list::KEYWORDS[i].2))
}

/// Every keyword with its category and bare-label flag, in `pg_get_keywords()` order.
pub fn all() -> impl Iterator<Item = (&'static str, Category, bool)> {
    list::KEYWORDS.iter().copied()
}

/// Whether `quote_ident` quotes `word`: every keyword but the unreserved ones.
pub fn needs_quotes(word: &str) -> bool {
    lookup(word).is_some_and(|(c, _)| c != Category::Unreserved)
}

/// Whether `word` can name a table or column unquoted (unreserved and column-name keywords).
pub fn can_name_relation(word: &str) -> bool {
    !matches!(
        lookup(word),
        Some((Category::Reserved | Category::TypeFuncName, _))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_for_binary_search() {
        let words: Vec<&str> = all().map(|(w, _, _)| w).collect();
        let mut sorted = words.clone();
        sorted.sort_unstable();
        assert_eq!(words, sorted);
    }

    #[test]
    fn categories_follow_the_grammar() {
        assert_eq!(lookup("comment").map(|k| k.0), Some(Category::Unreserved));
        assert_eq!(lookup("bigint").map(|k| k.0), Some(Category::ColName));
        assert_eq!(lookup("left").map(|k| k.0), Some(Category::TypeFuncName));
        assert_eq!(lookup("select").map(|k| k.0), Some(Category::Reserved));
        assert!(needs_quotes("user") && !needs_quotes("users") && !needs_quotes("comment"));
        assert!(can_name_relation("comment") && !can_name_relation("from"));
    }
}
