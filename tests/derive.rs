//! The derive crate through the compiler: trybuild compile-fail cases with their `.stderr`,
//! and pass cases for both drivers. The cases use the example schema through the repository's
//! `pgforge.toml`, found from the crate trybuild builds (under `target/`) upwards; with a
//! `CARGO_TARGET_DIR` outside the repository that search cannot find it, and the test says so.

use integration_tests::root;

#[test]
fn ui() {
    if let Some(t) = std::env::var_os("CARGO_TARGET_DIR") {
        let t = std::path::PathBuf::from(t);
        if !t
            .canonicalize()
            .unwrap_or(t)
            .starts_with(root().canonicalize().unwrap())
        {
            integration_tests::skip("CARGO_TARGET_DIR is outside the repository, so the UI cases cannot find its pgforge.toml");
            return;
        }
    }
    let t = trybuild::TestCases::new();
    t.compile_fail("derive-ui/fail/*.rs");
    t.pass("derive-ui/pass/*.rs");
}
