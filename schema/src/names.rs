//! Identifiers as PostgreSQL sees them: unquoted names fold to lower case, quoted ones keep
//! their case. Which keywords need quotes comes from `crate::keywords`.

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
    } else if let Some(inner) = text
        .strip_prefix("U&\"")
        .or_else(|| text.strip_prefix("u&\""))
        .and_then(|t| t.strip_suffix('"'))
    {
        inner.replace("\"\"", "\"")
    } else {
        // PostgreSQL folds ASCII letters only (downcase_identifier); leave other bytes alone.
        text.to_ascii_lowercase()
    }
}

/// Whether `quote_ident` quotes this keyword (every category but unreserved).
pub fn is_reserved(s: &str) -> bool {
    crate::keywords::needs_quotes(s)
}

/// Edit distance between two names, by character: insertions, deletions, substitutions and
/// swaps of two neighbours (`nmae` → `name` is one edit), as rustc counts them.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// The one "did you mean" of pgforge (check, derive): the candidate closest to `name`, the
/// way rustc chooses — within a third of the longer name's length (at least one edit), or,
/// failing that, a candidate that contains `name` or is contained in it (`avatar` →
/// `avatar_url`, `uuid` → `id`). Ties go to the earlier candidate; an exact match is none.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut close: Option<(usize, &'a str)> = None;
    let mut contained: Option<&'a str> = None;
    // The one other name with the same `_suffix` (`author_id` → `owner_id`), if just one.
    let suffix = name
        .rsplit_once('_')
        .map(|(_, s)| s)
        .filter(|s| !s.is_empty());
    let mut same_suffix: Vec<&'a str> = vec![];
    for c in candidates {
        if c == name {
            continue;
        }
        if suffix.is_some_and(|s| c.rsplit_once('_').is_some_and(|(_, cs)| cs == s)) {
            same_suffix.push(c);
        }
        let d = edit_distance(name, c);
        let limit = (name.chars().count().max(c.chars().count()) / 3).max(1);
        if d <= limit && close.is_none_or(|(best, _)| d < best) {
            close = Some((d, c));
        }
        let shorter = name.len().min(c.len());
        if contained.is_none() && shorter >= 2 && (c.contains(name) || name.contains(c)) {
            contained = Some(c);
        }
    }
    let only_same_suffix = match same_suffix.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    close.map(|(_, c)| c).or(only_same_suffix).or(contained)
}

#[cfg(test)]
mod did_you_mean_tests {
    use super::did_you_mean;

    #[test]
    fn close_names_and_prefixes_only() {
        assert_eq!(did_you_mean("contnet", ["content", "id"]), Some("content"));
        assert_eq!(
            did_you_mean("avatar", ["id", "avatar_url"]),
            Some("avatar_url")
        );
        assert_eq!(did_you_mean("zzz", ["id", "content"]), None);
        assert_eq!(did_you_mean("id", ["id"]), None);
        // The closer edit wins over a prefix.
        assert_eq!(did_you_mean("nmae", ["name_full", "name"]), Some("name"));
        // The one column with the same role suffix.
        assert_eq!(
            did_you_mean("author_id", ["id", "owner_id", "title"]),
            Some("owner_id")
        );
        assert_eq!(did_you_mean("author_id", ["owner_id", "org_id"]), None);
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_other_than_unreserved_are_quoted() {
        assert!(is_reserved("user") && !is_reserved("users"));
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Users"), "users");
        assert_eq!(fold("\"Users\""), "Users");
        assert_eq!(fold("\"a\"\"b\""), "a\"b");
        assert_eq!(fold("bıgınt"), "bıgınt");
        let long = format!("\"{}\"", "é".repeat(40));
        assert_eq!(
            fold(&long).len(),
            62,
            "truncated on a character boundary below 64 bytes"
        );
    }
}
