// Relative to the crate trybuild builds (target/tests/trybuild/integration-tests).
#[derive(pgforge_derive::Table)]
#[pgforge(table = "public.notes", migrations = "../../../../derive/ui/broken")]
struct Note {
    id: i64,
}

fn main() {}
