//! The advisor's Supabase Storage rule: a public bucket whose objects anyone may list.

use super::{Context, Hit, Level, Rule};
use crate::ir::{Bucket, Policy, PolicyCommand, QualName};

pub(super) const RULES: &[Rule] = &[Rule {
    name: "public_bucket_allows_listing",
    level: Level::Warn,
    category: "security",
    description: "A public bucket serves its files by URL without any policy; a broad SELECT policy on storage.objects for it (true, or only `bucket_id = '…'`) also lets clients list every file in it, which may expose more than intended.",
    supabase_only: true,
    check: public_bucket_allows_listing,
}];

fn public_bucket_allows_listing(cx: &Context, out: &mut Vec<Hit>) {
    let Some(objects) = cx.schema.table(&QualName::new("storage", "objects")) else {
        return;
    };
    for b in cx.schema.buckets.values().filter(|b| b.public) {
        let broad: Vec<&Policy> = objects.policies.iter().filter(|p| lists(p, b)).collect();
        let Some(first) = broad.first() else {
            continue;
        };
        let names: Vec<&str> = broad.iter().map(|p| p.name.as_str()).collect();
        out.push(Hit {
            span: first.span,
            object: b.id.clone(),
            label: format!("lets clients list public bucket `{}`", b.id),
            message: format!(
                "public bucket `{}` has {} broad SELECT {} on storage.objects ({}), so clients can list all its files",
                b.name,
                broad.len(),
                if broad.len() == 1 { "policy" } else { "policies" },
                names.join(", ")
            ),
            fix: format!("drop the policy: a public bucket's files are served by URL without one; to let users read only their own files, check the owner or the folder (`(storage.foldername(name))[1] = (select auth.uid())::text`) as well as `bucket_id = '{}'`", b.id),
        });
    }
}

/// A permissive SELECT (or ALL) policy for public, anon or authenticated whose USING is
/// missing, always true, or nothing but `bucket_id = '<this bucket>'` (as the advisor reads
/// PostgreSQL's text of it).
fn lists(p: &Policy, b: &Bucket) -> bool {
    let command = matches!(p.command, PolicyCommand::Select | PolicyCommand::All);
    let roles = p
        .roles
        .iter()
        .any(|r| matches!(r.as_str(), "public" | "anon" | "authenticated"));
    if !(p.permissive && command && roles) {
        return false;
    }
    let Some(using) = &p.using else {
        return true;
    };
    let flat: String = using
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\n' | '\t'))
        .collect();
    matches!(flat.as_str(), "true" | "(true)" | "1=1" | "(1=1)") || only_this_bucket(using, &b.id)
}

/// `bucket_id = 'id'`, in any parentheses, with an optional `::type` cast.
fn only_this_bucket(using: &str, id: &str) -> bool {
    let s = using.trim().trim_start_matches(['(', ' ', '\t', '\n']);
    let s = s.trim_end_matches([')', ' ', '\t', '\n']);
    let Some(rest) = strip_word(s, "bucket_id") else {
        return false;
    };
    let Some(rest) = rest.trim_start().strip_prefix('=') else {
        return false;
    };
    let literal = format!("'{}'", id.replace('\'', "''"));
    let Some(rest) = rest.trim_start().strip_prefix(literal.as_str()) else {
        return false;
    };
    let rest = rest.trim_start();
    match rest.strip_prefix("::") {
        None => rest.is_empty(),
        Some(ty) => {
            let ty = ty.trim_start();
            !ty.is_empty()
                && ty
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        }
    }
}

fn strip_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let head = s.get(..word.len())?;
    head.eq_ignore_ascii_case(word).then(|| &s[word.len()..])
}

#[cfg(test)]
mod tests {
    use super::only_this_bucket;

    #[test]
    fn bucket_only_conditions_as_the_advisor_reads_them() {
        for yes in [
            "bucket_id = 'avatars'",
            "(bucket_id = 'avatars'::text)",
            "((bucket_id='avatars'))",
            "BUCKET_ID = 'avatars' :: text",
        ] {
            assert!(only_this_bucket(yes, "avatars"), "{yes}");
        }
        for no in [
            "bucket_id = 'other'",
            "bucket_id = 'avatars' and owner = auth.uid()",
            "'avatars' = bucket_id",
            "bucket_id = 'avatars'::text or true",
            "bucket_ids = 'avatars'",
        ] {
            assert!(!only_this_bucket(no, "avatars"), "{no}");
        }
    }
}
