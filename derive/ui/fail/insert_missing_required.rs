#[derive(pgforge_derive::Insert)]
#[pgforge(table = "public.messages")]
struct NewMessage {
    conversation_id: i64,
    content: String,
}

fn main() {}
