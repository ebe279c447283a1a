#[derive(pgforge_derive::Table)]
#[pgforge(table = "public.messages")]
struct MessagePreview {
    id: i64,
    token_count: i32,
}

fn main() {}
