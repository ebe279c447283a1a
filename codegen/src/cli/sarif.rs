//! `lint --format sarif`: the findings as a SARIF 2.1.0 log (what code-scanning services
//! import): one run, every rule in the tool's `rules` with its level, category and
//! explanation, one result per finding at its file, line and column.

use schema::lint::{Finding, Level};
use schema::Build;
use serde_json::{json, Value};

pub fn sarif(b: &Build, findings: &[Finding]) -> String {
    let rules = schema::lint::rules();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.name,
                "name": r.name,
                "shortDescription": { "text": first_sentence(r.description) },
                "fullDescription": { "text": r.description },
                "defaultConfiguration": { "level": level(r.level) },
                "properties": { "category": r.category, "tags": [r.category] },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let index = rules.iter().position(|r| r.name == f.rule);
            result(b, f, index)
        })
        .collect();
    let log = json!({
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "pgforge",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": descriptors,
            }},
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).expect("serialises")
}

fn result(b: &Build, f: &Finding, rule_index: Option<usize>) -> Value {
    let fix = f
        .diagnostic
        .notes
        .iter()
        .find_map(|n| n.strip_prefix("help: "));
    let text = match fix {
        Some(fix) => format!("{}\nFix: {fix}", f.diagnostic.message),
        None => f.diagnostic.message.clone(),
    };
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.level),
        "message": { "text": text },
        "properties": { "object": f.object, "category": f.category },
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    if let Some((span, _)) = &f.diagnostic.primary {
        let file = b.sources.get(span.file);
        let (line, column) = file.line_col(span.start as usize);
        let (end_line, end_column) = file.line_col(span.end as usize);
        r["locations"] = json!([{ "physicalLocation": {
            "artifactLocation": { "uri": uri(&file.name) },
            "region": {
                "startLine": line,
                "startColumn": column,
                "endLine": end_line,
                "endColumn": end_column.max(1),
            },
        }}]);
    }
    r
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info => "note",
    }
}

fn first_sentence(s: &str) -> &str {
    match s.find(". ") {
        Some(i) => &s[..=i],
        None => s,
    }
}

/// A file name as a URI reference: relative paths stay relative (to the directory pgforge ran
/// in), absolute ones become `file://` URIs; bytes other than unreserved ones and `/` are
/// percent-encoded (Prisma's migration folders may hold spaces).
fn uri(name: &str) -> String {
    let mut out = String::new();
    if name.starts_with('/') {
        out.push_str("file://");
    }
    for b in name.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{first_sentence, uri};

    #[test]
    fn uris_are_encoded_references() {
        assert_eq!(
            uri("prisma/migrations/2024 init/migration.sql"),
            "prisma/migrations/2024%20init/migration.sql"
        );
        assert_eq!(
            uri("/srv/app/001_ünï.sql"),
            "file:///srv/app/001_%C3%BCn%C3%AF.sql"
        );
        assert_eq!(first_sentence("One. Two."), "One.");
    }
}
