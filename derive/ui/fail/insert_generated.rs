use generated::public::MessageRole;

#[derive(pgforge_derive::Insert)]
#[pgforge(table = "public.messages")]
struct NewMessage {
    id: i64,
    conversation_id: i64,
    role: MessageRole,
    content: String,
}

fn main() {}
