#[allow(dead_code)]
struct Row {
    id: i64,
    title: String,
}

fn main() {
    let _ = pgforge_derive::query_as!(Row, "select id, title from conversations");
}
