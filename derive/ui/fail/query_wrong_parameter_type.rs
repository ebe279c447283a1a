fn main() {
    let id: i64 = 7;
    let _ = pgforge_derive::query!("select slug from tenants where id = $1", id);
}
