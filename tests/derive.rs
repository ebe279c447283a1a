//! The derive crate through the compiler: trybuild compile-fail cases with their `.stderr`,
//! and pass cases for both drivers. The cases use the example schema through the repository's
//! `pgforge.toml`, named by `PGFORGE_CONFIG` so they find it wherever the target directory is
//! (trybuild builds them under it, which may be outside the repository).

use integration_tests::root;

#[test]
fn ui() {
    // trybuild's cargo inherits this process's environment.
    std::env::set_var("PGFORGE_CONFIG", root().join("pgforge.toml"));
    let t = trybuild::TestCases::new();
    t.compile_fail("derive-ui/fail/*.rs");
    t.pass("derive-ui/pass/*.rs");
}
