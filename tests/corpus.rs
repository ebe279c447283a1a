//! Every case of the shared real-world corpus (discovered from its manifest) loads with no
//! panic and no error (warnings only for what is recognised but not modelled; the cases in
//! `known_errors` still have errors, listed in their expected output), and its `--stats`
//! table and model summary match `tests/fixtures/corpus/<case>/expected.txt`.

use integration_tests::{
    case_options, check_each, corpus, corpus_cases, expect_file, known_errors, root,
};
use schema::build_path;

fn run(case: &str) {
    let Some(dir) = corpus() else { return };
    let path = dir.join(case);
    assert!(
        path.is_dir(),
        "corpus case {case} is missing from {}",
        dir.display()
    );
    let b = build_path(&path, &case_options(case));
    let errors: Vec<String> = b
        .diagnostics
        .iter()
        .filter(|d| d.severity == schema::diag::Severity::Error)
        .map(|d| schema::diag::render_short(d, &b.sources))
        .collect();
    if known_errors(case) {
        assert!(
            !errors.is_empty(),
            "{case} now loads without errors: remove it from known_errors in tests/lib.rs"
        );
    } else {
        assert!(
            errors.is_empty(),
            "{case}: {} error(s):\n{}",
            errors.len(),
            errors.join("\n")
        );
    }
    let mut out = format!("# {case}: statement kinds (pgforge check --stats)\n");
    out.push_str(&codegen::summary::render_stats(&b));
    out.push_str("\n# objects in the model\n");
    for (k, n) in codegen::summary::counts(&b.schema) {
        out.push_str(&format!("{k}: {n}\n"));
    }
    out.push_str("\n# warnings by code\n");
    let mut by_code = std::collections::BTreeMap::new();
    for d in &b.diagnostics {
        *by_code.entry(d.code).or_insert(0) += 1;
    }
    for (c, n) in by_code {
        out.push_str(&format!("{c}: {n}\n"));
    }
    if !errors.is_empty() {
        out.push_str(&format!("\n# errors ({})\n", errors.len()));
        for e in errors.iter().take(20) {
            // Paths inside the corpus, not this machine's.
            out.push_str(&e.replace(&dir.display().to_string(), "<corpus>"));
            out.push('\n');
        }
    }
    expect_file(
        &root().join(format!("tests/fixtures/corpus/{case}/expected.txt")),
        &out,
    );
}

#[test]
fn corpus_cases_load_without_errors() {
    check_each(&corpus_cases(), |c| c.clone(), |c| run(c));
}
