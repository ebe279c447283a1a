//! The one string order Supabase's generator uses: `Intl.Collator("en")` (ICU, English).
//! Names compare first by their primary weights (punctuation < digits < letters, case
//! ignored), then lower case before upper case. The ASCII order below was read from Node's
//! ICU; other characters fall back to code point order after every ASCII letter, which is
//! where ICU puts most of them too (accents are not modelled).

use std::cmp::Ordering;

/// ASCII characters in ICU root order, one primary weight each; a letter's two cases share one.
const ORDER: &str = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";

fn primary(c: char) -> u32 {
    let l = c.to_ascii_lowercase();
    match ORDER.find(l) {
        Some(i) if l.is_ascii() => i as u32,
        _ => 1000 + c as u32,
    }
}

/// `Intl.Collator("en").compare(a, b)` for the names a schema holds.
pub fn compare(a: &str, b: &str) -> Ordering {
    let pa = a.chars().map(primary);
    let pb = b.chars().map(primary);
    pa.cmp(pb).then_with(|| {
        // Tertiary: at the first case difference, lower case sorts first.
        for (x, y) in a.chars().zip(b.chars()) {
            if x != y {
                return x.is_uppercase().cmp(&y.is_uppercase());
            }
        }
        Ordering::Equal
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_node_icu_english() {
        // Sorted by Node 20's `new Intl.Collator("en").compare`.
        let want = [
            "_a", "a", "A", "a b", "a_", "a_b", "a-b", "a1", "a10b", "a2b", "ab", "aB", "Ab", "b",
            "user_id", "user-id", "userid",
        ];
        let mut got = want.to_vec();
        got.reverse();
        got.sort_by(|a, b| compare(a, b));
        assert_eq!(got, want);
    }
}
