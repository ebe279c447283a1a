#[derive(pgforge_derive::Table)]
#[pgforge(table = "public.messages")]
struct MessagePreview {
    id: i32,
    #[pgforge(column = "created_at")]
    at: chrono::NaiveDateTime,
}

fn main() {}
