#[derive(pgforge_derive::Table)]
#[pgforge(table = "public.messages")]
struct MessagePreview {
    id: i64,
    contnet: String,
}

fn main() {}
