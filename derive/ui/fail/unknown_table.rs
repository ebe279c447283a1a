#[derive(pgforge_derive::Table)]
#[pgforge(table = "public.mesages")]
struct Message {
    id: i64,
}

fn main() {}
