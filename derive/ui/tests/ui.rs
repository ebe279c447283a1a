//! The derive crate through the compiler: trybuild compile-fail cases with their `.stderr`,
//! and pass cases for both drivers. The cases use the example schema through the repository's
//! `pgforge.toml`, named by `PGFORGE_CONFIG` so they find it wherever the target directory is
//! (trybuild builds them under it, which may be outside the repository).
//!
//! The cases have a crate of their own (`derive/ui`) so trybuild's project builds only what
//! they use (this crate's dev-dependencies), not the integration tests' whole dependency tree.

use std::path::Path;

#[test]
fn ui() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // trybuild's cargo inherits this process's environment: the config, and the workspace's
    // debug-info level (trybuild's own manifest has no profile, so it would build full debug
    // info for every dependency, gigabytes nobody reads).
    std::env::set_var("PGFORGE_CONFIG", root.join("pgforge.toml"));
    std::env::set_var("CARGO_PROFILE_DEV_DEBUG", "line-tables-only");
    let t = trybuild::TestCases::new();
    t.compile_fail("fail/*.rs");
    t.pass("pass/*.rs");
}
