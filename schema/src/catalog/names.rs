//! Names PostgreSQL makes up: constraint and index names (`t_pkey`, `t_a_b_key`,
//! `t_col_fkey`, `t_col_check`, `t_col_idx`), truncated to 63 bytes the way it does.

const NAMEDATALEN: usize = 64;

/// PostgreSQL's `makeObjectName(name1, name2, label)`.
pub fn make_object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let overhead = label.len() + 1 + if name2.is_some() { 1 } else { 0 };
    let avail = NAMEDATALEN - 1 - overhead;
    let mut n1 = name1.len();
    let mut n2 = name2.map(str::len).unwrap_or(0);
    while n1 + n2 > avail {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let n1 = clip(name1, n1);
    let mut out = n1.to_string();
    if let Some(n2s) = name2 {
        out.push('_');
        out.push_str(clip(n2s, n2));
    }
    out.push('_');
    out.push_str(label);
    out
}

/// Clip to at most `n` bytes on a character boundary.
fn clip(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// `ChooseConstraintName`/`ChooseRelationName`: the first of name, name1, name2, … not taken.
pub fn choose(
    name1: &str,
    name2: Option<&str>,
    label: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    let mut pass = 0;
    loop {
        let l = if pass == 0 {
            label.to_string()
        } else {
            format!("{label}{pass}")
        };
        let n = make_object_name(name1, name2, &l);
        if !taken(&n) {
            return n;
        }
        pass += 1;
    }
}

/// Column names joined the way PostgreSQL does for generated names (`a_b`).
pub fn join_columns(cols: &[String]) -> String {
    let mut out = String::new();
    for c in cols {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(c);
        if out.len() >= NAMEDATALEN {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_names_match_postgres() {
        assert_eq!(make_object_name("users", None, "pkey"), "users_pkey");
        assert_eq!(
            make_object_name("users", Some("email"), "key"),
            "users_email_key"
        );
        let long = "a".repeat(40);
        let n = make_object_name(&long, Some(&"b".repeat(40)), "fkey");
        assert_eq!(n.len(), 63);
        assert_eq!(n, format!("{}_{}_fkey", "a".repeat(29), "b".repeat(28)));
        assert_eq!(
            choose("t", Some("a"), "check", |n| n == "t_a_check"),
            "t_a_check1"
        );
    }
}
