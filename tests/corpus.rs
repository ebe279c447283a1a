//! Every case of the shared real-world corpus loads with no panic and no error (warnings
//! only for what is recognised but not modelled), and its `--stats` table and model summary
//! match the golden file, so any regression shows up in review.

use integration_tests::{case_options, corpus, golden};
use schema::build_path;


fn run(case: &str) {
    let Some(dir) = corpus() else { return };
    let path = dir.join(case);
    assert!(path.is_dir(), "corpus case {case} is missing from {}", dir.display());
    let b = build_path(&path, &case_options(case));
    let errors: Vec<String> = b
        .diagnostics
        .iter()
        .filter(|d| d.severity == schema::diag::Severity::Error)
        .map(|d| schema::diag::render_short(d, &b.sources))
        .collect();
    assert!(errors.is_empty(), "{case}: {} error(s):\n{}", errors.len(), errors.join("\n"));
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
    golden(&format!("golden/corpus/{case}.txt"), &out);
}

integration_tests::corpus_tests!(run);
