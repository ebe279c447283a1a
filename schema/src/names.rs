//! Identifiers as PostgreSQL sees them: unquoted names fold to lower case, quoted ones keep
//! their case. Also PostgreSQL's reserved keywords, for quoting names back.

/// Fold an identifier's source text: `Users` → `users`, `"Users"` → `Users`. Like
/// PostgreSQL, names longer than 63 bytes are truncated (on a character boundary).
pub fn fold(text: &str) -> String {
    let mut s = fold_case(text);
    if s.len() > 63 {
        let mut n = 63;
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        s.truncate(n);
    }
    s
}

fn fold_case(text: &str) -> String {
    if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        inner.replace("\"\"", "\"")
    } else if let Some(inner) = text.strip_prefix("U&\"").or_else(|| text.strip_prefix("u&\"")).and_then(|t| t.strip_suffix('"')) {
        inner.replace("\"\"", "\"")
    } else {
        // PostgreSQL folds ASCII letters only (downcase_identifier); leave other bytes alone.
        text.to_ascii_lowercase()
    }
}

/// PostgreSQL's reserved keywords (and those reserved as type/function names) that
/// `quote_ident` quotes.
const RESERVED: &[&str] = &[
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
    "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce",
    "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
    "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user",
    "dec", "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists",
    "extract", "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest",
    "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout", "int", "integer",
    "intersect", "interval", "into", "is", "isnull", "join", "json", "json_array", "json_arrayagg",
    "json_exists", "json_object", "json_objectagg", "json_query", "json_scalar", "json_serialize",
    "json_table", "json_value", "lateral", "leading", "least", "left", "like", "limit", "localtime",
    "localtimestamp", "merge_action", "national", "natural", "nchar", "none", "normalize", "not", "notnull",
    "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps",
    "overlay", "placing", "position", "precision", "primary", "real", "references", "returning", "right",
    "row", "select", "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric",
    "system_user", "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim",
    "true", "union", "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where",
    "window", "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces",
    "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
];

pub fn is_reserved(s: &str) -> bool {
    RESERVED.binary_search(&s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_list_is_sorted() {
        let mut sorted = RESERVED.to_vec();
        sorted.sort();
        assert_eq!(sorted, RESERVED);
        assert!(is_reserved("user") && !is_reserved("users"));
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Users"), "users");
        assert_eq!(fold("\"Users\""), "Users");
        assert_eq!(fold("\"a\"\"b\""), "a\"b");
        assert_eq!(fold("bıgınt"), "bıgınt");
        let long = format!("\"{}\"", "é".repeat(40));
        assert_eq!(fold(&long).len(), 62, "truncated on a character boundary below 64 bytes");
    }
}
