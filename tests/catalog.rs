//! Table-driven catalog tests: each `fixtures/catalog/<case>/input.sql` is replayed and the
//! rendered diagnostics plus a dump of the model are compared with `<case>/expected.txt`.
//!
//! A case may hold several migration files, each starting with a line `-- file: NAME`, and
//! options on its first line: `-- options: supabase`; `-- allow-rule: RULE` lines are
//! `pgforge.toml`'s `[check] allow` entries.

use integration_tests::{case_name, cases, check_each, expect_file};
use schema::{build_sql, ir::dump::dump, Options};

fn render(sql: &str) -> String {
    let supabase = sql
        .lines()
        .next()
        .is_some_and(|l| l.starts_with("-- options:") && l.contains("supabase"));
    let mut files: Vec<(String, String)> = vec![];
    for line in sql.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("-- file: ") {
            files.push((name.trim().to_string(), String::new()));
        } else if let Some(last) = files.last_mut() {
            last.1.push_str(line);
        } else {
            files.push(("migration.sql".into(), line.to_string()));
        }
    }
    let allow = sql
        .lines()
        .filter_map(|l| l.strip_prefix("-- allow-rule: "))
        .map(|r| r.parse().expect("an allow rule"))
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let b = build_sql(
        &refs,
        &Options {
            supabase: Some(supabase),
            allow,
            ..Default::default()
        },
    );
    let mut out = b.render(false);
    out.push_str("=== model\n");
    out.push_str(&dump(&b.schema));
    out
}

#[test]
fn catalog_fixtures() {
    let cases = cases("catalog");
    assert!(cases.len() >= 10, "expected the catalog fixtures");
    check_each(
        &cases,
        |c| case_name(c),
        |dir| {
            let sql = std::fs::read_to_string(dir.join("input.sql")).expect("read input.sql");
            expect_file(&dir.join("expected.txt"), &render(&sql));
        },
    );
}
