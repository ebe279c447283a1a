#[derive(pgforge_derive::Table)]
#[pgforge(table = "public.notes", migrations = "no/such/dir")]
struct Note {
    id: i64,
}

fn main() {}
