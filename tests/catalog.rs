//! Table-driven catalog tests: each `fixtures/catalog/<case>.sql` is replayed and the
//! rendered diagnostics plus a dump of the model are compared with `<case>.expected`.
//!
//! A case may hold several migration files, each starting with a line `-- file: NAME`, and
//! options on its first line: `-- options: supabase`.

use integration_tests::{golden, root};
use schema::{build_sql, ir::dump::dump, Options};

fn render(sql: &str) -> String {
    let supabase = sql.lines().next().is_some_and(|l| l.starts_with("-- options:") && l.contains("supabase"));
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
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let b = build_sql(&refs, &Options { supabase: Some(supabase), preludes: vec![] });
    let mut out = b.render(false);
    out.push_str("=== model\n");
    out.push_str(&dump(&b.schema));
    out
}

#[test]
fn catalog_fixtures() {
    let dir = root().join("tests/fixtures/catalog");
    let mut cases: Vec<_> = std::fs::read_dir(&dir).expect("fixtures dir").filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "sql")).collect();
    cases.sort();
    assert!(cases.len() >= 10, "expected the catalog fixtures in {}", dir.display());
    let mut failures = vec![];
    for case in &cases {
        let sql = std::fs::read_to_string(case).expect("read fixture");
        let name = case.file_stem().expect("stem").to_string_lossy().into_owned();
        let actual = render(&sql);
        let result = std::panic::catch_unwind(|| golden(&format!("fixtures/catalog/{name}.expected"), &actual));
        if let Err(e) = result {
            let msg = e.downcast_ref::<String>().cloned().unwrap_or_default();
            failures.push(format!("{name}: {msg}"));
        }
    }
    assert!(failures.is_empty(), "{} fixture(s) differ:\n{}", failures.len(), failures.join("\n"));
}
