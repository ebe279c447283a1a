// Relative to the crate trybuild builds (target/tests/trybuild/integration-tests).
fn main() {
    let _ = pgforge_derive::query!(migrations = "../../../../derive/ui/broken", "select id from notes");
}
